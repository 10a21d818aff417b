"""Statistics for team leads: adults by need group, crossed with one other breakdown, over a period and a unit.

Only aggregate queries over plain columns: the newest need group decision of each adult up to the period's end, the
facts the caseworker recorded for the statistics (eservice.models.CaseAdultFacts) and the case's unit and dates.
Never the answers as sent (Submission, AnswerSet): nothing is opened or decrypted here, and no free text is read.
The counts go through eservice.cases.suppression before anyone sees them.

Who is counted: every adult with a need group decided by the period's end, in a case of the unit that was sent by
the period's end and not closed before it began. The facts are counted as they stand now (they are corrected, not
dated); the need group as it stood at the period's end.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, or_, select
from sqlalchemy.orm import Session

from ..instrument.demographics import (
    AGE_BANDS,
    GENDER_COLUMNS,
    HOUSEHOLD_TYPES,
    MONTHS_BANDS,
    UNKNOWN,
    UNKNOWN_LABEL,
    Category,
    age_band,
    months_band,
)
from ..instrument.need_groups import NEED_GROUPS
from ..instrument.support_obstacles import GROUP_OF, OBSTACLE_GROUPS
from ..models import (
    CaseAdultFacts,
    CaseEvaluation,
    CasePlan,
    Household,
    NeedGroupDecision,
    Status,
    aware,
)
from . import audit
from .actor import Actor, in_scope
from .audit import Action
from .workdays import LOCAL, local_date

EXPORT_REFERENCE = "STATISTIK"  # the audit trail's reference for an export that is no single case's


@dataclass(frozen=True)
class Period:
    start: date  # both days included, in Swedish time
    end: date

    def moments(self) -> tuple[datetime, datetime]:
        """From the first day's midnight to the midnight after the last day."""
        first = datetime.combine(self.start, time(0), tzinfo=LOCAL)
        after = datetime.combine(self.end + timedelta(days=1), time(0), tzinfo=LOCAL)
        return first, after


