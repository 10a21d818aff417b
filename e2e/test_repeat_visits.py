"""On a slow network every round trip counts: after the first page, the stylesheet and script come from the
browser's cache without asking the server again, so each further page is one request."""

from __future__ import annotations

from .pages import ResumePage, StartPage


def test_the_next_pages_fetch_only_themselves(context, served):
    page = context.new_page()
    StartPage.open(page)
    page.wait_for_load_state()
    first = [path for path in served if path.startswith("/static/")]
    assert any(path.startswith("/static/site.css?v=") for path in first), served[-5:]

    served.clear()
    ResumePage.open(page)
    page.goto("/sv/glossary")
    page.wait_for_load_state()
    assert [path for path in served if path.startswith("/static/")] == [], served
    assert [path.split("?")[0] for path in served] == ["/sv/resume", "/sv/glossary"], served
