"""A case as data for case-management systems (JSON, described by the published schema case-v1) and for the case
file (the PDF renders the same data). Built from the definition and the answers as they stand, with the applicant's
originals, every change, the confirmations in force and each adult's need groups.

Staff notes are not exported: they are working notes, not part of the instrument.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from ..instrument import INSTRUMENT
from ..models import Household, aware
from . import audit, need_groups
from .actor import Actor
from .audit import Action
from .review import CaseAnswers, ReviewedAdult

SCHEMA_VERSION = "case-v1"
SCHEMA_FILE = Path(__file__).parent / "schema" / f"{SCHEMA_VERSION}.json"


def _time(moment: datetime | None) -> str | None:
    return aware(moment).isoformat() if moment is not None else None


def _adult(adult: ReviewedAdult, decisions: list[Any]) -> dict[str, Any]:
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
                        "changes": [
                            {"before": c.before, "after": c.after, "by": c.by_name, "at": _time(c.at)}
                            for c in row.changes
                        ],
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
    }


def case_as_data(db: Session, household: Household, schema_url: str) -> dict[str, Any]:
    decisions = need_groups.history(db, household.id)
    adults = CaseAnswers(db, household).reviewed()
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
        "adults": [_adult(adult, decisions.get(adult.position, [])) for adult in adults],
    }


def exported(db: Session, member: Actor, household: Household) -> None:
    """Recorded before the file is handed over, as a read is."""
    audit.record(db, member, household, Action.EXPORT)
    db.commit()
