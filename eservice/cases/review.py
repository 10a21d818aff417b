"""Confirming parts I and II with the person at the meeting.

The frozen submission keeps what the applicant sent. Every change a caseworker makes is a row beside it (who, when,
before, after), so the original is never overwritten and the case shows both. A section is confirmed by the
signed-in caseworker; a later change in the section withdraws that confirmation: the newer change says so, nothing
is updated. Pages and sections carry a fingerprint of the answers they show, as the applicant's pages do: a save or
a confirmation from a page whose answers changed since it was shown is refused, and the caseworker is warned.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ..instrument import INSTRUMENT, adult_context
from ..instrument.fingerprint import page_version
from ..instrument.path import applicable_pages, visible_questions
from ..instrument.schema import Page, Part, Question, Section
from ..models import AnswerChange, Household, SectionConfirmation, aware
from . import audit
from .actor import Actor
from .audit import Action
from .queries import submissions


@dataclass(frozen=True)
class Change:
    before: Any
    after: Any
    by_name: str
    at: datetime


@dataclass(frozen=True)
class Confirmation:
    by_name: str
    at: datetime


@dataclass(frozen=True)
class Answer:
    question: Question
    value: Any  # as it stands now
    original: Any  # as the applicant sent it
    changes: tuple[Change, ...]  # oldest first


@dataclass(frozen=True)
class ReviewedSection:
    part: Part
    section: Section
    pages: list[tuple[Page, list[Answer]]]
    version: str  # the fingerprint a confirmation must come back with
    confirmed: Confirmation | None  # in force
    withdrawn: Confirmation | None  # the newest confirmation, when an answer changed after it


@dataclass
class _Adult:
    position: int
    submitted_at: datetime
    originals: dict[str, dict[str, Any]]  # part id -> answers as sent
    frozen_context: dict[str, Any]
    changes: dict[tuple[str, str], list[Change]] = field(default_factory=lambda: defaultdict(list))
    last_change: dict[tuple[str, str], datetime] = field(default_factory=dict)  # (part, section) -> newest
    confirmations: dict[tuple[str, str], Confirmation] = field(default_factory=dict)  # (part, section) -> newest

    def current(self, part_id: str) -> dict[str, Any]:
        answers = dict(self.originals.get(part_id, {}))
        for (part, question_id), changes in self.changes.items():
            if part == part_id:
                answers[question_id] = changes[-1].after
        return answers


@dataclass
class ReviewedAdult:
    position: int
    submitted_at: datetime
    original_part2: dict[str, Any]
    sections: list[ReviewedSection]


class CaseAnswers:
    """Every adult's answers of one case as they stand, read in three queries however many there are."""

    def __init__(self, db: Session, household: Household) -> None:
        self.adults: dict[int, _Adult] = {}
        for submission, position in submissions(db, household):
            originals = {"II": dict(submission.part2)}
            if submission.part1 is not None:
                originals["I"] = dict(submission.part1)
            self.adults[position] = _Adult(
                position, aware(submission.submitted_at), originals, dict(submission.context or {})
            )
        changes = select(AnswerChange).where(
            AnswerChange.household_id == household.id,
            AnswerChange.record_id.is_(None),  # parts I and II only
        )
        for row in db.scalars(changes.order_by(AnswerChange.changed_at, AnswerChange.id)):
            adult = self.adults.get(row.position)
            if adult is None:
                continue
            values = row.values
            at = aware(row.changed_at)
            adult.changes[(row.part_id, row.question_id)].append(
                Change(values.get("before"), values.get("after"), row.changed_by_name, at)
            )
            adult.last_change[(row.part_id, row.section_id)] = at
        confirmations = select(SectionConfirmation).where(SectionConfirmation.household_id == household.id)
        for stamp in db.scalars(confirmations.order_by(SectionConfirmation.confirmed_at, SectionConfirmation.id)):
            if stamp.position in self.adults:
                self.adults[stamp.position].confirmations[(stamp.part_id, stamp.section_id)] = Confirmation(
                    stamp.confirmed_by_name, aware(stamp.confirmed_at)
                )

    def parts_of(self, position: int) -> list[Part]:
        """Part I is read and confirmed with the adult who answered it (adult 1); each adult has their part II."""
        adult = self.adults.get(position)
        if adult is None:
            return []
        return [INSTRUMENT.part(part_id) for part_id in ("I", "II") if part_id in adult.originals]

    def answers(self, position: int, part: Part) -> tuple[dict[str, Any], dict[str, Any]]:
        """The part's answers as they stand, and the part I facts the path reads them with."""
        adult = self.adults[position]
        if not part.per_adult:
            return adult.current(part.id), {}
        holder = next((a for a in self.adults.values() if "I" in a.originals), None)
        base = adult_context(holder.current("I"), position) if holder is not None else adult.frozen_context
        return adult.current(part.id), base

    def plan_context(self, position: int) -> dict[str, Any]:
        """What parts III and IV read besides their own answers: the adult's part II as it stands, part I's facts."""
        part2, base = self.answers(position, INSTRUMENT.part("II"))
        return {**base, **part2}

    def section(self, position: int, part: Part, section: Section) -> ReviewedSection | None:
        """The section as it stands, or None when none of its pages apply to these answers."""
        adult = self.adults[position]
        answers, base = self.answers(position, part)
        pages = [page for page in applicable_pages(part, answers, base) if page in section.pages]
        if not pages:
            return None
        shown: list[tuple[Page, list[Answer]]] = []
        for page in pages:
            rows = [
                Answer(
                    question,
                    answers.get(question.id),
                    adult.originals.get(part.id, {}).get(question.id),
                    tuple(adult.changes.get((part.id, question.id), ())),
                )
                for question in visible_questions(page, answers, base)
            ]
            shown.append((page, rows))
        key = (part.id, section.id)
        confirmation = adult.confirmations.get(key)
        changed = adult.last_change.get(key)
        in_force = confirmation is not None and (changed is None or changed <= confirmation.at)
        return ReviewedSection(
            part,
            section,
            shown,
            page_version(answers, [a.question.id for _page, rows in shown for a in rows]),
            confirmation if in_force else None,
            confirmation if not in_force else None,
        )

    def reviewed(self) -> list[ReviewedAdult]:
        found = []
        for position, adult in sorted(self.adults.items()):
            sections = [
                reviewed
                for part in self.parts_of(position)
                for section in part.sections
                if (reviewed := self.section(position, part, section)) is not None
            ]
            found.append(ReviewedAdult(position, adult.submitted_at, adult.originals["II"], sections))
        return found


