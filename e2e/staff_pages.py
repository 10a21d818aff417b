"""Page objects for the caseworker side, found by role, accessible name and label like the applicant's (e2e.pages).

Staff pages are in Swedish only (their own gettext domain, no language in the URL), so names are written as the
page shows them. Every method that navigates waits for the next page's heading and returns that page's object.
"""

from __future__ import annotations

import re
from datetime import date

from playwright.sync_api import Download, Locator, Page, expect


class StaffPage:
    heading: str | re.Pattern = ""  # the page's h1 (a pattern where it ends with the case's reference)

    def __init__(self, page: Page):
        self.page = page
        page.wait_for_load_state("domcontentloaded")
        if self.heading:
            expect(self.h1).to_have_text(self.heading)

    @property
    def h1(self) -> Locator:
        return self.page.get_by_role("heading", level=1)

    @property
    def main(self) -> Locator:
        return self.page.get_by_role("main")

    def button(self, name: str) -> Locator:
        return self.main.get_by_role("button", name=name, exact=True)

    def link(self, name: str) -> Locator:
        return self.main.get_by_role("link", name=name, exact=True)

    def to_queue(self) -> QueuePage:
        """The service's name in the header leads to the queue (the start page) from every staff page."""
        self.page.get_by_role("banner").get_by_role("link", name="Instrument X för handläggare").click()
        return QueuePage(self.page)

    def download(self, link_name: str) -> Download:
        """Follows a download link; the file is saved by the browser, Playwright hands over its path."""
        with self.page.expect_download() as download:
            self.link(link_name).click()
        return download.value


def _hidden_suffix(shown: str, hidden: str) -> re.Pattern:
    """The name of a button or link that ends in visually hidden words (": Ditt boende"): the hidden span is laid out
    apart, so Chromium may put a space before its colon."""
    return re.compile(rf"^{re.escape(shown)}\s?: {re.escape(hidden)}$")


def sign_in(page: Page, base_url: str, account: str) -> QueuePage:
    """From the staff start page through the provider's own login page (tests/oidc/provider.mjs) to the queue."""
    page.goto(f"{base_url}/staff/")
    page.get_by_role("link", name="Logga in med kommunens inloggning").click()
    expect(page.get_by_role("heading", name="Test provider: sign in")).to_be_visible()
    page.get_by_label("Account").fill(account)
    page.get_by_role("button", name="Sign in").click()
    return QueuePage(page)


class QueuePage(StaffPage):
    heading = "Kön"

    def filter(self, **choices: str) -> QueuePage:
        """Choose in the filter form by label ("Svarens språk"="ar" as language=...), then "Visa"."""
        form = self.main.get_by_role("group", name="Visa ärenden")
        wanted: dict[str | None, str] = {}
        for label, value in choices.items():
            field = form.get_by_label(label, exact=True)
            field.select_option(value)
            wanted[field.get_attribute("name")] = value
        form.get_by_role("button", name="Visa").click()
        # The next page has the same heading: it is there once the address carries the filter (a GET form).
        for name, value in wanted.items():
            expect(self.page).to_have_url(re.compile(rf"[?&]{name}={re.escape(value)}(&|$)"))
        return QueuePage(self.page)

    def chosen(self, label: str) -> Locator:
        return self.main.get_by_role("group", name="Visa ärenden").get_by_label(label, exact=True)

    def row(self, reference: str) -> Locator:
        return self.main.get_by_role("row").filter(has=self.page.get_by_role("link", name=reference, exact=True))

    def case_link(self, reference: str) -> Locator:
        return self.main.get_by_role("link", name=reference, exact=True)

    def pick_up(self, reference: str) -> MeetingPage:
        self.button(f"Ta ärendet {reference}").click()
        return MeetingPage(self.page, reference)

    def open_case(self, reference: str) -> CasePage:
        self.case_link(reference).click()
        return CasePage(self.page, reference)

    @property
    def follow_ups(self) -> Locator:
        return self.main.get_by_role("region", name=re.compile(r"uppföljningar den här veckan$", re.IGNORECASE))

    def follow_up(self, reference: str) -> Locator:
        """A follow-up's line: the case's reference, the adult and plan, the date, "Försenad" once it is past."""
        return self.follow_ups.get_by_role("listitem").filter(
            has=self.page.get_by_role("link", name=reference, exact=True)
        )

    def open_follow_up(self, reference: str) -> CasePage:
        self.follow_up(reference).get_by_role("link", name=reference, exact=True).click()
        return CasePage(self.page, reference)

    def statistics(self) -> StatisticsPage:
        self.link("Statistik per behovsgrupp").click()
        return StatisticsPage(self.page)


