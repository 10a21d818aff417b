"""Parts III and IV over time: plans, their evaluations, and the follow-ups they make due.

A plan (part III) is written with the person after the need group and has a follow-up date. An evaluation (part IV)
starts from one plan and ends in a decision: go on with the plan (and a new follow-up date), write a new plan
(pre-filled from the old one), or change the need group (the plan ends; a new one follows the new group). Both are
drafts while written and final once signed off; a case holds any number of them, in order.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Date, and_, case, func, select, type_coerce
from sqlalchemy.orm import Session

from ..instrument import INSTRUMENT
from ..instrument.fingerprint import page_version
from ..instrument.path import missing_required
from ..instrument.schema import Part
from ..models import AnswerChange, CaseEvaluation, CasePlan, Household, SignedOff, Status, aware, utcnow
from . import audit
from .actor import Actor, in_scope, sees_the_unit
from .audit import Action
from .review import Change, record_changes

DECISION = "eval_decision"  # part IV's last question
CONTINUE, NEW_PLAN, REGROUP = "continue", "new_plan", "regroup"


def plan_part() -> Part:
    return INSTRUMENT.part("III")


def evaluation_part() -> Part:
    return INSTRUMENT.part("IV")


class Final(Exception):
    """The plan or evaluation is signed off: it is never changed."""


class Stale(Exception):
    """It changed since the page was shown (another caseworker saved it): nothing was saved."""


class NotReady(Exception):
    """Signing off needs every required answer (and a follow-up date where the decision asks for one)."""


@dataclass
class AdultPlans:
    """One adult's plans in order, each with its evaluations in order."""

    plans: list[CasePlan]
    evaluations: dict[str, list[CaseEvaluation]]

    @property
    def draft(self) -> CasePlan | None:
        return next((p for p in self.plans if p.signed_off_at is None), None)

    @property
    def latest_signed(self) -> CasePlan | None:
        return next((p for p in reversed(self.plans) if p.signed_off_at is not None), None)


def of_case(db: Session, household: Household) -> dict[int, AdultPlans]:
    """Every adult's plans and evaluations, in two queries."""
    found: dict[int, AdultPlans] = defaultdict(lambda: AdultPlans([], defaultdict(list)))
    for plan in db.scalars(
        select(CasePlan).where(CasePlan.household_id == household.id).order_by(CasePlan.position, CasePlan.number)
    ):
        found[plan.position].plans.append(plan)
    for evaluation in db.scalars(
        select(CaseEvaluation)
        .where(CaseEvaluation.household_id == household.id)
        .order_by(CaseEvaluation.created_at, CaseEvaluation.id)
    ):
        found[evaluation.position].evaluations[evaluation.plan_id].append(evaluation)
    return dict(found)


def plan_of(db: Session, household: Household, plan_id: str) -> CasePlan | None:
    plan = db.get(CasePlan, plan_id)
    return plan if plan is not None and plan.household_id == household.id else None


def evaluation_of(db: Session, household: Household, evaluation_id: str) -> CaseEvaluation | None:
    evaluation = db.get(CaseEvaluation, evaluation_id)
    return evaluation if evaluation is not None and evaluation.household_id == household.id else None


def evaluations_of(db: Session, plan: CasePlan) -> list[CaseEvaluation]:
    """One plan's evaluations, in order."""
    query = select(CaseEvaluation).where(CaseEvaluation.plan_id == plan.id)
    return list(db.scalars(query.order_by(CaseEvaluation.created_at, CaseEvaluation.id)))


def version(record: SignedOff, part: Part) -> str:
    return page_version(record.answers, [q.id for q in part.questions()])


def start_plan(
    db: Session, member: Actor, household: Household, position: int, follow_up_on: date, based_on: CasePlan | None
) -> CasePlan:
    """A new draft plan for the adult, pre-filled from `based_on`; an adult has at most one draft at a time."""
    mine = of_case(db, household).get(position, AdultPlans([], {}))
    if mine.draft is not None:
        return mine.draft
    plan = CasePlan(
        household_id=household.id,
        position=position,
        number=len(mine.plans) + 1,
        based_on_id=based_on.id if based_on is not None else None,
        follow_up_on=follow_up_on,
        created_by_subject=member.subject,
        created_by_name=member.name,
    )
    plan.answers = dict(based_on.answers) if based_on is not None else {}
    db.add(plan)
    audit.record(db, member, household, Action.CHANGE)
    db.commit()
    return plan


