"""The staff member acting on a case, as this package needs them: the staff blueprint's StaffMember fits."""

from __future__ import annotations

from typing import Protocol

from sqlalchemy import ColumnElement, true

from ..models import Household

ADMINISTRATOR = "administrator"
TEAM_LEAD = "team_lead"


class Actor(Protocol):
    @property
    def subject(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def role(self) -> str: ...
    @property
    def unit(self) -> str: ...


def in_scope(member: Actor) -> ColumnElement[bool]:
    """The unit rule: an administrator reaches every case, everyone else their own unit's only."""
    if member.role == ADMINISTRATOR:
        return true()
    return Household.unit == member.unit


def sees_the_unit(member: Actor) -> bool:
    """A team lead sees the unit's follow-ups and an administrator everyone's; a caseworker their own cases'."""
    return member.role in (TEAM_LEAD, ADMINISTRATOR)