class MeetingPage(StaffPage):
    def __init__(self, page: Page, reference: str):
        self.heading = f"Boka mötet {reference}"
        super().__init__(page)

    @property
    def form(self) -> Locator:
        return self.main.locator("form").filter(has=self.page.get_by_role("button", name="Boka mötet", exact=True))

    def book(self, at: str, where: str, interpreter_language: str = "") -> MeetingPage:
        """`at` as the browser's datetime-local field takes it: 2026-12-07T10:30."""
        self.main.get_by_label("Tid", exact=True).fill(at)
        self.main.get_by_role("group", name="Hur ni ses").get_by_role("radio", name="På en plats").check()
        self.main.get_by_label("Plats eller telefonnummer").fill(where)
        if interpreter_language:
            self.main.get_by_label("Tolk är bokad").check()
            self.main.get_by_label("Tolkens språk").fill(interpreter_language)
        self.button("Boka mötet").click()
        return self

    def book_empty(self) -> MeetingPage:
        """Sends the form with nothing filled in, as a browser without form validation would: the server's own
        check is what answers, with its error message."""
        self.form.evaluate("form => { form.noValidate = true }")
        self.main.get_by_label("Tid", exact=True).fill("")
        self.main.get_by_label("Plats eller telefonnummer").fill("")
        self.button("Boka mötet").click()
        return self

    @property
    def error(self) -> Locator:
        return self.main.get_by_role("alert")

    @property
    def booked(self) -> Locator:
        return self.main.get_by_role("status")

    def summary(self, term: str) -> Locator:
        """The value beside a term in the summary at the top ("Mötet", "Läge", "Har ärendet")."""
        return (
            self.main.locator("dl.summary-list > div")
            .filter(has=self.page.get_by_role("term").get_by_text(term, exact=True))
            .get_by_role("definition")
        )


class CasePage(StaffPage):
    def __init__(self, page: Page, reference: str):
        self.heading = f"Ärende {reference}"
        super().__init__(page)
        self.reference = reference

    def show_beside(self, language_name: str) -> CasePage:
        self.main.get_by_label("Visa den sökandes språk bredvid").select_option(label=language_name)
        self.button("Visa").click()
        expect(self.page).to_have_url(re.compile(r"[?&]beside=[^&]"))  # the same heading: wait for the address
        return CasePage(self.page, self.reference)

    def question(self, position: int, question_id: str) -> Locator:
        """A question's row in an adult's answers (its number, the Swedish text, any text beside, the answer)."""
        return self.main.locator(f"#q-{position}-{question_id}")

    def need_group(self, position: int) -> Locator:
        return self.main.get_by_role("region", name="Behovsgrupp").filter(
            has=self.page.locator(f"#need-group-{position}")
        )

    def set_need_group(self, position: int, group_name: str, agreed: bool) -> CasePage:
        section = self.need_group(position)
        section.get_by_role("group", name="Välj behovsgrupp tillsammans med personen").get_by_role(
            "radio", name=re.compile(rf"^{re.escape(group_name)}:")
        ).check()
        section.get_by_label("Vi kom överens om det här tillsammans").set_checked(agreed)
        section.get_by_role("button", name="Spara behovsgrupp").click()
        return CasePage(self.page, self.reference)

    def facts(self, position: int) -> Locator:
        return self.main.get_by_role("region", name="Uppgifter för statistik").filter(
            has=self.page.locator(f"#facts-{position}")
        )

    def save_facts(self, position: int, **chosen: str) -> CasePage:
        """Fields by label: a list by its option's code ("Personens kön"="woman"), a field by what is typed."""
        form = self.facts(position)
        for label, value in chosen.items():
            field = form.get_by_label(label, exact=True)
            if field.evaluate("el => el.tagName") == "SELECT":
                field.select_option(value)
            else:
                field.fill(value)
        form.get_by_role("button", name=_hidden_suffix("Spara uppgifter för statistik", f"vuxen {position}")).click()
        expect(self.page).to_have_url(re.compile(rf"[?&]facts_saved={position}\b"))  # the same heading
        return CasePage(self.page, self.reference)

    def plans(self, position: int) -> Locator:
        return self.main.get_by_role("region", name="Plan och uppföljning").filter(
            has=self.page.locator(f"#plans-{position}")
        )

    def write_plan(self, position: int) -> PlanPage:
        self.plans(position).get_by_role("button", name="Skriv en plan", exact=True).click()
        return PlanPage(self.page, 1)

    def open_plan(self, position: int, number: int) -> PlanPage:
        self.plans(position).get_by_role("link", name=f"Plan {number}", exact=True).click()
        return PlanPage(self.page, number)

    def section(self, position: int, section_id: str) -> Locator:
        """A section of an adult's answers: its heading, its confirmation, its pages and their answers."""
        return self.main.locator(f"section.case-section:has(> #section-{position}-{section_id})")

    def confirm_section(self, position: int, section_id: str, title: str) -> CasePage:
        self.section(position, section_id).get_by_role(
            "button", name=_hidden_suffix("Bekräfta avsnittet med personen", title)
        ).click()
        expect(self.page).to_have_url(re.compile(r"[?&]confirmed="))  # the same heading: wait for the address
        return CasePage(self.page, self.reference)

    def change_answers(self, page_title: str) -> ChangeAnswersPage:
        self.main.get_by_role("link", name=_hidden_suffix("Ändra svar", page_title)).click()
        return ChangeAnswersPage(self.page, page_title, self.reference)

    @property
    def notes(self) -> Locator:
        return self.main.get_by_role("region", name="Anteckningar")

    def write_note(self, text: str) -> CasePage:
        self.notes.get_by_label("Ny anteckning").fill(text)
        self.notes.get_by_role("button", name="Spara anteckningen").click()
        return CasePage(self.page, self.reference)


