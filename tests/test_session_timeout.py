"""The session-timeout warning: where it is offered, the "continue" that renews the session, and saving on the way
out when the warning goes unanswered. The browser side (timers, the dialog, the save) is in e2e/test_session_timeout.py.
"""

from __future__ import annotations

import re

from .helpers import Applicant, stored_answers, token

DIALOG = re.compile(
    r'<dialog id="session-timeout"[^>]*data-lifetime="(\d+)" data-warn-after="(\d+)"\s+'
    r'data-save-after="(\d+)"'
)
NOTICE = "Vi loggade ut dig för att du inte gjorde något på en stund."


def test_signed_in_pages_carry_the_warning_with_the_configured_times(client):
    person = Applicant(client).start()
    for path in ["tasks", "q/household", "check"]:
        found = DIALOG.search(person.get(path).get_data(as_text=True))
        assert found, path
        assert found.groups() == ("1800", "1500", "1740"), path  # 30 minutes; warn at 25, save at 29


def test_nobody_signed_in_no_warning(client):
    for path in ["/sv/", "/sv/resume", "/sv/glossary"]:
        assert 'id="session-timeout"' not in client.get(path).get_data(as_text=True), path


def test_still_here_renews_the_session_only_for_someone_signed_in(client):
    person = Applicant(client).start()
    tasks = person.get("tasks").get_data(as_text=True)
    response = client.post("/sv/still-here", data={"csrf_token": token(tasks)})
    assert response.status_code == 204
    assert "ix_session=" in response.headers.get("Set-Cookie", ""), "the session cookie was not renewed"
    assert client.post("/sv/still-here", data={}).status_code == 400  # no CSRF token
    client.post("/sv/save-and-exit", data={"csrf_token": token(tasks)})
    # Signed out (say, in another tab): the old page's token belongs to the ended session and is refused.
    assert client.post("/sv/still-here", data={"csrf_token": token(tasks)}).status_code == 400
    fresh = client.get("/sv/").get_data(as_text=True)
    response = client.post("/sv/still-here", data={"csrf_token": token(fresh)})
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/sv/resume")


def test_an_unanswered_warning_saves_the_page_and_says_why(app, client):
    """What the script sends when the warning goes unanswered: the page's answers with action=save_exit and
    timed_out=1. Half a page is kept, the person is signed out, and the saved page says why."""
    person = Applicant(client).start()
    response = person.answer("household", {"applying_with": "alone", "timed_out": "1"}, action="save_exit")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/sv/saved")
    saved = client.get("/sv/saved").get_data(as_text=True)
    assert NOTICE in saved
    assert stored_answers(app, person.reference, "I")["applying_with"] == "alone"
    assert client.get("/sv/tasks").status_code == 302  # signed out


def test_leaving_on_purpose_does_not_say_timed_out(client):
    person = Applicant(client).start()
    person.answer("household", {"applying_with": "alone"}, action="save_exit")
    assert NOTICE not in client.get("/sv/saved").get_data(as_text=True)


def test_the_start_page_and_the_statement_tell_the_time_limit_that_is_configured(app, client):
    """Said up front, for everyone and also without JavaScript. The texts say "30 minuter": a new session length
    must change them too (and their translations), which this test is here to force."""
    assert app.config["PERMANENT_SESSION_LIFETIME"].total_seconds() == 30 * 60
    assert "Om du inte gör något på 30 minuter loggar vi ut dig." in client.get("/sv/").get_data(as_text=True)
    assert "efter 30 minuter" in client.get("/sv/accessibility").get_data(as_text=True)
