"""The indicators of the level of corruptness: definitions, and their values read from roll-ups.

Every indicator is a ratio (or a count, or a median) of roll-up metrics, shown with its
definition and, where one exists (DOMAIN.md section 7), the benchmark beside it. Per-100-staff
rates count only the courts with staff figures, in the numerator as in the denominator, and
say how many courts had none.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.db.models import Q, Sum
from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from senim.analytics.metrics import CLOSE_DAYS_PREFIX
from senim.analytics.models import RollupCount
from senim.analytics.periods import Period, month_start, months_between, next_month
from senim.organization.models import Court, HeadCount, Region, Unit

COUNT, RATE, PER_100, MEDIAN = "count", "rate", "per100", "median"


@dataclass(frozen=True)
class Indicator:
    key: str
    label: Promise
    definition: Promise
    kind: str
    numerator: tuple[str, ...]  # metrics summed (for a median: the histogram's prefix)
    denominator: tuple[str, ...] = ()
    benchmark: Promise | None = None
    # The metric whose cases a click on the figure lists.
    drill: str | None = None
    lower_is_better: bool = False


INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "offences",
        _("Confirmed corruption offences by court staff"),
        _(
            "Corruption reports (bribery, abuse of office, conflict of interest, extortion of "
            "fees) found substantiated or partly substantiated when concluded in the period, plus "
            "those a referral turned into a conviction or a sanction in the period. The zero "
            "indicator."
        ),
        COUNT,
        ("offence_internal", "offence_referral"),
        benchmark=_("target 0"),
        drill="offence_internal",
        lower_is_better=True,
    ),
    Indicator(
        "offences_per_100",
        _("Confirmed offences per 100 staff"),
        _("Confirmed offences per 100 judges and staff of the courts with staff figures."),
        PER_100,
        ("offence_internal", "offence_referral"),
        benchmark=_("target 0"),
        drill="offence_internal",
        lower_is_better=True,
    ),
    Indicator(
        "reports",
        _("Reports received"),
        _("Appeals registered in the period through every channel."),
        COUNT,
        ("reports",),
        drill="reports",
    ),
    Indicator(
        "reports_per_100",
        _("Reports per 100 staff"),
        _("Appeals registered per 100 judges and staff of the courts with staff figures."),
        PER_100,
        ("reports",),
        benchmark=_("1.57 per 100 employees (NAVEX, 2024 data)"),
        drill="reports",
    ),
    Indicator(
        "substantiation",
        _("Substantiation rate"),
        _(
            "Cases concluded as substantiated or partly substantiated, out of the cases "
            "concluded on the merits in the period (consultations, forwarding, appeals not "
            "subject to consideration and duplicates are not examined on the merits)."
        ),
        RATE,
        ("substantiated",),
        ("merits",),
        benchmark=_("46% (NAVEX)"),
        drill="substantiated",
    ),
    Indicator(
        "anonymous_share",
        _("Anonymous share"),
        _("Anonymous appeals out of all appeals registered in the period."),
        RATE,
        ("anonymous",),
        ("reports",),
        benchmark=_("about 50-56%"),
        drill="anonymous",
    ),
    Indicator(
        "anonymous_followup",
        _("Anonymous follow-up rate"),
        _(
            "Anonymous appeals of the period whose reporter wrote back through the mailbox "
            "(visits are not recorded, to protect reporters)."
        ),
        RATE,
        ("anonymous_followed",),
        ("anonymous",),
        benchmark=_("26%"),
        drill="anonymous_followed",
    ),
    Indicator(
        "on_time",
        _("Decided within 15 working days"),
        _(
            "Cases concluded in the period by their original statutory date (15 working days "
            "from registration), out of all cases concluded in the period."
        ),
        RATE,
        ("on_time",),
        ("concluded",),
        drill="on_time",
    ),
    Indicator(
        "extended",
        _("Extended"),
        _("Cases concluded in the period whose deadline a chief had extended."),
        RATE,
        ("extended",),
        ("concluded",),
        drill="extended",
        lower_is_better=True,
    ),
    Indicator(
        "overdue",
        _("Overdue"),
        _(
            "Cases whose deadline (as extended) fell in the period and which were not concluded "
            "by it: concluded late, or still open after it."
        ),
        RATE,
        ("overdue",),
        ("due",),
        benchmark=_("target 0"),
        drill="overdue",
        lower_is_better=True,
    ),
    Indicator(
        "median_days",
        _("Median days to close"),
        _(
            "Calendar days from registration to closure, median over the cases closed in the "
            "period."
        ),
        MEDIAN,
        (CLOSE_DAYS_PREFIX,),
        benchmark=_("30-32 days (best practice)"),
        drill="closed",
        lower_is_better=True,
    ),
    Indicator(
        "acknowledged",
        _("Acknowledged within 7 days"),
        _(
            "Appeals of the period assessed within 7 calendar days of registration (the coupon "
            "acknowledges receipt at once; this measures the department's triage)."
        ),
        RATE,
        ("acknowledged_7d",),
        ("reports",),
        benchmark=_("100%"),
        drill="acknowledged_7d",
    ),
    Indicator(
        "retaliation_share",
        _("Retaliation reports"),
        _("Reports of retaliation against a reporter, out of all appeals of the period."),
        RATE,
        ("retaliation",),
        ("reports",),
        benchmark=_("below 1%"),
        drill="retaliation",
        lower_is_better=True,
    ),
    Indicator(
        "retaliation_substantiation",
        _("Retaliation reports substantiated"),
        _("Retaliation reports concluded as substantiated, out of those concluded on the merits."),
        RATE,
        ("retaliation_substantiated",),
        ("retaliation_merits",),
        drill="retaliation_substantiated",
        lower_is_better=True,
    ),
    Indicator(
        "referrals",
        _("Referrals to other bodies"),
        _(
            "Cases sent in the period to the anti-corruption service, a prosecutor, the "
            "disciplinary commission of judges or another competent body."
        ),
        COUNT,
        ("referrals",),
        drill="referrals",
    ),
)
BY_KEY = {indicator.key: indicator for indicator in INDICATORS}


@dataclass(frozen=True)
class Scope:
    """Whose figures: the country, a region, one court, or a territorial unit's own cases."""

    unit_id: int | None = None
    region_id: int | None = None
    court_id: int | None = None

    def rows(self) -> Q:
        where = Q()
        if self.unit_id is not None:
            where &= Q(unit_id=self.unit_id)
        if self.region_id is not None:
            where &= Q(court__region_id=self.region_id)
        if self.court_id is not None:
            where &= Q(court_id=self.court_id)
        return where

    def cases(self) -> Q:
        """The same scope as a filter on cases (for the drill-down)."""
        where = Q()
        if self.unit_id is not None:
            where &= Q(unit_id=self.unit_id)
        if self.region_id is not None:
            where &= Q(appeal__court__region_id=self.region_id)
        if self.court_id is not None:
            where &= Q(appeal__court_id=self.court_id)
        return where


