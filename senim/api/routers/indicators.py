"""The indicators of the level of corruptness through /api/v1, as the office's dashboard has them.

Who sees which figures is `senim.analytics.access`'s rule: the central department the
country (or a region, or a court), a territorial unit its own cases and courts, nobody else any.
The figures are sums of the roll-ups (`senim.analytics.indicators`), never case content. A
region or court outside the caller's reach is a 404 here, where the office's page silently
shows the caller's own scope instead: a program must not take one scope's figures for another's.
"""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema

from senim.analytics import periods
from senim.analytics.access import may_see_analytics, may_see_country, scope_for
from senim.analytics.indicators import Value, figures
from senim.api.auth import caller
from senim.api.conditional import etagged
from senim.api.errors import Problem
from senim.api.types import Code
from senim.core import clock
from senim.core.errors import NotFound
from senim.organization.models import Court, Region, Unit

router = Router(tags=["indicators"])


class IndicatorOut(Schema):
    key: str
    label: str
    definition: str
    kind: str = Field(description="count, rate, per100 or median")
    numerator: int
    denominator: int | None
    value: float | None = Field(description="None when there is nothing to divide by.")
    display: str = Field(description="As the dashboard shows it (in the request's language).")
    benchmark: str | None
    lower_is_better: bool


class ScopeOut(Schema):
    unit: str | None = Field(description="A territorial unit's own cases and courts.")
    region: str | None
    court: str | None


class PeriodOut(Schema):
    code: str
    start: dt.date
    end: dt.date = Field(description="The first day after the period.")


class IndicatorsOut(Schema):
    period: PeriodOut
    scope: ScopeOut
    staff: int = Field(description="Judges and staff of the scope's courts with staff figures.")
    courts_without_staff: int
    indicators: list[IndicatorOut]


class IndicatorQuery(Schema):
    period: Code = Field("", description="2026, 2026-Q1 or 2026-03 (default: the current year).")
    region: Code = Field("", description="A region's code (central department).")
    court: Code = Field("", description="A court's code.")


def _indicator(value: Value) -> IndicatorOut:
    indicator = value.indicator
    return IndicatorOut(
        key=indicator.key,
        label=str(indicator.label),
        definition=str(indicator.definition),
        kind=indicator.kind,
        numerator=value.numerator,
        denominator=value.denominator,
        value=value.value,
        display=value.display,
        benchmark=str(indicator.benchmark) if indicator.benchmark else None,
        lower_is_better=indicator.lower_is_better,
    )


@router.get(
    "",
    response={200: IndicatorsOut, 304: None},
    summary="The indicators of a period and scope",
)
def indicator_values(request: HttpRequest, query: Query[IndicatorQuery]) -> HttpResponse:
    user = caller(request).user
    if not may_see_analytics(user):
        raise Problem("forbidden", _("Your role does not see the indicators."))
    today = clock.today()
    default = periods.year(today.year)
    period = periods.parse(query.period, default=default) if query.period else default
    if query.period and period == default and query.period.strip() != default.code:
        raise Problem("invalid_request", _("Give the period as 2026, 2026-Q1 or 2026-03."))
    region_id = court_id = None
    if query.region:
        region = Region.objects.filter(code=query.region).first()
        if region is None or not may_see_country(user):
            raise NotFound(_("No such region."))
        region_id = region.pk
    if query.court:
        court_id = Court.objects.filter(code=query.court).values_list("pk", flat=True).first()
        if court_id is None:
            raise NotFound(_("No such court."))
    scope = scope_for(user, region_id=region_id, court_id=court_id)
    if court_id is not None and scope.court_id != court_id:
        raise NotFound(_("No such court."))  # outside the caller's reach: as if missing
    found = figures(scope, period)
    out = IndicatorsOut(
        period=PeriodOut(code=period.code, start=period.start, end=period.end),
        scope=ScopeOut(
            unit=Unit.objects.filter(pk=scope.unit_id).values_list("code", flat=True).first()
            if scope.unit_id is not None
            else None,
            region=query.region or None,
            court=query.court or None,
        ),
        staff=found.staff,
        courts_without_staff=found.courts_without_staff,
        indicators=[_indicator(v) for v in found.values()],
    )
    return etagged(request, out)
