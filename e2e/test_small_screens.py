"""Small screens, zoom and text spacing: at 320 CSS pixels, at 200% text zoom, and with the wider text spacing of
WCAG 1.4.12 at 320 pixels, nothing overflows sideways and no text is cut off. On a small phone (360 x 640) the
heading starts high on the first screen, and the language list is one control that works without JavaScript."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .checks import target_size_findings
from .pages import StartPage
from .words import words

PAGES = [
    "",
    "resume",
    "questions",
    "glossary",
    "interpreter",
    "accessibility",
    "tasks",
    "q/household",
    "q/incomes",
    "q/education",
    "q/violence",
    "check",
]


# WCAG 2.1 1.4.12: line height 1.5, paragraph spacing 2 em, letter spacing 0.12 em, word spacing 0.16 em.
TEXT_SPACING = (
    "*{line-height:1.5!important;letter-spacing:.12em!important;word-spacing:.16em!important}"
    "p{margin-block-end:2em!important}"
)
ZOOM_STYLE = {"200%": "html{font-size:200%!important}", "spacing": TEXT_SPACING}

# Elements whose text is cut off: more content than box, with overflow hidden (a fixed height would do it).
_CLIPPED = """() => [...document.querySelectorAll('body *')].filter(el => {
  const style = getComputedStyle(el);
  const hides = ['hidden', 'clip'].includes(style.overflowY) || ['hidden', 'clip'].includes(style.overflowX);
  return hides && el.offsetParent !== null && el.clientWidth > 1 &&
         (el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1);
}).map(el => el.tagName.toLowerCase() + (el.className ? '.' + el.className : ''))"""


def _overflowing(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth > window.innerWidth")


@pytest.mark.parametrize("lang", ["sv", "ar"])
@pytest.mark.parametrize("zoom", ["320px", "200%", "spacing"])
def test_nothing_overflows_sideways(new_device, lang, zoom):
    width = 640 if zoom == "200%" else 320
    # bypass_csp only so the test can inject its zoom style; the pages' own CSP is tested in the journeys.
    page = new_device(viewport={"width": width, "height": 800}, bypass_csp=True).new_page()
    StartPage.open(page).start().confirm_saved()  # signed in: the same pages are then read in `lang`
    wide, clipped = [], []
    for path in PAGES:
        page.goto(f"/{lang}/{path}")
        if zoom in ZOOM_STYLE:  # 200%: the root font size doubled, as the browser's text-size setting does
            page.add_style_tag(content=ZOOM_STYLE[zoom])
        if _overflowing(page):
            wide.append(path or "start")
        clipped += [f"{path or 'start'}: {el}" for el in page.evaluate(_CLIPPED)]
    assert not wide, f"[{lang}] at {zoom}: pages wider than the screen: {wide}"
    assert not clipped, f"[{lang}] at {zoom}: text cut off in {clipped}"


def test_cut_off_text_would_be_found(new_device):
    page = new_device(viewport={"width": 320, "height": 800}).new_page()
    page.set_content(
        "<div class='box' style='height:1.2em;overflow:hidden'>A sentence long enough to wrap onto "
        "several lines at this width, so that the fixed height cuts it off.</div><p>Fine.</p>"
    )
    assert page.evaluate(_CLIPPED) == ["div.box"]


SMALL_PHONE = {"width": 360, "height": 640}
H1_TOP_MAX_PX = 185  # was 315 (sv, start page); now the first screen has room for the question under it


@pytest.mark.parametrize("lang", ["sv", "ar", "ti"])
def test_the_heading_is_near_the_top_of_a_small_phone(new_device, lang):
    page = new_device(viewport=SMALL_PHONE).new_page()
    StartPage.open(page).start().confirm_saved()
    tops = {}
    for path in ("", "tasks", "q/household", "q/incomes"):
        page.goto(f"/{lang}/{path}")
        tops[path or "start"] = page.get_by_role("heading", level=1).bounding_box()["y"]
    print(tops)
    assert max(tops.values()) < H1_TOP_MAX_PX, f"[{lang}] h1 top on 360x640: {tops}"


@pytest.mark.parametrize("lang", ["sv", "ar"])
def test_the_language_list_is_one_control_that_works_without_javascript(new_device, lang):
    """Folded on a phone: the list opens from its summary, its links are big enough to tap, and a link leads to the
    same page in the other language, with no script at all."""
    page = new_device(viewport=SMALL_PHONE, java_script_enabled=False).new_page()
    page.goto(f"/{lang}/glossary")
    nav = page.get_by_role("navigation", name=words(lang)("Välj språk"))
    english = nav.get_by_role("link", name="English")
    expect(english).to_be_hidden()
    nav.get_by_text(words(lang)("Språk")).click()
    expect(english).to_be_visible()
    assert english.bounding_box()["height"] >= 24
    assert not target_size_findings(page)
    english.click()
    expect(page).to_have_url(re.compile(r"/en/glossary$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_the_language_list_is_open_on_a_wide_screen(new_device):
    page = new_device(viewport={"width": 1280, "height": 800}).new_page()
    page.goto("/sv/")
    expect(page.get_by_role("navigation", name="Välj språk").get_by_role("link", name="العربية")).to_be_visible()
