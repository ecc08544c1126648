"""Kazakhstan's working-day calendar.

A day is a working day unless it is a weekend or a public holiday (`holidays`, country KZ),
and an administrator's entry for that day (`CalendarDay`: the yearly transfers of days off)
overrides both.
"""

from __future__ import annotations

import calendar as month_calendar
import datetime as dt
import uuid
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

import holidays

from senim.core.holiday_names import holiday_name

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser

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


# The transfers change a few times a year but were read on every registration and case page:
# each process keeps the calendar with the version it was read under, and reads it again when
# the shared version (in the cache, so every host sees it) differs. A version is a random token,
# not a counter: a cache that lost the key (cleared, culled) makes a new one, never an old one.
CALENDAR_VERSION_KEY = "senim:calendar-version"
_kept: tuple[str, WorkingCalendar] | None = None


def _calendar_version() -> str:
    from django.core.cache import cache

    version: str | None = cache.get(CALENDAR_VERSION_KEY)
    if version is None:
        cache.add(CALENDAR_VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(CALENDAR_VERSION_KEY) or ""
    return version


def calendar_changed() -> None:
    """Every process reads the transfers again: call after changing `CalendarDay` rows.

    Inside a transaction the version moves at once (this process, and a database cache in the
    same transaction) and again after the commit, so no process keeps what it read before.
    """
    from django.core.cache import cache
    from django.db import transaction

    global _kept
    _kept = None
    cache.set(CALENDAR_VERSION_KEY, uuid.uuid4().hex, None)
    transaction.on_commit(lambda: cache.set(CALENDAR_VERSION_KEY, uuid.uuid4().hex, None))


def calendar() -> WorkingCalendar:
    """The calendar with the transfers entered so far (kept per process; see above).

    The version is read before the rows: a change committed in between only makes the kept
    calendar newer than its version, and the next call reads it again.
    """
    from senim.core.models import CalendarDay

    global _kept
    version = _calendar_version()
    kept = _kept
    if kept is not None and kept[0] == version:
        return kept[1]
    working = WorkingCalendar(dict(CalendarDay.objects.values_list("day", "working")))
    _kept = (version, working)
    return working


def is_working_day(day: dt.date) -> bool:
    return calendar().is_working_day(day)


def next_working_day(day: dt.date) -> dt.date:
    return calendar().next_working_day(day)


def add_working_days(start: dt.date, days: int) -> dt.date:
    return calendar().add_working_days(start, days)


def transfer_set(
    *, day: dt.date, working: bool | None, note: str, actor: AbstractBaseUser | None
) -> None:
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
        calendar_changed()
        audit(
            action="calendar.changed",
            actor=actor,
            object_type="calendar",
            object_id=day.isoformat(),
            detail={"working": working},
        )


def public_holidays(year: int) -> list[tuple[dt.date, str]]:
    """The year's public holidays, named in the active language."""
    names = holidays.country_holidays("KZ", years=year, language="en_US")
    return sorted((day, holiday_name(name)) for day, name in names.items())
