"""Who a signed-in staff member is to this service: a role and a unit, from the provider's claims or a local list."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from ..security import ADMINISTRATOR, CASEWORKER, STAFF_ROLES, TEAM_LEAD

ROLE_NAMES = {CASEWORKER: "caseworker", TEAM_LEAD: "team_lead", ADMINISTRATOR: "administrator"}
RULE_OF = {name: rule for rule, name in ROLE_NAMES.items()}


@dataclass(frozen=True)
class StaffMember:
    subject: str
    issuer: str
    name: str
    role: str  # "caseworker", "team_lead" or "administrator"
    unit: str  # a configured unit's id; "" for an administrator without one
    via: str  # "oidc" or "demo"

    def may(self, rule: str) -> bool:
        """A higher role may do what a lower one may."""
        return STAFF_ROLES.index(RULE_OF[self.role]) >= STAFF_ROLES.index(rule)

    def as_session(self) -> dict[str, str]:
        return asdict(self)

    @classmethod
    def from_session(cls, data: Mapping[str, Any]) -> StaffMember:
        return cls(**{k: str(data.get(k, "")) for k in ("subject", "issuer", "name", "role", "unit", "via")})


def _values(claim: Any) -> list[str]:
    if isinstance(claim, str):
        return claim.replace(",", " ").split()
    if isinstance(claim, list | tuple):
        return [str(v) for v in claim]
    return []


def highest_role(provider_roles: list[str], role_map: Mapping[str, str]) -> str | None:
    """The highest of our roles the provider's role values map to (a value maps to itself unless configured)."""
    ours = {role_map.get(value, value) for value in provider_roles}
    for rule in reversed(STAFF_ROLES):
        if ROLE_NAMES[rule] in ours:
            return ROLE_NAMES[rule]
    return None


def member_from_claims(
    claims: Mapping[str, Any],
    *,
    issuer: str,
    roles_claim: str,
    unit_claim: str,
    role_map: Mapping[str, str],
    local_subjects: Mapping[str, str],
    units: Mapping[str, str],
) -> StaffMember | None:
    """None when the person has no role here, or a role that needs a unit and no unit we know."""
    subject = str(claims.get("sub", ""))
    role = highest_role(_values(claims.get(roles_claim)), role_map)
    unit = str(claims.get(unit_claim) or "")
    if role is None and subject in local_subjects:  # "role@unit" kept by the municipality for this subject
        role, _, unit = local_subjects[subject].partition("@")
        role = role if role in RULE_OF else None
    if role is None or (role != "administrator" and unit not in units):
        return None
    name = str(claims.get("name") or " ".join(str(claims.get(k, "")) for k in ("given_name", "family_name")).strip())
    return StaffMember(subject=subject, issuer=issuer, name=name or subject, role=role, unit=unit, via="oidc")
