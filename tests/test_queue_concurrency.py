"""Picking up at the same moment, with real concurrent requests on PostgreSQL; the audit log's trigger; query counts."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import event, select, text
from sqlalchemy.exc import DBAPIError

from eservice.models import AuditEntry, Household

from .helpers import db, sign_in_staff, staff_token, submit_case


def at_once(app, people: int, request) -> list[int]:
    """Each person in their own thread with their own client and session, released together by a barrier."""
    clients = []
    for n in range(people):
        client = app.test_client()
        sign_in_staff(client, subject=f"worker-{n}", name=f"Handläggare {n}")
        clients.append((client, staff_token(client)))
    barrier = threading.Barrier(people)
    statuses: list[int] = [0] * people

    def run(n: int) -> None:
        client, csrf = clients[n]
        barrier.wait()
        statuses[n] = request(client, csrf).status_code

    threads = [threading.Thread(target=run, args=(n,)) for n in range(people)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return statuses


def test_two_picking_up_the_same_case_at_once_one_wins(postgres_app):
    app = postgres_app
    for _ in range(5):  # a race seen once could be luck: several rounds
        case_id, _ = submit_case(app)
        path = f"/staff/cases/{case_id}/pick-up"
        statuses = at_once(app, 4, lambda c, csrf, path=path: c.post(path, data={"csrf_token": csrf}))
        assert sorted(statuses) == [302, 409, 409, 409]
        with db(app) as session:
            held = session.get(Household, case_id)
            assert held.holder_subject.startswith("worker-")
            entries = session.scalars(select(AuditEntry).where(AuditEntry.household_id == case_id)).all()
            assert [(e.action, e.staff_subject) for e in entries] == [("pick_up", held.holder_subject)]


def test_pick_next_at_once_gives_everyone_a_different_case(postgres_app):
    app = postgres_app
    cases = {submit_case(app)[0] for _ in range(3)}
    statuses = at_once(app, 4, lambda c, csrf: c.post("/staff/pick-next", data={"csrf_token": csrf}))
    assert sorted(statuses) == [302, 302, 302, 404]  # three cases for four people: one finds none waiting
    with db(app) as session:
        holders = [session.get(Household, case_id).holder_subject for case_id in cases]
    assert None not in holders
    assert len(set(holders)) == 3


def test_the_audit_log_refuses_update_and_delete_below_the_application(postgres_app):
    app, client = postgres_app, postgres_app.test_client()
    case_id, _ = submit_case(app)
    sign_in_staff(client)
    client.get(f"/staff/cases/{case_id}/meeting")
    engine = app.extensions["db_engine"]
    for statement in ("UPDATE audit_log SET action = 'change'", "DELETE FROM audit_log"):
        with pytest.raises(DBAPIError, match="append-only"), engine.begin() as connection:
            connection.execute(text(statement))
    with engine.connect() as connection:
        assert connection.execute(text("SELECT action FROM audit_log")).scalars().all() == ["open"]


def test_no_code_in_the_service_updates_or_deletes_audit_entries():
    service = Path(__file__).resolve().parent.parent / "eservice"
    for path in service.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        for forbidden in ("update(AuditEntry", "delete(AuditEntry", "UPDATE audit_log", "DELETE FROM audit_log"):
            assert forbidden not in source, f"{path}: {forbidden}"


def statements_for_queue(app, client) -> int:
    engine = app.extensions["db_engine"]
    count = 0

    def counted(_conn, _cursor, statement, *_args) -> None:
        nonlocal count
        # The browser session's own row is refreshed now and then, by the clock rather than by the rows shown.
        if "web_session" not in statement:
            count += 1

    event.listen(engine, "before_cursor_execute", counted)
    try:
        response = client.get("/staff/")
    finally:
        event.remove(engine, "before_cursor_execute", counted)
    assert response.status_code == 200
    return count


def test_the_queue_costs_the_same_number_of_queries_for_3_and_for_30_cases(app, client):
    sign_in_staff(client, "team_lead")
    for n in range(3):
        case_id, _ = submit_case(app)
        if n == 0:
            client.post(f"/staff/cases/{case_id}/pick-up", data={"csrf_token": staff_token(client)})
    few = statements_for_queue(app, client)
    for _ in range(27):
        submit_case(app)
    many = statements_for_queue(app, client)
    assert few == many
    assert few >= 2  # the cases and the colleagues: a listener that counted nothing would prove nothing
