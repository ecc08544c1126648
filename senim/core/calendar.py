"""Kazakhstan's working-day calendar: weekends, public holidays (`holidays`, country KZ)."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _public_holidays(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("KZ", years=year).keys())


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in _public_holidays(day.year)


def next_working_day(day: dt.date) -> dt.date:
    """`day` itself when it is a working day, else the first working day after it."""
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The date `days` working days after `start` (a non-working `start` counts from the next)."""
    day = next_working_day(start)
    for _ in range(days):
        day = next_working_day(day + dt.timedelta(days=1))
    return day
