"""Changes to cases on the caseworker's side; each writes its audit entry in the same transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case, select, update
from sqlalchemy.orm import Session

from ..models import CaseNote, CaseState, Household, StaffMemberRecord, Status, utcnow
from . import audit
from .actor import Actor, in_scope
from .audit import Action

PICK_NEXT_ATTEMPTS = 20


def remember_staff(db: Session, member: Actor) -> None:
    """Upsert at sign-in: the colleague list a team lead chooses from is who has signed in here."""
    row = db.get(StaffMemberRecord, member.subject)
    if row is None:
        row = StaffMemberRecord(subject=member.subject)
        db.add(row)
    row.name, row.role, row.unit, row.last_seen_at = member.name, member.role, member.unit, utcnow()
    db.commit()


def _taken_state() -> object:
    # Taking a case moves it from "submitted" to "picked up"; a case further on keeps its state.
    return case((Household.case_state == CaseState.SUBMITTED, CaseState.PICKED_UP), else_=Household.case_state)


@dataclass(frozen=True)
class PickUp:
    won: bool  # true also when I held it already: picking up twice is harmless
    holder_name: str


def pick_up(db: Session, member: Actor, household: Household) -> PickUp:
    """One atomic conditional UPDATE: of two caseworkers at once, exactly one finds the holder still empty."""
    result = db.execute(
        update(Household)
        .where(Household.id == household.id, Household.holder_subject.is_(None), in_scope(member))
        .values(
            holder_subject=member.subject,
            holder_name=member.name,
            held_since=utcnow(),
            case_state=_taken_state(),
        )
        .execution_options(synchronize_session=False)
    )
    if result.rowcount == 1:  # type: ignore[attr-defined]  # an UPDATE's result has a row count
        audit.record(db, member, household, Action.PICK_UP)
        db.commit()
        db.refresh(household)
        return PickUp(True, member.name)
    db.rollback()
    db.refresh(household)
    return PickUp(household.holder_subject == member.subject, household.holder_name or "")


def pick_next(db: Session, member: Actor) -> Household | None:
    """The oldest unassigned case of my unit, taken: rows another request holds are skipped, not waited for."""
    waiting = (
        select(Household.id)
        .where(
            Household.status == Status.SUBMITTED,
            Household.holder_subject.is_(None),
            Household.case_state == CaseState.SUBMITTED,
            Household.unit == member.unit,
        )
        .order_by(Household.submitted_at, Household.reference)
        .limit(1)
    )
    if db.get_bind().dialect.name == "postgresql":
        case_id = db.scalar(waiting.with_for_update(skip_locked=True))
        if case_id is None:
            db.rollback()
            return None
        household = db.get(Household, case_id)
        if household is not None and pick_up(db, member, household).won:
            return household
        return None
    # SQLite has no row locks: take the oldest with a conditional UPDATE, and look again if another request won.
    for _ in range(PICK_NEXT_ATTEMPTS):
        case_id = db.scalar(waiting)
        if case_id is None:
            return None
        household = db.get(Household, case_id)
        if household is not None and pick_up(db, member, household).won and household.holder_subject == member.subject:
            return household
    return None


def reassign(db: Session, member: Actor, case_ids: list[str], to_subject: str, to_name: str) -> int:
    """A team lead gives cases of their unit to a colleague; returns how many moved."""
    cases = list(
        db.scalars(
            select(Household).where(Household.id.in_(case_ids), Household.status == Status.SUBMITTED, in_scope(member))
        )
    )
    for household in cases:
        household.holder_subject, household.holder_name, household.held_since = to_subject, to_name, utcnow()
        if household.case_state == CaseState.SUBMITTED:
            household.case_state = CaseState.PICKED_UP
        audit.record(db, member, household, Action.REASSIGN)
    db.commit()
    return len(cases)


@dataclass(frozen=True)
class Meeting:
    at: datetime
    mode: str  # "place" or "phone"
    where: str
    interpreter_booked: bool
    interpreter_language: str


def book_meeting(db: Session, member: Actor, household: Household, meeting: Meeting) -> None:
    household.meeting_at = meeting.at
    household.meeting_mode = meeting.mode
    household.meeting_where = meeting.where
    household.meeting_interpreter_booked = meeting.interpreter_booked
    household.meeting_interpreter_language = meeting.interpreter_language if meeting.interpreter_booked else None
    household.case_state = CaseState.MEETING_BOOKED
    audit.record(db, member, household, Action.BOOK)
    db.commit()


def meeting_held(db: Session, member: Actor, household: Household) -> bool:
    """The booked meeting took place; false when no meeting is booked (nothing changes then)."""
    if household.case_state != CaseState.MEETING_BOOKED:
        return False
    household.case_state = CaseState.MEETING_HELD
    audit.record(db, member, household, Action.CHANGE)
    db.commit()
    return True


def opened(db: Session, member: Actor, household: Household) -> None:
    """A read of the case is recorded before the page is shown: if the entry cannot be written, nothing is shown."""
    audit.record(db, member, household, Action.OPEN)
    db.commit()


NOTE_MAX = 5000


def add_note(db: Session, member: Actor, household: Household, text: str) -> CaseNote:
    """A staff-only note; its author is the signed-in member, never a form field."""
    note = CaseNote(household_id=household.id, author_subject=member.subject, author_name=member.name)
    note.body = text.strip()[:NOTE_MAX]
    db.add(note)
    audit.record(db, member, household, Action.CHANGE)
    db.commit()
    return note
