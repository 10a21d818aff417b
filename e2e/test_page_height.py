"""No page of questions is longer than about two and a half screens on a phone (390 x 844 CSS px), in the worst case.

Every page of the instrument, in order, as the definition has them (a new page is measured without a change here):
each page is answered so that it is as long as it gets. Answers that open pages and questions further on are chosen
for that (WORST_CASE: a couple with children, sick-listed, ...); every checkbox but "none" is ticked, so every
follow-up amount shows; every other radio question takes the option that makes the page longest. The page is
measured with its answers, then saved, so later pages see them. In Swedish and in two long scripts.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Locator, Page, expect

from eservice.instrument import INSTRUMENT
from eservice.instrument.schema import QType, Question

from .pages import QuestionPage, StartPage

PHONE = {"width": 390, "height": 844}
MAX_SCREENS = 2.5

# Earlier answers that add pages or questions further on. Radio questions not named here take their longest option.
WORST_CASE = {
    "applying_with": "with_partner",  # the partner's occupation page, the interpreter for both
    "children_count": "3",  # the three pages about children, and whether they know (with health_limits)
    "occupation": "sick_listed",  # the sick-leave question on the page, and still the pages about work:
    "sick_leave_extent": "partly",
    "partner_occupation": "sick_listed",
    "partner_sick_leave_extent": "partly",
    "children_live": "other",  # the page about the other parent, with how often they meet
    "health_limits": "much",
    "birth_year": "1985",
}
TYPED = {
    QType.INTEGER: "2",
    QType.MONEY: "1000",
    QType.TEXT: "Anna Andersson",
    QType.TEXTAREA: "Jag vill ha ett jobb.",
    QType.PERSONAL_NUMBER: "19121212-1212",
    QType.PHONE: "070-123 45 67",
    QType.EMAIL: "anna@example.se",
}


def _height(page: Page) -> int:
    return page.evaluate("document.documentElement.scrollHeight")


def _choice(question_page: QuestionPage, question: Question, code: str) -> Locator:
    w = question_page.w
    find = question_page.checkbox if question.type == QType.MULTI else question_page.radio
    return find(w.question(question.id), w.option(question.id, code))


def _answer_longest(question_page: QuestionPage, question: Question) -> None:
    """Answer one question so that the page is as long as it gets, if the question is on screen."""
    page, w = question_page.page, question_page.w
    if question.type in TYPED:
        field = question_page.field(w.question(question.id))
        if field.is_visible():
            field.fill(WORST_CASE.get(question.id, TYPED[question.type]))
        return
    group = question_page.group(w.question(question.id))
    if not group.is_visible():
        return
    offered = [o for o in question.options if _choice(question_page, question, o.code).count()]
    if question.type == QType.MULTI:
        for option in offered:
            if option.code not in question.exclusive:
                _choice(question_page, question, option.code).check()
        return
    if question.id in WORST_CASE:
        _choice(question_page, question, WORST_CASE[question.id]).check()
        return
    heights = {}
    for option in offered:
        _choice(question_page, question, option.code).check()
        heights[option.code] = _height(page)
    _choice(question_page, question, max(heights, key=lambda code: heights[code])).check()


def _measure_every_page(page: Page, lang: str) -> tuple[dict[str, int], list[str]]:
    """Each page's height in CSS px, answered for the worst case and saved; and the pages that were not shown."""
    heights: dict[str, int] = {}
    not_shown = []
    for page_def in (p for part in INSTRUMENT.applicant_parts() for p in part.pages()):
        page.goto(f"/{lang}/q/{page_def.id}")
        if not page.url.endswith(f"/q/{page_def.id}"):
            not_shown.append(page_def.id)  # the service sent the person elsewhere: the page is not asked
            continue
        question_page = QuestionPage(page).expect_page(page_def.id)
        for question in page_def.questions:
            _answer_longest(question_page, question)
        heights[page_def.id] = _height(page)
        question_page.continue_()
        expect(page.get_by_role("alert")).to_have_count(0)  # saved, so the pages after it see the answers
    return heights, not_shown


@pytest.mark.parametrize("lang", ["sv", "ar", "ti"])
def test_no_page_of_questions_is_longer_than_two_and_a_half_screens(new_device, lang):
    page = new_device(viewport=PHONE).new_page()
    StartPage.open(page, lang).start().confirm_saved()
    heights, not_shown = _measure_every_page(page, lang)
    print(f"[{lang}] page heights at {PHONE['width']}x{PHONE['height']}: {heights}")
    assert not not_shown, f"[{lang}] the worst case does not reach {not_shown}"
    limit = MAX_SCREENS * PHONE["height"]
    too_long = {
        page_id: f"{height} px, {height / PHONE['height']:.2f} screens, {height - limit:.0f} px too long"
        for page_id, height in heights.items()
        if height > limit
    }
    assert not too_long, f"[{lang}] pages longer than {MAX_SCREENS} screens ({limit:.0f} px): {too_long}"


def test_the_height_is_measured_in_css_pixels_of_the_whole_page(new_device):
    """A page three screens long is measured as such (the whole document, not the visible screen)."""
    page = new_device(viewport=PHONE).new_page()
    page.set_content(f"<html><body style='margin:0'><div style='height:{3 * PHONE['height']}px'></div></body></html>")
    assert _height(page) == 3 * PHONE["height"]
