"""The case view for the meeting: contact details first, parts I and II as sent, the applicant's language beside."""

from __future__ import annotations

from sqlalchemy import event, select

from eservice.models import AuditEntry

from .helpers import db, sign_in_staff, submit_case


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


def test_the_case_view_reads_every_answer_in_a_few_queries(app, client):
    """All of an adult's answers come from one query on the submissions, however many questions were answered."""
    single, _ = submit_case(app)
    sign_in_staff(client)
    client.get(f"/staff/cases/{single}")  # warm up: the session and caches
    engine = app.extensions["db_engine"]
    counted: list[str] = []

    def count(_conn, _cursor, statement, *_args):
        counted.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        client.get(f"/staff/cases/{single}")
        first = len([s for s in counted if "web_session" not in s])
        counted.clear()
        client.get(f"/staff/cases/{single}")
        second = len([s for s in counted if "web_session" not in s])
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert first == second
    assert first <= 10, counted
