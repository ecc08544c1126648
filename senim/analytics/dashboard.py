"""What a dashboard shows, assembled from roll-ups in a fixed number of queries.

The central department sees the country (or a region, or a court), a cartogram of regions and
the league of courts; a territorial department sees its own cases and its own courts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from senim.analytics import charts
from senim.analytics.access import may_see_country, scope_for
from senim.analytics.indicators import (
    BY_KEY,
    CourtRow,
    Figures,
    Point,
    Scope,
    Value,
    by_region,
    figures,
    league,
    narrow,
    per_court,
    scope_courts,
    trend,
    trend_value,
)
from senim.analytics.metrics import case_condition
from senim.analytics.models import RollupState
from senim.analytics.periods import Period
from senim.analytics.prevention import PreventionFigures, prevention_figures
from senim.cases.models import Case, Outcome, Referral
from senim.cases.selectors import cases_visible_to
from senim.core import clock
from senim.intake.models import AppealKind, Category, Channel
from senim.organization.models import Court, Region, Unit
from senim.prevention.models import GrecoStatus
from senim.prevention.rules import Band

if TYPE_CHECKING:
    from senim.accounts.models import Requester, User

LEAGUE_KEYS = ("reports", "reports_per_100", "substantiation", "on_time", "overdue", "offences")
MAP_KEYS = ("reports_per_100", "offences", "offences_per_100", "overdue", "substantiation")
TREND_MONTHS = 24


@dataclass
class Breakdown:
    """A table of counts by a choice (channel, kind, outcome...), with shares and drill links."""

    title: str
    rows: list[tuple[str, int, str, str]]  # label, count, share shown, drill href


@dataclass
class Dashboard:
    period: Period
    scope: Scope
    scope_label: str
    central: bool
    values: list[Value]
    figures: Figures
    breakdowns: list[Breakdown]
    league: list[CourtRow]
    league_keys: tuple[str, ...]
    map_key: str
    map_svg: Any
    map_rows: list[tuple[Region, Value, str]]
    trend_svg: Any
    trend_rows: list[tuple[dt.date, int, int, str]]
    prevention: PreventionFigures
    as_of: dt.datetime | None
    cards: list[tuple[Value, str]] = field(default_factory=list)  # with the drill-down link
    league_labels: list[str] = field(default_factory=list)
    league_cells: list[tuple[CourtRow, list[str]]] = field(default_factory=list)
    risk_rows: list[tuple[str, int]] = field(default_factory=list)
    greco_rows: list[tuple[str, int]] = field(default_factory=list)
    plan_completion: str = "—"
    actions_on_time: str = "—"


def drill_href(metric: str, period: Period, scope: Scope) -> str:
    query: dict[str, Any] = {"metric": metric, "period": period.code}
    if scope.region_id is not None:
        query["region"] = scope.region_id
    if scope.court_id is not None:
        query["court"] = scope.court_id
    return f"{reverse('office:analytics-cases')}?{urlencode(query)}"


def _scope_label(scope: Scope, user: User) -> str:
    if scope.court_id is not None:
        court = Court.objects.filter(pk=scope.court_id).first()
        return court.name if court else ""
    if scope.region_id is not None:
        region = Region.objects.filter(pk=scope.region_id).first()
        return region.name if region else ""
    if scope.unit_id is not None:
        return str(user.staff.unit.name)
    return _("Republic of Kazakhstan")


def _breakdown(
    title: str, figures_: Figures, prefix: str, choices: Any, period: Period, scope: Scope
) -> Breakdown:
    counts = [(label, figures_.get(f"{prefix}:{value}"), value) for value, label in choices]
    total = sum(count for _label, count, _value in counts)
    rows = [
        (
            str(label),
            count,
            _percent(count / total if total else None),
            drill_href(f"{prefix}:{value}", period, scope),
        )
        for label, count, value in sorted(counts, key=lambda row: -row[1])
    ]
    return Breakdown(title, rows)


def _trend(scope: Scope, period: Period) -> tuple[Any, list[tuple[dt.date, int, int, str]]]:
    # Up to the period's end, but never into months that have not come yet.
    points: list[Point] = trend(scope, min(period.last_day, clock.today()), TREND_MONTHS)
    labels = [f"{p.month:%m.%y}" for p in points]
    reports = [float(p.get("reports")) for p in points]
    offences = [float(p.get("offence_internal") + p.get("offence_referral")) for p in points]
    overdue = [trend_value(p, "overdue") for p in points]
    svg = charts.line_chart(
        _("Reports and confirmed offences by month"),
        labels,
        [
            charts.Series(_("Reports received"), reports),
            charts.Series(_("Confirmed offences"), offences),
        ],
    )
    rows = [
        (p.month, int(r), int(o), _percent(v))
        for p, r, o, v in zip(points, reports, offences, overdue, strict=True)
    ]
    return svg, rows


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{number_format(round(value * 100, 1), 1)}%"


def _map(
    scope: Scope,
    period: Period,
    key: str,
    base_query: dict[str, str],
    courts: Mapping[int, dict[str, int]],
    region_of: Mapping[int, int | None],
) -> tuple[Any, list[tuple[Region, Value, str]]]:
    rows = by_region(scope, period, key, courts, region_of)
    tiles, table = [], []
    for row in rows:
        query = {**base_query, "region": str(row.region.pk)}
        href = f"{reverse('office:analytics')}?{urlencode(query)}"
        tiles.append(
            charts.Tile(
                code=row.region.code,
                name=row.region.name,
                value=row.value.value,
                display=row.value.display,
                href=href,
                selected=scope.region_id == row.region.pk,
            )
        )
        table.append((row.region, row.value, href))
    svg = charts.cartogram(str(BY_KEY[key].label), tiles)
    return svg, table


def dashboard(
    user: User,
    period: Period,
    *,
    region_id: int | None = None,
    court_id: int | None = None,
    map_key: str = "reports_per_100",
) -> Dashboard:
    scope = scope_for(user, region_id=region_id, court_id=court_id)
    central = may_see_country(user)
    # One grouped query over the roll-ups serves the figures, the league and the map.
    region_of = dict(Court.objects.values_list("pk", "region_id"))
    every_court = per_court(Scope(unit_id=scope.unit_id), period, histogram=False)
    courts_in_scope = narrow(every_court, scope, region_of)
    result = figures(scope, period, courts_in_scope)
    breakdowns = [
        _breakdown(_("By channel"), result, "channel", Channel.choices, period, scope),
        _breakdown(_("By kind"), result, "kind", AppealKind.choices, period, scope),
        _breakdown(_("By category"), result, "category", Category.choices, period, scope),
        _breakdown(_("By outcome"), result, "outcome", Outcome.choices, period, scope),
        _breakdown(
            _("Referrals by receiving body"),
            result,
            "referral_body",
            Referral.Body.choices,
            period,
            scope,
        ),
        _breakdown(
            _("Referrals by their result"),
            result,
            "referral_result",
            Referral.Result.choices,
            period,
            scope,
        ),
    ]
    map_key = map_key if map_key in MAP_KEYS else "reports_per_100"
    if central:
        base = {"period": period.code, "map": map_key}
        map_svg, map_rows = _map(scope, period, map_key, base, every_court, region_of)
    else:
        map_svg, map_rows = None, []
    trend_svg, trend_rows = _trend(scope, period)
    unit_id = scope.unit_id
    if unit_id is None and region_id is not None:
        unit = Unit.objects.filter(court__region_id=region_id).first()
        unit_id = unit.pk if unit else None
    prevention = prevention_figures(
        period, region_id=None if unit_id else region_id, unit_id=unit_id
    )
    state = RollupState.objects.filter(pk=1).first()
    values = result.values()
    courts = league(scope, period, LEAGUE_KEYS, courts_in_scope)
    bands = dict(Band.choices)
    greco = {**dict(GrecoStatus.choices), "": _("not rated yet")}
    return Dashboard(
        period=period,
        scope=scope,
        scope_label=_scope_label(scope, user),
        central=central,
        values=values,
        figures=result,
        breakdowns=breakdowns,
        league=courts,
        league_keys=LEAGUE_KEYS,
        map_key=map_key,
        map_svg=map_svg,
        map_rows=map_rows,
        trend_svg=trend_svg,
        trend_rows=trend_rows,
        prevention=prevention,
        as_of=state.refreshed_at if state else None,
        cards=[
            (v, drill_href(v.indicator.drill, period, scope) if v.indicator.drill else "")
            for v in values
        ],
        league_labels=[str(BY_KEY[key].label) for key in LEAGUE_KEYS],
        league_cells=[(row, [row.values[key].display for key in LEAGUE_KEYS]) for row in courts],
        risk_rows=[(str(bands[b]), n) for b, n in prevention.risks_by_band.items()],
        greco_rows=[(str(greco.get(s, s)), n) for s, n in prevention.greco_by_status.items()],
        plan_completion=_percent(prevention.plan_completion),
        actions_on_time=_percent(prevention.actions_on_time_share),
    )


def cache_key(
    user: Requester, period: Period, *, region_id: int | None, court_id: int | None, map_key: str
) -> str:
    """What the dashboard's body depends on: the scope the user gets, the period, the map, the
    language, the day (the trend stops at today) and the last roll-up refresh."""
    scope = scope_for(user, region_id=region_id, court_id=court_id)
    state = RollupState.objects.filter(pk=1).values_list("refreshed_at", flat=True).first()
    parts = (
        scope.unit_id,
        scope.region_id,
        scope.court_id,
        may_see_country(user),
        period.code,
        map_key if map_key in MAP_KEYS else "",
        get_language(),
        clock.today().isoformat(),
        state.isoformat() if state else "never",
    )
    return "analytics-dashboard:" + ":".join(str(part) for part in parts)


def region_choices() -> QuerySet[Region]:
    return Region.objects.all()


def court_choices(user: Requester, region_id: int | None) -> QuerySet[Court]:
    scope = scope_for(user, region_id=region_id)
    return Court.objects.filter(pk__in=scope_courts(scope)).order_by("code")


def cases_behind(
    user: Requester,
    metric: str,
    period: Period,
    *,
    region_id: int | None,
    court_id: int | None,
    today: dt.date,
) -> QuerySet[Case]:
    """The cases behind a figure that the user may see: the one visibility rule applies."""
    scope = scope_for(user, region_id=region_id, court_id=court_id)
    return (
        cases_visible_to(user)
        .filter(case_condition(metric, today, period.start, period.end))
        .filter(scope.cases())
        .select_related("appeal", "appeal__court", "unit", "assignee")
        .order_by("-appeal__registered_at", "-pk")
    )


def metric_label(metric: str) -> str:
    """A reader's name for the figure a drill-down lists."""
    prefix, _sep, value = metric.partition(":")
    named = {
        "channel": (_("Channel"), dict(Channel.choices)),
        "kind": (_("Kind"), dict(AppealKind.choices)),
        "category": (_("Category"), dict(Category.choices)),
        "outcome": (_("Outcome"), dict(Outcome.choices)),
        "referral_body": (_("Referrals to"), dict(Referral.Body.choices)),
        "referral_result": (_("Referrals with the result"), dict(Referral.Result.choices)),
    }
    if prefix in named and value:
        title, labels = named[prefix]
        return f"{title}: {labels.get(value, value)}"
    for indicator in BY_KEY.values():
        if indicator.drill == metric:
            return str(indicator.label)
    extra = {
        "concluded": _("Cases concluded"),
        "closed": _("Cases closed"),
        "merits": _("Cases concluded on the merits"),
    }
    return str(extra.get(metric, metric))
