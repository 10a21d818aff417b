"""A case as data for case-management systems (JSON, described by the published schema case-v1). Built from the
definition and the answers as they stand, with the applicant's originals, every change, the confirmations in force,
each adult's need groups, and their plans (part III) with their evaluations (part IV), in order.

Staff notes are not exported: they are working notes, not part of the instrument.
"""

from __future__ import annotations

from datetime import datetime
from itertools import chain
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from ..instrument import INSTRUMENT
from ..instrument.path import applicable_pages, visible_questions
from ..models import Household, SignedOff, aware
from . import audit, need_groups, plans
from .actor import Actor
from .audit import Action
from .review import CaseAnswers, ReviewedAdult

SCHEMA_VERSION = "case-v1"
SCHEMA_FILE = Path(__file__).parent / "schema" / f"{SCHEMA_VERSION}.json"


def _time(moment: datetime | None) -> str | None:
    return aware(moment).isoformat() if moment is not None else None


def _answers(now: plans.Written, part_id: str, base: dict[str, Any]) -> list[dict[str, Any]]:
    """A plan's or an evaluation's answers that apply, in the definition's order: as they stand, as signed off, and
    the changes made since."""
    part = INSTRUMENT.part(part_id)
    return [
        {
            "question": q.id,
            "number": q.number,
            "value": now.answers.get(q.id),
            "original": now.signed.get(q.id),
            "changes": [_change(c) for c in now.changes.get(q.id, [])],
        }
        for page in applicable_pages(part, now.answers, base)
        for q in visible_questions(page, now.answers, base)
    ]


def _change(change: Any) -> dict[str, Any]:
    return {"before": change.before, "after": change.after, "by": change.by_name, "at": _time(change.at)}


def _signed(record: Any) -> dict[str, Any]:
    return {
        "created_by": record.created_by_name,
        "created_at": _time(record.created_at),
        "signed_off_by": record.signed_off_by_name,
        "signed_off_at": _time(record.signed_off_at),
    }


def _plans(mine: plans.AdultPlans | None, now: dict[str, plans.Written], base: dict[str, Any]) -> list[dict[str, Any]]:
    if mine is None:
        return []
    return [
        {
            "number": plan.number,
            "follow_up_on": plan.follow_up_on.isoformat(),
            **_signed(plan),
            "answers": _answers(now[plan.id], "III", base),
            "evaluations": [
                {
                    **_signed(evaluation),
                    "decision": evaluation.decision,
                    "next_follow_up_on": evaluation.next_follow_up_on.isoformat()
                    if evaluation.next_follow_up_on
                    else None,
                    "answers": _answers(now[evaluation.id], "IV", {**base, **now[plan.id].answers}),
                }
                for evaluation in mine.evaluations.get(plan.id, [])
            ],
        }
        for plan in mine.plans
    ]


def _adult(
    adult: ReviewedAdult,
    decisions: list[Any],
    mine: plans.AdultPlans | None,
    now: dict[str, plans.Written],
    base: dict[str, Any],
) -> dict[str, Any]:
    answers = []
    confirmations = []
    for block in adult.sections:
        if block.confirmed is not None:
            confirmations.append(
                {
                    "part": block.part.id,
                    "section": block.section.id,
                    "by": block.confirmed.by_name,
                    "at": _time(block.confirmed.at),
                }
            )
        for _page, rows in block.pages:
            for row in rows:
                answers.append(
                    {
                        "part": block.part.id,
                        "section": block.section.id,
                        "question": row.question.id,
                        "number": row.question.number,
                        "value": row.value,
                        "original": row.original,
                        "changes": [_change(c) for c in row.changes],
                    }
                )
    return {
        "position": adult.position,
        "submitted_at": _time(adult.submitted_at),
        "answers": answers,
        "confirmed_sections": confirmations,
        "need_groups": [
            {
                "group": d.group_code,
                "agreed": d.agreed,
                "by": d.decided_by_name,
                "at": _time(d.decided_at),
            }
            for d in decisions
        ],
        "plans": _plans(mine, now, base),
    }


def case_as_data(db: Session, household: Household, schema_url: str) -> dict[str, Any]:
    decisions = need_groups.history(db, household.id)
    case = CaseAnswers(db, household)
    adults = case.reviewed()
    written = plans.of_case(db, household)
    records: list[SignedOff] = []
    for mine in written.values():
        records += [*mine.plans, *chain(*mine.evaluations.values())]
    now = plans.written_in_case(db, household, records)
    return {
        "$schema": schema_url,
        "schema_version": SCHEMA_VERSION,
        "definition_version": INSTRUMENT.version,
        "reference": household.reference,
        "unit": household.unit or "",
        "state": household.case_state,
        "received_at": _time(household.submitted_at or household.created_at),
        "origin": {"kind": household.origin, "acr": household.origin_acr},
        "meeting": None
        if household.meeting_at is None
        else {
            "at": _time(household.meeting_at),
            "mode": household.meeting_mode,
            "where": household.meeting_where,
            "interpreter_booked": household.meeting_interpreter_booked,
            "interpreter_language": household.meeting_interpreter_language,
        },
        "adults": [
            _adult(
                adult,
                decisions.get(adult.position, []),
                written.get(adult.position),
                now,
                case.plan_context(adult.position),
            )
            for adult in adults
        ],
    }


def exported(db: Session, member: Actor, household: Household) -> None:
    """Recorded before the file is handed over, as a read is."""
    audit.record(db, member, household, Action.EXPORT)
    db.commit()
