"""Working days: Monday to Friday in Swedish time. Public holidays are not counted out yet."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

LOCAL = ZoneInfo("Europe/Stockholm")


def local_date(moment: datetime) -> date:
    return moment.astimezone(LOCAL).date()


def between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end`: received on a Friday, waiting 1 on Monday."""
    if end <= start:
        return 0
    whole_weeks, rest = divmod((end - start).days, 7)
    days = whole_weeks * 5
    for offset in range(1, rest + 1):
        if (start + timedelta(days=offset)).weekday() < 5:
            days += 1
    return days