def start_evaluation(db: Session, member: Actor, household: Household, plan: CasePlan) -> CaseEvaluation:
    """The draft evaluation of a signed-off plan (the one already begun, if there is one)."""
    if plan.signed_off_at is None:
        raise NotReady(plan.id)
    begun = db.scalar(
        select(CaseEvaluation).where(CaseEvaluation.plan_id == plan.id, CaseEvaluation.signed_off_at.is_(None))
    )
    if begun is not None:
        return begun
    evaluation = CaseEvaluation(
        household_id=household.id,
        position=plan.position,
        plan_id=plan.id,
        created_by_subject=member.subject,
        created_by_name=member.name,
    )
    evaluation.answers = {}
    db.add(evaluation)
    audit.record(db, member, household, Action.CHANGE)
    db.commit()
    return evaluation


def _write(
    db: Session,
    member: Actor,
    household: Household,
    record: SignedOff,
    part: Part,
    answers: dict[str, Any],
    seen: str,
) -> None:
    db.refresh(record, with_for_update=True)  # held until the commit: two saves of one draft go one at a time
    if record.signed_off_at is not None:
        db.rollback()
        raise Final(record.id)
    if seen != version(record, part):
        db.rollback()
        raise Stale(record.id)
    record.answers = {**record.answers, **answers}
    audit.record(db, member, household, Action.CHANGE)


def save_plan(
    db: Session,
    member: Actor,
    household: Household,
    plan: CasePlan,
    answers: dict[str, Any],
    follow_up_on: date,
    seen: str,
    base: dict[str, Any],
    *,
    sign_off: bool,
) -> None:
    """`base`: the part I and II facts the plan's questions read (which apply, and so which are required)."""
    _write(db, member, household, plan, plan_part(), answers, seen)
    plan.follow_up_on = follow_up_on
    if sign_off:
        _sign(db, member, plan, plan_part(), base)
    db.commit()


def save_evaluation(
    db: Session,
    member: Actor,
    household: Household,
    evaluation: CaseEvaluation,
    answers: dict[str, Any],
    next_follow_up_on: date | None,
    seen: str,
    base: dict[str, Any],
    *,
    sign_off: bool,
) -> CasePlan | None:
    """Saves the draft; signed off, its decision takes effect. Returns the new plan when the decision asks for one."""
    _write(db, member, household, evaluation, evaluation_part(), answers, seen)
    if not sign_off:
        db.commit()
        return None
    decision = evaluation.answers.get(DECISION)
    if decision == CONTINUE and next_follow_up_on is None:
        db.commit()  # what was written is kept; signing off waits for the date
        raise NotReady(evaluation.id)
    plan = db.get(CasePlan, evaluation.plan_id)
    _sign(db, member, evaluation, evaluation_part(), {**base, **(plan.answers if plan is not None else {})})
    evaluation.decision = decision
    evaluation.next_follow_up_on = next_follow_up_on if decision == CONTINUE else None
    db.commit()
    if decision == NEW_PLAN and plan is not None:
        return start_plan(db, member, household, evaluation.position, next_follow_up_on or plan.follow_up_on, plan)
    return None


def _sign(db: Session, member: Actor, record: SignedOff, part: Part, base: dict[str, Any]) -> None:
    if missing_required(part, record.answers, base):
        db.commit()  # what was written is kept; signing off waits for the missing answers
        raise NotReady(record.id)
    record.signed_off_by_subject = member.subject
    record.signed_off_by_name = member.name
    record.signed_off_at = utcnow()


@dataclass(frozen=True)
class FollowUp:
    case_id: str
    reference: str
    position: int
    plan_number: int
    due: date
    holder_name: str


@dataclass(frozen=True)
class FollowUps:
    soonest: list[FollowUp]  # at most the number asked for
    total: int


