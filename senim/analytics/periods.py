"""Periods of the indicators: a month, a quarter or a year, named as in ``2026-07``,
``2026-Q3`` and ``2026``."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_YEAR = re.compile(r"^(\d{4})$")


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def months_between(start: dt.date, end: dt.date) -> Iterator[dt.date]:
    """First days of the months in [start, end)."""
    month = month_start(start)
    while month < end:
        yield month
        month = next_month(month)


def local_midnight(day: dt.date) -> dt.datetime:
    """The start of a day in the court system's time zone, as an aware datetime."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time()))


def month_of(value: dt.date | dt.datetime) -> dt.date:
    """The month (its first day) of a date, or of a moment in the court system's time zone."""
    if isinstance(value, dt.datetime):
        day = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
        return month_start(day)
    return month_start(value)


@dataclass(frozen=True)
class Period:
    kind: str  # "month", "quarter" or "year"
    start: dt.date
    end: dt.date  # exclusive

    @property
    def code(self) -> str:
        if self.kind == "month":
            return f"{self.start:%Y-%m}"
        if self.kind == "quarter":
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        return f"{self.start.year}"

    @property
    def label(self) -> str:
        if self.kind == "month":
            return f"{self.start:%m.%Y}"
        if self.kind == "quarter":
            return _("Q%(quarter)s %(year)s") % {
                "quarter": (self.start.month - 1) // 3 + 1,
                "year": self.start.year,
            }
        return str(self.start.year)

    @property
    def last_day(self) -> dt.date:
        return self.end - dt.timedelta(days=1)

    def months(self) -> list[dt.date]:
        return list(months_between(self.start, self.end))

    def previous(self) -> Period:
        """The period of the same kind just before: for the change since then."""
        if self.kind == "month":
            return month(self.last_day.replace(day=1) - dt.timedelta(days=1))
        if self.kind == "quarter":
            return quarter(self.start - dt.timedelta(days=1))
        return year(self.start.year - 1)


def month(day: dt.date) -> Period:
    start = month_start(day)
    return Period("month", start, next_month(start))


def quarter(day: dt.date) -> Period:
    start = dt.date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    end = (
        dt.date(day.year + 1, 1, 1) if start.month == 10 else dt.date(day.year, start.month + 3, 1)
    )
    return Period("quarter", start, end)


def year(number: int) -> Period:
    return Period("year", dt.date(number, 1, 1), dt.date(number + 1, 1, 1))


def parse(code: str | None, *, default: Period) -> Period:
    """A period from its code; the default for anything unreadable or out of range."""
    code = (code or "").strip()
    try:
        if found := _MONTH.match(code):
            return month(dt.date(int(found[1]), int(found[2]), 1))
        if found := _QUARTER.match(code):
            return quarter(dt.date(int(found[1]), (int(found[2]) - 1) * 3 + 1, 1))
        if (found := _YEAR.match(code)) and 1990 <= int(found[1]) <= 2100:
            return year(int(found[1]))
    except ValueError:
        pass
    return default


def choices(today: dt.date, *, years: int = 3) -> list[Period]:
    """Periods offered in the selectors: the years, their quarters and months, newest first."""
    offered: list[Period] = []
    for number in range(today.year, today.year - years, -1):
        offered.append(year(number))
        for q in range(4, 0, -1):
            period = quarter(dt.date(number, (q - 1) * 3 + 1, 1))
            if period.start <= today:
                offered.append(period)
        for m in range(12, 0, -1):
            if dt.date(number, m, 1) <= today:
                offered.append(month(dt.date(number, m, 1)))
    return offered
