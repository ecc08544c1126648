"""Kazakhstan's working-day calendar.

A day is a working day unless it is a weekend or a public holiday (`holidays`, country KZ),
and an administrator's entry for that day (`CalendarDay`: the yearly transfers of days off)
overrides both.
"""

from __future__ import annotations

import calendar as month_calendar
import datetime as dt
from collections.abc import Iterable
from functools import lru_cache

import holidays

MAX_SPAN_DAYS = 3660  # refuses runaway loops on absurd inputs


@lru_cache(maxsize=64)
def _public_holidays(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("KZ", years=year).keys())


class WorkingCalendar:
    """The calendar with a given set of transfers; build it once per request or sweep."""

    def __init__(self, overrides: dict[dt.date, bool] | None = None) -> None:
        self.overrides = overrides or {}

    def is_working_day(self, day: dt.date) -> bool:
        if day in self.overrides:
            return self.overrides[day]
        return day.weekday() < 5 and day not in _public_holidays(day.year)

    def next_working_day(self, day: dt.date) -> dt.date:
        """`day` itself when it is a working day, else the first working day after it."""
        for _ in range(MAX_SPAN_DAYS):
            if self.is_working_day(day):
                return day
            day += dt.timedelta(days=1)
        raise ValueError("no working day within ten years")

    def add_working_days(self, start: dt.date, days: int) -> dt.date:
        """The `days`-th working day after `start`; a non-working `start` counts from the next."""
        day = self.next_working_day(start)
        for _ in range(days):
            day = self.next_working_day(day + dt.timedelta(days=1))
        return day

    def working_days_after(self, start: dt.date, days: int) -> dt.date:
        """The date `days` working days after `start`, counting only days after it.

        Unlike `add_working_days`, a weekend `start` is not moved to Monday first: seen from a
        Saturday, "within 3 working days" ends on Wednesday, as it does from the Friday before.
        """
        day = start
        for _ in range(days):
            day = self.next_working_day(day + dt.timedelta(days=1))
        return day

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after `start` up to and including `end` (negative when end < start)."""
        if end < start:
            return -self.working_days_between(end, start)
        count, day = 0, start
        while day < end:
            day += dt.timedelta(days=1)
            count += self.is_working_day(day)
        return count

    def working_days(self, first: dt.date, last: dt.date) -> Iterable[dt.date]:
        day = first
        while day <= last:
            if self.is_working_day(day):
                yield day
            day += dt.timedelta(days=1)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, clipped to the month's end (31 Jan + 1 month = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, month_calendar.monthrange(year, month)[1]))


def calendar() -> WorkingCalendar:
    """The calendar with the transfers entered so far (one small query)."""
    from senim.core.models import CalendarDay

    return WorkingCalendar(dict(CalendarDay.objects.values_list("day", "working")))


def is_working_day(day: dt.date) -> bool:
    return calendar().is_working_day(day)


def next_working_day(day: dt.date) -> dt.date:
    return calendar().next_working_day(day)


def add_working_days(start: dt.date, days: int) -> dt.date:
    return calendar().add_working_days(start, days)


def transfer_set(*, day: dt.date, working: bool | None, note: str, actor: object) -> None:
    """Enter (or with `working=None` remove) an administrator's override for a day."""
    from django.db import transaction

    from senim.core.audit import audit
    from senim.core.models import CalendarDay

    with transaction.atomic():
        if working is None:
            CalendarDay.objects.filter(day=day).delete()
        else:
            CalendarDay.objects.update_or_create(
                day=day, defaults={"working": working, "note": note.strip()[:200]}
            )
        audit(
            action="calendar.changed",
            actor=actor,
            object_type="calendar",
            object_id=day.isoformat(),
            detail={"working": working},
        )


def public_holidays(year: int) -> list[tuple[dt.date, str]]:
    return sorted(holidays.country_holidays("KZ", years=year).items())
