"""Public portal pages people wait for (issue 18): target >= 0.5x the trivial view.

The report form and the statistics page are rendered once per process, language and state
(senim/core/page_cache.py); the others are rendered on every visit. These rows show what a
visitor's GET costs, in Russian (a language whose catalogue is read, unlike the English source
strings). "0.5x the trivial view" is read as a rate: a page may cost at most twice the
baseline's p50.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

from bench.report import Row, baseline_p50
from bench.scenarios import Context

TARGET_RATIO = 0.5
HEADERS = {"Accept-Language": "ru"}
OK = frozenset({200})
PREFIX = "portal: "
# Almaty's territorial unit, whose chief's reception times the row opens first (the generated
# data has none), as the demo does: two weeks, five times a day, two places each.
RECEPTION_UNIT = "TD-REG-75"
RECEPTION_TIMES = ("10:00", "10:30", "11:00", "11:30", "15:00")


def portal_report_form(ctx: Context) -> Row:
    """The empty report form: 21 fields, several hundred courts."""
    return ctx.get(f"{PREFIX}report form (ru)", "/report/", headers=HEADERS, ok_statuses=OK)


def portal_statistics(ctx: Context) -> Row:
    """The public statistics page: the latest quarter, the whole country."""
    return ctx.get(f"{PREFIX}statistics (ru)", "/statistics/", headers=HEADERS, ok_statuses=OK)


def portal_home(ctx: Context) -> Row:
    """The portal's first page: the ways to report, follow up and book a reception."""
    return ctx.get(f"{PREFIX}home (ru)", "/", headers=HEADERS, ok_statuses=OK)


def portal_follow_up_form(ctx: Context) -> Row:
    """The empty follow-up form, where a reporter types the coupon's number and code."""
    return ctx.get(f"{PREFIX}follow-up form (ru)", "/follow-up/", headers=HEADERS, ok_statuses=OK)


def portal_reception_list(ctx: Context) -> Row:
    """The list of territorial units whose chiefs hold a daily reception."""
    return ctx.get(f"{PREFIX}reception units (ru)", "/reception/", headers=HEADERS, ok_statuses=OK)


def _reception_open() -> None:
    """Open the unit's reception times for two weeks (the service's get_or_create: a second
    run adds nothing)."""
    from senim.core import clock
    from senim.intake.reception import reception_slots_open
    from senim.organization.models import Unit

    today = clock.today()
    reception_slots_open(
        unit=Unit.objects.get(code=RECEPTION_UNIT),
        first_day=today,
        last_day=today + dt.timedelta(days=14),
        times=[dt.time.fromisoformat(t) for t in RECEPTION_TIMES],
        minutes=30,
        capacity=2,
        location="г. Алматы, кабинет 101",
    )


def portal_reception_times(ctx: Context) -> Row:
    """One unit's free reception times and the booking form."""
    _reception_open()
    return ctx.get(
        f"{PREFIX}reception times of a unit (ru)",
        f"/reception/{RECEPTION_UNIT}/",
        headers=HEADERS,
        ok_statuses=OK,
    )


def summary(rows: Sequence[Row]) -> list[str]:
    """A target line per portal page: its rate against the trivial view's, p50 for p50."""
    base = baseline_p50(rows)
    lines = []
    for row in rows:
        if not row.scenario.startswith(PREFIX) or not row.requests or math.isnan(base):
            continue
        share = base / row.p50 if row.p50 else float("inf")
        met = share >= TARGET_RATIO and not row.errors
        lines.append(
            f"target portal page ≥ {TARGET_RATIO}× the trivial view: {row.scenario}: "
            f"{'met' if met else 'NOT MET'} ({share:.2f}×: p50 {row.p50:.2f} ms against "
            f"{base:.2f} ms, p95 {row.p95:.2f} ms)"
        )
    return lines
