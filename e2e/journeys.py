"""Whole journeys through the UI, as data: page id -> {question id: option code, codes, or the text typed}.

The answers are those of the Flask-client tests (tests/helpers.py): a single adult, no children, looking for work.
Written as ids and codes, one journey walks every language: the page objects say each page title, question and
option in the page's own language (e2e.words), and find them by role and accessible name.
"""

from __future__ import annotations

from collections.abc import Callable
from copy import deepcopy
from dataclasses import dataclass
from itertools import groupby
from typing import Protocol

from playwright.sync_api import Locator, Page, expect

from eservice.instrument import INSTRUMENT
from tests.helpers import SINGLE_PART_I, SINGLE_PART_II

from .pages import (
    Answer,
    CheckAnswersPage,
    CodePage,
    ConfirmationPage,
    QuestionPage,
    SectionStartPage,
    StartPage,
    TaskListPage,
)

Pages = dict[str, dict[str, Answer]]


def single_part_one() -> Pages:
    return deepcopy(SINGLE_PART_I)


def couple_part_one() -> Pages:
    """Adult 1 of a couple: applying with a partner, who is also looking for work."""
    pages: Pages = {}
    for page_id, answers in deepcopy(SINGLE_PART_I).items():
        pages[page_id] = answers
        if page_id == "occupation":
            pages["partner_occupation"] = {"partner_occupation": "job_seeker", "partner_af_registered": "yes"}
    pages["household"]["applying_with"] = "with_partner"
    return pages


def part_two(wanted_work: str = "Bagare") -> Pages:
    """Part II for an adult looking for work with no children; `wanted_work` is their own words."""
    pages = deepcopy(SINGLE_PART_II)
    pages["job_search"]["wanted_work"] = wanted_work
    return pages


def tasks_of(pages: Pages) -> list[tuple[str, list[str]]]:
    """The tasks (sections) these pages belong to, in order, each with its page ids."""
    section_of = {page_id: INSTRUMENT.locate_page(page_id)[1].id for page_id in pages}
    return [(section_id, list(page_ids)) for section_id, page_ids in groupby(pages, key=section_of.get)]


OnPage = Callable[[Page], None]


def _nothing(_page: Page) -> None:
    pass


class Hands(Protocol):
    """How the journeys act on a page: the mouse (below) or the keyboard (e2e.keyboard.Keyboard)."""

    def press(self, target: Locator) -> None: ...

    def tick(self, target: Locator) -> None: ...

    def answer(self, question: QuestionPage, answers: dict[str, Answer]) -> None: ...


class Mouse:
    """How the journeys act on a page: clicking and ticking. e2e.keyboard has the same two methods, keys only."""

    def press(self, target: Locator) -> None:
        target.click()

    def tick(self, target: Locator) -> None:
        target.check()

    def answer(self, question: QuestionPage, answers: dict[str, Answer]) -> None:
        question.answer_codes(answers)


MOUSE = Mouse()  # stateless, so one is shared as every journey's default hands


def fill_tasks(begin: TaskListPage | Page, pages: Pages, on_page: OnPage = _nothing, hands: Hands = MOUSE) -> Page:
    """Answer these sections' pages in order, as the service leads: from the task list (or from where the service
    went on by itself) into the first section, and after each section straight on to the next one not done, never
    back to the list. The sensitive section opens with its own page, where the person chooses to answer now.

    Returns the browser page where the service went after the last section: the next section not done, or check
    your answers once every section is."""
    sections = tasks_of(pages)
    if isinstance(begin, TaskListPage):
        page = begin.page
        hands.press(begin.task_of(sections[0][0]))
    else:
        page = begin
    for section_id, page_ids in sections:
        if _is_sensitive(section_id):
            opening = SectionStartPage(page, section_id)
            on_page(page)
            hands.press(opening.button("Svara nu"))
        for number, page_id in enumerate(page_ids):
            question = QuestionPage(page).expect_page(page_id)
            if number == 0:  # the way back to the list, on every page
                expect(question.link("Se alla avsnitt")).to_be_visible()
            on_page(page)
            hands.answer(question, pages[page_id])
            hands.press(question.button("Fortsätt"))
    return page


def _is_sensitive(section_id: str) -> bool:
    return any(s.sensitive for part in INSTRUMENT.applicant_parts() for s in part.sections if s.id == section_id)


@dataclass
class Started:
    reference: str
    code: str
    tasks: TaskListPage


def start(page: Page, on_page: OnPage = _nothing, lang: str = "sv", hands: Hands = MOUSE) -> Started:
    """From the start page to the task list, keeping the reference and code that are shown once."""
    start_page = StartPage.open(page, lang)
    on_page(page)
    hands.press(start_page.button("Börja nu"))
    code_page = CodePage(page)
    on_page(page)
    reference, code = code_page.reference, code_page.code
    assert reference
    assert code
    hands.press(code_page.button("Jag har sparat koden"))
    tasks = TaskListPage(page)
    on_page(page)
    return Started(reference, code, tasks)


def single_journey(
    page: Page, on_page: OnPage = _nothing, lang: str = "sv", hands: Hands = MOUSE
) -> tuple[str, ConfirmationPage]:
    """A single adult from the start page to the confirmation. Returns the reference shown at the start.

    Part I leads straight on to part II, and the last section to check your answers: the task list is seen once."""
    started = start(page, on_page, lang, hands)
    fill_tasks(started.tasks, single_part_one(), on_page, hands)
    fill_tasks(page, part_two(), on_page, hands)
    check = CheckAnswersPage(page)
    on_page(page)
    expect(check.answer_text("Bagare")).to_be_visible()
    expect(check.answer_text(check.w.option("housing_type", "rent_second_hand"))).to_be_visible()
    hands.tick(check.declaration)
    hands.press(check.button("Skicka in"))
    done = ConfirmationPage(page)
    on_page(page)
    return started.reference, done
