"""The quarterly and yearly reports: their content, read from roll-ups.

`build_report` assembles everything a report shows (every indicator with its definition and
benchmark, the breakdowns, referrals, prevention, the league of courts, and the change since
the previous period), for a scope (`report_scopes`) and a period. It reads only the roll-up
tables and the registers (courts, regions, units, prevention); the file writers are in
`exports.py`, the statistical export's table in `court_statistics.py`. Labels are made in the
language asked for, whatever the page's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Min
from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from senim.analytics import indicators
from senim.analytics.indicators import COUNT, PER_100, RATE, Value
from senim.analytics.models import RollupCount
from senim.analytics.periods import Period, quarter, year
from senim.analytics.prevention import PreventionFigures
from senim.analytics.report_scopes import ReportScope
from senim.cases.models import Outcome, Referral
from senim.core import clock
from senim.core.i18n import LANGUAGE_CODES
from senim.intake.models import AppealKind, Category, Channel
from senim.prevention.models import GrecoStatus
from senim.prevention.rules import Band

QUARTERLY, YEARLY = "quarterly", "yearly"
REPORT_KINDS = (QUARTERLY, YEARLY)
REPORT_KIND_LABELS = {
    QUARTERLY: gettext_lazy("Quarterly report"),
    YEARLY: gettext_lazy("Annual report"),
}
REPORT_TITLES = {
    QUARTERLY: gettext_lazy("Quarterly report on the indicators of corruption in the courts"),
    YEARLY: gettext_lazy("Annual report on the indicators of corruption in the courts"),
}
# The indicators shown per court in the league table.
LEAGUE_KEYS = (
    "reports",
    "reports_per_100",
    "offences",
    "substantiation",
    "on_time",
    "overdue",
    "median_days",
)


# --- periods -----------------------------------------------------------------------------


def report_period(kind: str, number: int, quarter_number: int = 1) -> Period:
    if kind == QUARTERLY:
        return quarter(dt.date(number, (quarter_number - 1) * 3 + 1, 1))
    return year(number)


def last_complete(kind: str, today: dt.date) -> Period:
    """The default: the last quarter or year that has ended."""
    if kind == QUARTERLY:
        return quarter(today).previous()
    return year(today.year - 1)


def years_offered(today: dt.date, *, at_most: int = 10) -> list[int]:
    """From this year back to the first year with figures (at most `at_most` years)."""
    first = RollupCount.objects.aggregate(first=Min("month"))["first"]
    oldest = max(first.year if first else today.year - 2, today.year - at_most + 1)
    return list(range(today.year, min(oldest, today.year - 1) - 1, -1))


# --- lines: a figure, the previous period's and the change -------------------------------


def _signed(text: str, negative: bool, zero: bool) -> str:
    if zero:
        return text
    return ("−" if negative else "+") + text


@dataclass(frozen=True)
class Line:
    """One figure of a report, with the previous period's beside it."""

    label: str
    value: float | None
    previous: float | None
    kind: str = COUNT
    numerator: int | None = None
    denominator: int | None = None
    definition: str = ""
    benchmark: str = ""
    key: str = ""
    share: float | None = None  # of the section's total, for breakdowns

    @property
    def change(self) -> float | None:
        if self.value is None or self.previous is None:
            return None
        return self.value - self.previous

    @property
    def display(self) -> str:
        return display(self.kind, self.value)

    @property
    def previous_display(self) -> str:
        return display(self.kind, self.previous)

    @property
    def share_display(self) -> str:
        return display(RATE, self.share)

    @property
    def change_display(self) -> str:
        change = self.change
        if change is None:
            return "—"
        if self.kind == RATE:
            points = round(abs(change) * 100, 1)
            text = _("%(points)s pp") % {"points": number_format(points, 1)}
            return _signed(text, change < 0, points == 0)
        if self.kind == PER_100:
            amount = round(abs(change), 2)
            return _signed(number_format(amount, 2), change < 0, amount == 0)
        whole = round(abs(change))
        text = number_format(whole, 0, force_grouping=True)
        return _signed(text, change < 0, whole == 0)


