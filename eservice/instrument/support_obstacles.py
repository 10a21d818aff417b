"""Försörjningshinder (obstacle to self-support): the national variable recorded per adult and reported monthly to
Socialstyrelsen (HSLF-FS 2015:30), as its main groups and the codes under them, the way case systems offer them.

Plain data for the caseworker's form and the statistics, which count by main group. Texts are Swedish source text
for staff; the staff blueprint shows them as they are. The codes are ours and stable: a label may change, a stored
code may not.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SupportObstacle:
    code: str
    label: str


@dataclass(frozen=True)
class ObstacleGroup:
    code: str
    label: str
    obstacles: tuple[SupportObstacle, ...]


def _o(code: str, label: str) -> SupportObstacle:
    return SupportObstacle(code, label)


OBSTACLE_GROUPS: tuple[ObstacleGroup, ...] = (
    ObstacleGroup(
        "unemployed",
        "Arbetslös",
        (
            _o("unemployed_no_benefit", "Arbetslös, saknar ersättning"),
            _o("unemployed_insufficient_benefit", "Arbetslös, otillräcklig ersättning"),
            _o("unemployed_awaiting_benefit", "Arbetslös, väntar på ersättning"),
            _o("unemployed_establishment", "Arbetslös, har etableringsersättning"),
        ),
    ),
    ObstacleGroup(
        "ill_health",
        "Ohälsa",
        (
            _o("sick_certificate_no_benefit", "Sjukskriven med läkarintyg, saknar sjukpenning"),
            _o("sick_certificate_insufficient", "Sjukskriven med läkarintyg, otillräcklig sjukpenning"),
            _o("sick_awaiting_benefit", "Sjukskriven, väntar på sjukpenning"),
            _o("sickness_compensation", "Har sjuk- eller aktivitetsersättning, otillräcklig"),
            _o("ill_health_no_certificate", "Ohälsa utan sjukskrivning"),
        ),
    ),
    ObstacleGroup(
        "social_reasons",
        "Sociala skäl",
        (
            _o("social_reasons", "Arbetshinder av sociala skäl"),
            _o("social_reasons_in_treatment", "Sociala skäl, i behandling eller insats"),
        ),
    ),
    ObstacleGroup(
        "insufficient_income",
        "Arbetar, otillräcklig inkomst",
        (
            _o("work_full_time_insufficient", "Arbetar heltid, otillräcklig inkomst"),
            _o("work_part_time_insufficient", "Arbetar deltid, otillräcklig inkomst"),
        ),
    ),
    ObstacleGroup(
        "parental_leave",
        "Föräldraledig",
        (
            _o("parental_leave_insufficient", "Föräldraledig, otillräcklig föräldrapenning"),
            _o("parental_leave_awaiting", "Föräldraledig, väntar på föräldrapenning"),
        ),
    ),
    ObstacleGroup(
        "pension",
        "Pension",
        (
            _o("pension_insufficient", "Har pension, otillräcklig"),
            _o("pension_awaiting", "Väntar på pension"),
        ),
    ),
    ObstacleGroup("no_childcare", "Saknar barnomsorg", (_o("no_childcare", "Saknar barnomsorg"),)),
    ObstacleGroup(
        "young_upper_secondary",
        "Ung, studerar på gymnasiet",
        (_o("young_upper_secondary", "Ung, studerar på gymnasiet"),),
    ),
    ObstacleGroup(
        "no_obstacle",
        "Inget försörjningshinder",
        (_o("no_obstacle", "Inget försörjningshinder"),),
    ),
)

GROUP_OF: dict[str, str] = {o.code: group.code for group in OBSTACLE_GROUPS for o in group.obstacles}
CODES: tuple[str, ...] = tuple(GROUP_OF)


def obstacle(code: str) -> SupportObstacle | None:
    return next((o for group in OBSTACLE_GROUPS for o in group.obstacles if o.code == code), None)
