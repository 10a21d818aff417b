"""The one path function and what follows from it.

Which pages and questions apply is decided here and nowhere else: the applicant pages, check-your-answers, the
read-only summary, exports and statistics all call these functions with the answers they have.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from .builders import RATHER_TALK as RATHER_TALK_OPTION
from .rules import evaluate, referenced_ids
from .schema import CHOICE_TYPES, Option, Page, Part, Question, Section


def _merged(answers: Mapping[str, Any], base: Mapping[str, Any] | None) -> dict[str, Any]:
    return {**(base or {}), **answers}


def visible_questions(page: Page, answers: Mapping[str, Any], base: Mapping[str, Any] | None = None) -> list[Question]:
    ctx = _merged(answers, base)
    return [q for q in page.questions if evaluate(q.show_when, ctx)]


def visible_options(
    question: Question, answers: Mapping[str, Any], base: Mapping[str, Any] | None = None
) -> tuple[Option, ...]:
    """The options this person is offered; an option with a rule is left out where the rule does not hold."""
    ctx = _merged(answers, base)
    return tuple(o for o in question.options if evaluate(o.show_when, ctx))


def page_applies(section: Section, page: Page, ctx: Mapping[str, Any]) -> bool:
    return evaluate(section.show_when, ctx) and evaluate(page.show_when, ctx) and bool(visible_questions(page, ctx))


def applicable_pages(part: Part, answers: Mapping[str, Any], base: Mapping[str, Any] | None = None) -> list[Page]:
    """The pages of a part that apply to a person with these answers, in order."""
    ctx = _merged(answers, base)
    return [p for s in part.sections for p in s.pages if page_applies(s, p, ctx)]


def applicable_sections(part: Part, answers: Mapping[str, Any], base: Mapping[str, Any] | None = None) -> list[Section]:
    ctx = _merged(answers, base)
    return [s for s in part.sections if any(page_applies(s, p, ctx) for p in s.pages)]


def prune(part: Part, answers: Mapping[str, Any], base: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Drop answers to questions that no longer apply. Hiding one answer can hide another, so repeat until stable."""
    current = dict(answers)
    while True:
        shown = {q.id: q for p in applicable_pages(part, current, base) for q in visible_questions(p, current, base)}
        kept = {k: _offered(shown[k], v, current, base) for k, v in current.items() if k in shown}
        kept = {k: v for k, v in kept.items() if v not in (None, [])}
        if kept == current:
            return kept
        current = kept


def _offered(question: Question, value: Any, answers: Mapping[str, Any], base: Mapping[str, Any] | None) -> Any:
    """An answer keeps only options still offered (a couple that became a single applicant loses "my partner")."""
    if question.type not in CHOICE_TYPES or not any(o.show_when for o in question.options):
        return value
    codes = {o.code for o in visible_options(question, answers, base)}
    if isinstance(value, list):
        return [v for v in value if v in codes]
    return value if value in codes else None


def render_questions(page: Page, answers: Mapping[str, Any], base: Mapping[str, Any] | None = None) -> list[Question]:
    """Questions to put on the page's form. A follow-up whose rule reads a question on the same page is always
    rendered (revealed by script, or simply shown without it) because its answer is not known yet."""
    same_page = {q.id for q in page.questions}
    ctx = _merged(answers, base)
    return [q for q in page.questions if is_follow_up(q, same_page) or evaluate(q.show_when, ctx)]


def is_follow_up(question: Question, same_page_ids: set[str]) -> bool:
    return any(ref in same_page_ids for ref in referenced_ids(question.show_when))


def next_page_in_section(
    part: Part, page_id: str, answers: Mapping[str, Any], base: Mapping[str, Any] | None = None
) -> Page | None:
    ctx = _merged(answers, base)
    for section in part.sections:
        ids = [p.id for p in section.pages]
        if page_id in ids:
            later = section.pages[ids.index(page_id) + 1 :]
            return next((p for p in later if page_applies(section, p, ctx)), None)
    return None


class SectionState(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"


def section_state(
    section: Section, answers: Mapping[str, Any], completed_pages: set[str], base: Mapping[str, Any] | None = None
) -> SectionState:
    ctx = _merged(answers, base)
    pages = [p for p in section.pages if page_applies(section, p, ctx)]
    done = [p for p in pages if p.id in completed_pages]
    if pages and len(done) == len(pages):
        return SectionState.DONE
    if done or any(q.id in answers for p in pages for q in p.questions):
        return SectionState.IN_PROGRESS
    return SectionState.NOT_STARTED


def first_open_page(
    section: Section, answers: Mapping[str, Any], completed_pages: set[str], base: Mapping[str, Any] | None = None
) -> Page | None:
    ctx = _merged(answers, base)
    pages = [p for p in section.pages if page_applies(section, p, ctx)]
    return next((p for p in pages if p.id not in completed_pages), pages[0] if pages else None)


def missing_required(part: Part, answers: Mapping[str, Any], base: Mapping[str, Any] | None = None) -> list[Question]:
    """Required questions that apply but have no answer: submission is refused while any remain."""
    ctx = _merged(answers, base)
    return [
        q
        for p in applicable_pages(part, answers, base)
        for q in visible_questions(p, ctx)
        if q.required and answers.get(q.id) in (None, "", [])
    ]


# The opening page of a sensitive section: "talk about all of this at the meeting" --------------------------------

RATHER_TALK = RATHER_TALK_OPTION.code  # offered by every sensitive question (validate.py checks it)


def _offers_rather_talk(question: Question) -> bool:
    return RATHER_TALK in question.option_codes()


def talk_at_meeting(
    part: Part, section: Section, answers: Mapping[str, Any], base: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """The answers with every question of the section that applies and offers it set to "rather talk at the
    meeting". Setting one can hide another (a follow-up of a "yes"), so repeat until stable, then prune."""
    current = dict(answers)
    while True:
        ctx = _merged(current, base)
        marked = dict(current)
        for page in section.pages:
            if page_applies(section, page, ctx):
                marked.update({q.id: RATHER_TALK for q in visible_questions(page, ctx) if _offers_rather_talk(q)})
        marked = prune(part, marked, base)
        if marked == current:
            return marked
        current = marked


def talks_at_meeting(section: Section, answers: Mapping[str, Any], base: Mapping[str, Any] | None = None) -> bool:
    """Whether the person chose the meeting for the whole section: every question that applies and offers it is
    answered so (and there is at least one)."""
    ctx = _merged(answers, base)
    offered = [
        q
        for p in section.pages
        if page_applies(section, p, ctx)
        for q in visible_questions(p, ctx)
        if _offers_rather_talk(q)
    ]
    return bool(offered) and all(answers.get(q.id) == RATHER_TALK for q in offered)


def has_own_answers(section: Section, answers: Mapping[str, Any]) -> bool:
    """Whether the section holds any answer other than "rather talk at the meeting" (which that choice replaces)."""
    return any(answers.get(q.id) not in (None, RATHER_TALK) for p in section.pages for q in p.questions)


def complete_pages(section: Section, answers: Mapping[str, Any], base: Mapping[str, Any] | None = None) -> list[str]:
    """The section's pages that apply and have an answer to every required question that applies on them."""
    ctx = _merged(answers, base)
    return [
        p.id
        for p in section.pages
        if page_applies(section, p, ctx)
        and all(answers.get(q.id) not in (None, "", []) for q in visible_questions(p, ctx) if q.required)
    ]