def display(kind: str, value: float | None) -> str:
    """A figure as a report prints it (in the active language's number format)."""
    if value is None:
        return "—"
    if kind == RATE:
        return f"{number_format(round(value * 100, 1), 1)}%"
    if kind == PER_100:
        return number_format(round(value, 2), 2)
    return number_format(round(value), 0, force_grouping=True)


def _ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


@dataclass
class Section:
    """A breakdown: a title, its lines (with their share of the total) and the total."""

    title: str
    lines: list[Line]
    total: Line


def _section(
    title: str,
    metrics: Iterable[tuple[str, str]],
    current: indicators.Figures,
    previous: indicators.Figures,
    total_metric: str,
) -> Section:
    total = current.get(total_metric)
    lines = [
        Line(
            str(label),
            float(current.get(metric)),
            float(previous.get(metric)),
            key=metric,
            share=_ratio(current.get(metric), total),
        )
        for metric, label in metrics
    ]
    return Section(
        title,
        lines,
        Line(
            _("Total"),
            float(total),
            float(previous.get(total_metric)),
            key=total_metric,
            share=1.0 if total else None,
        ),
    )


def _indicator_line(value: Value, previous: Value) -> Line:
    indicator = value.indicator
    return Line(
        str(indicator.label),
        value.value,
        previous.value,
        kind=indicator.kind,
        numerator=value.numerator,
        denominator=value.denominator,
        definition=str(indicator.definition),
        benchmark=str(indicator.benchmark or ""),
        key=indicator.key,
    )


def _prevention_lines(now: PreventionFigures, before: PreventionFigures) -> list[Line]:
    lines = [
        Line(
            _("Prevention plan completion"),
            now.plan_completion,
            before.plan_completion,
            kind=RATE,
            numerator=now.measures_done,
            denominator=now.measures_due,
            definition=_(
                "Plan measures due in the period that were done by its end, out of all measures "
                "due in it (cancelled measures are not counted)."
            ),
        ),
        Line(
            _("Officials trained"),
            float(now.officials_trained),
            float(before.officials_trained),
            definition=_(
                "Judges, court staff and other officials who attended trainings and briefings "
                "held in the period."
            ),
        ),
        Line(
            _("Reception days held"),
            float(now.reception_days),
            float(before.reception_days),
            definition=_("Days in the period on which citizens were received in person."),
        ),
        Line(
            _("Citizens received"),
            float(now.citizens_received),
            float(before.citizens_received),
            definition=_("Citizens received in person in the period (bookings attended)."),
        ),
        Line(
            _("Risk mitigation actions on time"),
            now.actions_on_time_share,
            before.actions_on_time_share,
            kind=RATE,
            numerator=now.actions_on_time,
            denominator=now.actions_due,
            definition=_(
                "Actions against corruption risks due in the period that were completed by "
                "their due date."
            ),
        ),
    ]
    for band in Band:
        lines.append(
            Line(
                _("Active corruption risks, %(band)s band") % {"band": band.label},
                float(now.risks_by_band.get(band.value, 0)),
                None,  # the register as it is today: no earlier state to compare with
                definition=_("Risks in the register that are active today, by band."),
            )
        )
    for status, label in [*GrecoStatus.choices, ("", _("not rated yet"))]:
        lines.append(
            Line(
                _("GRECO recommendations: %(status)s") % {"status": label},
                float(now.greco_by_status.get(status, 0)),
                float(before.greco_by_status.get(status, 0)),
                numerator=now.greco_by_status.get(status, 0),
                denominator=now.greco_total,
                definition=_(
                    "The latest rating of each recommendation adopted by GRECO by the end of "
                    "the period."
                ),
            )
        )
    return lines


@dataclass
class LeagueRow:
    reports: int
    code: str
    name: str
    region: str
    values: list[Value]