@dataclass
class Value:
    indicator: Indicator
    numerator: int
    denominator: int | None
    value: float | None  # None: nothing to divide by, or no staff figures

    @property
    def display(self) -> str:
        if self.value is None:
            return "—"
        if self.indicator.kind == RATE:
            # number_format cuts digits off; round first so that 38.46% reads 38.5%.
            return f"{number_format(round(self.value * 100, 1), 1)}%"
        if self.indicator.kind == PER_100:
            return number_format(round(self.value, 2), 2)
        if self.indicator.kind == MEDIAN:
            return number_format(round(self.value), 0)
        return number_format(int(self.value), 0, force_grouping=True)


@dataclass
class Figures:
    """Summed metrics of a scope and period, with what per-100-staff rates need."""

    sums: dict[str, int]
    staff: int  # judges and staff of the courts with figures
    sums_staffed: dict[str, int]  # the sums over those courts only
    courts_without_staff: int

    def get(self, metric: str) -> int:
        return self.sums.get(metric, 0)

    def value(self, indicator: Indicator) -> Value:
        numerator = sum(self.sums.get(m, 0) for m in indicator.numerator)
        if indicator.kind == COUNT:
            return Value(indicator, numerator, None, float(numerator))
        if indicator.kind == PER_100:
            staffed = sum(self.sums_staffed.get(m, 0) for m in indicator.numerator)
            value = staffed * 100 / self.staff if self.staff else None
            return Value(indicator, staffed, self.staff or None, value)
        if indicator.kind == MEDIAN:
            histogram = histogram_of(self.sums, indicator.numerator[0])
            return Value(indicator, sum(histogram.values()), None, median(histogram))
        denominator = sum(self.sums.get(m, 0) for m in indicator.denominator)
        return Value(
            indicator, numerator, denominator, numerator / denominator if denominator else None
        )

    def values(self) -> list[Value]:
        return [self.value(indicator) for indicator in INDICATORS]


