"""The case view for the meeting: contact details first, parts I and II as sent, the applicant's language beside."""

from __future__ import annotations

from sqlalchemy import event, select

from eservice.models import AuditEntry

from .helpers import db, sign_in_staff, submit_case, token


def test_the_case_view_shows_contact_first_then_the_numbered_answers_as_sent(app, client):
    case_id, reference = submit_case(app)
    sign_in_staff(client)
    html = client.get(f"/staff/cases/{case_id}").get_data(as_text=True)
    assert reference in html
    contact, answers = html.index("Kontaktuppgifter"), html.index("Del 1: Ditt hushåll")
    assert contact < answers
    assert "Amal Haddad" in html[contact:answers]
    assert '<span class="number">1.1</span> Söker du ensam eller tillsammans med någon?' in html
    assert '<span class="number">2.1</span> Vad heter du?' in html
    assert "Kock på en restaurang i Aleppo i tre år." in html  # free text verbatim
    assert "språk: sv" in html  # marked with the language it was written in
    assert "Jag vill hellre prata om det på mötet" in html
    assert "Ta upp på mötet" in html  # flagged for the caseworker to raise
    assert 'lang="ar"' not in html


def test_the_applicants_language_beside_the_swedish(app, client):
    case_id, _ = submit_case(app)
    sign_in_staff(client)
    html = client.get(f"/staff/cases/{case_id}?beside=ar").get_data(as_text=True)
    assert '<span class="number">1.1</span> Söker du ensam eller tillsammans med någon?' in html
    assert 'lang="ar" dir="rtl" class="beside"' in html
    assert "هل تقدم الطلب وحدك أم مع شخص آخر؟" in html
    assert html.count('lang="ar"') > 20
    # An unknown language is just Swedish.
    plain = client.get(f"/staff/cases/{case_id}?beside=xx").get_data(as_text=True)
    assert 'class="beside"' not in plain


def test_opening_the_case_is_recorded_and_another_units_case_is_not_found(app, client):
    case_id, _ = submit_case(app, unit="south")
    sign_in_staff(client, unit="north")
    assert client.get(f"/staff/cases/{case_id}").status_code == 404
    other = app.test_client()
    sign_in_staff(other, unit="south", subject="south-worker")
    assert other.get(f"/staff/cases/{case_id}").status_code == 200
    with db(app) as session:
        actions = [
            e.action for e in session.scalars(select(AuditEntry).where(AuditEntry.staff_subject == "south-worker"))
        ]
    assert "open" in actions


def statements_for(app, client, path: str) -> int:
    engine = app.extensions["db_engine"]
    counted: list[str] = []

    def count(_conn, _cursor, statement, *_args):
        if "web_session" not in statement:  # the browser session's own row is refreshed by the clock
            counted.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        assert client.get(path).status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return len(counted)


def test_the_case_view_costs_the_same_number_of_queries_however_much_the_case_holds(app, client):
    """Answers, changes, confirmations, notes and need groups each come in one query, whatever their number."""
    from .test_confirm_together import confirm, page_form

    case_id, _ = submit_case(app)
    sign_in_staff(client)
    path = f"/staff/cases/{case_id}"
    client.get(path)  # warm up: the session and caches
    bare = statements_for(app, client, path)
    for n, occupation in enumerate(["studies", "job_seeker", "studies"]):
        change, data = page_form(client, case_id, "occupation")
        client.post(change, data={**data, "occupation": occupation, "af_registered": "yes"})
        change, data = page_form(client, case_id, "work_history")
        client.post(change, data={**data, "work_experience": "under_1_year", "previous_jobs": f"Ändrat {n}"})
        # A change withdraws its section's confirmation: those two are confirmed again each round.
        for section in ("occupation", "work", *(("household", "education") if n == 0 else ())):
            confirm(client, case_id, section)
        html = client.get(path).get_data(as_text=True)
        client.post(f"{path}/notes", data={"csrf_token": token(html), "note": f"Anteckning {n}"})
        client.post(
            f"{path}/need-group", data={"csrf_token": token(html), "position": "1", "group": "am1", "agreed": "yes"}
        )
    full = statements_for(app, client, path)
    html = client.get(path).get_data(as_text=True)
    assert html.count("ändrade 20") >= 6  # the rows are really there
    assert "Anteckning 2" in html
    assert full == bare
    assert bare >= 4  # case, submissions, changes, confirmations: a listener that counted nothing proves nothing
