"""Whole journeys through the UI, as data: task (section) -> pages -> answers, in the Swedish of the definition.

The answers mirror tests/helpers.py SINGLE_PART_I / SINGLE_PART_II (a single adult, no children, looking for
work), written the way a person sees them: question texts and option labels, not ids and codes.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from playwright.sync_api import Page, expect

from .pages import Answer, CodePage, ConfirmationPage, QuestionPage, StartPage, TaskListPage


@dataclass
class PageAnswers:
    title: str  # the page's h1
    answers: dict[str, Answer] = field(default_factory=dict)


@dataclass
class Task:
    title: str  # the link on the task list (the section's title)
    pages: list[PageAnswers]


def single_part_one() -> list[Task]:
    return [
        Task("Vilka som bor hos dig", [PageAnswers("Vilka som bor hos dig", {
            "Söker du ensam eller tillsammans med någon?": "Jag söker ensam",
            "Hur många barn under 18 år bor hos dig?": "0",
            "Bor någon annan vuxen hos dig?": "Nej",
        })]),
        Task("Vad du gör just nu", [PageAnswers("Vad du gör just nu", {
            "Vad gör du just nu?": "Jag söker arbete",
            "Är du inskriven på Arbetsförmedlingen?": "Ja",
        })]),
        Task("Varför du söker", [
            PageAnswers("Varför du söker", {"Varför söker du ekonomiskt bistånd?": ["Jag har inget arbete"]}),
            PageAnswers("Det du redan har gjort", {
                "Vad har du redan gjort för att få pengar?": ["Jag söker arbete"],
                "Hur länge tror du att du behöver stöd?": "Jag vet inte",
            }),
        ]),
        Task("Pengar som kommer in", [PageAnswers("Pengar som kommer in", {
            "Vilka pengar kommer in till hushållet?": ["Inga pengar kommer in"],
        })]),
        Task("Det du äger", [PageAnswers("Det du äger", {
            "Hur mycket pengar har hushållet på banken just nu?": "150",
            "Äger någon i hushållet en bil?": "Nej",
            "Äger någon i hushållet ett hus, en lägenhet eller mark?": "Nej",
        })]),
        Task("Ditt boende", [
            PageAnswers("Ditt boende", {
                "Hur bor du?": "Jag hyr i andra hand",
                "Hur mycket betalar du i hyra eller avgift per månad?": "6 500",
                "Vem hyr du av?": "Anna",
            }),
            PageAnswers("Andra kostnader", {"Vilka av de här kostnaderna har hushållet?": ["Inga av dessa"]}),
        ]),
        Task("Inför mötet", [PageAnswers("Tolk på mötet", {"Vill ni ha en tolk på mötet?": "Nej"})]),
    ]


def couple_part_one() -> list[Task]:
    """Adult 1 of a couple: applying with a partner, who is also looking for work."""
    tasks = single_part_one()
    tasks[0].pages[0].answers["Söker du ensam eller tillsammans med någon?"] = "Jag söker med min make, maka eller sambo"
    tasks[1].pages.append(PageAnswers("Vad din partner gör just nu", {
        "Vad gör din make, maka eller sambo just nu?": "Hen söker arbete",
        "Är hen inskriven på Arbetsförmedlingen?": "Ja",
    }))
    return tasks


def part_two(wanted_work: str = "Bagare") -> list[Task]:
    """Part II for an adult looking for work with no children; `wanted_work` is their own words."""
    return [
        Task("Skola och utbildning", [PageAnswers("Skola och utbildning", {
            "Vilken är den högsta skola du har gått klart?": "Grundskola",
        })]),
        Task("Arbete", [
            PageAnswers("Arbete du har haft", {"Hur länge har du arbetat sammanlagt?": "Jag har aldrig arbetat"}),
            PageAnswers("Att söka arbete", {
                "Vilket arbete skulle du vilja ha?": wanted_work,
                "Vad gör det svårt att få ett arbete?": ["Jag kan för lite svenska"],
            }),
        ]),
        Task("Hälsa", [PageAnswers("Hälsa", {
            "Hur mår du just nu?": "Bra",
            "Gör din hälsa det svårt att klara vardagen?": "Nej",
            "Har du kontakt med vården?": ["Nej, ingen kontakt"],
        })]),
        Task("Hur mycket du kan arbeta", [PageAnswers("Hur mycket du kan arbeta", {
            "Hur mycket tror du att du kan arbeta just nu?": "Heltid",
        })]),
        Task("Människor runt dig", [PageAnswers("Människor runt dig", {
            "Har du någon som kan hjälpa dig när det är svårt?": "Ja, flera",
        })]),
        Task("Dina mål", [
            PageAnswers("Dina mål", {"Vad vill du ska hända framåt?": ["Få ett arbete"]}),
            PageAnswers("Det som kan hjälpa dig", {
                "Vad kan hjälpa dig att klara dig på egna pengar?": ["Hjälp att söka arbete"],
            }),
        ]),
        Task("Frågor som kan kännas svåra", [
            PageAnswers("Alkohol, droger och spel", {
                "Har alkohol, droger, tabletter eller spel ställt till problem för dig det senaste året?": "Nej",
            }),
            PageAnswers("Våld och hot", {"Har någon hotat dig eller gjort dig illa?": "Jag vill hellre prata om det på mötet"}),
            PageAnswers("Brott", {"Finns du i belastningsregistret?": "Nej"}),
        ]),
    ]


OnPage = Callable[[Page], None]


def _nothing(_page: Page) -> None:
    pass


def fill_tasks(tasks_page: TaskListPage, tasks: list[Task], on_page: OnPage = _nothing) -> TaskListPage:
    """Open each task from the list, answer its pages in order and come back to the list, where it is done."""
    page = tasks_page.page
    for task in tasks:
        question_page = tasks_page.open_section(task.title)
        for i, expected in enumerate(task.pages):
            question_page.expect_title(expected.title)
            on_page(page)
            question_page.answer(expected.answers)
            if i + 1 < len(task.pages):
                question_page = question_page.continue_to(task.pages[i + 1].title)
            else:
                tasks_page = question_page.continue_to_task_list()
        on_page(page)
        expect(tasks_page.task(task.title)).to_have_accessible_description("Klar")
    return tasks_page


@dataclass
class Started:
    reference: str
    code: str
    tasks: TaskListPage


def start(page: Page, on_page: OnPage = _nothing) -> Started:
    """From the start page to the task list, keeping the reference and code that are shown once."""
    start_page = StartPage.open(page)
    on_page(page)
    code_page = start_page.start()
    on_page(page)
    reference, code = code_page.reference, code_page.code
    assert reference and code
    tasks = code_page.confirm_saved()
    on_page(page)
    return Started(reference, code, tasks)


def single_journey(page: Page, on_page: OnPage = _nothing) -> tuple[str, ConfirmationPage]:
    """A single adult from the start page to the confirmation. Returns the reference shown at the start."""
    started = start(page, on_page)
    tasks = fill_tasks(started.tasks, single_part_one(), on_page)
    tasks = fill_tasks(tasks, part_two(), on_page)
    expect(tasks.main.get_by_text("Du har gjort klart 14 av 14 delar.")).to_be_visible()
    check = tasks.check_answers()
    on_page(page)
    expect(check.answer_text("Bagare")).to_be_visible()
    expect(check.answer_text("Jag hyr i andra hand")).to_be_visible()
    done = check.submit()
    on_page(page)
    return started.reference, done


__all__ = ["PageAnswers", "Task", "single_part_one", "couple_part_one", "part_two", "fill_tasks", "start",
           "single_journey", "Started", "CodePage", "QuestionPage"]
