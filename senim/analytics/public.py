"""Public statistics: the figures anyone may see, with small counts suppressed.

The portal's statistics page and the open-data files are both built from the one table made
here (`public_table`), so what a citizen reads on the page and what a program downloads can
never disagree, cell by cell, suppression included.

The rules (docs/open-data.md says the same for readers):

1. **Small counts.** A count from 1 to 4 is not published ("<5"): a handful of appeals from one
   region in one quarter can point at the person who wrote them. A zero is published: it says
   that nobody reported, which identifies nobody, and the zero indicator (confirmed offences)
   must be able to read 0. The page and the files treat zeros the same way.
2. **Complementary suppression.** Published figures add up: the country is the sum of its
   regions and of the national courts (the Supreme Court and the cassation courts, which belong
   to no region); a region's reports are the sum of its reports by channel and by kind; the cases
   concluded are the sum of the outcomes; a year is the sum of its quarters and a quarter of the
   months shown in the trend. A single hidden cell in such a sum would come back by subtraction
   (the country minus the other regions). So every sum is checked as a reader would attack it,
   knowing that a "<5" cell holds 1 to 4 and crediting them with knowing that an "x" cell holds
   at least 5: when some hidden cell could be worked out to one value, another cell is hidden
   ("x"), the smallest non-zero part that is enough (small keeps the loss small; too small, a 5
   beside a 1 under a total of 6, would still let the pair be solved), until no sum gives any
   hidden cell away. A total is hidden only when no part is left to hide, so the country figures
   normally stay visible. When only small cells are left (a "<5" year made of four "<5"
   quarters is 1 + 1 + 1 + 1), one of them is shown as "x" instead of "<5".
   A part is also at most its whole where the remainder is not published (decided on time and
   concluded, overdue and due): that is checked as a sum with an unknown remainder.
3. **Rates** are shown only when their numerator and denominator are both shown: otherwise the
   rate times the denominator gives the hidden count back.
4. **Complete quarters only.** The figures stop at the end of the last complete quarter. A page
   that changed every day would let a reader subtract yesterday's figure from today's and see a
   single new appeal; quarters are also what the open data is published by.

Each sum is checked on its own: a reader who combined several sums at once (linear programming
over the whole table) could sometimes narrow a hidden count further; docs/open-data.md says so.
`tests/test_analytics_public.py` checks random tables by enumeration, not by these intervals.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict, deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
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
from senim.cases.models import Outcome
from senim.core import clock
from senim.intake.models import AppealKind, Channel
from senim.organization.models import Region

THRESHOLD = 5  # counts from 1 to THRESHOLD - 1 are small
COUNTRY = "KZ"
# Not an ISO 3166-2 code: the courts that serve the whole country and belong to no region.
NATIONAL = "KZ-NAT"
LANGUAGES = ("kk", "ru", "en")

# Why a figure is not shown.
SMALL = "small"  # a count from 1 to 4
COMPLEMENTARY = "complementary"  # hidden so that a small count cannot be worked out
RATE_HIDDEN = "rate"  # a rate whose numerator or denominator is hidden
REASONS = (SMALL, COMPLEMENTARY, RATE_HIDDEN)  # what the page and the files tell
# A small count shown as "x" rather than "<5" (see _complement); told as complementary.
WIDENED = "widened"
# Never published: the difference in "a part is at most its whole" (see INEQUALITIES).
UNPUBLISHED = "unpublished"

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


# --- The suppression rules: pure functions over cells -------------------------------------

# Counts that are parts of another without a published remainder: whole, part. A hidden part
# is at most its whole: an "x" (at least 5) under a whole of 5 would be exactly 5.
INEQUALITIES: tuple[tuple[str, str], ...] = (("concluded", "on_time"), ("due", "overdue"))

Cell = tuple[str, str, str]  # period code, area code, public indicator key
Equation = tuple[Cell, tuple[Cell, ...]]  # total, parts: total == sum(parts)


def remainder(cell: Cell, part: str) -> Cell:
    """The unpublished cell of a whole minus a part (the slack of an inequality)."""
    period, area, whole = cell
    return period, area, f"{whole}-{part}"


def primary(counts: Mapping[Cell, int]) -> dict[Cell, str]:
    """Rule 1: every count from 1 to 4 is hidden; zeros and counts of 5 and more are shown."""
    return {cell: SMALL for cell, value in counts.items() if 0 < value < THRESHOLD}


def _bounds(reason: str) -> tuple[float, float]:
    """What a reader knows of a hidden count from its mark. "<5" is 1 to 4. "x" is taken as at
    least 5, what a complementary cell holds (only non-zero cells are hidden and those of 1 to 4
    are small already), which credits the reader with more than they know; only a small count
    whose "<5" had to become "x" (`WIDENED`) is counted as what a reader sees, 1 or more."""
    if reason == SMALL:
        return 1.0, float(THRESHOLD - 1)
    if reason == WIDENED:
        return 1.0, math.inf
    if reason == UNPUBLISHED:
        return 0.0, math.inf
    return float(THRESHOLD), math.inf


def disclosed(
    equation: Equation, counts: Mapping[Cell, int], hidden: Mapping[Cell, str]
) -> list[Cell]:
    """The hidden cells of a sum that a reader could work out to a single value.

    Writes the sum as total - parts = 0; the shown cells are known, each hidden cell lies within
    the bounds its mark gives, and a hidden cell's possible values are what the others' bounds
    leave. A cell is given away when at most one whole value is left.
    """
    total, parts = equation
    terms = [(total, -1), *((part, 1) for part in parts)]
    known = 0
    unknown: list[tuple[Cell, int, float, float]] = []  # cell, sign, bounds of sign * x
    for cell, sign in terms:
        if cell not in hidden:
            known += sign * counts.get(cell, 0)
            continue
        lo, hi = _bounds(hidden[cell])
        unknown.append((cell, sign, lo, hi) if sign > 0 else (cell, sign, -hi, -lo))
    # The sum of sign * x over the hidden cells lies in [low, high]: the finite part of each
    # end, and how many infinite terms it holds (so that one cell's own can be taken out).
    low = sum(a for _c, _s, a, _b in unknown if a != -math.inf)
    high = sum(b for _c, _s, _a, b in unknown if b != math.inf)
    low_infinite = sum(1 for _c, _s, a, _b in unknown if a == -math.inf)
    high_infinite = sum(1 for _c, _s, _a, b in unknown if b == math.inf)
    found = []
    for cell, sign, a, b in unknown:
        if hidden[cell] == UNPUBLISHED:  # nobody publishes it: nothing to give away
            continue
        # The other hidden cells' sum lies in [others_low, others_high].
        if a == -math.inf:
            others_low = -math.inf if low_infinite > 1 else low
        else:
            others_low = -math.inf if low_infinite else low - a
        if b == math.inf:
            others_high = math.inf if high_infinite > 1 else high
        else:
            others_high = math.inf if high_infinite else high - b
        # sign * x = -known - (the others' sum)
        first, last = -known - others_high, -known - others_low
        if sign < 0:
            first, last = -last, -first
        lo, hi = _bounds(hidden[cell])
        upper, lower = min(last, hi), max(first, lo)
        if upper != math.inf and math.floor(upper) - math.ceil(lower) < 1:
            found.append(cell)
    return found


def _complement(
    equation: Equation, counts: Mapping[Cell, int], hidden: dict[Cell, str]
) -> tuple[Cell, str] | None:
    """What to hide so that a sum gives nothing away, and how.

    The smallest non-zero part that is enough alone; failing that the largest part (and the sum
    is checked again); failing any part, the total. When every non-zero cell is hidden already,
    small ones alone can still give each other away (a "<5" year made of four "<5" quarters is
    4 = 1 + 1 + 1 + 1): then a small count is marked "x" instead of "<5", the total first.
    """
    total, parts = equation
    candidates = sorted(
        (counts.get(part, 0), part)
        for part in parts
        if part not in hidden and counts.get(part, 0) > 0
    )
    for _value, part in candidates:
        hidden[part] = COMPLEMENTARY
        enough = not disclosed(equation, counts, hidden)
        del hidden[part]
        if enough:
            return part, COMPLEMENTARY
    if candidates:
        return candidates[-1][1], COMPLEMENTARY
    if total not in hidden and counts.get(total, 0) > 0:
        return total, COMPLEMENTARY
    small = sorted(
        (cell != total, -counts.get(cell, 0), cell)
        for cell in (total, *parts)
        if hidden.get(cell) == SMALL
    )
    if small:
        return small[0][2], WIDENED
    return None


def suppress(
    counts: Mapping[Cell, int], equations: Sequence[Equation], unpublished: Iterable[Cell] = ()
) -> dict[Cell, str]:
    """Rules 1 and 2: the hidden cells and why, checked until no sum gives a hidden cell away.

    `unpublished` are cells of the equations that no page or file shows (remainders).

    Cells are only ever hidden, or their mark widened, never shown again: the loop ends. The
    order of the work is fixed, so the same figures always give the same pattern (the page and
    the files agree).
    """
    hidden = primary(counts)
    hidden.update((cell, UNPUBLISHED) for cell in unpublished)
    containing: dict[Cell, list[int]] = defaultdict(list)
    for index, (total, parts) in enumerate(equations):
        containing[total].append(index)
        for part in parts:
            containing[part].append(index)
    queue = deque(sorted({i for cell in hidden for i in containing.get(cell, ())}))
    queued = set(queue)
    while queue:
        index = queue.popleft()
        queued.discard(index)
        equation = equations[index]
        while disclosed(equation, counts, hidden):
            found = _complement(equation, counts, hidden)
            if found is None:  # cannot happen: a lone hidden cell always has a visible partner
                break
            cell, reason = found
            hidden[cell] = reason
            for other in containing[cell]:
                if other != index and other not in queued:
                    queue.append(other)
                    queued.add(other)
    return {cell: reason for cell, reason in hidden.items() if reason != UNPUBLISHED}


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


def cached_public_table(*, today: dt.date | None = None) -> PublicTable:
    """`public_table`, computed once per change of the roll-ups (and at most every 5 minutes).

    The key names the roll-ups' state (the last refresh and rebuild, the newest row), so a
    refresh is seen on the next request; the timeout bounds how long a renamed region waits.
    """
    until = published_until(today or clock.today())
    state = RollupState.objects.filter(pk=1).values_list("refreshed_at", "rebuilt_at").first()
    newest = RollupCount.objects.aggregate(newest=Max("pk"))["newest"]
    key = f"senim:public-table:1:{until}:{state}:{newest}".replace(" ", "_")
    table: PublicTable | None = cache.get(key)
    if table is None:
        table = public_table(today=today)
        cache.set(key, table, CACHE_SECONDS)
    return table
