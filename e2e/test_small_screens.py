"""Small screens and zoom: at 320 CSS pixels, and at 200% text zoom, nothing overflows sideways."""
from __future__ import annotations

import pytest

from .pages import StartPage

PAGES = ["", "resume", "questions", "glossary", "interpreter", "accessibility", "tasks", "q/household",
         "q/incomes", "q/education", "q/violence", "check"]


def _overflowing(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth > window.innerWidth")


@pytest.mark.parametrize("lang", ["sv", "ar"])
@pytest.mark.parametrize("zoom", ["320px", "200%"])
def test_nothing_overflows_sideways(new_device, lang, zoom):
    width = 320 if zoom == "320px" else 640
    # bypass_csp only so the test can inject its zoom style; the pages' own CSP is tested in the journeys.
    page = new_device(viewport={"width": width, "height": 800}, bypass_csp=True).new_page()
    StartPage.open(page).start().confirm_saved()  # signed in: the same pages are then read in `lang`
    wide = []
    for path in PAGES:
        page.goto(f"/{lang}/{path}")
        if zoom == "200%":  # text zoom: double the root font size, as the browser's text-size setting does
            page.add_style_tag(content="html{font-size:200%!important}")
        if _overflowing(page):
            wide.append(path or "start")
    assert not wide, f"{lang} at {zoom}: pages wider than the screen: {wide}"
