"""Page objects for the applicant's journey, in Swedish.

They find things the way a person (or a screen reader) does: by role, accessible name and label, never by CSS
structure. The only ids read directly are #reference and #resume-code, the two values a person copies down.
Every method that navigates waits for the next page's heading and returns that page's object.
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Union

from playwright.sync_api import Locator, Page, expect

Answer = Union[str, Sequence[str]]  # a radio option, a list of checkbox options, or what to type


class BasePage:
    heading: str | re.Pattern = ""

    def __init__(self, page: Page):
        self.page = page
        # Clicks return once a navigation has committed; waiting for the parsed document spares expect() a retry.
        page.wait_for_load_state("domcontentloaded")
        if self.heading:
            expect(self.h1).to_have_text(self.heading)

    @property
    def h1(self) -> Locator:
        return self.page.get_by_role("heading", level=1)

    @property
    def main(self) -> Locator:
        return self.page.get_by_role("main")

    @property
    def quick_exit(self) -> Locator:
        return self.page.get_by_role("link", name="Lämna sidan snabbt")

    def button(self, name: str) -> Locator:
        return self.main.get_by_role("button", name=name, exact=True)

    def link(self, name: str) -> Locator:
        return self.main.get_by_role("link", name=name, exact=True)

    def shows(self, text: str) -> bool:
        """Whether the text is anywhere in the page's HTML, visible or not (for privacy checks)."""
        return text in self.page.content()


class StartPage(BasePage):
    heading = "Ansök om ekonomiskt bistånd"

    @classmethod
    def open(cls, page: Page, lang: str = "sv") -> StartPage:
        page.goto(f"/{lang}/")
        return cls(page)

    def start(self) -> CodePage:
        self.button("Börja nu").click()
        return CodePage(self.page)

    def resume_link(self) -> ResumePage:
        self.link("Fortsätt med en ansökan som du redan har börjat på").click()
        return ResumePage(self.page)


class CodePage(BasePage):
    """Shows the reference and a code once: the applicant's own, or one for the partner."""

    heading = re.compile(r"^(Spara din kod|Koden till din make, maka eller sambo)$")

    @property
    def reference(self) -> str:
        return self.page.locator("#reference").inner_text().strip()

    @property
    def code(self) -> str:
        return self.page.locator("#resume-code").inner_text().strip()

    def confirm_saved(self) -> TaskListPage:
        self.button("Jag har sparat koden").click()
        return TaskListPage(self.page)

    def back_to_list(self) -> TaskListPage:
        self.button("Tillbaka till listan").click()
        return TaskListPage(self.page)


class ResumePage(BasePage):
    heading = "Fortsätt din ansökan"

    @classmethod
    def open(cls, page: Page, lang: str = "sv") -> ResumePage:
        page.goto(f"/{lang}/resume")
        return cls(page)

    def resume(self, reference: str, code: str) -> TaskListPage:
        self.main.get_by_label("Ärendenummer").fill(reference)
        self.main.get_by_label("Kod", exact=True).fill(code)
        self.button("Fortsätt").click()
        return TaskListPage(self.page)


class SavedPage(BasePage):
    heading = "Dina svar är sparade"

    def continue_link(self) -> ResumePage:
        self.main.get_by_role("link", name="Fortsätt din ansökan").click()
        return ResumePage(self.page)


class TaskListPage(BasePage):
    heading = "Din ansökan"

    @classmethod
    def open(cls, page: Page, lang: str = "sv") -> TaskListPage:
        page.goto(f"/{lang}/tasks")
        return cls(page)

    def task(self, section_title: str) -> Locator:
        """A task's link; its accessible description is its state: Klar, Påbörjad or Inte påbörjad."""
        return self.link(section_title)

    def open_section(self, section_title: str) -> QuestionPage:
        self.task(section_title).click()
        return QuestionPage(self.page)

    def part_headings(self) -> list[str]:
        return self.main.get_by_role("heading", level=2).all_inner_texts()

    def give_partner_code(self) -> CodePage:
        self.link("Ge hen en egen kod").click()
        expect(self.h1).to_have_text("Din make, maka eller sambo")
        self.button("Visa en kod till hen").click()
        return CodePage(self.page)

    def check_answers(self) -> CheckAnswersPage:
        self.link("Kontrollera och skicka in").click()
        return CheckAnswersPage(self.page)

    def save_and_come_back_later(self) -> SavedPage:
        self.button("Spara och fortsätt senare").click()
        return SavedPage(self.page)


