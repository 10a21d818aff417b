"""Page objects for the applicant's journey, in every offered language.

They find things the way a person (or a screen reader) does: by role, accessible name and label, never by CSS
structure. The only ids read directly are #reference and #resume-code, the two values a person copies down.
Every method that navigates waits for the next page's heading and returns that page's object.

Names are written in Swedish and said in the page's own language (its URL's first segment) through e2e.words:
`self.w("Börja nu")` is "ابدأ الآن" on /ar/. Methods that take a question or an option take it as shown on the
page; `answer_codes` takes ids and codes and looks the words up itself.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Self

from playwright.sync_api import Locator, Page, expect

from eservice.instrument import INSTRUMENT
from eservice.instrument.schema import QType

from .words import Words, words_of

Answer = str | Sequence[str]  # a radio option, a list of checkbox options, or what to type


class BasePage:
    headings: tuple[str, ...] = ()  # the page's h1, in Swedish (one of these)
    path: str | None = None  # where the page is, after the language: "resume" for /sv/resume

    @classmethod
    def open(cls, page: Page, lang: str = "sv") -> Self:
        assert cls.path is not None, f"{cls.__name__} has no address of its own"
        page.goto(f"/{lang}/{cls.path}")
        return cls(page)

    def __init__(self, page: Page):
        self.page = page
        # Clicks return once a navigation has committed; waiting for the parsed document spares expect() a retry.
        page.wait_for_load_state("domcontentloaded")
        self.w: Words = words_of(page)
        if self.headings:
            expect(self.h1).to_have_text(self.w.one_of(*self.headings))

    @property
    def h1(self) -> Locator:
        return self.page.get_by_role("heading", level=1)

    @property
    def main(self) -> Locator:
        return self.page.get_by_role("main")

    @property
    def quick_exit(self) -> Locator:
        return self.page.get_by_role("link", name=self.w("Lämna sidan snabbt"))

    def button(self, swedish: str) -> Locator:
        return self.main.get_by_role("button", name=self.w(swedish), exact=True)

    def link(self, swedish: str) -> Locator:
        return self.main.get_by_role("link", name=self.w(swedish), exact=True)

    def shows(self, text: str) -> bool:
        """Whether the text is anywhere in the page's HTML, visible or not (for privacy checks)."""
        return text in self.page.content()


class StartPage(BasePage):
    headings = ("Förbered ditt möte om ekonomiskt bistånd", "Ansök om ekonomiskt bistånd")  # per SUBMIT_IS_APPLICATION
    path = ""

    def start(self) -> CodePage:
        self.button("Börja nu").click()
        return CodePage(self.page)

    def resume_link(self) -> ResumePage:
        self.link("Fortsätt med en ansökan som du redan har börjat på").click()
        return ResumePage(self.page)


class CodePage(BasePage):
    """Shows the reference and a code: the applicant's own (once), or the invitation adult 1 gives the partner."""

    headings = ("Spara din kod", "Inbjudan till din make, maka eller sambo")

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
        self.link("Tillbaka till listan").click()
        return TaskListPage(self.page)


class ResumePage(BasePage):
    headings = ("Fortsätt din ansökan",)
    path = "resume"

    def resume(self, reference: str, code: str) -> TaskListPage:
        self._fill(reference, code)
        return TaskListPage(self.page)

    def join(self, reference: str, invitation: str) -> CodePage:
        """The partner's first visit: the invitation is exchanged for their own code, shown on the next page."""
        self._fill(reference, invitation)
        return CodePage(self.page)

    def _fill(self, reference: str, code: str) -> None:
        self.main.get_by_label(self.w("Ärendenummer")).fill(reference)
        self.main.get_by_label(self.w("Kod"), exact=True).fill(code)
        self.button("Fortsätt").click()


class SavedPage(BasePage):
    headings = ("Dina svar är sparade",)


class TaskListPage(BasePage):
    headings = ("Din ansökan",)
    path = "tasks"

    def task(self, section_title: str) -> Locator:
        """A task's link, by its text on the page; its accessible description is its state (Klar, Påbörjad or
        Inte påbörjad, in the page's language)."""
        return self.main.get_by_role("link", name=section_title, exact=True)

    def task_of(self, section_id: str) -> Locator:
        return self.task(self.w.section_title(section_id))

    def expect_state(self, task: Locator, swedish_state: str) -> None:
        expect(task).to_have_accessible_description(self.w(swedish_state))

    def open_section(self, section_title: str) -> QuestionPage:
        self.task(section_title).click()
        return QuestionPage(self.page)

    def part_headings(self) -> list[str]:
        return self.main.get_by_role("heading", level=2).all_inner_texts()

    def invite_partner(self) -> CodePage:
        self.link("Bjud in hen").click()
        expect(self.h1).to_have_text(self.w("Din make, maka eller sambo"))
        self.button("Gör en inbjudan").click()
        return CodePage(self.page)

    def save_and_come_back_later(self) -> SavedPage:
        self.button("Logga ut och fortsätt en annan gång").click()
        return SavedPage(self.page)

    @property
    def check_and_submit(self) -> Locator:
        """The last task's link: there only once every section is done."""
        return self.link("Kontrollera och skicka in")

    def expect_check_cannot_start(self) -> None:
        expect(self.check_and_submit).to_have_count(0)
        expect(self.main.get_by_text(self.w("Kan inte börja än"), exact=True)).to_be_visible()

    def expect_check_open(self) -> None:
        self.expect_state(self.check_and_submit, "Inte påbörjad")
        expect(self.main.get_by_text(self.w("Kan inte börja än"), exact=True)).to_have_count(0)