@dataclass
class Report:
    kind: str
    period: Period
    previous_period: Period
    scope: ReportScope
    language: str
    title: str
    period_label: str
    previous_label: str
    scope_label: str
    generated_at: dt.datetime
    indicators: list[Line]
    breakdowns: list[Section]
    referrals: list[Section]
    prevention: list[Line]
    league_headers: list[str]
    league: list[LeagueRow]
    staff: int
    courts_without_staff: int
    department: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def league_active(self) -> list[LeagueRow]:
        """The courts with any appeal in the period (the PDF lists only these)."""
        return [row for row in self.league if row.reports]


def _labels(choices: Sequence[tuple[str, Any]], prefix: str) -> list[tuple[str, str]]:
    return [(f"{prefix}:{value}", str(label)) for value, label in choices]


def build_report(kind: str, period: Period, scope: ReportScope, language: str) -> Report:
    """Everything a report shows, its labels in `language` (kk, ru or en)."""
    if language not in LANGUAGE_CODES:
        raise ValueError(f"unknown language {language!r}")
    previous_period = period.previous()
    with translation.override(language):
        current = indicators.figures(scope.scope, period)
        before = indicators.figures(scope.scope, previous_period)
        lines = [
            _indicator_line(value, before.value(value.indicator)) for value in current.values()
        ]
        breakdowns = [
            _section(
                _("Appeals by channel"),
                _labels(Channel.choices, "channel"),
                current,
                before,
                "reports",
            ),
            _section(
                _("Appeals by kind"),
                _labels(AppealKind.choices, "kind"),
                current,
                before,
                "reports",
            ),
            _section(
                _("Appeals by category"),
                _labels(Category.choices, "category"),
                current,
                before,
                "reports",
            ),
            _section(
                _("Cases concluded, by outcome"),
                _labels(Outcome.choices, "outcome"),
                current,
                before,
                "concluded",
            ),
        ]
        referrals = [
            _section(
                _("Referrals by receiving body"),
                _labels(Referral.Body.choices, "referral_body"),
                current,
                before,
                "referrals",
            ),
            _section(
                _("Referrals by result (as known today)"),
                _labels(Referral.Result.choices, "referral_result"),
                current,
                before,
                "referrals",
            ),
        ]
        prevention = _prevention_lines(scope.prevention(period), scope.prevention(previous_period))
        league = [
            LeagueRow(
                row.figures.get("reports"),
                row.court.code,
                row.court.name,
                row.court.region.name if row.court.region else "",
                [row.values[key] for key in LEAGUE_KEYS],
            )
            for row in indicators.league(scope.scope, period, LEAGUE_KEYS)
        ]
        notes = [
            _(
                "Appeals are counted in the month they were registered, conclusions in the "
                "month of the conclusion, referrals in the month they were sent."
            )
        ]
        if current.courts_without_staff:
            notes.append(
                ngettext(
                    "Per-100-staff rates count only the courts with staff figures; %(courts)s "
                    "court of this scope has none.",
                    "Per-100-staff rates count only the courts with staff figures; %(courts)s "
                    "courts of this scope have none.",
                    current.courts_without_staff,
                )
                % {"courts": current.courts_without_staff}
            )
        period_label = str(period.label)
        return Report(
            kind=kind,
            period=period,
            previous_period=previous_period,
            scope=scope,
            language=language,
            title=str(REPORT_TITLES[kind]),
            period_label=period_label,
            previous_label=str(previous_period.label),
            scope_label=scope.label(),
            generated_at=clock.now(),
            indicators=lines,
            breakdowns=breakdowns,
            referrals=referrals,
            prevention=prevention,
            league_headers=[str(indicators.BY_KEY[key].label) for key in LEAGUE_KEYS],
            league=league,
            staff=current.staff,
            courts_without_staff=current.courts_without_staff,
            department=_("Department of internal security and prevention of corruption"),
            notes=notes,
        )
