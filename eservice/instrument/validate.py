"""Checks that the instrument definition is consistent. Run at start-up: a broken definition must not serve."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping

from .rules import codes_tested, referenced_ids, rule_errors
from .schema import (
    CHOICE_TYPES,
    CONTACT_TYPES,
    FREE_TEXT_TYPES,
    NUMBER_TYPES,
    Instrument,
    Part,
    QType,
    Question,
    Rule,
    WrittenBy,
)

ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")


class DefinitionError(ValueError):
    def __init__(self, problems: list[str]):
        super().__init__("The instrument definition is broken:\n- " + "\n- ".join(problems))
        self.problems = problems


def _duplicates(values: Iterable[str]) -> list[str]:
    return [v for v, n in Counter(values).items() if n > 1]


def _question_problems(q: Question, part_number: int) -> list[str]:
    problems = []
    if not ID_PATTERN.match(q.id):
        problems.append(f"question id {q.id!r} is not lower_snake_case")
    if not re.fullmatch(rf"{part_number}\.\d+", q.number):
        problems.append(f"{q.id}: number {q.number!r} does not belong to part {part_number}")
    if not q.text.strip():
        problems.append(f"{q.id}: no text")
    codes = q.option_codes()
    if q.type in CHOICE_TYPES:
        if len(codes) < 2:
            problems.append(f"{q.id}: a choice needs at least two options")
        problems += [f"{q.id}: option code {c!r} repeats" for c in _duplicates(codes)]
        problems += [
            f"{q.id}: option code {c!r} is not lower_snake_case"
            for c in codes
            if not ID_PATTERN.match(c) and not re.fullmatch(r"[a-z0-9_]+", c)
        ]
    elif codes:
        problems.append(f"{q.id}: only choice questions have options")
    if q.exclusive and (q.type is not QType.MULTI or not set(q.exclusive) <= set(codes)):
        problems.append(f"{q.id}: exclusive codes must be options of a multi question")
    if q.type in NUMBER_TYPES and (q.min is None or q.max is None or q.min > q.max):
        problems.append(f"{q.id}: a number needs min <= max")
    if q.type in FREE_TEXT_TYPES and not q.max_length:
        problems.append(f"{q.id}: free text needs a max_length")
    # Each required question says what to do when it is left empty ("Välj om du söker ensam ..."), not "Välj ett svar".
    if q.required and not q.error.strip():
        problems.append(f"{q.id}: a required question needs an error message saying what to do")
    if q.error and not q.required:
        problems.append(f"{q.id}: an optional question is never refused, so its error message would never show")
    return problems


def _order_problems(instrument: Instrument) -> list[str]:
    """Parts numbered 1, 2, 3 ... in order, the applicant's before the caseworker's (an applicant's rule can then
    never read an answer written later at a meeting), and each part's questions numbered in rising order, as the
    interpreter and the caseworker read them out."""
    problems = [
        f"part {part.id}: number {part.number} where {n} was expected"
        for n, part in enumerate(instrument.parts, start=1)
        if part.number != n
    ]
    writers = [part.written_by for part in instrument.parts]
    if WrittenBy.CASEWORKER in writers and WrittenBy.APPLICANT in writers[writers.index(WrittenBy.CASEWORKER) :]:
        problems.append("the applicant's parts must come before the parts the caseworker writes")
    for part in instrument.parts:
        problems += _numbering_problems(part)
    return problems


def _numbering_problems(part: Part) -> list[str]:
    problems = []
    previous = 0
    for q in part.questions():
        if not re.fullmatch(rf"{part.number}\.\d+", q.number):
            continue  # reported with the question
        n = int(q.number.split(".")[1])
        if n <= previous:
            problems.append(f"{q.id}: number {q.number!r} comes after {part.number}.{previous}: numbers must rise")
        previous = max(previous, n)
    return problems


def validate(
    instrument: Instrument, glossary_ids: frozenset[str], per_adult_facts: Mapping[str, tuple[str, ...]]
) -> None:
    problems: list[str] = _order_problems(instrument)
    questions = instrument.all_questions()
    pages = [p for part in instrument.parts for p in part.pages()]
    problems += [f"question id {i!r} repeats" for i in _duplicates(q.id for q in questions)]
    problems += [f"question number {n!r} repeats" for n in _duplicates(q.number for q in questions)]
    problems += [f"page id {i!r} repeats" for i in _duplicates(p.id for p in pages)]
    problems += [f"part id {i!r} repeats" for i in _duplicates(p.id for p in instrument.parts)]
    by_id = {q.id: q for q in questions}
    for alias, sources in per_adult_facts.items():
        problems += [f"{alias}: reads unknown question {s!r}" for s in sources if s not in by_id]

    household_ids: set[str] = set()  # answers every part can read: the household's part I
    for part in instrument.parts:
        seen: set[str] = set(household_ids) | (set(per_adult_facts) if part.per_adult else set())
        sensitive_seen = False
        for section in part.sections:
            if sensitive_seen and not section.sensitive:
                problems.append(f"section {section.id}: sensitive sections must come last in part {part.id}")
            sensitive_seen |= section.sensitive
            if section.sensitive and not part.per_adult:
                problems.append(f"section {section.id}: sensitive questions belong in a per-adult part")
            # "Rather talk at the meeting" and the quick exit are for the applicant alone at home.
            if section.sensitive and part.written_by is not WrittenBy.APPLICANT:
                problems.append(f"section {section.id}: sensitive sections belong in the applicant's parts")
            if not section.pages:
                problems.append(f"section {section.id}: no pages")
            problems += _rule_problems(f"section {section.id}", section.show_when, seen, by_id, per_adult_facts)
            for page in section.pages:
                if not page.questions:
                    problems.append(f"page {page.id}: no questions")
                problems += _rule_problems(f"page {page.id}", page.show_when, seen, by_id, per_adult_facts)
                for q in page.questions:
                    problems += _question_problems(q, part.number)
                    # A rule may read answers from earlier pages, or from earlier questions on its own page.
                    problems += _rule_problems(q.id, q.show_when, seen, by_id, per_adult_facts)
                    # An option's rule reads earlier pages only: no script shows or hides options on the page.
                    earlier = seen - {other.id for other in page.questions}
                    for option in q.options:
                        problems += _rule_problems(
                            f"{q.id} option {option.code}", option.show_when, earlier, by_id, per_adult_facts
                        )
                    seen.add(q.id)
                    problems += [f"{q.id}: unknown glossary term {t!r}" for t in q.glossary if t not in glossary_ids]
                    if part.per_adult and not q.private:
                        problems.append(f"{q.id}: every question in a per-adult part is private")
                    # A number and an address a person at risk gives must never reach the rest of the household.
                    if q.type in CONTACT_TYPES and not part.per_adult:
                        problems.append(f"{q.id}: identity numbers and contact details belong in a per-adult part")
                    if (
                        section.sensitive
                        and q.type is QType.SINGLE
                        and not q.show_when
                        and "rather_talk" not in q.option_codes()
                    ):
                        problems.append(f"{q.id}: a sensitive question must offer 'rather talk at the meeting'")
        if not part.per_adult:
            household_ids |= {q.id for q in part.questions()}
    if problems:
        raise DefinitionError(problems)


def _rule_problems(
    owner: str, rule: Rule | None, known: set[str], by_id: dict[str, Question], aliases: Mapping[str, tuple[str, ...]]
) -> list[str]:
    if rule is None:
        return []
    problems = [f"{owner}: {e}" for e in rule_errors(rule)]
    if problems:
        return problems
    for ref in referenced_ids(rule):
        if ref not in known:
            problems.append(f"{owner}: rule reads {ref!r}, which is not asked before it")
    for ref, code in codes_tested(rule):
        target = by_id.get(aliases[ref][0]) if ref in aliases else by_id.get(ref)
        if target is not None and code not in target.option_codes():
            problems.append(f"{owner}: rule tests code {code!r}, which {target.id} does not offer")
    return problems