class QuestionPage(BasePage):
    """One page of questions. Questions are named by their Swedish text (the legend or the label)."""

    def __init__(self, page: Page, title: str | None = None):
        super().__init__(page)
        if title is not None:
            self.expect_title(title)

    def expect_title(self, title: str) -> QuestionPage:
        self.page.wait_for_load_state("domcontentloaded")
        expect(self.h1).to_have_text(title)
        return self

    @property
    def title(self) -> str:
        return self.h1.inner_text().strip()

    def group(self, question: str) -> Locator:
        """The fieldset of a radio or checkbox question, by its legend."""
        return self.main.get_by_role("group", name=question)

    def field(self, question: str) -> Locator:
        """The text, number or text area of a question, by its label."""
        return self.main.get_by_label(question)

    def choose(self, question: str, option: str) -> QuestionPage:
        self.group(question).get_by_role("radio", name=option, exact=True).check()
        return self

    def tick(self, question: str, *options: str) -> QuestionPage:
        for option in options:
            self.group(question).get_by_role("checkbox", name=option, exact=True).check()
        return self

    def fill(self, question: str, value: str) -> QuestionPage:
        self.field(question).fill(value)
        return self

    def answer(self, answers: Mapping[str, Answer]) -> QuestionPage:
        """Answer several questions: a string for a radio question (the option) or a text/number field (the
        text), a list or tuple for a checkbox question (the options to tick)."""
        for question, value in answers.items():
            if isinstance(value, (list, tuple)):
                self.tick(question, *value)
            elif self.group(question).count():
                self.choose(question, value)
            else:
                self.fill(question, value)
        return self

    def radio(self, question: str, option: str) -> Locator:
        return self.group(question).get_by_role("radio", name=option, exact=True)

    def checkbox(self, question: str, option: str) -> Locator:
        return self.group(question).get_by_role("checkbox", name=option, exact=True)

    def continue_(self) -> Page:
        """Save and continue; the caller says which page comes next (another QuestionPage or the task list)."""
        self.button("Spara och fortsätt").click()
        return self.page

    def continue_to(self, next_title: str) -> QuestionPage:
        self.continue_()
        return QuestionPage(self.page, next_title)

    def continue_to_task_list(self) -> TaskListPage:
        self.continue_()
        return TaskListPage(self.page)

    def save_and_come_back_later(self) -> SavedPage:
        self.button("Spara och fortsätt senare").click()
        return SavedPage(self.page)

    def back_to_list(self) -> TaskListPage:
        self.link("Tillbaka till listan").click()
        return TaskListPage(self.page)


class CheckAnswersPage(BasePage):
    heading = re.compile(r"^(Kontrollera dina svar|Dina svar)$")

    @classmethod
    def open(cls, page: Page, lang: str = "sv") -> CheckAnswersPage:
        page.goto(f"/{lang}/check")
        return cls(page)

    def answer_text(self, text: str) -> Locator:
        """An answer as the summary shows it (an option's label, or the person's own words)."""
        return self.main.get_by_role("definition").filter(has_text=text)

    def submit(self) -> ConfirmationPage:
        self.button("Skicka in").click()
        return ConfirmationPage(self.page)


class ConfirmationPage(BasePage):
    heading = "Dina svar är inskickade"

    @classmethod
    def open(cls, page: Page, lang: str = "sv") -> ConfirmationPage:
        page.goto(f"/{lang}/done")
        return cls(page)

    @property
    def reference(self) -> str:
        return self.page.locator("#reference").inner_text().strip()
