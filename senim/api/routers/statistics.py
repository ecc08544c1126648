"""The public statistics through /api/v1: the very figures the portal's page shows.

Public, like the page: no token needed (calls are counted per client, as every public call).
Everything comes from the one table the page and the open-data files read,
`senim.analytics.public.cached_public_table()`, so the three can never disagree, cell by cell,
suppression included: a small count is withheld (`small`), so is whatever would let one be
worked out (`complementary`), and a rate whose parts are withheld (`rate`). Only complete
quarters (and the years they make) are published.
"""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema

from senim.analytics import public, suppression
from senim.api.conditional import etagged
from senim.api.types import Code
from senim.core.errors import NotFound

router = Router(tags=["public statistics"])


class NamesOut(Schema):
    kk: str
    ru: str
    en: str


class AreaOut(Schema):
    code: str = Field(description="KZ, a region's ISO 3166-2 code, or KZ-NAT.")
    kind: str = Field(description="country, region or national")
    name: NamesOut


class StatPeriodOut(Schema):
    code: str = Field(description="2026 or 2026-Q1")
    kind: str = Field(description="year or quarter")
    start: dt.date
    end: dt.date = Field(description="The first day after the period (a year: its last quarter).")


class StatIndicatorOut(Schema):
    key: str
    unit: str = Field(description="count or ratio")
    label: NamesOut


class StatisticsOut(Schema):
    published_until: dt.date | None = Field(description="The last day published.")
    suppression_threshold: int
    periods: list[StatPeriodOut] = Field(description="Newest first.")
    areas: list[AreaOut]
    indicators: list[StatIndicatorOut]


def _names(text: object) -> NamesOut:
    found = {}
    for language in public.LANGUAGES:
        with translation.override(language):
            found[language] = str(text)
    return NamesOut(**found)


@router.get(
    "",
    response={200: StatisticsOut, 304: None},
    auth=None,
    summary="What the public statistics publish: periods, areas, indicators",
)
def statistics_index(request: HttpRequest) -> HttpResponse:
    table = public.cached_public_table()
    last_quarter_end = {y.code: y.end for y in table.years}
    for q in table.quarters:  # a year ends, as published, with its last complete quarter
        last_quarter_end[str(q.start.year)] = q.end
    out = StatisticsOut(
        published_until=table.until - dt.timedelta(days=1) if table.quarters else None,
        suppression_threshold=suppression.THRESHOLD,
        periods=[
            StatPeriodOut(
                code=p.code,
                kind=p.kind,
                start=p.start,
                end=last_quarter_end.get(p.code, p.end) if p.kind == "year" else p.end,
            )
            for p in table.periods
        ],
        areas=[
            AreaOut(
                code=a.code,
                kind=a.kind,
                name=NamesOut(kk=a.name_kk, ru=a.name_ru, en=a.name_en),
            )
            for a in table.areas
        ],
        indicators=[
            StatIndicatorOut(key=i.key, unit=i.unit, label=_names(i.label))
            for i in public.INDICATORS
        ],
    )
    return etagged(request, out)


class FigureOut(Schema):
    indicator: str
    unit: str = Field(description="count or ratio (a fraction, 4 places)")
    value: int | float | None = Field(description="None when withheld, or a rate of nothing.")
    suppressed: bool
    suppression: str | None = Field(description="small, complementary or rate")


class FiguresOut(Schema):
    period: str
    area: str
    figures: list[FigureOut]


class FiguresQuery(Schema):
    period: Code = Field("", description="Default: the last complete quarter.")
    area: Code = Field(public.COUNTRY, description="Default: KZ.")


@router.get(
    "/figures",
    response={200: FiguresOut, 304: None},
    auth=None,
    summary="The published figures of a period and area, small counts suppressed",
)
def statistics_figures(request: HttpRequest, query: Query[FiguresQuery]) -> HttpResponse:
    table = public.cached_public_table()
    area = table.area(query.area)
    if area is None:
        raise NotFound(_("There are no figures for this area."))
    offered = {p.code: p for p in table.periods}
    if query.period:
        period = offered.get(query.period)
    else:
        period = table.quarters[-1] if table.quarters else None
    if period is None:
        raise NotFound(_("There are no published figures for this period."))
    out = FiguresOut(
        period=period.code,
        area=area.code,
        figures=[
            FigureOut(
                indicator=key,
                unit=figure.indicator.unit,
                value=figure.open_value,
                suppressed=figure.suppressed,
                suppression=figure.suppression or None,
            )
            for key, figure in table.figures(period.code, area.code).items()
        ],
    )
    return etagged(request, out)
