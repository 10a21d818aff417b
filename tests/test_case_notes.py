"""Staff-only notes: author and time from the signed-in member, links clickable, every other markup inert."""

from __future__ import annotations

from sqlalchemy import select

from eservice.models import AuditEntry, CaseNote
from eservice.staff.notes import note_html

from .helpers import db, sign_in_staff, staff_token, submit_case


def test_only_links_and_line_breaks_become_markup():
    html = str(note_html("Ring <b>fet</b><script>alert(1)</script>\nSe https://www.example.se/a?b=1 och mejla a@b.se"))
    assert "<b>" not in html
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # shown as the text it was
    assert '<a href="https://www.example.se/a?b=1" rel="noopener noreferrer nofollow">' in html
    assert '<a href="mailto:a@b.se"' in html
    assert "<br>" in html


def test_a_script_link_is_never_clickable():
    html = str(note_html('<a href="javascript:alert(1)">klicka</a> javascript:alert(1)'))
    assert 'href="javascript' not in html
    assert "<a " not in html


def test_a_note_is_kept_with_its_author_and_time_and_sealed(app, client):
    case_id, _ = submit_case(app)
    sign_in_staff(client, name="Anna Handläggare")
    response = client.post(
        f"/staff/cases/{case_id}/notes",
        data={"csrf_token": staff_token(client), "note": "Vill ha tolk på tigrinja.", "author_name": "Någon annan"},
    )
    assert response.status_code == 302
    page = client.get(f"/staff/cases/{case_id}").get_data(as_text=True)
    assert "Vill ha tolk på tigrinja." in page
    assert "Anna Handläggare" in page
    assert "Någon annan" not in page  # the author comes from the session, never from the form
    with db(app) as session:
        note = session.scalars(select(CaseNote)).one()
        assert note.plain_body is None
        assert "tigrinja" not in (note.sealed_body or "")
        assert "change" in [e.action for e in session.scalars(select(AuditEntry))]


def test_an_empty_note_is_not_saved_and_says_what_to_do(app, client):
    case_id, _ = submit_case(app)
    sign_in_staff(client)
    response = client.post(f"/staff/cases/{case_id}/notes", data={"csrf_token": staff_token(client), "note": "  "})
    assert "note=empty" in response.location
    assert "Skriv något i anteckningen." in client.get(response.location).get_data(as_text=True)
    with db(app) as session:
        assert session.scalars(select(CaseNote)).all() == []


def test_another_units_case_takes_no_note(app, client):
    case_id, _ = submit_case(app, unit="south")
    sign_in_staff(client, unit="north")
    response = client.post(f"/staff/cases/{case_id}/notes", data={"csrf_token": staff_token(client), "note": "x"})
    assert response.status_code == 404
