"""What the case view's "Uppgifter för statistik" form needs per adult: the recorded facts, or until there are any
the facts the answers as they stand suggest (eservice.cases.facts). The form posts to statistics_views."""

from __future__ import annotations

from typing import Any

from flask import request
from sqlalchemy.orm import Session

from ..cases import facts, review
from ..cases.workdays import local_date
from ..instrument.demographics import GENDERS, HOUSEHOLD_TYPES
from ..instrument.support_obstacles import OBSTACLE_GROUPS
from ..models import Household, utcnow


def _position(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() and len(value) < 3 else None


def facts_context(db: Session, household: Household, case: review.CaseAnswers) -> dict[str, Any]:
    stored = facts.recorded(db, household.id)
    return {
        "facts_shown": {p: facts.shown(stored.get(p), facts.suggested(case, p)) for p in case.adults},
        "facts_stored": stored,
        "facts_genders": GENDERS,
        "facts_household_types": HOUSEHOLD_TYPES,
        "facts_obstacle_groups": OBSTACLE_GROUPS,
        "facts_saved": _position(request.args.get("facts_saved")),
        "facts_error": _position(request.args.get("facts_error")),
        "facts_today": local_date(utcnow()).isoformat(),
    }
