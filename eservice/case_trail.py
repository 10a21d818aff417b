"""What the applicant may see of their case's audit trail: when, what and by which role, newest first.

At the drafts layer, beside eservice.drafts: the applicant's views may not import eservice.cases, and this reads the
audit log without it. Read-only; the trail is written by eservice.cases.audit alone. A staff member's name leaves
this module only where the municipality allows it (SHOW_CASEWORKER_NAMES_TO_APPLICANT), so no view or template can
show it by mistake.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import current_app
from sqlalchemy import func, null, select
from sqlalchemy.orm import Session

from .models import Adult, AuditEntry, aware

# Enough to see the recent ones on a phone; the count says how many there are in all.
SHOWN_AT_MOST = 50


@dataclass(frozen=True)
class TrailEntry:
    at: datetime
    action: str  # "open", "change", "export", "reassign", "pick_up", "book" (eservice.cases.audit.Action)
    role: str | None  # "caseworker", "team_lead", "administrator"; None on entries older than migration 0008
    name: str | None  # only where the municipality allows it


@dataclass(frozen=True)
class Trail:
    entries: list[TrailEntry]
    total: int

    @property
    def capped(self) -> bool:
        return self.total > len(self.entries)


def names_shown() -> bool:
    return bool(current_app.config.get("SHOW_CASEWORKER_NAMES_TO_APPLICANT", False))


def trail_of(db: Session, adult: Adult, limit: int = SHOWN_AT_MOST) -> Trail:
    """The entries of this adult's household, newest first. Per household, not per adult: the entries say nothing of
    which part was read, so each adult sees the same list without learning anything about the other's part II."""
    of_household = AuditEntry.household_id == adult.household_id
    # The name is not even read unless it may be shown.
    name = AuditEntry.staff_name if names_shown() else null().label("staff_name")
    rows = db.execute(
        select(AuditEntry.at, AuditEntry.action, AuditEntry.staff_role, name)
        .where(of_household)
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        .limit(limit)
    ).all()
    total = db.scalar(select(func.count()).select_from(AuditEntry).where(of_household)) or 0
    return Trail([TrailEntry(aware(row[0]), row[1], row[2], row[3]) for row in rows], int(total))
