"""The facts the statistics count, per adult of a case: confirmed with the person at the meeting and recorded by the
caseworker (eservice.models.CaseAdultFacts). Suggested from the answers as they stand; saved as codes and numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..instrument import INSTRUMENT
from ..instrument.demographics import GENDERS, HOUSEHOLD_TYPES, household_type
from ..instrument.support_obstacles import CODES as OBSTACLE_CODES
from ..models import CaseAdultFacts, Household, utcnow
from . import audit
from .actor import Actor
from .audit import Action
from .need_groups import submitted_positions
from .review import CaseAnswers

GENDER_CODES = frozenset(g.code for g in GENDERS)
HOUSEHOLD_CODES = frozenset(h.code for h in HOUSEHOLD_TYPES)
EARLIEST_BIRTH_YEAR = 1900


@dataclass(frozen=True)
class Facts:
    birth_year: int | None = None
    gender: str | None = None
    household_type: str | None = None
    assistance_since: date | None = None
    support_obstacle: str | None = None


def recorded(db: Session, household_id: str) -> dict[int, CaseAdultFacts]:
    """Each adult's recorded facts, by position."""
    query = select(CaseAdultFacts).where(CaseAdultFacts.household_id == household_id)
    return {row.position: row for row in db.scalars(query)}


def suggested(case: CaseAnswers, position: int) -> Facts:
    """What the answers as they stand say (part II's 2.2 and 2.3, part I's 1.1 and 1.2): the form starts from it."""
    if position not in case.adults:
        return Facts()
    answers, base = case.answers(position, INSTRUMENT.part("II"))
    year: Any = answers.get("birth_year")
    gender: Any = answers.get("gender")
    return Facts(
        birth_year=year if isinstance(year, int) and not isinstance(year, bool) else None,
        gender=gender if gender in GENDER_CODES else None,
        household_type=household_type(base.get("applying_with"), base.get("children_count"), gender),
    )


def shown(stored: CaseAdultFacts | None, suggestion: Facts) -> Facts:
    """What the form shows: the recorded facts once there are any, the suggestion until then."""
    if stored is None:
        return suggestion
    return Facts(
        stored.birth_year, stored.gender, stored.household_type, stored.assistance_since, stored.support_obstacle
    )


class InvalidFacts(ValueError):
    """A value outside its codes or range: the form was tampered with, or a date or year is impossible."""

    def __init__(self, fields: list[str]) -> None:
        super().__init__(", ".join(fields))
        self.fields = fields


def validate(facts: Facts, today: date) -> None:
    wrong = []
    if facts.birth_year is not None and not EARLIEST_BIRTH_YEAR <= facts.birth_year <= today.year:
        wrong.append("birth_year")
    if facts.gender is not None and facts.gender not in GENDER_CODES:
        wrong.append("gender")
    if facts.household_type is not None and facts.household_type not in HOUSEHOLD_CODES:
        wrong.append("household_type")
    if facts.assistance_since is not None and not date(EARLIEST_BIRTH_YEAR, 1, 1) <= facts.assistance_since <= today:
        wrong.append("assistance_since")
    if facts.support_obstacle is not None and facts.support_obstacle not in OBSTACLE_CODES:
        wrong.append("support_obstacle")
    if wrong:
        raise InvalidFacts(wrong)


class UnknownAdult(LookupError):
    """No adult at that position has submitted in this case."""


def record(db: Session, member: Actor, household: Household, position: int, facts: Facts, today: date) -> None:
    """Saves the adult's facts as the signed-in member (never a name from the form), audited as a change."""
    validate(facts, today)
    if position not in submitted_positions(db, household.id):
        raise UnknownAdult(position)
    for attempt in (1, 2):
        row = db.scalars(
            select(CaseAdultFacts).where(
                CaseAdultFacts.household_id == household.id, CaseAdultFacts.position == position
            )
        ).one_or_none()
        if row is None:
            row = CaseAdultFacts(household_id=household.id, position=position)
            db.add(row)
        row.birth_year = facts.birth_year
        row.gender = facts.gender
        row.household_type = facts.household_type
        row.assistance_since = facts.assistance_since
        row.support_obstacle = facts.support_obstacle
        row.recorded_by_subject = member.subject
        row.recorded_by_name = member.name
        row.recorded_at = utcnow()
        audit.record(db, member, household, Action.CHANGE)  # the same transaction as the change
        try:
            db.commit()
            return
        except IntegrityError:
            # Two first saves for the same adult at once: the other one's row is there now; write over it.
            db.rollback()
            if attempt == 2:
                raise
