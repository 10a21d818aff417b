"""The need group of each adult, chosen at the meeting: append-only decisions, audited as changes."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..instrument.need_groups import CODES
from ..models import Adult, Household, NeedGroupDecision, Submission
from . import audit
from .actor import Actor
from .audit import Action

SUGGESTION = "need_group_suggestion"  # the applicant's own suggestion, a part II question


def history(db: Session, household_id: str) -> dict[int, list[NeedGroupDecision]]:
    """Each adult's decisions, newest first: the first is the current group, the rest its history."""
    query = (
        select(NeedGroupDecision)
        .where(NeedGroupDecision.household_id == household_id)
        .order_by(NeedGroupDecision.decided_at.desc(), NeedGroupDecision.id.desc())
    )
    found: dict[int, list[NeedGroupDecision]] = defaultdict(list)
    for row in db.scalars(query):
        found[row.position].append(row)
    return dict(found)


def suggestion(part2: dict[str, Any]) -> str | None:
    """The group the adult suggested in their part II as sent, if they answered the question."""
    value = part2.get(SUGGESTION)
    return value if isinstance(value, str) else None


def submitted_positions(db: Session, household_id: str) -> set[int]:
    query = (
        select(Adult.position)
        .join(Submission, Submission.adult_id == Adult.id)
        .where(Submission.household_id == household_id)
    )
    return set(db.scalars(query))


class UnknownGroup(ValueError):
    """A group code or adult that the case does not have: the form was tampered with or is stale."""


def decide(db: Session, member: Actor, household: Household, position: int, code: str, agreed: bool) -> None:
    """Adds the decision; who decided comes from the signed-in member, never from the form."""
    if code not in CODES or position not in submitted_positions(db, household.id):
        raise UnknownGroup(code)
    db.add(
        NeedGroupDecision(
            household_id=household.id,
            position=position,
            group_code=code,
            agreed=agreed,
            decided_by_subject=member.subject,
            decided_by_name=member.name,
        )
    )
    audit.record(db, member, household, Action.CHANGE)  # the same transaction as the change
    db.commit()
