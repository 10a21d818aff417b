"""Confirming parts I and II with the person: changes beside the original, confirmations, and the edit conflict."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from eservice.models import AnswerChange, AuditEntry, Household, SectionConfirmation, Submission

from .helpers import db, sign_in_staff, submit_case, token
from .test_queue_concurrency import at_once


def version_of(html: str, action: str) -> str:
    """The fingerprint the form posting to `action` carries."""
    form = html[html.index(f'action="{action}"') :]
    return re.search(r'name="version" type="hidden" value="([0-9a-f]+)"', form).group(1)


def page_form(client, case_id: str, page: str, position: int = 1) -> tuple[str, dict[str, str]]:
    path = f"/staff/cases/{case_id}/adults/{position}/pages/{page}"
    html = client.get(path).get_data(as_text=True)
    version = re.search(r'name="version" type="hidden" value="([0-9a-f]+)"', html).group(1)
    return path, {"csrf_token": token(html), "version": version}


def confirm(client, case_id: str, section: str, position: int = 1, **extra):
    action = f"/staff/cases/{case_id}/adults/{position}/sections/{section}/confirm"
    html = client.get(f"/staff/cases/{case_id}").get_data(as_text=True)
    data = {"csrf_token": token(html), "version": version_of(html, action), **extra}
    return client.post(action, data=data)


def section_html(html: str, position: int, section: str) -> str:
    start = html.index(f'id="section-{position}-{section}"')
    end = html.find('<section aria-labelledby="section-', start)
    return html[start : end if end != -1 else len(html)]


def test_confirming_a_section_is_stamped_with_the_signed_in_caseworker(app, client):
    case_id, _ = submit_case(app)
    sign_in_staff(client, name="Maja Handläggare")
    response = confirm(client, case_id, "occupation", confirmed_by_name="Someone Else")
    assert response.status_code == 302
    html = client.get(f"/staff/cases/{case_id}").get_data(as_text=True)
    occupation = section_html(html, 1, "occupation")
    assert "Bekräftat" in occupation
    assert "Maja Handläggare" in occupation
    assert "Someone Else" not in html
    assert "Bekräftat" not in section_html(html, 1, "housing")
    with db(app) as session:
        rows = session.scalars(select(SectionConfirmation)).all()
        assert [(r.section_id, r.part_id, r.confirmed_by_subject) for r in rows] == [
            ("occupation", "I", "caseworker-north")
        ]
        assert "change" in session.scalars(select(AuditEntry.action).where(AuditEntry.household_id == case_id)).all()


def test_a_change_is_kept_beside_the_original_and_withdraws_the_confirmation(app, client):
    case_id, _ = submit_case(app)
    sign_in_staff(client, name="Maja Handläggare")
    confirm(client, case_id, "occupation")
    path, data = page_form(client, case_id, "occupation")
    form = client.get(path).get_data(as_text=True)
    # The form opens with the answer as it stands.
    assert 'checked id="occupation-2" name="occupation" type="radio" value="job_seeker"' in form
    response = client.post(path, data={**data, "occupation": "studies", "af_registered": "yes"})
    assert response.status_code == 302
    html = client.get(f"/staff/cases/{case_id}").get_data(as_text=True)
    occupation = section_html(html, 1, "occupation")
    assert "Jag studerar" in occupation  # as it stands now
    assert "Den sökandes svar: Jag söker arbete" in occupation  # the original, never lost
    assert "Maja Handläggare ändrade" in occupation
    assert "från Jag söker arbete till Jag studerar" in occupation
    assert "Bekräftelsen gäller inte längre" in occupation
    assert "Bekräfta avsnittet med personen" in occupation
    with db(app) as session:
        submission = session.scalars(select(Submission).where(Submission.household_id == case_id)).one()
        assert submission.part1["occupation"] == "job_seeker"  # the frozen submission is untouched
        change = session.scalars(select(AnswerChange)).one()
        assert (change.question_id, change.section_id, change.changed_by_subject) == (
            "occupation",
            "occupation",
            "caseworker-north",
        )
        assert change.plain_values is None
        assert change.sealed_values  # sealed, like part II
    # Confirming again puts the section back in force.
    confirm(client, case_id, "occupation")
    again = section_html(client.get(f"/staff/cases/{case_id}").get_data(as_text=True), 1, "occupation")
    assert "Bekräftelsen gäller inte längre" not in again
    assert "Bekräftat" in again


def test_free_text_changed_by_the_caseworker_is_marked_swedish_and_history_keeps_the_words(app, client):
    case_id, _ = submit_case(app)
    sign_in_staff(client)
    path, data = page_form(client, case_id, "work_history")
    response = client.post(
        path, data={**data, "work_experience": "1_5_years", "previous_jobs": "Kock i Aleppo och Malmö."}
    )
    assert response.status_code == 302
    html = client.get(f"/staff/cases/{case_id}").get_data(as_text=True)
    work = section_html(html, 1, "work")
    assert "Kock i Aleppo och Malmö." in work
    assert "Kock på en restaurang i Aleppo i tre år." in work  # the applicant's own words stay in the history
    with app.app_context(), db(app) as session:
        change = session.scalars(select(AnswerChange)).one()
        assert change.part_id == "II"
        assert change.values == {
            "before": {"text": "Kock på en restaurang i Aleppo i tre år.", "lang": "sv"},
            "after": {"text": "Kock i Aleppo och Malmö.", "lang": "sv"},
        }


def test_saving_without_a_change_records_nothing(app, client):
    case_id, _ = submit_case(app)
    sign_in_staff(client)
    path, data = page_form(client, case_id, "occupation")
    assert client.post(path, data={**data, "occupation": "job_seeker", "af_registered": "yes"}).status_code == 302
    with db(app) as session:
        assert session.scalars(select(AnswerChange)).all() == []


def test_two_caseworkers_on_the_same_page_the_second_is_warned_not_overwriting(app, client):
    case_id, _ = submit_case(app)
    sign_in_staff(client, name="Maja Handläggare")
    other = app.test_client()
    sign_in_staff(other, subject="other", name="Olle Handläggare")
    path, mine = page_form(client, case_id, "occupation")
    _, theirs = page_form(other, case_id, "occupation")
    assert client.post(path, data={**mine, "occupation": "studies", "af_registered": "yes"}).status_code == 302
    late = other.post(path, data={**theirs, "occupation": "sick_listed", "sick_leave_extent": "full"})
    assert late.status_code == 409
    page = late.get_data(as_text=True)
    assert "Någon annan har ändrat svaren" in page
    assert "Maja Handläggare" in page  # who changed it, and what stands now
    # What the second one chose is still in the form.
    assert re.search(r'checked id="occupation-\d" name="occupation" type="radio" value="sick_listed"', page)
    with app.app_context(), db(app) as session:  # opening the sealed values needs the app's keys
        assert [c.values["after"] for c in session.scalars(select(AnswerChange))] == ["studies"]
    # Having seen it, the second one may save over it on purpose.
    again = re.search(r'name="version" type="hidden" value="([0-9a-f]+)"', page).group(1)
    resent = {**theirs, "version": again, "occupation": "sick_listed", "sick_leave_extent": "full"}
    assert other.post(path, data=resent).status_code == 302
    history = section_html(client.get(f"/staff/cases/{case_id}").get_data(as_text=True), 1, "occupation")
    assert "från Jag söker arbete till Jag studerar" in history
    assert "från Jag studerar till Jag är sjukskriven" in history


def test_confirming_what_changed_since_it_was_shown_is_refused(app, client):
    case_id, _ = submit_case(app)
    sign_in_staff(client)
    action = f"/staff/cases/{case_id}/adults/1/sections/occupation/confirm"
    shown = client.get(f"/staff/cases/{case_id}").get_data(as_text=True)
    stale = {"csrf_token": token(shown), "version": version_of(shown, action)}
    other = app.test_client()
    sign_in_staff(other, subject="other")
    path, data = page_form(other, case_id, "occupation")
    other.post(path, data={**data, "occupation": "studies", "af_registered": "yes"})
    response = client.post(action, data=stale)
    assert response.status_code == 302
    assert "conflict=section-1-occupation" in response.location
    warned = client.get(response.location).get_data(as_text=True)
    assert "Svaren i avsnittet ändrades medan du hade sidan öppen" in warned
    with db(app) as session:
        assert session.scalars(select(SectionConfirmation)).all() == []


def test_pages_and_adults_the_case_does_not_have_are_not_found(app, client):
    case_id, _ = submit_case(app)
    sign_in_staff(client)
    assert client.get(f"/staff/cases/{case_id}/adults/2/pages/work_history").status_code == 404  # no adult 2
    assert client.get(f"/staff/cases/{case_id}/adults/1/pages/nowhere").status_code == 404
    assert client.get(f"/staff/cases/{case_id}/adults/x/pages/occupation").status_code == 404
    assert client.get(f"/staff/cases/{case_id}/adults/1/pages/partner_occupation").status_code == 404  # not asked
    south = app.test_client()
    sign_in_staff(south, unit="south", subject="south-worker")
    assert south.get(f"/staff/cases/{case_id}/adults/1/pages/occupation").status_code == 404


def test_a_page_the_change_makes_apply_can_be_answered_next(app, client):
    """The path function decides what applies from the answers as they stand: a new follow-up is shown."""
    case_id, _ = submit_case(app)
    sign_in_staff(client)
    path, data = page_form(client, case_id, "occupation")
    client.post(path, data={**data, "occupation": "sick_listed", "af_registered": "yes"})
    html = client.get(f"/staff/cases/{case_id}").get_data(as_text=True)
    assert "Jag är sjukskriven" in section_html(html, 1, "occupation")
    form = client.get(path).get_data(as_text=True)
    assert 'name="sick_leave_extent"' in form


@pytest.mark.parametrize("table", ["answer_change", "section_confirmation", "need_group_decision"])
def test_history_rows_cannot_be_updated_on_postgresql(postgres_app, table):
    app = postgres_app
    case_id, _ = submit_case(app)
    member = app.test_client()
    sign_in_staff(member)
    confirm(member, case_id, "occupation")
    path, data = page_form(member, case_id, "occupation")
    member.post(path, data={**data, "occupation": "studies", "af_registered": "yes"})
    html = member.get(f"/staff/cases/{case_id}").get_data(as_text=True)
    member.post(
        f"/staff/cases/{case_id}/need-group",
        data={"csrf_token": token(html), "position": "1", "group": "am2", "agreed": "yes"},
    )
    column = {"answer_change": "question_id", "section_confirmation": "section_id"}.get(table, "group_code")
    with db(app) as session, pytest.raises(DBAPIError, match="append-only"):
        session.execute(text(f"UPDATE {table} SET {column} = 'x'"))  # noqa: S608  (a name from the parameters)


def test_two_saves_of_the_same_page_at_once_one_is_warned_on_postgresql(postgres_app):
    app = postgres_app
    case_id, _ = submit_case(app)
    opener = app.test_client()
    sign_in_staff(opener)
    path, data = page_form(opener, case_id, "occupation")
    choices = ["studies", "pensioner", "own_business", "parental_leave"]
    statuses = at_once(
        app,
        4,
        lambda c, csrf: c.post(
            path, data={**data, "csrf_token": csrf, "occupation": choices.pop(), "af_registered": "yes"}
        ),
    )
    assert sorted(statuses) == [302, 409, 409, 409]
    with db(app) as session:
        assert len(session.scalars(select(AnswerChange)).all()) == 1


def test_marking_the_booked_meeting_held(app, client):
    case_id, _ = submit_case(app)
    sign_in_staff(client)
    html = client.get(f"/staff/cases/{case_id}").get_data(as_text=True)
    assert "Mötet är hållet" not in html  # no meeting booked yet
    assert client.post(f"/staff/cases/{case_id}/meeting-held", data={"csrf_token": token(html)}).status_code == 302
    with db(app) as session:
        assert session.get(Household, case_id).case_state == "submitted"  # nothing to hold: unchanged
    client.post(
        f"/staff/cases/{case_id}/meeting",
        data={"csrf_token": token(html), "meeting_at": "2026-12-01T10:00", "mode": "phone", "where": "0701234567"},
    )
    html = client.get(f"/staff/cases/{case_id}").get_data(as_text=True)
    assert client.post(f"/staff/cases/{case_id}/meeting-held", data={"csrf_token": token(html)}).status_code == 302
    with db(app) as session:
        assert session.get(Household, case_id).case_state == "meeting_held"
    assert "Möte hållet" in client.get(f"/staff/cases/{case_id}").get_data(as_text=True)
