"""Computing the roll-up rows: for some court-months (the refresh) or for everything (rebuild).

Both paths run the very same grouped counts (`_count`), so a rebuilt table and one kept
current by marks hold the same figures (tests/test_analytics_rollups.py shows it).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Count, Q
from django.db.models.functions import Trunc
from django.utils import timezone

from senim.analytics.metrics import (
    CLOSE_DAYS_CAP,
    CLOSE_DAYS_PREFIX,
    FAMILIES,
    Family,
    counted,
    date_range,
    family_metrics,
)
from senim.analytics.models import RollupCount, RollupMark, RollupState
from senim.analytics.periods import month_of, month_start, months_between, next_month
from senim.cases.models import Case
from senim.core import clock
from senim.organization.models import Court

Key = tuple[dt.date, int, int, str]  # month, court, unit, metric
MARKS_PER_REFRESH = 5000


def _count(family: Family, where: Q, today: dt.date) -> dict[Key, int]:
    """Grouped counts of every metric of a family, per month of its event, court and unit."""
    metrics = family_metrics(family.key)
    rows = (
        family.model.objects.filter(where)  # type: ignore[attr-defined]
        .filter(counted(family), **{f"{family.date_field}__isnull": False})
        .annotate(_month=Trunc(family.date_field, "month"))
        .values("_month", family.court_path, family.unit_path)
        .annotate(
            **{
                f"m{index}": Count(
                    family.case_path,
                    filter=metric.condition(today) or None,
                    distinct=metric.distinct_cases,
                )
                for index, metric in enumerate(metrics)
            }
        )
        .order_by()
    )
    counts: dict[Key, int] = {}
    for row in rows:
        month = month_of(row["_month"])
        for index, metric in enumerate(metrics):
            if value := row[f"m{index}"]:
                counts[(month, row[family.court_path], row[family.unit_path], metric.key)] = value
    return counts


def _close_days(where: Q) -> dict[Key, int]:
    """Days from registration to closure, one bucket per day: medians need the distribution."""
    counts: dict[Key, int] = defaultdict(int)
    rows = (
        Case.objects.filter(where, counted(FAMILIES["closed"]), closed_at__isnull=False)
        .values_list("appeal__court_id", "unit_id", "appeal__registered_at", "closed_at")
        .order_by()
    )
    for court_id, unit_id, registered_at, closed_at in rows.iterator(chunk_size=20000):
        closed = timezone.localtime(closed_at).date()
        days = min((closed - timezone.localtime(registered_at).date()).days, CLOSE_DAYS_CAP)
        counts[(month_start(closed), court_id, unit_id, f"{CLOSE_DAYS_PREFIX}{days}")] += 1
    return counts


def compute(months: Iterable[dt.date] | None, court_ids: Iterable[int] | None) -> dict[Key, int]:
    """Every roll-up figure of the given months (all when None) and courts (all when None)."""
    today = clock.today()
    month_list = sorted(set(months)) if months is not None else None
    courts = list(court_ids) if court_ids is not None else None
    counts: dict[Key, int] = {}
    for family in FAMILIES.values():
        where = Q()
        if courts is not None:
            where &= Q(**{f"{family.court_path.removesuffix('_id')}__in": courts})
        if month_list is not None:
            spans = Q()
            for month in month_list:
                spans |= date_range(family, month, next_month(month))
            where &= spans
        counts.update(_count(family, where, today))
        if family.key == "closed":
            counts.update(_close_days(where))
    return counts


def _state_locked() -> RollupState:
    RollupState.objects.get_or_create(pk=1)
    return RollupState.objects.select_for_update().get(pk=1)


def _write(counts: dict[Key, int]) -> None:
    RollupCount.objects.bulk_create(
        (
            RollupCount(month=month, court_id=court, unit_id=unit, metric=metric, value=value)
            for (month, court, unit, metric), value in counts.items()
        ),
        batch_size=5000,
    )


def rebuild() -> int:
    """Recount everything from the cases; returns the number of roll-up rows."""
    counts = compute(None, None)
    with transaction.atomic():
        state = _state_locked()
        RollupCount.objects.all().delete()
        RollupMark.objects.all().delete()
        _write(counts)
        now = clock.now()
        state.rebuilt_at = state.refreshed_at = now
        state.time_refreshed_on = clock.today()
        state.save()
    return len(counts)


def _recount(keys: set[tuple[int, dt.date]]) -> None:
    by_month: dict[dt.date, set[int]] = defaultdict(set)
    for court_id, month in keys:
        by_month[month].add(court_id)
    for month, courts in sorted(by_month.items()):
        counts = compute([month], courts)
        RollupCount.objects.filter(month=month, court_id__in=courts).delete()
        _write(counts)


def refresh() -> int:
    """Recount the court-months marked stale, and the months the passing days made overdue.

    Runs in the sweep (and from `senim analytics refresh`); one refresh at a time (row lock).
    Returns how many court-months were recounted.
    """
    today = clock.today()
    recounted = 0
    with transaction.atomic():
        state = _state_locked()
        marks = list(RollupMark.objects.order_by("pk").values_list("pk", "court_id", "month"))
        marks = marks[:MARKS_PER_REFRESH]
        keys = {(court_id, month) for _pk, court_id, month in marks}
        if state.time_refreshed_on is not None and state.time_refreshed_on < today:
            # A case turns overdue the day after its deadline: the deadline's month changes.
            since = state.time_refreshed_on - dt.timedelta(days=1)
            courts = set(Court.objects.values_list("pk", flat=True))
            for month in months_between(since, next_month(today)):
                keys |= {(court_id, month) for court_id in courts}
        if state.time_refreshed_on is None or state.time_refreshed_on < today:
            state.time_refreshed_on = today
        _recount(keys)
        RollupMark.objects.filter(pk__in=[pk for pk, _c, _m in marks]).delete()
        # The stamp moves only when figures were recounted: it keys the dashboards' cache.
        if keys:
            state.refreshed_at = clock.now()
        state.save()
        recounted = len(keys)
    return recounted


def pending() -> int:
    return RollupMark.objects.count()


def fingerprint() -> dict[Key, int]:
    """The whole table as a mapping, for comparing a rebuilt table with a refreshed one."""
    return {
        (row.month, row.court_id, row.unit_id, row.metric): row.value
        for row in RollupCount.objects.all()
    }