class NotInCase(LookupError):
    """A page or section this adult of this case does not have (now): the view answers 404."""


class EditConflict(Exception):
    """The answers changed since the page was shown: nothing was saved."""


def locate(case: CaseAnswers, position: int, page_id: str) -> tuple[Part, Section, Page]:
    located = INSTRUMENT.locate_page(page_id)
    if located is None or located[0] not in case.parts_of(position):
        raise NotInCase(page_id)
    part, _section, page = located
    answers, base = case.answers(position, part)
    if page not in applicable_pages(part, answers, base):
        raise NotInCase(page_id)
    return located


def _take_the_case(db: Session, household: Household) -> CaseAnswers:
    """Holds the case's row until the commit, then reads the answers: a second save of the same case waits here and
    reads what the first one wrote, so its fingerprint tells it apart rather than letting it overwrite."""
    db.execute(
        update(Household)
        .where(Household.id == household.id)
        .values(answers_version=Household.answers_version + 1)
        .execution_options(synchronize_session=False)
    )
    return CaseAnswers(db, household)


def change_page(
    db: Session,
    member: Actor,
    household: Household,
    position: int,
    page_id: str,
    new_answers: dict[str, Any],
    seen_version: str,
) -> int:
    """Records each answer on the page that differs from what stands now; returns how many changed."""
    case = _take_the_case(db, household)
    part, section, page = locate(case, position, page_id)
    answers, _base = case.answers(position, part)
    if seen_version != page_version(answers, [q.id for q in page.questions]):
        db.rollback()
        raise EditConflict(page_id)
    return record_changes(db, member, household, position, part, new_answers, answers, lambda _qid: section.id)


def record_changes(
    db: Session,
    member: Actor,
    household: Household,
    position: int,
    part: Part,
    new_answers: dict[str, Any],
    standing: dict[str, Any],
    section_of: Callable[[str], str],
    record_id: str | None = None,
) -> int:
    """Adds a change, beside what stands, for each answer that differs; audited and committed together. `record_id`
    names the signed-off plan or evaluation changed (parts III and IV). Returns how many answers changed."""
    changed = 0
    for question_id, after in new_answers.items():
        before = standing.get(question_id)
        if after == before:
            continue
        row = AnswerChange(
            household_id=household.id,
            position=position,
            part_id=part.id,
            section_id=section_of(question_id),
            question_id=question_id,
            record_id=record_id,
            changed_by_subject=member.subject,
            changed_by_name=member.name,
        )
        row.values = {"before": before, "after": after}
        db.add(row)
        changed += 1
    if not changed:
        db.rollback()
        return 0
    audit.record(db, member, household, Action.CHANGE)
    db.commit()
    return changed


def confirm_section(
    db: Session, member: Actor, household: Household, position: int, section_id: str, seen_version: str
) -> None:
    """Stamps the section confirmed by the signed-in member (never a name from the form), if it still reads as shown."""
    case = _take_the_case(db, household)
    found = next(
        ((part, section) for part in case.parts_of(position) for section in part.sections if section.id == section_id),
        None,
    )
    reviewed = case.section(position, *found) if found is not None else None
    if reviewed is None:
        db.rollback()
        raise NotInCase(section_id)
    if reviewed.version != seen_version:
        db.rollback()
        raise EditConflict(section_id)
    db.add(
        SectionConfirmation(
            household_id=household.id,
            position=position,
            part_id=reviewed.part.id,
            section_id=section_id,
            confirmed_by_subject=member.subject,
            confirmed_by_name=member.name,
        )
    )
    audit.record(db, member, household, Action.CHANGE)
    db.commit()
