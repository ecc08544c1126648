"""Public statistics: the figures anyone may see, with small counts suppressed.

The portal's statistics page and the open-data files are both built from the one table made
here (`public_table`), so what a citizen reads on the page and what a program downloads can
never disagree, cell by cell, suppression included.

The rules (docs/open-data.md says the same for readers):

1. **Small counts** and 2. **complementary suppression** are `senim.analytics.suppression`'s
   (its docstring states them): a count from 1 to 4 is hidden ("<5"), a zero is shown, and
   whatever would let a hidden count be worked out from a sum is hidden too ("x"). The sums are
   this table's (`_equations`): the country is the sum of its regions and of the national courts
   (the Supreme Court and the cassation courts, which belong to no region); a region's reports
   are the sum of its reports by channel and by kind; the cases concluded are the sum of the
   outcomes; a year is the sum of its quarters and a quarter of the months shown in the trend;
   and a part is at most its whole where the remainder is not published (decided on time and
   concluded, overdue and due: `INEQUALITIES`). The page and the files treat zeros alike.
3. **Rates** are shown only when their numerator and denominator are both shown: otherwise the
   rate times the denominator gives the hidden count back.
4. **Complete quarters only.** The figures stop at the end of the last complete quarter. A page
   that changed every day would let a reader subtract yesterday's figure from today's and see a
   single new appeal; quarters are also what the open data is published by.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Max, Min, Sum
from django.utils import translation
from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from senim.analytics.indicators import BY_KEY
from senim.analytics.metrics import MERITS, SUBSTANTIATED
from senim.analytics.models import RollupCount, RollupState
from senim.analytics.periods import Period, month, months_between, quarter, year
from senim.analytics.suppression import (
    COMPLEMENTARY,
    SMALL,
    THRESHOLD,
    UNPUBLISHED,
    WIDENED,
    Cell,
    Equation,
    disclosed,
    remainder,
    suppress,
)
from senim.cases.models import Outcome
from senim.core import clock
from senim.intake.models import AppealKind, Channel
from senim.organization.models import Region

COUNTRY = "KZ"
# Not an ISO 3166-2 code: the courts that serve the whole country and belong to no region.
NATIONAL = "KZ-NAT"
LANGUAGES = ("kk", "ru", "en")

# Why a figure is not shown: a count's reasons are the suppression's (a widened small count is
# told as complementary); a rate is hidden when its numerator or denominator is (rule 3).
RATE_HIDDEN = "rate"
REASONS = (SMALL, COMPLEMENTARY, RATE_HIDDEN)  # what the page and the files tell

COUNT, RATIO = "count", "ratio"
# The counts the monthly trend shows: only these are published per month.
TREND_KEYS = ("reports", "concluded")


@dataclass(frozen=True)
class Group:
    key: str
    title: Promise
    column: Promise  # the heading of the breakdown's first column
    definition: Promise


GROUPS: dict[str, Group] = {
    g.key: g
    for g in (
        Group(
            "channel",
            _("Reports by channel"),
            _("Channel"),
            _("Appeals registered in the period, by the way they reached the department."),
        ),
        Group(
            "kind",
            _("Reports by kind"),
            _("Kind of appeal"),
            _("Appeals registered in the period, by their kind under the law on appeals."),
        ),
        Group(
            "outcome",
            _("Cases concluded by outcome"),
            _("Outcome"),
            _("Cases concluded in the period, by the decision taken on them."),
        ),
    )
}


@dataclass(frozen=True)
class PublicIndicator:
    key: str
    unit: str  # COUNT or RATIO
    label: Promise | str
    definition: Promise
    group: str = ""  # a breakdown (GROUPS), or "" for a headline figure
    metrics: tuple[str, ...] = ()  # roll-up metrics summed (counts)
    numerator: str = ""  # public count keys (rates)
    denominator: str = ""
    benchmark: Promise | None = None


def _from_indicators(key: str, indicator_key: str, metrics: tuple[str, ...]) -> PublicIndicator:
    """A count defined in indicators.INDICATORS: its label and definition come from there."""
    source = BY_KEY[indicator_key]
    return PublicIndicator(
        key, COUNT, source.label, source.definition, metrics=metrics, benchmark=source.benchmark
    )


def _rate(key: str, indicator_key: str) -> PublicIndicator:
    source = BY_KEY[indicator_key]
    (numerator,) = source.numerator
    (denominator,) = source.denominator
    return PublicIndicator(
        key,
        RATIO,
        source.label,
        source.definition,
        numerator=numerator,
        denominator=denominator,
        benchmark=source.benchmark,
    )


def _indicators() -> tuple[PublicIndicator, ...]:
    return (
        _from_indicators("reports", "reports", ("reports",)),
        *(
            PublicIndicator(
                f"channel:{value}",
                COUNT,
                label,
                GROUPS["channel"].definition,
                "channel",
                (f"channel:{value}",),
            )
            for value, label in Channel.choices
        ),
        *(
            PublicIndicator(
                f"kind:{value}", COUNT, label, GROUPS["kind"].definition, "kind", (f"kind:{value}",)
            )
            for value, label in AppealKind.choices
        ),
        PublicIndicator(
            "concluded",
            COUNT,
            _("Cases concluded"),
            _("Cases concluded in the period, whatever the outcome."),
            metrics=("concluded",),
        ),
        *(
            PublicIndicator(
                f"outcome:{value}",
                COUNT,
                label,
                GROUPS["outcome"].definition,
                "outcome",
                (f"outcome:{value}",),
            )
            for value, label in Outcome.choices
        ),
        PublicIndicator(
            "merits",
            COUNT,
            _("Cases concluded on the merits"),
            _(
                "Cases concluded in the period as substantiated, partly substantiated, not "
                "substantiated or referred to a competent body: the denominator of the "
                "substantiation rate."
            ),
            metrics=("merits",),
        ),
        PublicIndicator(
            "substantiated",
            COUNT,
            _("Cases found substantiated"),
            _("Cases concluded in the period as substantiated or partly substantiated."),
            metrics=("substantiated",),
        ),
        PublicIndicator(
            "on_time",
            COUNT,
            _("Cases decided within 15 working days"),
            _(
                "Cases concluded in the period by their original statutory date (15 working "
                "days from registration)."
            ),
            metrics=("on_time",),
        ),
        PublicIndicator(
            "due",
            COUNT,
            _("Cases due"),
            _("Cases whose deadline (as extended) fell in the period."),
            metrics=("due",),
        ),
        PublicIndicator(
            "overdue",
            COUNT,
            _("Cases overdue"),
            _(
                "Cases whose deadline fell in the period and which were not concluded by it: "
                "concluded late, or still open after it."
            ),
            metrics=("overdue",),
        ),
        _from_indicators("offences", "offences", BY_KEY["offences"].numerator),
        _rate("rate:substantiation", "substantiation"),
        _rate("rate:on_time", "on_time"),
        _rate("rate:overdue", "overdue"),
    )


INDICATORS: tuple[PublicIndicator, ...] = _indicators()
PUBLIC: dict[str, PublicIndicator] = {i.key: i for i in INDICATORS}
COUNT_KEYS = tuple(i.key for i in INDICATORS if i.unit == COUNT)
RATE_KEYS = tuple(i.key for i in INDICATORS if i.unit == RATIO)


def group_keys(group: str) -> tuple[str, ...]:
    return tuple(i.key for i in INDICATORS if i.group == group)


# Totals that are exactly the sum of parts within one area and period (metrics.py: every
# appeal has one channel and one kind; a concluded case has exactly one outcome).
PARTITIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("reports", group_keys("channel")),
    ("reports", group_keys("kind")),
    ("concluded", group_keys("outcome")),
    ("merits", tuple(f"outcome:{o}" for o in MERITS)),
    ("substantiated", tuple(f"outcome:{o}" for o in SUBSTANTIATED)),
)


# Counts that are parts of another without a published remainder: whole, part. A hidden part
# is at most its whole: an "x" (at least 5) under a whole of 5 would be exactly 5.
INEQUALITIES: tuple[tuple[str, str], ...] = (("concluded", "on_time"), ("due", "overdue"))


# --- Areas and periods ----------------------------------------------------------------------


@dataclass(frozen=True)
class Area:
    code: str
    kind: str  # "country", "region" or "national"
    name_kk: str
    name_ru: str
    name_en: str
    region_id: int | None = None

    @property
    def name(self) -> str:
        return self.name_in(translation.get_language() or "kk")

    def name_in(self, language: str) -> str:
        code = language.split("-")[0]
        return str(getattr(self, f"name_{code}", "") or self.name_ru)


def _named(code: str, kind: str, text: Promise) -> Area:
    names = {}
    for language in LANGUAGES:
        with translation.override(language):
            names[language] = str(text)
    return Area(code, kind, names["kk"], names["ru"], names["en"])


def areas() -> list[Area]:
    """The country, its regions by ISO code, and the national courts: one query."""
    found = [_named(COUNTRY, "country", _("Kazakhstan (whole country)"))]
    found += [
        Area(r.code, "region", r.name_kk, r.name_ru, r.name_en, r.pk)
        for r in Region.objects.order_by("code")
    ]
    found.append(
        _named(NATIONAL, "national", _("Supreme Court and cassation courts (national level)"))
    )
    return found


def published_until(today: dt.date) -> dt.date:
    """Rule 4: the first day not published, the start of the current quarter."""
    return quarter(today).start


def quarters_between(start: dt.date, end: dt.date) -> Iterator[Period]:
    period = quarter(start)
    while period.end <= end:
        yield period
        period = quarter(period.end)


# --- The table ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """One published cell: its value, or why it is not shown."""

    indicator: PublicIndicator
    value: int | float | None  # None when suppressed, or a rate with nothing to divide by
    suppression: str = ""  # "" or one of REASONS

    @property
    def suppressed(self) -> bool:
        return bool(self.suppression)

    @property
    def display(self) -> str:
        if self.suppression == SMALL:
            return f"<{THRESHOLD}"
        if self.suppression:
            return "x"
        if self.value is None:
            return "—"
        if self.indicator.unit == RATIO:
            return f"{number_format(round(self.value * 100, 1), 1)}%"
        return number_format(int(self.value), 0, force_grouping=True)

    @property
    def open_value(self) -> int | float | None:
        """The value in the open data: counts whole, rates as a fraction to 4 places."""
        if self.suppression or self.value is None:
            return None
        if self.indicator.unit == RATIO:
            return round(float(self.value), 4)
        return int(self.value)


@dataclass
class PublicTable:
    areas: list[Area]
    quarters: list[Period]  # complete quarters with data, oldest first
    years: list[Period]  # years with a complete quarter; a year is the sum of those quarters
    months: list[Period]  # the trend's months (those of the quarters)
    until: dt.date  # first day not published
    counts: dict[Cell, int] = field(default_factory=dict)
    hidden: dict[Cell, str] = field(default_factory=dict)

    def area(self, code: str) -> Area | None:
        return next((a for a in self.areas if a.code == code), None)

    @property
    def periods(self) -> list[Period]:
        """What the page offers: years and quarters, newest first."""
        offered: list[Period] = []
        for y in reversed(self.years):
            offered.append(y)
            offered += [q for q in reversed(self.quarters) if q.start.year == y.start.year]
        return offered

    def count(self, period: str, area: str, key: str) -> Figure:
        cell = (period, area, key)
        if reason := self.hidden.get(cell):
            return Figure(PUBLIC[key], None, COMPLEMENTARY if reason == WIDENED else reason)
        return Figure(PUBLIC[key], self.counts.get(cell, 0))

    def figure(self, period: str, area: str, key: str) -> Figure:
        indicator = PUBLIC[key]
        if indicator.unit == COUNT:
            return self.count(period, area, key)
        numerator = self.count(period, area, indicator.numerator)
        denominator = self.count(period, area, indicator.denominator)
        if numerator.suppressed or denominator.suppressed:
            return Figure(indicator, None, RATE_HIDDEN)
        if not denominator.value:
            return Figure(indicator, None)
        return Figure(indicator, (numerator.value or 0) / denominator.value)

    def figures(self, period: str, area: str) -> dict[str, Figure]:
        return {key: self.figure(period, area, key) for key in PUBLIC}

    def trend(
        self, area: str, end: dt.date, months: int = 24
    ) -> list[tuple[Period, dict[str, Figure]]]:
        """The published months up to `end` (exclusive), at most `months` of them."""
        shown = [m for m in self.months if m.end <= end][-months:]
        return [(m, {k: self.count(m.code, area, k) for k in TREND_KEYS}) for m in shown]

    def rows(self) -> Iterator[tuple[Period, Area, Figure]]:
        """The open data: every complete quarter, area and indicator."""
        for period in self.quarters:
            for area in self.areas:
                for key in PUBLIC:
                    yield period, area, self.figure(period.code, area.code, key)


def _equations(table: PublicTable) -> list[Equation]:
    """Every sum the published cells make (rule 2)."""
    codes = [a.code for a in table.areas]
    regions = [code for code in codes if code != COUNTRY]
    quarter_codes = {q.start: q.code for q in table.quarters}
    # A year is the sum of its quarters (every count), a quarter of its months (the trend's).
    periods: list[tuple[str, tuple[str, ...], list[str], tuple[str, ...]]] = [
        (
            y.code,
            COUNT_KEYS,
            [code for start, code in quarter_codes.items() if start.year == y.start.year],
            COUNT_KEYS,
        )
        for y in table.years
    ]
    periods += [
        (
            q.code,
            COUNT_KEYS,
            [m.code for m in table.months if q.start <= m.start < q.end],
            TREND_KEYS,
        )
        for q in table.quarters
    ]
    periods += [(m.code, TREND_KEYS, [], ()) for m in table.months]
    equations: list[Equation] = []
    for period, keys, below, below_keys in periods:
        for key in keys:
            # The country is the sum of the regions and the national courts.
            equations.append(((period, COUNTRY, key), tuple((period, c, key) for c in regions)))
            if key in below_keys:
                for area in codes:
                    equations.append(((period, area, key), tuple((b, area, key) for b in below)))
        for total, parts in PARTITIONS:
            if total in keys and all(part in keys for part in parts):
                for area in codes:
                    equations.append(
                        ((period, area, total), tuple((period, area, p) for p in parts))
                    )
        for whole, part in INEQUALITIES:
            if whole in keys and part in keys:
                for area in codes:
                    cell = (period, area, whole)
                    equations.append((cell, ((period, area, part), remainder(cell, part))))
    return equations


def _remainders(equations: Sequence[Equation]) -> list[Cell]:
    return [parts[-1] for _total, parts in equations if parts[-1][2] not in PUBLIC]


def leaks(table: PublicTable) -> list[tuple[Equation, list[Cell]]]:
    """The sums that would give a hidden cell away, and those cells: none, after `suppress`."""
    equations = _equations(table)
    hidden = {**table.hidden, **dict.fromkeys(_remainders(equations), UNPUBLISHED)}
    found = []
    for equation in equations:
        if cells := disclosed(equation, table.counts, hidden):
            found.append((equation, cells))
    return found


def _first_month() -> dt.date | None:
    first: dt.date | None = RollupCount.objects.filter(metric="reports").aggregate(
        first=Min("month")
    )["first"]
    return first


def public_table(*, today: dt.date | None = None) -> PublicTable:
    """The public figures of every complete quarter, their years and months, for the country,
    each region and the national courts, with the suppression applied: three queries."""
    until = published_until(today or clock.today())
    all_areas = areas()
    first = _first_month()
    table = PublicTable(all_areas, [], [], [], until)
    if first is None or quarter(first).end > until:
        return table
    start = year(first.year).start
    table.quarters = list(quarters_between(quarter(first).start, until))
    table.years = [year(n) for n in sorted({q.start.year for q in table.quarters})]
    table.months = [month(m) for m in months_between(table.quarters[0].start, until)]

    metrics = {metric: key for key in COUNT_KEYS for metric in PUBLIC[key].metrics}
    region_code = {a.region_id: a.code for a in all_areas if a.region_id is not None}
    rows = (
        RollupCount.objects.filter(month__gte=start, month__lt=until, metric__in=list(metrics))
        .values_list("month", "court__region_id", "metric")
        .annotate(total=Sum("value"))
        .order_by()
    )
    monthly: dict[tuple[dt.date, str, str], int] = defaultdict(int)
    for month_start, region_id, metric, total in rows:
        area = region_code.get(region_id, NATIONAL) if region_id is not None else NATIONAL
        monthly[(month_start, area, metrics[metric])] += total

    counts: dict[Cell, int] = defaultdict(int)
    quarter_of = {m.start: quarter(m.start) for m in table.months}
    for (month_start, area, key), total in monthly.items():
        if month_start not in quarter_of:
            continue  # before the first published quarter
        for code in (area, COUNTRY):
            counts[(quarter_of[month_start].code, code, key)] += total
            counts[(str(month_start.year), code, key)] += total
            if key in TREND_KEYS:
                counts[(f"{month_start:%Y-%m}", code, key)] += total
    table.counts = dict(counts)

    equations = _equations(table)
    table.hidden = suppress(table.counts, equations, _remainders(equations))
    return table


CACHE_SECONDS = 300


def public_table_key(*, today: dt.date | None = None) -> str:
    """What the public table depends on: the published span and the roll-ups' state.

    Two small queries; pages built from the table are cached under it too (the statistics page).
    """
    until = published_until(today or clock.today())
    state = RollupState.objects.filter(pk=1).values_list("refreshed_at", "rebuilt_at").first()
    newest = RollupCount.objects.aggregate(newest=Max("pk"))["newest"]
    return f"senim:public-table:1:{until}:{state}:{newest}".replace(" ", "_")


def cached_public_table(*, today: dt.date | None = None) -> PublicTable:
    """`public_table`, computed once per change of the roll-ups (and at most every 5 minutes).

    The key names the roll-ups' state (the last refresh and rebuild, the newest row), so a
    refresh is seen on the next request; the timeout bounds how long a renamed region waits.
    """
    key = public_table_key(today=today)
    table: PublicTable | None = cache.get(key)
    if table is None:
        table = public_table(today=today)
        cache.set(key, table, CACHE_SECONDS)
    return table
