"""Reads for the caseworker's side. Views never build queries; they call these."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Select, exists, func, literal, select, union_all
from sqlalchemy.orm import Session

from ..i18n import ALL_LANGUAGES
from ..models import Adult, CaseNote, Household, StaffMemberRecord, Status, Submission, aware
from . import workdays
from .actor import ADMINISTRATOR, Actor, in_scope

PAGE_SIZE = 25


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


def _due(waiting: int, due_days: int) -> str:
    if waiting >= due_days:
        return "past"
    return "near" if waiting >= due_days - 1 else ""


def _filtered(member: Actor, wanted: QueueFilter, today: date) -> Select[Any]:
    """The unit's submitted cases that pass the filters, in SQL: each filter has its index (migration 0012)."""
    query = select(Household).where(Household.status == Status.SUBMITTED, in_scope(member))
    if wanted.holder == "mine":
        query = query.where(Household.holder_subject == member.subject)
    elif wanted.holder == "unassigned":
        query = query.where(Household.holder_subject.is_(None))
    elif wanted.holder:
        query = query.where(Household.holder_subject == wanted.holder)
    if wanted.state:
        query = query.where(Household.case_state == wanted.state)
    if wanted.language:
        query = query.where(Household.answers_language == wanted.language)
    if wanted.interpreter:
        query = query.where(Household.interpreter_needed.is_(wanted.interpreter == "yes"))
    if wanted.waiting_over is not None:
        # Waiting more than N working days = received on or before the latest day that has waited that long.
        latest = workdays.received_by(today, wanted.waiting_over + 1)
        query = query.where(Household.submitted_at < workdays.start_of(latest + timedelta(days=1)))
    return query


def queue(db: Session, member: Actor, wanted: QueueFilter, *, today: date, due_days: int, page: int = 1) -> QueuePage:
    """Three queries, however many cases: how many pass the filters, one page of them with their number of adults,
    and the languages to filter by. Filtering, sorting and paging happen in the database."""
    filtered = _filtered(member, wanted, today)
    total = db.scalar(select(func.count()).select_from(filtered.subquery())) or 0
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(page, 1), pages)
    adults = select(func.count(Adult.id)).where(Adult.household_id == Household.id).correlate(Household)
    order = Household.submitted_at.asc() if wanted.oldest_first else Household.submitted_at.desc()
    shown = filtered.add_columns(adults.scalar_subquery()).order_by(order, Household.reference)
    rows = []
    for household, size in db.execute(shown.offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE)):
        received = workdays.local_date(received_on(household))
        waiting = workdays.between(received, today)
        rows.append(
            QueueRow(
                id=household.id,
                reference=household.reference,
                received=received,
                waiting=waiting,
                household_size=int(size or 0) + household.children_count,
                language=household.answers_language,
                interpreter=household.interpreter_needed,
                interpreter_language=household.interpreter_language,
                origin=household.origin,
                origin_acr=household.origin_acr or "",
                state=household.case_state,
                holder_subject=household.holder_subject or "",
                holder_name=household.holder_name or "",
                due=_due(waiting, due_days),
                unit=household.unit or "",
            )
        )
    return QueuePage(rows, page, pages, total, languages_answered(db, member))


def languages_answered(db: Session, member: Actor) -> list[str]:
    """The languages this member's cases were answered in, for the queue's filter. Asked language by language, each
    an index probe that stops at the first case (migration 0013): a DISTINCT would read every case of the unit."""
    probes = [
        select(literal(lang.url_code)).where(
            exists().where(
                Household.status == Status.SUBMITTED, in_scope(member), Household.answers_language == lang.url_code
            )
        )
        for lang in ALL_LANGUAGES
    ]
    return sorted(db.scalars(union_all(*probes)))


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
    """Each adult's frozen submission with the adult's position, in one query, once per request: the case view
    needs them for the answers and again for the contact details, and a submission never changes."""
    memo: dict[str, list[tuple[Submission, int]]] = db.info.setdefault("submissions", {})
    if household.id not in memo:
        query = (
            select(Submission, Adult.position)
            .join(Adult, Adult.id == Submission.adult_id)
            .where(Submission.household_id == household.id)
            .order_by(Adult.position)
        )
        memo[household.id] = [(submission, position) for submission, position in db.execute(query)]
    return memo[household.id]


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