def open_follow_ups(
    db: Session, member: Actor, *, mine_only: bool, due_by: date | None = None, at_most: int | None = None
) -> FollowUps:
    """The follow-up each adult's newest signed plan is waiting for, soonest first: the plan's own date, or the date
    its latest "go on" evaluation set. A plan whose evaluation chose a new plan or a new group waits for nothing.
    `due_by`: only those due by then (the queue's "this week"); `at_most`: the soonest so many, and how many in all.

    One query: which plan is newest and which evaluation is latest is worked out in the database, and only the
    follow-ups asked for come back, however many plans the unit has signed."""
    plans = (
        select(
            CasePlan.id,
            CasePlan.household_id,
            CasePlan.position,
            CasePlan.number,
            CasePlan.follow_up_on,
            func.row_number()
            .over(partition_by=(CasePlan.household_id, CasePlan.position), order_by=CasePlan.number.desc())
            .label("newest"),
        )
        .join(Household, and_(Household.id == CasePlan.household_id, Household.status == Status.SUBMITTED))
        .where(CasePlan.signed_off_at.is_not(None), Household.closed_at.is_(None), in_scope(member))
    )
    if mine_only or not sees_the_unit(member):
        plans = plans.where(Household.holder_subject == member.subject)
    newest = plans.subquery()
    evaluations = (
        select(
            CaseEvaluation.plan_id,
            CaseEvaluation.decision,
            CaseEvaluation.next_follow_up_on,
            func.row_number()
            .over(
                partition_by=CaseEvaluation.plan_id,
                order_by=(CaseEvaluation.signed_off_at.desc(), CaseEvaluation.created_at.desc()),
            )
            .label("latest"),
        )
        .where(
            CaseEvaluation.signed_off_at.is_not(None),
            CaseEvaluation.plan_id.in_(select(newest.c.id).where(newest.c.newest == 1)),
        )
        .subquery()
    )
    due = type_coerce(
        case(
            (evaluations.c.plan_id.is_(None), newest.c.follow_up_on),
            (evaluations.c.decision == CONTINUE, evaluations.c.next_follow_up_on),
            else_=None,
        ),
        Date,
    )
    query = (
        select(
            newest.c.household_id,
            Household.reference,
            newest.c.position,
            newest.c.number,
            due,
            Household.holder_name,
            func.count().over().label("total"),  # how many in all, before the limit
        )
        .select_from(newest)
        .join(Household, Household.id == newest.c.household_id)
        .outerjoin(evaluations, and_(evaluations.c.plan_id == newest.c.id, evaluations.c.latest == 1))
        .where(newest.c.newest == 1, due.is_not(None))
        .order_by(due, Household.reference, newest.c.position)
    )
    if due_by is not None:
        query = query.where(due <= due_by)
    if at_most is not None:
        query = query.limit(at_most)
    rows = db.execute(query).all()
    return FollowUps(
        [
            FollowUp(case_id, reference, position, number, when, holder or "")
            for case_id, reference, position, number, when, holder, _ in rows
        ],
        rows[0].total if rows else 0,
    )


@dataclass(frozen=True)
class Written:
    """A plan's or an evaluation's answers as they stand: as signed, with every later change kept beside them."""

    answers: dict[str, Any]  # as they stand now
    signed: dict[str, Any]  # as signed off
    changes: dict[str, list[Change]]  # question id -> oldest first


def _changes(db: Session, of: ColumnElement[bool]) -> dict[str, dict[str, list[Change]]]:
    """Changes made after signing off, record id -> question id -> oldest first."""
    found: dict[str, dict[str, list[Change]]] = defaultdict(lambda: defaultdict(list))
    query = select(AnswerChange).where(of, AnswerChange.record_id.is_not(None))
    for row in db.scalars(query.order_by(AnswerChange.changed_at, AnswerChange.id)):
        values = row.values
        found[str(row.record_id)][row.question_id].append(
            Change(values.get("before"), values.get("after"), row.changed_by_name, aware(row.changed_at))
        )
    return found


def _as_written(record: SignedOff, changes: dict[str, list[Change]]) -> Written:
    answers = dict(record.answers)
    for question_id, made in changes.items():
        answers[question_id] = made[-1].after
    return Written(answers, dict(record.answers), dict(changes))


def written(db: Session, record: SignedOff) -> Written:
    """One query: the changes made to the record after it was signed off."""
    return _as_written(record, _changes(db, AnswerChange.record_id == record.id).get(record.id, {}))


def written_in_case(db: Session, household: Household, records: list[SignedOff]) -> dict[str, Written]:
    """`written` for every plan and evaluation of the case at once (record id -> Written): one query however many
    there are, where one each made the export's queries grow with the plans."""
    changes = _changes(db, AnswerChange.household_id == household.id)
    return {record.id: _as_written(record, changes.get(record.id, {})) for record in records}


def written_version(now: Written, part: Part) -> str:
    return page_version(now.answers, [q.id for q in part.questions()])


def change_signed(
    db: Session,
    member: Actor,
    household: Household,
    record: SignedOff,
    part: Part,
    new_answers: dict[str, Any],
    seen: str,
) -> int:
    """Records, beside a signed-off plan or evaluation, each answer that differs from what stands now."""
    db.refresh(record, with_for_update=True)  # one change at a time per record: the fingerprint then tells
    if record.signed_off_at is None:
        db.rollback()
        raise NotReady(record.id)
    now = written(db, record)
    if seen != written_version(now, part):
        db.rollback()
        raise Stale(record.id)
    sections = {q.id: section.id for section in part.sections for page in section.pages for q in page.questions}
    known = {qid: after for qid, after in new_answers.items() if qid in sections}
    return record_changes(
        db, member, household, record.position, part, known, now.answers, sections.__getitem__, record.id
    )
