"""The audit trail: every staff read and change of a case, appended in the caller's transaction.

There is no function here that updates or deletes an entry, on purpose; on PostgreSQL a trigger refuses both.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import AuditEntry, Household
from ..request_log import request_id
from .actor import Actor
from .workdays import LOCAL


class Action(StrEnum):
    OPEN = "open"
    CHANGE = "change"
    EXPORT = "export"
    REASSIGN = "reassign"
    PICK_UP = "pick_up"
    BOOK = "book"


def record(db: Session, member: Actor, household: Household, action: Action) -> None:
    """Adds the entry; the caller's commit writes it with the change (or, for a read, before the page is shown)."""
    record_about(db, member, household.id, household.reference, action)


def record_about(db: Session, member: Actor, household_id: str, reference: str, action: Action) -> None:
    """The entry itself; `household_id` is "" for what concerns no single case (a statistics download)."""
    db.add(
        AuditEntry(
            staff_subject=member.subject,
            staff_name=member.name,
            staff_role=member.role,
            household_id=household_id,
            reference=reference,
            action=str(action),
            request_id=request_id(),
        )
    )


@dataclass(frozen=True)
class AuditFilter:
    reference: str = ""
    staff: str = ""  # a subject or part of a name
    on: date | None = None


PAGE_SIZE = 50


def entries(db: Session, wanted: AuditFilter, page: int = 1) -> tuple[list[AuditEntry], bool]:
    """A page of entries, newest first, and whether there are more."""
    query = select(AuditEntry)
    if wanted.reference:
        query = query.where(AuditEntry.reference == wanted.reference.strip().upper())
    if wanted.staff:
        like = f"%{wanted.staff.strip()}%"
        query = query.where(AuditEntry.staff_name.ilike(like) | (AuditEntry.staff_subject == wanted.staff.strip()))
    if wanted.on is not None:
        start = datetime.combine(wanted.on, time(0), tzinfo=LOCAL)
        query = query.where(AuditEntry.at >= start, AuditEntry.at < start + timedelta(days=1))
    query = query.order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
    rows = list(db.scalars(query.offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE + 1)))
    return rows[:PAGE_SIZE], len(rows) > PAGE_SIZE
