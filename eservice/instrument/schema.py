"""The shape of the instrument as data: parts, sections, pages, questions and options.

Everything that decides what an applicant, an interpreter or a caseworker sees is a field here; views only read it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

Rule = dict[str, Any]


class QType(StrEnum):
    SINGLE = "single"  # one option code
    MULTI = "multi"  # a list of option codes
    INTEGER = "integer"  # a whole number within min/max
    MONEY = "money"  # whole kronor per month within min/max
    TEXT = "text"  # one line of free text, kept verbatim with its language
    TEXTAREA = "textarea"  # a few lines of free text, kept verbatim with its language
    PERSONAL_NUMBER = "personal_number"  # personnummer or samordningsnummer, stored as 12 digits YYYYMMDDNNNC
    PHONE = "phone"  # a phone number, stored as its digits with a leading "+" if typed
    EMAIL = "email"  # an e-mail address, stored trimmed


CHOICE_TYPES = {QType.SINGLE, QType.MULTI}
NUMBER_TYPES = {QType.INTEGER, QType.MONEY}
FREE_TEXT_TYPES = {QType.TEXT, QType.TEXTAREA}
# Typed in one line, checked for their form and stored normalised (not free text: no language is kept with them).
CONTACT_TYPES = {QType.PERSONAL_NUMBER, QType.PHONE, QType.EMAIL}


@dataclass(frozen=True)
class Option:
    code: str
    label: str
    hint: str = ""
    # Offered only when this holds, read from earlier pages ("my partner wants an interpreter" only for a couple).
    show_when: Rule | None = None


@dataclass(frozen=True)
class Question:
    id: str
    number: str
    type: QType
    text: str
    help: str = ""
    why: str = ""  # "why we ask": shown where a question may feel intrusive
    # The message when a required question is left empty, saying what to do: "Välj ..." / "Skriv ...".
    error: str = ""
    options: tuple[Option, ...] = ()
    exclusive: tuple[str, ...] = ()  # multi: codes that cannot be combined with others ("none")
    required: bool = True
    private: bool = False
    glossary: tuple[str, ...] = ()
    show_when: Rule | None = None
    min: int | None = None
    max: int | None = None
    max_length: int | None = None

    def option_codes(self) -> list[str]:
        return [o.code for o in self.options]


@dataclass(frozen=True)
class Page:
    id: str
    title: str
    questions: tuple[Question, ...]
    intro: str = ""
    show_when: Rule | None = None


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    pages: tuple[Page, ...]
    intro: str = ""
    sensitive: bool = False  # grouped at the end of part II, with a quick exit and "rather talk at the meeting"
    show_when: Rule | None = None


class WrittenBy(StrEnum):
    """Who fills a part in: the applicant at home (parts I and II), or the caseworker with the person at a meeting
    (parts III and IV). The applicant's journey shows only the applicant's parts."""

    APPLICANT = "applicant"
    CASEWORKER = "caseworker"


@dataclass(frozen=True)
class Part:
    id: str  # "I", "II", "III", "IV"
    number: int
    title: str
    sections: tuple[Section, ...]
    per_adult: bool = False  # parts II-IV: about one adult, stored apart, private to them
    intro: str = ""
    written_by: WrittenBy = WrittenBy.APPLICANT

    def pages(self) -> list[Page]:
        return [p for s in self.sections for p in s.pages]

    def questions(self) -> list[Question]:
        return [q for p in self.pages() for q in p.questions]


@dataclass(frozen=True)
class Instrument:
    version: str
    parts: tuple[Part, ...]
    # Lookup caches. Not init fields, so dataclasses.replace gives a changed copy its own empty caches.
    _pages: dict[str, tuple[Part, Section, Page]] = field(default_factory=dict, init=False, compare=False, repr=False)
    _questions: dict[str, Question] = field(default_factory=dict, init=False, compare=False, repr=False)
    _page_of: dict[str, Page] = field(default_factory=dict, init=False, compare=False, repr=False)

    def part(self, part_id: str) -> Part:
        for part in self.parts:
            if part.id == part_id:
                return part
        raise KeyError(part_id)

    def _build_index(self) -> None:
        if not self._pages:
            for part in self.parts:
                for section in part.sections:
                    for page in section.pages:
                        self._pages[page.id] = (part, section, page)
                        for q in page.questions:
                            self._questions[q.id] = q
                            self._page_of[q.id] = page

    def locate_page(self, page_id: str) -> tuple[Part, Section, Page] | None:
        self._build_index()
        return self._pages.get(page_id)

    def question(self, question_id: str) -> Question | None:
        self._build_index()
        return self._questions.get(question_id)

    def page_of(self, question_id: str) -> Page:
        """The page a question is asked on."""
        self._build_index()
        return self._page_of[question_id]

    def all_questions(self) -> list[Question]:
        return [q for part in self.parts for q in part.questions()]

    def applicant_parts(self) -> tuple[Part, ...]:
        """The parts the applicant fills in: the one list every applicant-side view, journey and export reads, so
        that parts written by the caseworker never appear in the applicant's journey."""
        return tuple(part for part in self.parts if part.written_by is WrittenBy.APPLICANT)
