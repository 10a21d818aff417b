"""Reads for the caseworker's side. Views never build queries; they call these."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session, aliased

from ..models import Adult, CaseNote, Household, StaffMemberRecord, Status, Submission, aware
from . import workdays
from .actor import ADMINISTRATOR, Actor, in_scope

PAGE_SIZE = 25
INTERPRETER_YES = ("yes_me", "yes_partner", "yes_both")


@dataclass(frozen=True)
class QueueFilter:
    holder: str = ""  # "", "mine", "unassigned" or a colleague's subject
    state: str = ""
    language: str = ""
    interpreter: str = ""  # "", "yes" or "no"
    waiting_over: int | None = None  # working days
    oldest_first: bool = True


@dataclass(frozen=True)
class QueueRow:
    id: str
    reference: str
    received: date
    waiting: int  # working days
    household_size: int
    language: str  # the language most free-text answers were written in; "" when none
    interpreter: bool
    interpreter_language: str
    origin: str
    origin_acr: str
    state: str
    holder_subject: str
    holder_name: str
    due: str  # "", "near" or "past"
    unit: str


@dataclass
class QueuePage:
    rows: list[QueueRow]
    page: int
    pages: int
    total: int
    languages: list[str] = field(default_factory=list)


def _answer_language(part1: dict[str, Any]) -> str:
    langs = Counter(v["lang"] for v in part1.values() if isinstance(v, dict) and v.get("lang"))
    return langs.most_common(1)[0][0] if langs else ""


def _due(waiting: int, due_days: int) -> str:
    if waiting >= due_days:
        return "past"
    return "near" if waiting >= due_days - 1 else ""


def queue(db: Session, member: Actor, wanted: QueueFilter, *, today: date, due_days: int, page: int = 1) -> QueuePage:
    """One query, however many cases: the household, its part I as submitted and its number of adults.

    The language and interpreter filters read part I's JSON and the waiting time counts working days, so those
    three run here rather than in SQL (portable between SQLite and PostgreSQL); a unit's cases are few enough.
    """
    adults = select(func.count(Adult.id)).where(Adult.household_id == Household.id).correlate(Household)
    first = aliased(Adult)
    query = (
        select(Household, Submission.part1, adults.scalar_subquery())
        # Part I is sent by adult 1. (Not `part1 IS NOT NULL`: a JSON column stores Python's None as JSON null.)
        .outerjoin(first, and_(first.household_id == Household.id, first.position == 1))
        .outerjoin(Submission, Submission.adult_id == first.id)
        .where(Household.status == Status.SUBMITTED, in_scope(member))
    )
    if wanted.holder == "mine":
        query = query.where(Household.holder_subject == member.subject)
    elif wanted.holder == "unassigned":
        query = query.where(Household.holder_subject.is_(None))
    elif wanted.holder:
        query = query.where(Household.holder_subject == wanted.holder)
    if wanted.state:
        query = query.where(Household.case_state == wanted.state)
    order = Household.submitted_at.asc() if wanted.oldest_first else Household.submitted_at.desc()
    query = query.order_by(order, Household.reference)
    rows = []
    languages: set[str] = set()
    for household, part1, size in db.execute(query):
        answers = dict(part1 or {})
        language = _answer_language(answers)
        languages.add(language)
        interpreter = answers.get("interpreter_needed") in INTERPRETER_YES
        if wanted.language and language != wanted.language:
            continue
        if wanted.interpreter and interpreter != (wanted.interpreter == "yes"):
            continue
        received = workdays.local_date(aware(household.submitted_at or household.created_at))
        waiting = workdays.between(received, today)
        if wanted.waiting_over is not None and waiting <= wanted.waiting_over:
            continue
        interpreter_language = answers.get("interpreter_language")
        rows.append(
            QueueRow(
                id=household.id,
                reference=household.reference,
                received=received,
                waiting=waiting,
                household_size=int(size or 0) + int(answers.get("children_count") or 0),
                language=language,
                interpreter=interpreter,
                interpreter_language=interpreter_language.get("text", "")
                if isinstance(interpreter_language, dict) and interpreter
                else "",
                origin=household.origin,
                origin_acr=household.origin_acr or "",
                state=household.case_state,
                holder_subject=household.holder_subject or "",
                holder_name=household.holder_name or "",
                due=_due(waiting, due_days),
                unit=household.unit or "",
            )
        )
    pages = max(1, -(-len(rows) // PAGE_SIZE))
    page = min(max(page, 1), pages)
    shown = rows[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    return QueuePage(shown, page, pages, len(rows), sorted(lang for lang in languages if lang))


def case_for(db: Session, member: Actor, case_id: str) -> Household | None:
    """A submitted case this member may reach, else None (the view answers 404 either way: nothing leaks)."""
    return db.scalar(
        select(Household).where(Household.id == case_id, Household.status == Status.SUBMITTED, in_scope(member))
    )


def colleagues(db: Session, member: Actor) -> list[StaffMemberRecord]:
    """Staff who have signed in here, of this member's unit (every unit for an administrator), by name."""
    query = select(StaffMemberRecord).order_by(StaffMemberRecord.name)
    if member.role != ADMINISTRATOR:
        query = query.where(StaffMemberRecord.unit == member.unit)
    return list(db.scalars(query))


def colleague(db: Session, member: Actor, subject: str) -> StaffMemberRecord | None:
    return next((c for c in colleagues(db, member) if c.subject == subject and c.role != ADMINISTRATOR), None)


@dataclass(frozen=True)
class Contact:
    position: int
    name: str
    phone: str
    email: str
    safe_contact: list[str]


def submissions(db: Session, household: Household) -> list[tuple[Submission, int]]:
    """Each adult's frozen submission with the adult's position, in one query."""
    query = (
        select(Submission, Adult.position)
        .join(Adult, Adult.id == Submission.adult_id)
        .where(Submission.household_id == household.id)
        .order_by(Adult.position)
    )
    return [(submission, position) for submission, position in db.execute(query)]


def contacts(db: Session, household: Household) -> list[Contact]:
    """Each submitted adult's contact details and safe ways to reach them, opened from the sealed part II."""
    found = []
    for submission, position in submissions(db, household):
        part2 = submission.part2  # opened in this request only; never stored elsewhere in plain
        name = part2.get("full_name")
        found.append(
            Contact(
                position=position,
                name=name.get("text", "") if isinstance(name, dict) else str(name or ""),
                phone=str(part2.get("phone") or ""),
                email=str(part2.get("email") or ""),
                safe_contact=[str(code) for code in part2.get("safe_contact") or []],
            )
        )
    return found


def received_on(household: Household) -> datetime:
    return aware(household.submitted_at or household.created_at)


def notes(db: Session, household: Household) -> list[CaseNote]:
    """The case's notes, newest first (opened in this request only)."""
    query = select(CaseNote).where(CaseNote.household_id == household.id).order_by(CaseNote.created_at.desc())
    return list(db.scalars(query))