class ChangeAnswersPage(StaffPage):
    """One page of an adult's answers as a form, to record what the person says at the meeting."""

    def __init__(self, page: Page, page_title: str, reference: str):
        self.heading = f"Ändra svar: {page_title}"
        super().__init__(page)
        self.reference = reference

    def fill(self, question: str, value: str) -> ChangeAnswersPage:
        """A field by its question's text (its label also holds the question's number)."""
        self.main.get_by_label(question).fill(value)
        return self

    def save(self) -> CasePage:
        self.button("Spara ändringarna").click()
        return CasePage(self.page, self.reference)


class _RecordPage(StaffPage):
    """A plan or an evaluation: part III's or IV's questions as a form while it is a draft, read only once signed."""

    def choose(self, question: str, *options: str) -> _RecordPage:
        """Ticks each option (a checkbox or a radio button) in the question's group, found by the question's text."""
        group = self.main.get_by_role("group", name=re.compile(rf"{re.escape(question)}$"))
        for option in options:
            group.get_by_label(option, exact=True).check()
        return self

    def field(self, question: str) -> Locator:
        """A text field by its question's text (its label also holds the question's number)."""
        return self.main.get_by_label(question)

    def fill(self, question: str, text: str) -> _RecordPage:
        self.field(question).fill(text)
        return self

    def set_date(self, label: str, day: date) -> _RecordPage:
        self.main.get_by_label(label, exact=True).fill(day.isoformat())
        return self

    @property
    def saved(self) -> Locator:
        return self.main.get_by_role("status")

    @property
    def problem(self) -> Locator:
        return self.main.get_by_role("alert")

    @property
    def signed(self) -> Locator:
        return self.main.locator("p.confirmed")

    def answer(self, question: str) -> Locator:
        """A signed record's answer, beside its question in the read-only list."""
        return (
            self.main.locator("dl.summary > div")
            .filter(has=self.page.get_by_role("term").get_by_text(question))
            .get_by_role("definition")
        )


class PlanPage(_RecordPage):
    """Plan N (part III) of an adult: a draft to write with the person, then signed with them."""

    def __init__(self, page: Page, number: int):
        self.heading = f"Plan {number}"
        super().__init__(page)
        self.number = number

    def save_draft(self) -> PlanPage:
        self.button("Spara utkastet").click()
        expect(self.page).to_have_url(re.compile(r"[?&]saved=1\b"))  # the same heading: wait for the address
        return PlanPage(self.page, self.number)

    def sign(self) -> PlanPage:
        """Signs with the person; the page that answers is the signed plan, or the draft with what is missing."""
        with self.page.expect_navigation():
            self.button("Signera med personen").click()
        return PlanPage(self.page, self.number)

    def evaluate(self) -> EvaluationPage:
        self.button("Utvärdera planen").click()
        return EvaluationPage(self.page, self.number)


class EvaluationPage(_RecordPage):
    """The evaluation (part IV) of plan N, with the plan's own answers above the form."""

    def __init__(self, page: Page, plan_number: int):
        self.heading = f"Utvärdering av plan {plan_number}"
        super().__init__(page)
        self.plan_number = plan_number

    @property
    def evaluated_plan(self) -> Locator:
        return self.main.get_by_role("region", name="Planen som utvärderas")

    def sign_for_a_new_plan(self) -> PlanPage:
        """Signed with "Vi gör en ny plan", the evaluation leads to the next plan's draft, pre-filled from this."""
        self.button("Signera med personen").click()
        return PlanPage(self.page, self.plan_number + 1)


class StatisticsPage(StaffPage):
    """The team lead's statistics: adults per need group, broken down by a choice, as a table, a chart and a CSV."""

    heading = "Statistik"

    def break_down_by(self, label: str) -> StatisticsPage:
        field = self.main.get_by_label("Behovsgrupp per", exact=True)
        field.select_option(label=label)
        value = field.input_value()
        self.main.locator("form.statistics-filter").get_by_role("button", name="Visa", exact=True).click()
        expect(self.page).to_have_url(re.compile(rf"[?&]by={re.escape(value)}(&|$)"))  # the same heading
        return StatisticsPage(self.page)

    @property
    def table(self) -> Locator:
        return self.main.get_by_role("table", name=re.compile(r"^Vuxna per behovsgrupp"))

    @property
    def chart(self) -> Locator:
        return self.main.get_by_role("img", name=re.compile(r"^Vuxna per behovsgrupp"))
