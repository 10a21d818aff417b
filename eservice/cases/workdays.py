"""Working days: Monday to Friday in Swedish time, without public holidays and the eves offices close on.

The public holidays (Easter, Ascension, National Day ...) come from the `holidays` library; Midsummer Eve, Christmas
Eve and New Year's Eve are not public holidays in law, but the municipality's offices are closed on them, so a case
received before them does not wait a working day on them either.
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import holidays

LOCAL = ZoneInfo("Europe/Stockholm")


def local_date(moment: datetime) -> date:
    return moment.astimezone(LOCAL).date()


def _eves(year: int) -> set[date]:
    june_19 = date(year, 6, 19)
    midsummer_eve = june_19 + timedelta(days=(4 - june_19.weekday()) % 7)  # the Friday of 19-25 June
    return {midsummer_eve, date(year, 12, 24), date(year, 12, 31)}


@cache
def _closed_weekdays(year: int) -> tuple[date, ...]:
    """The year's Monday-to-Friday days the offices are closed, in order."""
    closed = set(holidays.country_holidays("SE", years=year)) | _eves(year)
    return tuple(sorted(day for day in closed if day.weekday() < 5))


def _closed_up_to(day: date) -> int:
    """How many closed weekdays there are from 1 January of `day`'s year up to and including `day`."""
    return bisect_right(_closed_weekdays(day.year), day)


def _closed_between(start: date, end: date) -> int:
    count = -_closed_up_to(start)
    for year in range(start.year, end.year):
        count += len(_closed_weekdays(year))
    return count + _closed_up_to(end)


def between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end`: received on a Friday, waiting 1 on Monday."""
    if end <= start:
        return 0
    whole_weeks, rest = divmod((end - start).days, 7)
    days = whole_weeks * 5
    for offset in range(1, rest + 1):
        if (start + timedelta(days=offset)).weekday() < 5:
            days += 1
    return days - _closed_between(start, end)


def received_by(today: date, working_days: int) -> date:
    """The latest day a case could have been received to have waited at least `working_days` by `today`."""
    day = today
    working_days = min(working_days, 2600)  # ten years: a filter asking for more is asking for everything
    while between(day, today) < working_days:
        day -= timedelta(days=1)
    return day


def start_of(day: date) -> datetime:
    """Midnight at the start of a Swedish day."""
    return datetime.combine(day, time(0), tzinfo=LOCAL)
