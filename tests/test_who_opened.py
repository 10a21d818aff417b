"""The applicant can see who has opened their case: when, what and by which role (the name only where the
municipality allows it), from the audit log, after submitting. Issue 13, item 6."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from alembic import command
from sqlalchemy import create_engine, select, text
from sqlalchemy.exc import DBAPIError

from eservice import create_app
from eservice.cli import alembic_config, upgrade
from eservice.models import AuditEntry, Household, aware

from .helpers import (
    COUPLE_PART_I,
    SINGLE_PART_I,
    SINGLE_PART_II,
    Applicant,
    db,
    fill,
    invite_partner,
    part_two_with_children,
    sign_in_staff,
    staff_token,
    submit_case,
)

ROOT = Path(__file__).resolve().parent.parent
STOCKHOLM = ZoneInfo("Europe/Stockholm")
EMPTY = "Ingen har öppnat ditt ärende än."


def submitted_applicant(client, lang: str = "sv") -> Applicant:
    person = Applicant(client, lang).start()
    fill(person, SINGLE_PART_I)
    fill(person, SINGLE_PART_II)
    assert person.submit().status_code == 302
    return person


def case_id_of(app, reference: str) -> str:
    with db(app) as session:
        return session.scalars(select(Household.id).where(Household.reference == reference)).one()


def entries_of(app, case_id: str) -> list[AuditEntry]:
    with db(app) as session:
        query = select(AuditEntry).where(AuditEntry.household_id == case_id).order_by(AuditEntry.id)
        return list(session.scalars(query))


def page(person: Applicant) -> str:
    response = person.get("who-opened")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_a_caseworker_opening_the_case_shows_to_the_applicant_with_the_time_and_no_name(app, client):
    person = submitted_applicant(client)
    assert EMPTY in page(person)
    case_id = case_id_of(app, person.reference)
    staff = app.test_client()
    sign_in_staff(staff, name="Ada Berg")
    assert staff.get(f"/staff/cases/{case_id}").status_code == 200

    html = page(person)
    assert EMPTY not in html
    assert "Öppnade ditt ärende" in html
    assert "En handläggare" in html
    assert "Personal har öppnat eller ändrat ditt ärende 1 gång." in html
    (entry,) = entries_of(app, case_id)
    local = aware(entry.at).astimezone(STOCKHOLM)  # Swedish time, whatever the server's zone
    assert f"klockan {local:%H:%M}" in html
    assert f"{local.day} " in html
    assert f'<time datetime="{aware(entry.at).isoformat("T", "seconds")}">' in html
    assert "Ada Berg" not in html  # names are hidden unless the municipality allows them
    assert "Du ser vilken roll personen har, men inte namnet." in html


def test_the_name_is_shown_only_where_the_municipality_allows_it(app, client):
    person = submitted_applicant(client)
    staff = app.test_client()
    sign_in_staff(staff, name="Ada Berg")
    staff.get(f"/staff/cases/{case_id_of(app, person.reference)}")
    assert "Ada Berg" not in page(person)
    app.config["SHOW_CASEWORKER_NAMES_TO_APPLICANT"] = True
    html = page(person)
    assert '<bdi class="staff-name">Ada Berg</bdi>' in html
    assert "men inte namnet" not in html


@pytest.mark.parametrize(("value", "shown"), [(None, "False"), ("true", "True"), ("no", "False")])
def test_the_setting_is_read_from_the_environment_and_off_by_default(value, shown):
    """Read once at start-up, like the other municipality settings: in a fresh interpreter."""
    env = {k: v for k, v in os.environ.items() if k != "SHOW_CASEWORKER_NAMES_TO_APPLICANT"}
    if value is not None:
        env["SHOW_CASEWORKER_NAMES_TO_APPLICANT"] = value
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from eservice.config import BaseConfig; print(BaseConfig.SHOW_CASEWORKER_NAMES_TO_APPLICANT)",
        ],
        env={**env, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip() == shown, result.stderr


def test_another_households_entries_never_show(app, client):
    person = submitted_applicant(client)
    other_case, _ = submit_case(app)
    lead = app.test_client()
    sign_in_staff(lead, "team_lead", name="Bo Lind")
    assert lead.get(f"/staff/cases/{other_case}").status_code == 200
    lead.post(f"/staff/cases/{other_case}/pick-up", data={"csrf_token": staff_token(lead)})
    assert len(entries_of(app, other_case)) >= 2
    app.config["SHOW_CASEWORKER_NAMES_TO_APPLICANT"] = True
    html = page(person)
    assert EMPTY in html
    assert "En gruppledare" not in html
    assert "Bo Lind" not in html


def test_the_role_is_stored_and_each_kind_of_entry_reads_in_plain_words_newest_first(app, client):
    person = submitted_applicant(client)
    case_id = case_id_of(app, person.reference)
    lead = app.test_client()
    sign_in_staff(lead, "team_lead")
    lead.get(f"/staff/cases/{case_id}")
    worker = app.test_client()
    sign_in_staff(worker, "caseworker")
    response = worker.post(f"/staff/cases/{case_id}/pick-up", data={"csrf_token": staff_token(worker)})
    assert response.status_code == 302
    admin = app.test_client()
    sign_in_staff(admin, "administrator", "")
    admin.get(f"/staff/cases/{case_id}")

    stored = [(e.action, e.staff_role) for e in entries_of(app, case_id)]
    assert stored == [("open", "team_lead"), ("pick_up", "caseworker"), ("open", "administrator")]
    html = page(person)
    rows = html[html.index('id="trail"') :]
    newest, middle, oldest = (rows.index(t) for t in ("En administratör", "En handläggare", "En gruppledare"))
    assert newest < middle < oldest
    assert "Började arbeta med ditt ärende" in rows
    assert "Personal har öppnat eller ändrat ditt ärende 3 gånger." in html


def add_entries(app, household_id: str, reference: str, actions: list[tuple[str, str | None]], start: datetime):
    """Entries as the audit log holds them, a minute apart: also kinds and roles no staff route writes today."""
    with db(app) as session:
        for minute, (action, role) in enumerate(actions):
            session.add(
                AuditEntry(
                    at=start + timedelta(minutes=minute),
                    staff_subject="s",
                    staff_name="Cecilia Ek",
                    staff_role=role,
                    household_id=household_id,
                    reference=reference,
                    action=action,
                    request_id="test",
                )
            )
        session.commit()


def test_every_action_and_an_entry_without_a_role(app, client):
    person = submitted_applicant(client)
    case_id = case_id_of(app, person.reference)
    kinds = ["open", "change", "pick_up", "book", "export", "reassign", "held_later_kind"]
    entries = [(kind, "caseworker") for kind in kinds] + [("open", None)]
    add_entries(app, case_id, person.reference, entries, datetime.now(UTC))
    html = page(person)
    for words in (
        "Öppnade ditt ärende",
        "Ändrade något i ditt ärende",
        "Började arbeta med ditt ärende",
        "Bokade ett möte med dig",
        "Tog ut en kopia av ditt ärende",
        "Gav ditt ärende till en kollega",
        "Arbetade med ditt ärende",  # a kind added later still reads as something
        "Någon i personalen",  # written before the role was kept
    ):
        assert words in html, words
    assert "held_later_kind" not in html


def test_a_long_trail_shows_the_newest_fifty_and_says_how_many_there_are(app, client):
    person = submitted_applicant(client)
    case_id = case_id_of(app, person.reference)
    start = datetime(2026, 1, 10, 8, 0, tzinfo=UTC)
    add_entries(app, case_id, person.reference, [("open", "caseworker")] * 55, start)
    html = page(person)
    assert "Personal har öppnat eller ändrat ditt ärende 55 gånger. Här ser du de senaste 50." in html
    assert html.count('class="summary-row"') == 50
    assert "klockan 09:00" not in html  # the five oldest (08:00-08:04 UTC, 09:00-09:04 in Stockholm) are left out
    assert "klockan 09:05" in html
    assert "klockan 09:54" in html


def test_the_page_is_there_only_after_submitting(app, client):
    assert client.get("/sv/who-opened").location.endswith("/sv/resume")
    person = Applicant(client).start()
    fill(person, SINGLE_PART_I)
    response = person.get("who-opened")
    assert response.status_code == 302
    assert response.location.endswith("/sv/check")
    assert "who-opened" not in person.get("check").get_data(as_text=True)
    fill(person, SINGLE_PART_II)
    person.submit()
    assert 'href="/sv/who-opened"' in person.get("done").get_data(as_text=True)
    assert 'href="/sv/who-opened"' in person.get("check").get_data(as_text=True)


def test_each_adult_sees_the_households_entries(app, client):
    first = Applicant(client).start()
    fill(first, COUPLE_PART_I)
    partner = invite_partner(first, app.test_client())
    fill(first, part_two_with_children("Första"))
    fill(partner, part_two_with_children("Andra"))
    assert first.submit().status_code == 302
    assert partner.submit().status_code == 302
    staff = app.test_client()
    sign_in_staff(staff)
    staff.get(f"/staff/cases/{case_id_of(app, first.reference)}")
    for person in (first, partner):
        html = page(person)
        assert "Öppnade ditt ärende" in html
        assert "Andra" not in html
        assert "Första" not in html


def test_the_page_reads_in_the_applicants_language(app, client):
    person = submitted_applicant(client, "en")
    staff = app.test_client()
    sign_in_staff(staff)
    staff.get(f"/staff/cases/{case_id_of(app, person.reference)}")
    html = page(person)
    assert 'lang="en"' in html
    assert "A caseworker" in html
    assert "Öppnade" not in html


def test_old_entries_keep_no_role_after_the_migration(tmp_path):
    """0010 adds the column without touching a row (the trail is append-only); old entries read as unknown."""
    url = f"sqlite:///{tmp_path / 'm.sqlite3'}"
    upgrade(url)
    config = alembic_config(url)
    command.downgrade(config, "0009")
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO audit_log (at, staff_subject, staff_name, household_id, reference, action, request_id) "
                "VALUES ('2026-01-01 10:00:00', 's', 'n', 'h', 'R', 'open', 'r')"
            )
        )
    command.upgrade(config, "head")
    with engine.connect() as connection:
        assert connection.execute(text("SELECT staff_role FROM audit_log")).scalars().all() == [None]
    engine.dispose()
    app = create_app("test", DATABASE_URL=url)
    with db(app) as session:
        assert session.scalars(select(AuditEntry.staff_role)).all() == [None]
    app.extensions["db_engine"].dispose()


def test_the_role_cannot_be_changed_afterwards_in_postgresql(postgres_app):
    app, client = postgres_app, postgres_app.test_client()
    case_id, _ = submit_case(app)
    sign_in_staff(client)
    client.get(f"/staff/cases/{case_id}")
    engine = app.extensions["db_engine"]
    with pytest.raises(DBAPIError, match="append-only"), engine.begin() as connection:
        connection.execute(text("UPDATE audit_log SET staff_role = 'administrator'"))
    assert [e.staff_role for e in entries_of(app, case_id)] == ["caseworker"]