def months_with_assistance(since: date | None, closed: date | None, end: date) -> int | None:
    """Calendar months with assistance among the twelve up to the period's end (its month included): from the day
    assistance began to the case's closing or the period's end. None when it is not known when assistance began."""
    if since is None:
        return None
    last = min(closed, end) if closed is not None else end
    months = 0
    for back in range(12):
        year, month = divmod(end.year * 12 + end.month - 1 - back, 12)
        first = date(year, month + 1, 1)
        following = date(year + (month + 1) // 12, (month + 1) % 12 + 1, 1)
        if first <= last and since < following:
            months += 1
    return months


@dataclass(frozen=True)
class Dimension:
    key: str
    label: str
    columns: tuple[Category, ...]  # each ends with UNKNOWN
    sources: tuple[Any, ...]  # the plain columns the query groups by
    column_of: Callable[[tuple[Any, ...], Period], str]


def _with_unknown(categories: Any) -> tuple[Category, ...]:
    return (*(Category(c.code, c.label) for c in categories), Category(UNKNOWN, UNKNOWN_LABEL))


def _age(values: tuple[Any, ...], period: Period) -> str:
    (birth_year,) = values
    return age_band(period.end.year - birth_year if birth_year is not None else None)  # the age reached that year


def _code_in(columns: tuple[Category, ...]) -> Callable[[tuple[Any, ...], Period], str]:
    known = {c.code for c in columns}
    return lambda values, _period: values[0] if values[0] in known else UNKNOWN


def _obstacle_group(values: tuple[Any, ...], _period: Period) -> str:
    return GROUP_OF.get(values[0] or "", UNKNOWN)


def _months(values: tuple[Any, ...], period: Period) -> str:
    since, closed_at = values
    closed = local_date(aware(closed_at)) if closed_at is not None else None
    return months_band(months_with_assistance(since, closed, period.end))


_GENDERS = tuple(GENDER_COLUMNS)
_HOUSEHOLDS = _with_unknown(HOUSEHOLD_TYPES)
DIMENSIONS: dict[str, Dimension] = {
    d.key: d
    for d in (
        Dimension("age", "Ålder", _with_unknown(AGE_BANDS), (CaseAdultFacts.birth_year,), _age),
        Dimension("gender", "Kön", _GENDERS, (CaseAdultFacts.gender,), _code_in(_GENDERS)),
        Dimension("household", "Hushållstyp", _HOUSEHOLDS, (CaseAdultFacts.household_type,), _code_in(_HOUSEHOLDS)),
        Dimension(
            "time",
            "Tid med bistånd, senaste 12 månaderna",
            _with_unknown(MONTHS_BANDS),
            (CaseAdultFacts.assistance_since, Household.closed_at),
            _months,
        ),
        Dimension(
            "obstacle",
            "Försörjningshinder",
            _with_unknown(OBSTACLE_GROUPS),
            (CaseAdultFacts.support_obstacle,),
            _obstacle_group,
        ),
    )
}


@dataclass(frozen=True)
class Crossed:
    dimension: Dimension
    rows: tuple[Category, ...]  # the need groups
    counts: tuple[tuple[int, ...], ...]  # rows x dimension.columns


def counted_query(member: Actor, unit: str | None, period: Period, dimension: Dimension) -> Select[Any]:
    """One aggregate query: adults counted per need group and per value of the dimension's source columns."""
    first, after = period.moments()
    newest = (
        select(
            NeedGroupDecision.household_id,
            NeedGroupDecision.position,
            NeedGroupDecision.group_code,
            func.row_number()
            .over(
                partition_by=(NeedGroupDecision.household_id, NeedGroupDecision.position),
                order_by=(NeedGroupDecision.decided_at.desc(), NeedGroupDecision.id.desc()),
            )
            .label("newness"),
        )
        # Only the cases counted: the newest decision is worked out for them, not for every case of every unit.
        .where(
            NeedGroupDecision.decided_at < after, NeedGroupDecision.household_id.in_(_cases_in(member, unit, period))
        )
        .subquery()
    )
    scope: list[ColumnElement[bool]] = [in_scope(member)]
    if unit is not None:
        scope.append(Household.unit == unit)
    return (
        select(newest.c.group_code, *dimension.sources, func.count().label("adults"))
        .select_from(newest)
        .join(Household, Household.id == newest.c.household_id)
        .outerjoin(
            CaseAdultFacts,
            and_(CaseAdultFacts.household_id == newest.c.household_id, CaseAdultFacts.position == newest.c.position),
        )
        .where(
            newest.c.newness == 1,
            Household.status == Status.SUBMITTED,
            Household.submitted_at < after,
            or_(Household.closed_at.is_(None), Household.closed_at >= first),
            *scope,
        )
        .group_by(newest.c.group_code, *dimension.sources)
    )


def crossed(db: Session, member: Actor, unit: str | None, period: Period, dimension: Dimension) -> Crossed:
    """The counts by need group and the dimension's columns. `unit` narrows an administrator's choice; everyone
    else is held to their own unit by the unit rule whatever is asked for."""
    rows = tuple(Category(group.code, group.name) for group in NEED_GROUPS)
    row_index = {row.code: i for i, row in enumerate(rows)}
    column_index = {column.code: j for j, column in enumerate(dimension.columns)}
    counts = [[0] * len(dimension.columns) for _ in rows]
    for group_code, *values, adults in db.execute(counted_query(member, unit, period, dimension)):
        if group_code in row_index:
            counts[row_index[group_code]][column_index[dimension.column_of(tuple(values), period)]] += adults
    return Crossed(dimension, rows, tuple(tuple(row) for row in counts))


def exported(db: Session, member: Actor) -> None:
    """The audit entry of a download: no single case, so the reference names the statistics."""
    audit.record_about(db, member, "", EXPORT_REFERENCE, Action.EXPORT)
    db.commit()


@dataclass(frozen=True)
class Progress:
    """How far the cases of the period came through the instrument, and whether the follow-ups were kept."""

    reached: tuple[int, int, int, int]  # cases that reached part I, II, III (a signed plan), IV (a signed evaluation)
    on_time: int  # evaluations signed in the period on or before the day they were due
    late: int


def _cases_in(member: Actor, unit: str | None, period: Period) -> Select[Any]:
    first, after = period.moments()
    query = select(Household.id).where(
        Household.status == Status.SUBMITTED,
        Household.submitted_at < after,
        or_(Household.closed_at.is_(None), Household.closed_at >= first),
        in_scope(member),
    )
    return query.where(Household.unit == unit) if unit is not None else query


def progress(db: Session, member: Actor, unit: str | None, period: Period) -> Progress:
    """Three queries over dates and ids only: the cases, their signed plans, their signed evaluations."""
    _first, after = period.moments()
    cases = _cases_in(member, unit, period).subquery()
    total = db.scalar(select(func.count()).select_from(cases)) or 0
    with_plan = db.scalar(
        select(func.count(func.distinct(CasePlan.household_id))).where(
            CasePlan.household_id.in_(select(cases.c.id)), CasePlan.signed_off_at < after
        )
    )
    in_period = and_(CaseEvaluation.household_id.in_(select(cases.c.id)), CaseEvaluation.signed_off_at < after)
    signed = db.execute(
        select(CaseEvaluation.household_id, CaseEvaluation.plan_id, CaseEvaluation.signed_off_at)
        .where(in_period)
        .order_by(CaseEvaluation.signed_off_at)
    ).all()
    due_of = _due_dates(db, select(CaseEvaluation.plan_id).where(in_period))
    on_time = late = 0
    for _case, plan_id, at in signed:
        due = due_of[plan_id].pop(0) if due_of.get(plan_id) else None
        day = local_date(aware(at)) if at is not None else None
        if day is None or due is None or day < period.start:
            continue
        if day <= due:
            on_time += 1
        else:
            late += 1
    evaluated = len({case for case, _plan, _at in signed})
    return Progress((total, total, int(with_plan or 0), evaluated), on_time, late)


def _due_dates(db: Session, plan_ids: Select[Any]) -> dict[str, list[date]]:
    """For each plan selected, the day each of its evaluations was due, in order: the plan's follow-up date, then the
    date each "go on" evaluation set for the next. The plans come as a query, not a list of ids: a year of a large
    unit is tens of thousands of them, too many to send to the database one parameter each."""
    due: dict[str, list[date]] = {}
    for plan_id, follow_up_on in db.execute(
        select(CasePlan.id, CasePlan.follow_up_on).where(CasePlan.id.in_(plan_ids))
    ):
        due[plan_id] = [follow_up_on]
    for plan_id, next_on in db.execute(
        select(CaseEvaluation.plan_id, CaseEvaluation.next_follow_up_on)
        .where(CaseEvaluation.plan_id.in_(plan_ids), CaseEvaluation.signed_off_at.is_not(None))
        .order_by(CaseEvaluation.signed_off_at)
    ):
        if next_on is not None:
            due[plan_id].append(next_on)
    return due
