"""The municipality running the service: its name, phone, opening hours, and what submitting means there.

What submitting means is the municipality's decision, not ours. Where the social services register the sent
answers as the application, assistance can count from that day; where they do not, a person who believes they
applied may lose days of money. So the service says exactly one of the two, from `SUBMIT_IS_APPLICATION`.

Opening hours are configured as data ("mon-fri 09:00-16:00; sat 10:00-12:00"), not as Swedish text, so that each
language shows them with its own day names and time format (from Babel's CLDR data, no catalog needed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time
from functools import cache

from babel.dates import format_interval, get_day_names
from babel.lists import format_list
from flask import Flask, current_app
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # Babel numbers weekdays from Monday = 0
_TIME = r"([01]?\d|2[0-3]):([0-5]\d)"
_DAYS = r"(mon|tue|wed|thu|fri|sat|sun)(?:-(mon|tue|wed|thu|fri|sat|sun))?"
_ENTRY = re.compile(rf"^{_DAYS}\s+((?:{_TIME}-{_TIME}\s*)+)$")
_RANGE = re.compile(rf"{_TIME}-{_TIME}")

# The service's name says what it is, in the words of each mode.
SERVICE_NAMES = {
    True: _l("Ansök om ekonomiskt bistånd"),
    False: _l("Förbered ditt möte om ekonomiskt bistånd"),
}


@dataclass(frozen=True)
class Opening:
    first_day: int
    last_day: int
    ranges: tuple[tuple[time, time], ...]


@cache
def parse_opening_hours(spec: str) -> tuple[Opening, ...]:
    """ "mon-fri 09:00-12:00 13:00-16:00; sat 10:00-12:00" -> Openings. Anything else stops the service."""
    openings = []
    for raw in spec.split(";"):
        entry = raw.strip().lower()
        if not entry:
            continue
        match = _ENTRY.match(entry)
        if not match:
            raise ValueError(
                f"MUNICIPALITY_OPENING_HOURS: cannot read {raw.strip()!r} (write e.g. 'mon-fri 09:00-16:00')"
            )
        first = DAYS.index(match.group(1))
        last = DAYS.index(match.group(2)) if match.group(2) else first
        ranges = tuple(
            (time(int(h1), int(m1)), time(int(h2), int(m2))) for h1, m1, h2, m2 in _RANGE.findall(match.group(3))
        )
        if last < first or any(start >= end for start, end in ranges):
            raise ValueError(f"MUNICIPALITY_OPENING_HOURS: {raw.strip()!r} ends before it starts")
        openings.append(Opening(first, last, ranges))
    if not openings:
        raise ValueError("MUNICIPALITY_OPENING_HOURS is empty: say when people can call (e.g. 'mon-fri 09:00-16:00')")
    return tuple(openings)


def format_opening_hours(openings: tuple[Opening, ...], locale: str) -> str:
    """In the reader's language, with its day names, time format and list words (CLDR), e.g. Swedish "måndag-fredag
    09:00-16:00 och lördag 10:00-12:00" (written here with plain hyphens; shown with en dashes)."""
    names = get_day_names("wide", locale=locale)
    parts = []
    for opening in openings:
        days = names[opening.first_day]
        if opening.last_day != opening.first_day:
            days += "–" + names[opening.last_day]
        times = format_list([format_interval(s, e, "Hm", locale=locale) for s, e in opening.ranges], locale=locale)
        parts.append(f"{days} {times}")
    return format_list(parts, locale=locale)


def phone_href(phone: str) -> str:
    """tel: with the digits alone (and a leading +), so that a tap on a phone calls the number as written."""
    digits = re.sub(r"[^\d+]", "", phone)
    return "tel:" + digits[:1] + digits[1:].replace("+", "")


@dataclass(frozen=True)
class Municipality:
    """What the templates need, read from the configuration for the current request's language."""

    name: str
    phone: str
    hours: str
    submit_is_application: bool

    @property
    def phone_link(self) -> Markup:
        return Markup('<a href="{}">{}</a>').format(phone_href(self.phone), self.phone)

    @property
    def service_name(self) -> str:
        return str(SERVICE_NAMES[self.submit_is_application])

    def texts(self, **extra) -> dict[str, object]:
        """Placeholders for the sentences that name the municipality: the phone as a link, the rest escaped."""
        return {
            "municipality": escape(self.name),
            "phone": self.phone_link,
            "hours": escape(self.hours),
            **extra,
        }


def current() -> Municipality:
    config = current_app.config
    return Municipality(
        name=config["MUNICIPALITY_NAME"],
        phone=config["MUNICIPALITY_PHONE"],
        hours=format_opening_hours(
            parse_opening_hours(config["MUNICIPALITY_OPENING_HOURS"]), str(get_locale() or "sv")
        ),
        submit_is_application=bool(config["SUBMIT_IS_APPLICATION"]),
    )


def service_name() -> str:
    """Safe on the error page of last resort too: it reads only the configuration, with a default."""
    return str(SERVICE_NAMES[bool(current_app.config.get("SUBMIT_IS_APPLICATION", False))])


def init_app(app: Flask) -> None:
    # Read at start-up: a mistyped value stops the service instead of showing wrong hours to someone. (Parsed
    # once per value; each page formats them in its language.)
    parse_opening_hours(app.config["MUNICIPALITY_OPENING_HOURS"])
    app.jinja_env.globals["municipality"] = current
    app.jinja_env.globals["service_name"] = service_name