class SectionStartPage(BasePage):
    """The opening page of a sensitive section: said once, then "Svara nu" or "Prata om allt detta på mötet"."""

    def __init__(self, page: Page, section_id: str = "sensitive"):
        super().__init__(page)
        expect(self.h1).to_have_text(self.w.section_title(section_id))

    def answer_now(self) -> QuestionPage:
        self.button("Svara nu").click()
        return QuestionPage(self.page)

    def talk_at_the_meeting(self) -> Page:
        """The whole section is left for the meeting; the caller says which page comes next."""
        self.button("Prata om allt detta på mötet").click()
        return self.page


class QuestionPage(BasePage):
    """One page of questions. Questions are named by their text as shown (the legend or the label)."""

    def __init__(self, page: Page, title: str | None = None):
        super().__init__(page)
        if title is not None:
            self.expect_title(title)

    def expect_page(self, page_id: str) -> QuestionPage:
        return self.expect_title(self.w.page_title(page_id))

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

    def targets(self, answers: Mapping[str, Answer]) -> Iterator[tuple[Locator, str | None]]:
        """What answering means on this page, by question id: each radio or checkbox to select (with None), or
        each field with the text to type. Values are option codes, lists of codes, or text."""
        w = self.w
        for question_id, value in answers.items():
            question = INSTRUMENT.question(question_id)
            assert question is not None, question_id
            name = w.question(question_id)
            if question.type == QType.MULTI:
                for code in value:
                    yield self.checkbox(name, w.option(question_id, code)), None
            elif question.type == QType.SINGLE:
                yield self.radio(name, w.option(question_id, value)), None
            else:
                yield self.field(name), value

    def answer_codes(self, answers: Mapping[str, Answer]) -> QuestionPage:
        """Answer by question id, with the mouse."""
        for target, text in self.targets(answers):
            if text is None:
                target.check()
            else:
                target.fill(text)
        return self

    def radio(self, question: str, option: str) -> Locator:
        return self.group(question).get_by_role("radio", name=option, exact=True)

    def checkbox(self, question: str, option: str) -> Locator:
        return self.group(question).get_by_role("checkbox", name=option, exact=True)

    def continue_(self) -> Page:
        """Save and continue; the caller says which page comes next (the next page, the next section not done, or
        check your answers). The page saves by script (site.js) and then goes on: the click returns before the next
        page comes, so wait for it, or the caller's next step races the save."""
        with self.page.expect_navigation():
            self.button("Fortsätt").click()
        return self.page

    def continue_to(self, next_title: str) -> QuestionPage:
        self.continue_()
        return QuestionPage(self.page, next_title)

    def to_task_list(self) -> TaskListPage:
        """The link at the top, beside "Avsnitt 3 av 14": the task list is one tap away from every page."""
        self.link("Se alla avsnitt").click()
        return TaskListPage(self.page)

    def save_and_come_back_later(self) -> SavedPage:
        self.button("Logga ut och fortsätt en annan gång").click()
        return SavedPage(self.page)

    def back_to_list(self) -> TaskListPage:
        self.link("Tillbaka till listan").click()
        return TaskListPage(self.page)


class CheckAnswersPage(BasePage):
    headings = ("Kontrollera dina svar", "Dina svar")
    path = "check"

    def answer_text(self, text: str) -> Locator:
        """An answer as the summary shows it (an option's label, or the person's own words)."""
        return self.main.get_by_role("definition").filter(has_text=text)

    @property
    def declaration(self) -> Locator:
        return self.main.get_by_label(self.w("Det jag har skrivit är sant så långt jag vet."))

    def submit(self) -> ConfirmationPage:
        self.declaration.check()
        self.button("Skicka in").click()
        return ConfirmationPage(self.page)


class ConfirmationPage(BasePage):
    headings = ("Dina svar är inskickade", "Din ansökan är inskickad")
    path = "done"

    @property
    def reference(self) -> str:
        return self.page.locator("#reference").inner_text().strip()
