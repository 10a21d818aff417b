"""The caseworker's queue: units, filters, the due marker, pages, picking up, reassigning and booking the meeting."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from eservice.models import AnswerChange, AuditEntry, CaseEvaluation, CasePlan, Household, SectionConfirmation, aware

from .helpers import db, sign_in_staff, staff_token, submit_case
from .test_access_rules import routes, sample_path


def household(app, case_id: str) -> Household:
    with db(app) as session:
        return session.get(Household, case_id)


def audit_actions(app, case_id: str) -> list[str]:
    with db(app) as session:
        query = select(AuditEntry.action).where(AuditEntry.household_id == case_id).order_by(AuditEntry.id)
        return list(session.scalars(query))


def test_a_submitted_case_goes_to_the_default_unit(app):
    case_id, _ = submit_case(app)
    assert household(app, case_id).unit == "north"  # the first of STAFF_UNITS in the test configuration
    app.config["CASE_DEFAULT_UNIT"] = "south"
    assert household(app, submit_case(app)[0]).unit == "south"


def test_every_staff_route_answers_404_for_another_units_case(app, client):
    south_case, south_ref = submit_case(app, unit="south")
    sign_in_staff(client, "team_lead", "north")
    csrf = staff_token(client)
    case_rules = [r for r in routes(app) if "case_id" in r.arguments]
    assert {"staff.pick_up", "staff.meeting", "staff.reassign_one"} <= {r.endpoint for r in case_rules}
    for rule in case_rules:
        path = sample_path(rule).replace("00000000-0000-0000-0000-000000000000", south_case)
        assert south_case in path
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            data = {"csrf_token": csrf, "colleague": "team_lead-north", "meeting_at": "2030-01-02T10:00"}
            response = client.open(path, method=method, data=data if method == "POST" else None)
            assert response.status_code == 404, (path, method, response.status_code)
    assert south_ref not in client.get("/staff/").get_data(as_text=True)
    # Reassigning many at once leaves another unit's case alone too.
    client.post("/staff/reassign", data={"csrf_token": csrf, "case": south_case, "colleague": "team_lead-north"})
    assert household(app, south_case).holder_subject is None
    assert audit_actions(app, south_case) == []


def test_an_administrator_sees_every_unit(app, client):
    _, north_ref = submit_case(app, unit="north")
    _, south_ref = submit_case(app, unit="south")
    sign_in_staff(client, "administrator", "")
    page = client.get("/staff/").get_data(as_text=True)
    assert north_ref in page
    assert south_ref in page


def test_the_queue_shows_each_case_and_who_is_signed_in(app, client):
    _, reference = submit_case(app)
    sign_in_staff(client, name="Ada Handläggare")
    page = client.get("/staff/").get_data(as_text=True)
    assert "Ada Handläggare" in page
    assert "Norra kontoret" in page
    row = page[page.index(reference) :]
    row = row[: row.index("</tr>")]
    assert "Ja: Arabiska" in row  # the interpreter and its language, from part I
    assert ">3<" in row  # one adult and two children
    assert ">sv<" in row  # the language the free text was written in
    assert "Kod" in row  # came with a code, not an e-ID
    assert "Inskickat" in row
    assert "Ta ärendet" in row


def test_filters_are_in_the_url(app, client):
    now = datetime.now(UTC)
    old, old_ref = submit_case(app, submitted_at=now - timedelta(days=21))
    _, plain_ref = submit_case(app, part1={"interpreter_needed": "no"})
    me = sign_in_staff(client)
    csrf = staff_token(client)
    client.post(f"/staff/cases/{old}/pick-up", data={"csrf_token": csrf})

    def shown(query: str) -> set[str]:
        page = client.get(f"/staff/?{query}").get_data(as_text=True)
        return {ref for ref in (old_ref, plain_ref) if ref in page}

    assert shown("") == {old_ref, plain_ref}
    assert shown("holder=mine") == {old_ref}
    assert shown(f"holder={me.subject}") == {old_ref}
    assert shown("holder=unassigned") == {plain_ref}
    assert shown("state=picked_up") == {old_ref}
    assert shown("state=submitted") == {plain_ref}
    assert shown("interpreter=yes") == {old_ref}
    assert shown("interpreter=no") == {plain_ref}
    assert shown("language=sv") == {old_ref, plain_ref}
    assert shown("language=ar") == set()
    assert shown("waiting_over=10") == {old_ref}
    page = client.get("/staff/?sort=newest").get_data(as_text=True)
    assert page.index(plain_ref) < page.index(old_ref)
    page = client.get("/staff/").get_data(as_text=True)
    assert page.index(old_ref) < page.index(plain_ref)  # longest waiting first


def test_the_due_marker(app, client):
    monday = datetime(2026, 11, 23, 9, tzinfo=UTC)
    app.config["CASE_DUE_WORKING_DAYS"] = 5
    cases = {
        "fresh": submit_case(app, submitted_at=monday + timedelta(days=4))[1],  # on Friday itself
        "near": submit_case(app, submitted_at=monday)[1],  # 4 working days before Friday
        "past": submit_case(app, submitted_at=monday - timedelta(days=3))[1],  # the Friday before: 5
    }
    from eservice.cases import queries

    with app.app_context(), db(app) as session:
        member = sign_in_staff(client)
        page = queries.queue(
            session, member, queries.QueueFilter(), today=monday.date() + timedelta(days=4), due_days=5
        )
    due = {row.reference: row.due for row in page.rows}
    assert due == {cases["fresh"]: "", cases["near"]: "near", cases["past"]: "past"}
    html = client.get("/staff/").get_data(as_text=True)
    assert "Tiden har gått ut" in html


def test_the_queue_is_paginated(app, client):
    references = [submit_case(app)[1] for _ in range(27)]
    sign_in_staff(client)
    first = client.get("/staff/?holder=unassigned").get_data(as_text=True)
    second = client.get("/staff/?holder=unassigned&page=2").get_data(as_text=True)
    on_first = {r for r in references if r in first}
    on_second = {r for r in references if r in second}
    assert len(on_first) == 25
    assert len(on_second) == 2
    assert "Sida 1 av 2" in first
    assert "holder=unassigned" in first[first.index("Nästa sida") - 200 :]  # the filters stay with the page


def test_picking_up_and_the_loser_sees_who_has_it(app, client):
    case_id, _ = submit_case(app)
    sign_in_staff(client, subject="ada", name="Ada")
    response = client.post(f"/staff/cases/{case_id}/pick-up", data={"csrf_token": staff_token(client)})
    assert response.status_code == 302
    held = household(app, case_id)
    assert (held.holder_subject, held.holder_name, held.case_state) == ("ada", "Ada", "picked_up")
    again = client.post(f"/staff/cases/{case_id}/pick-up", data={"csrf_token": staff_token(client)})
    assert again.status_code == 302  # harmless
    other = app.test_client()
    sign_in_staff(other, subject="bo", name="Bo")
    lost = other.post(f"/staff/cases/{case_id}/pick-up", data={"csrf_token": staff_token(other)})
    assert lost.status_code == 409
    assert "Ada har ärendet" in lost.get_data(as_text=True)
    assert household(app, case_id).holder_subject == "ada"
    assert audit_actions(app, case_id) == ["pick_up"]


def test_pick_next_takes_the_oldest_unassigned_case_of_my_unit(app, client):
    now = datetime.now(UTC)
    newer, _ = submit_case(app, submitted_at=now - timedelta(days=1))
    oldest, _ = submit_case(app, submitted_at=now - timedelta(days=5))
    submit_case(app, unit="south", submitted_at=now - timedelta(days=9))
    sign_in_staff(client, subject="ada")
    csrf = staff_token(client)
    assert client.post("/staff/pick-next", data={"csrf_token": csrf}).location.endswith(f"/cases/{oldest}/meeting")
    assert client.post("/staff/pick-next", data={"csrf_token": csrf}).location.endswith(f"/cases/{newer}/meeting")
    assert client.post("/staff/pick-next", data={"csrf_token": csrf}).status_code == 404  # south's is not mine


def test_a_team_lead_reassigns_many_at_once(app, client):
    first, _ = submit_case(app)
    second, _ = submit_case(app)
    worker = app.test_client()
    sign_in_staff(worker, subject="cecilia", name="Cecilia Ek")
    caseworker_csrf = staff_token(worker)
    refused = worker.post("/staff/reassign", data={"csrf_token": caseworker_csrf, "case": first, "colleague": "x"})
    assert refused.status_code == 403
    sign_in_staff(client, "team_lead", subject="lead")
    page = client.get("/staff/").get_data(as_text=True)
    assert "Cecilia Ek" in page  # a colleague who has signed in, chosen by name
    response = client.post(
        "/staff/reassign", data={"csrf_token": staff_token(client), "case": [first, second], "colleague": "cecilia"}
    )
    assert response.status_code == 302
    for case_id in (first, second):
        assert household(app, case_id).holder_name == "Cecilia Ek"
        assert audit_actions(app, case_id) == ["reassign"]
    unknown = client.post("/staff/reassign", data={"csrf_token": staff_token(client), "case": first, "colleague": "x"})
    assert unknown.status_code == 400


def test_booking_the_meeting(app, client):
    case_id, _ = submit_case(app)
    sign_in_staff(client)
    page = client.get(f"/staff/cases/{case_id}/meeting").get_data(as_text=True)
    assert "Amal Haddad" in page
    assert "0701234567" in page
    assert "Ni kan ringa mig" in page  # the safe ways, in the instrument's words
    assert "Ni kan skicka brev" not in page  # not chosen: not safe
    csrf = staff_token(client)
    incomplete = client.post(
        f"/staff/cases/{case_id}/meeting",
        data={"csrf_token": csrf, "meeting_at": "2030-01-02T10:00", "mode": "place", "interpreter_booked": "yes"},
    )
    assert incomplete.status_code == 400
    assert household(app, case_id).case_state == "submitted"
    response = client.post(
        f"/staff/cases/{case_id}/meeting",
        data={
            "csrf_token": csrf,
            "meeting_at": "2030-01-02T10:00",
            "mode": "phone",
            "where": "0701234567",
            "interpreter_booked": "yes",
            "interpreter_language": "Arabiska",
        },
    )
    assert response.status_code == 302
    booked = household(app, case_id)
    assert booked.case_state == "meeting_booked"
    assert (booked.meeting_mode, booked.meeting_where) == ("phone", "0701234567")
    assert (booked.meeting_interpreter_booked, booked.meeting_interpreter_language) == (True, "Arabiska")
    assert aware(booked.meeting_at).astimezone(UTC).hour == 9  # 10:00 in Stockholm in January
    assert audit_actions(app, case_id) == ["open", "open", "book"]  # the failed try showed the page again


def test_the_audit_log_holds_no_answers_and_administrators_filter_it(app, client):
    case_id, reference = submit_case(app)
    sign_in_staff(client, name="Ada")
    client.get(f"/staff/cases/{case_id}/meeting")
    assert client.get("/staff/audit").status_code == 403
    with db(app) as session:
        entry = session.scalars(select(AuditEntry)).one()
    values = " ".join(str(getattr(entry, c.key)) for c in AuditEntry.__table__.columns)
    assert "Haddad" not in values
    assert "0701234567" not in values
    assert entry.request_id not in ("", "-")
    admin = app.test_client()
    sign_in_staff(admin, "administrator", "")
    assert reference in admin.get(f"/staff/audit?reference={reference}").get_data(as_text=True)
    assert reference not in admin.get("/staff/audit?reference=X-NONE").get_data(as_text=True)
    assert reference in admin.get("/staff/audit?staff=ada").get_data(as_text=True)
    assert reference not in admin.get("/staff/audit?on=2001-01-01").get_data(as_text=True)


def test_a_failed_audit_write_fails_the_read(sqlite_app):
    app, client = sqlite_app, sqlite_app.test_client()
    case_id, _ = submit_case(app)
    sign_in_staff(client)
    with app.extensions["db_engine"].begin() as connection:
        connection.exec_driver_sql("DROP TABLE audit_log")
    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = client.get(f"/staff/cases/{case_id}/meeting")
    # SQLite calls a missing table an OperationalError, which the service also gets when the database is away:
    # the "try again in a moment" page (503) then. Either way the case is not shown.
    assert response.status_code in (500, 503)
    assert "Amal Haddad" not in response.get_data(as_text=True)


def test_signing_in_makes_a_known_colleague(app):
    from eservice import create_app
    from eservice.models import StaffMemberRecord

    from .helpers import token

    demo_app = create_app("test", DATABASE_URL=app.config["DATABASE_URL"], STAFF_DEMO_SIGN_IN=True)
    client = demo_app.test_client()
    csrf = token(client.get("/staff/sign-in").get_data(as_text=True))
    assert client.post("/staff/demo-sign-in", data={"csrf_token": csrf, "role": "team_lead"}).status_code == 302
    with db(app) as session:
        known = session.get(StaffMemberRecord, "demo-team-lead")
        assert (known.name, known.role, known.unit) == ("Demo Gruppledare", "team_lead", "north")
    demo_app.extensions["db_engine"].dispose()


def test_the_demo_data_fills_every_state_in_each_unit(app):
    from eservice.demo import load_demo_data
    from eservice.models import CaseState, Status

    with app.app_context():
        load_demo_data()
    with db(app) as session:
        cases = session.scalars(select(Household).where(Household.status == Status.SUBMITTED)).all()
    for unit in ("north", "south"):
        assert {c.case_state for c in cases if c.unit == unit} == {state.value for state in CaseState}
    assert any(c.holder_subject == "demo-caseworker" for c in cases)  # the demo sign-in finds cases of its own
    with db(app) as session:
        held = [c.id for c in cases if c.case_state == "meeting_held"]
        changes = session.scalars(select(AnswerChange).where(AnswerChange.household_id.in_(held))).all()
        confirmed = session.scalars(select(SectionConfirmation).where(SectionConfirmation.household_id.in_(held)))
        assert len(changes) == 2  # one per unit: a held meeting shows an answer changed beside the original
        assert len(confirmed.all()) >= 4
    with db(app) as session:
        assert len(session.scalars(select(CasePlan)).all()) == 4  # a plan in a held and in a closed case, per unit
        assert len(session.scalars(select(CaseEvaluation)).all()) == 2
    lead = app.test_client()
    sign_in_staff(lead, "team_lead", "north")
    assert "Försenad" in lead.get("/staff/").get_data(as_text=True)  # the held meeting's plan waits for its follow-up


def test_a_couple_is_one_row_in_the_queue(app, client):
    """Both adults send a submission; the queue reads part I from adult 1's (the partner's holds JSON null there)."""
    from eservice import demo
    from eservice.db import db_session

    with app.test_request_context():
        household = demo.submitted_household(db_session(), {}, couple=True)
        household.unit = "north"
        db_session().commit()
        reference = household.reference
    sign_in_staff(client)
    html = client.get("/staff/").get_data(as_text=True)
    assert html.count(f">{reference}<") == 1


def test_cases_sent_before_the_queue_columns_get_them_from_part_one(app):
    """Migration 0012 reads the queue's language, interpreter and children from adult 1's part I as sent."""
    from alembic import command

    from eservice.cli import alembic_config

    case_id, _ = submit_case(app, part1={"interpreter_needed": "yes_me", "children_count": 3})
    app.extensions["db_engine"].dispose()
    config = alembic_config(app.config["DATABASE_URL"])
    command.downgrade(config, "0011")
    command.upgrade(config, "head")
    with db(app) as session:
        household = session.get(Household, case_id)
        assert (household.interpreter_needed, household.children_count) == (True, 3)
        assert household.answers_language == "sv"  # the demo answers' free text is Swedish
