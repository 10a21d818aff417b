"""Waiting time in working days: weekends, Swedish public holidays and the eves the offices close on do not count."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from eservice.cases.workdays import between


def test_easter_does_not_count():
    # Received on Maundy Thursday 2026; Good Friday and Easter Monday are closed: Tuesday is the first working day.
    assert between(date(2026, 4, 2), date(2026, 4, 7)) == 1


def test_midsummer_eve_does_not_count():
    assert between(date(2026, 6, 18), date(2026, 6, 22)) == 1  # Friday 19 June 2026 is Midsummer Eve


def test_christmas_and_new_year_across_the_turn_of_the_year():
    # 24, 25 and 31 December and 1 January are closed; 28-30 December and Monday 4 January count.
    assert between(date(2026, 12, 23), date(2027, 1, 4)) == 4


def test_an_ordinary_week():
    assert between(date(2026, 11, 20), date(2026, 11, 23)) == 1  # Friday to Monday
    assert between(date(2026, 11, 23), date(2026, 11, 30)) == 5
    assert between(date(2026, 11, 30), date(2026, 11, 30)) == 0


CLOSED_2025_2027 = {
    # Looked up by hand in the Swedish calendar (weekdays only), not computed: the test must not share the code.
    date(2025, 1, 1), date(2025, 1, 6), date(2025, 4, 18), date(2025, 4, 21), date(2025, 5, 1), date(2025, 5, 29),
    date(2025, 6, 6), date(2025, 6, 20), date(2025, 12, 24), date(2025, 12, 25), date(2025, 12, 26),
    date(2025, 12, 31), date(2026, 1, 1), date(2026, 1, 6), date(2026, 4, 3), date(2026, 4, 6), date(2026, 5, 1),
    date(2026, 5, 14), date(2026, 6, 19), date(2026, 12, 24), date(2026, 12, 25), date(2026, 12, 31),
    date(2027, 1, 1), date(2027, 1, 6), date(2027, 3, 26), date(2027, 3, 29), date(2027, 5, 6), date(2027, 6, 25),
    date(2027, 12, 24), date(2027, 12, 31),
}  # fmt: skip


@given(st.dates(date(2025, 1, 1), date(2027, 12, 31)), st.integers(0, 400))
def test_counting_matches_a_day_by_day_count(start, length):
    end = min(start + timedelta(days=length), date(2027, 12, 31))
    expected = sum(
        1
        for offset in range(1, (end - start).days + 1)
        if (day := start + timedelta(days=offset)).weekday() < 5 and day not in CLOSED_2025_2027
    )
    assert between(start, end) == expected


def test_the_latest_day_received_that_has_waited_long_enough():
    from eservice.cases.workdays import received_by

    monday = date(2026, 11, 30)
    assert received_by(monday, 0) == monday
    assert received_by(monday, 1) == date(2026, 11, 29)  # a Sunday: Monday is its first working day of waiting
    assert received_by(monday, 5) == date(2026, 11, 23)
    assert between(received_by(date(2026, 4, 7), 2), date(2026, 4, 7)) == 2  # across Easter


@given(st.dates(date(2025, 1, 1), date(2027, 12, 31)), st.integers(0, 60))
def test_received_by_is_the_last_day_that_waited_that_long(today, days):
    from eservice.cases.workdays import received_by

    day = received_by(today, days)
    assert between(day, today) >= days
    assert between(day + timedelta(days=1), today) < days or day == today
