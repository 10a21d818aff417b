"""The categories Socialstyrelsen's statistics on ekonomiskt bistånd count by, as data: gender, age band, household
type and time with assistance. The statistics page crosses the need group with one of them.

Texts are Swedish source text for staff. Every breakdown ends with "Uppgift saknas", so that an adult whose facts
are not recorded yet is still counted in the totals.
"""

from __future__ import annotations

from dataclasses import dataclass

UNKNOWN = "unknown"
UNKNOWN_LABEL = "Uppgift saknas"


@dataclass(frozen=True)
class Category:
    code: str
    label: str


# The options of part II's question 2.3, as the caseworker confirms them at the meeting.
GENDERS: tuple[Category, ...] = (
    Category("woman", "Kvinna"),
    Category("man", "Man"),
    Category("other", "Annat"),
    Category("rather_not_say", "Vill inte svara"),
)
# Socialstyrelsen counts women and men; the rest is one column, so that the few are not shown one by one.
GENDER_COLUMNS: tuple[Category, ...] = (
    Category("woman", "Kvinna"),
    Category("man", "Man"),
    Category(UNKNOWN, "Annat eller uppgift saknas"),
)


@dataclass(frozen=True)
class AgeBand:
    code: str
    label: str
    lowest: int
    highest: int | None  # None: and older


AGE_BANDS: tuple[AgeBand, ...] = (
    AgeBand("18_24", "18–24 år", 18, 24),
    AgeBand("25_29", "25–29 år", 25, 29),
    AgeBand("30_39", "30–39 år", 30, 39),
    AgeBand("40_49", "40–49 år", 40, 49),
    AgeBand("50_64", "50–64 år", 50, 64),
    AgeBand("65_plus", "65 år och äldre", 65, None),
)


def age_band(age: int | None) -> str:
    """The band's code; under 18 (a young adult applying on their own is counted apart) or unknown is UNKNOWN."""
    for band in AGE_BANDS:
        if age is not None and band.lowest <= age and (band.highest is None or age <= band.highest):
            return band.code
    return UNKNOWN


# Socialstyrelsen's household types: cohabiting, single woman, single man; each with or without children.
HOUSEHOLD_TYPES: tuple[Category, ...] = (
    Category("cohabiting_children", "Sammanboende med barn"),
    Category("cohabiting_no_children", "Sammanboende utan barn"),
    Category("single_woman_children", "Ensamstående kvinna med barn"),
    Category("single_woman_no_children", "Ensamstående kvinna utan barn"),
    Category("single_man_children", "Ensamstående man med barn"),
    Category("single_man_no_children", "Ensamstående man utan barn"),
)


def household_type(applying_with: object, children_count: object, gender: object) -> str | None:
    """The type the answers point to (part I's 1.1 and 1.2, part II's 2.3), or None when they do not tell."""
    if not isinstance(children_count, int) or isinstance(children_count, bool):
        return None
    children = "children" if children_count > 0 else "no_children"
    if applying_with == "with_partner":
        return f"cohabiting_{children}"
    if applying_with == "alone" and gender in ("woman", "man"):
        return f"single_{gender}_{children}"
    return None


@dataclass(frozen=True)
class MonthsBand:
    code: str
    label: str
    fewest: int
    most: int


# Months with assistance in the twelve months up to the period's end. "Långvarigt bistånd" is 10-12 of them.
LONG_TERM = "10_12"
MONTHS_BANDS: tuple[MonthsBand, ...] = (
    MonthsBand("1_3", "1–3 månader", 1, 3),
    MonthsBand("4_6", "4–6 månader", 4, 6),
    MonthsBand("7_9", "7–9 månader", 7, 9),
    MonthsBand(LONG_TERM, "10–12 månader (långvarigt)", 10, 12),
)


def months_band(months: int | None) -> str:
    for band in MONTHS_BANDS:
        if months is not None and band.fewest <= months <= band.most:
            return band.code
    return UNKNOWN