def histogram_of(sums: Mapping[str, int], prefix: str) -> dict[int, int]:
    return {int(k.removeprefix(prefix)): v for k, v in sums.items() if k.startswith(prefix)}


def median(histogram: Mapping[int, int]) -> float | None:
    """The median of a distribution given as {value: count} (mean of the two middle values)."""
    total = sum(histogram.values())
    if not total:
        return None
    ordered = sorted(histogram.items())

    def nth(n: int) -> int:  # 0-based
        seen = 0
        for value, count in ordered:
            seen += count
            if n < seen:
                return value
        raise AssertionError("n beyond the distribution")

    if total % 2:
        return float(nth(total // 2))
    return (nth(total // 2 - 1) + nth(total // 2)) / 2


def staff_on(day: dt.date, court_ids: Iterable[int] | None = None) -> dict[int, int]:
    """Judges and staff per court on a day (the head-count in force); courts without none."""
    rows = HeadCount.objects.filter(period_start__lte=day).order_by("court_id", "-period_start")
    if court_ids is not None:
        rows = rows.filter(court_id__in=list(court_ids))
    found: dict[int, int] = {}
    for court_id, staff in rows.values_list("court_id", "staff"):
        found.setdefault(court_id, staff)
    return found


def per_court(scope: Scope, period: Period, *, histogram: bool = True) -> dict[int, dict[str, int]]:
    """Metric sums per court: one grouped query over the roll-ups.

    `histogram=False` leaves out the days-to-close buckets: most of the rows, and needed per
    court only for a court's own median (`close_days` gives them for a whole scope).
    """
    kept = RollupCount.objects.filter(scope.rows(), month__gte=period.start, month__lt=period.end)
    if not histogram:
        kept = kept.exclude(metric__startswith=CLOSE_DAYS_PREFIX)
    rows = kept.values_list("court_id", "metric").annotate(total=Sum("value")).order_by()
    courts: dict[int, dict[str, int]] = defaultdict(dict)
    for court_id, metric, total in rows:
        courts[court_id][metric] = total
    return courts


def close_days(scope: Scope, period: Period) -> dict[str, int]:
    """The days-to-close histogram of a whole scope: one small grouped query."""
    rows = (
        RollupCount.objects.filter(
            scope.rows(),
            month__gte=period.start,
            month__lt=period.end,
            metric__startswith=CLOSE_DAYS_PREFIX,
        )
        .values_list("metric")
        .annotate(total=Sum("value"))
        .order_by()
    )
    return dict(rows)


def figures_from(courts: Mapping[int, Mapping[str, int]], staff: Mapping[int, int]) -> Figures:
    sums: dict[str, int] = defaultdict(int)
    staffed: dict[str, int] = defaultdict(int)
    for court_id, metrics in courts.items():
        for metric, total in metrics.items():
            sums[metric] += total
            if court_id in staff:
                staffed[metric] += total
    return Figures(dict(sums), 0, dict(staffed), 0)


def scope_courts(scope: Scope) -> list[int]:
    """The courts whose staff count for the scope: those it covers."""
    if scope.court_id is not None:
        return [scope.court_id]
    courts = Court.objects.all()
    if scope.region_id is not None:
        courts = courts.filter(region_id=scope.region_id)
    if scope.unit_id is not None:
        unit = Unit.objects.select_related("court").get(pk=scope.unit_id)
        if unit.kind == Unit.Kind.TERRITORIAL and unit.court_id is not None:
            courts = courts.filter(Q(pk=unit.court_id) | Q(parent_id=unit.court_id))
    return list(courts.values_list("pk", flat=True))


def narrow(
    courts: Mapping[int, dict[str, int]], scope: Scope, region_of: Mapping[int, int | None]
) -> dict[int, dict[str, int]]:
    """Sums per court of a wider scope cut down to a region or a court, without a query."""
    return {
        court_id: metrics
        for court_id, metrics in courts.items()
        if (scope.region_id is None or region_of.get(court_id) == scope.region_id)
        and (scope.court_id is None or court_id == scope.court_id)
    }


def figures(
    scope: Scope, period: Period, courts: Mapping[int, dict[str, int]] | None = None
) -> Figures:
    """`courts`: the scope's sums per court when the caller already has them (without the
    days-to-close histogram, which is then read for the whole scope)."""
    histogram: dict[str, int] = {}
    if courts is None:
        courts = per_court(scope, period)
    else:
        histogram = close_days(scope, period)
    covered = scope_courts(scope)
    staff = staff_on(period.last_day, covered)
    result = figures_from(courts, staff)
    result.sums.update(histogram)
    result.staff = sum(staff.values())
    result.courts_without_staff = len(set(covered) - set(staff))
    return result


@dataclass
class CourtRow:
    court: Court
    figures: Figures
    values: dict[str, Value] = field(default_factory=dict)


def league(
    scope: Scope,
    period: Period,
    keys: tuple[str, ...],
    courts: Mapping[int, dict[str, int]] | None = None,
) -> list[CourtRow]:
    """Every court of the scope with its indicators (the league table), by reports."""
    courts = per_court(scope, period) if courts is None else courts
    staff = staff_on(period.last_day)
    rows = []
    for court in Court.objects.filter(pk__in=scope_courts(scope)).select_related("region"):
        metrics = courts.get(court.pk, {})
        court_staff = staff.get(court.pk)
        result = Figures(dict(metrics), court_staff or 0, dict(metrics) if court_staff else {}, 0)
        result.courts_without_staff = 0 if court_staff else 1
        row = CourtRow(court, result)
        row.values = {key: result.value(BY_KEY[key]) for key in keys}
        rows.append(row)
    rows.sort(key=lambda r: (-r.figures.get("reports"), r.court.code))
    return rows


@dataclass
class RegionRow:
    region: Region
    figures: Figures
    value: Value


def by_region(
    scope: Scope,
    period: Period,
    key: str,
    courts: Mapping[int, dict[str, int]] | None = None,
    region_of: Mapping[int, int | None] | None = None,
) -> list[RegionRow]:
    """One indicator per region, for the cartogram; `courts`: the sums of every region."""
    indicator = BY_KEY[key]
    if courts is None:
        courts = per_court(Scope(unit_id=scope.unit_id), period)
    if region_of is None:
        region_of = dict(Court.objects.values_list("pk", "region_id"))
    staff = staff_on(period.last_day)
    grouped: dict[int, dict[int, dict[str, int]]] = defaultdict(dict)
    for court_id, metrics in courts.items():
        if (region_id := region_of.get(court_id)) is not None:
            grouped[region_id][court_id] = metrics
    staff_by_region: dict[int, int] = defaultdict(int)
    for court_id, count in staff.items():
        if (region_id := region_of.get(court_id)) is not None:
            staff_by_region[region_id] += count
    rows = []
    for region in Region.objects.all():
        result = figures_from(grouped.get(region.pk, {}), staff)
        result.staff = staff_by_region.get(region.pk, 0)
        rows.append(RegionRow(region, result, result.value(indicator)))
    return rows


@dataclass
class Point:
    month: dt.date
    sums: dict[str, int]

    def get(self, metric: str) -> int:
        return self.sums.get(metric, 0)


def trend(scope: Scope, until: dt.date, months: int = 24) -> list[Point]:
    """Monthly sums over the last `months` months up to `until`'s month: one grouped query."""
    end = next_month(month_start(until))
    start = end
    for _month in range(months):
        start = month_start(start - dt.timedelta(days=1))
    rows = (
        RollupCount.objects.filter(scope.rows(), month__gte=start, month__lt=end)
        .exclude(metric__startswith=CLOSE_DAYS_PREFIX)
        .values_list("month", "metric")
        .annotate(total=Sum("value"))
        .order_by()
    )
    points = {month: Point(month, {}) for month in months_between(start, end)}
    for month, metric, total in rows:
        points[month].sums[metric] = total
    return list(points.values())


def trend_value(point: Point, key: str) -> float | None:
    return Figures(point.sums, 0, {}, 0).value(BY_KEY[key]).value
