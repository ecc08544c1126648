"""Public statistics and open data: figures from the roll-ups, small counts suppressed.

Every view here reads one table, `senim.analytics.public.cached_public_table()`, which holds the
suppression rules: the page and the files can never disagree. The page works without script
(a GET form) and its chart is drawn on the server.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import formats, translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from django.views.decorators.http import require_GET

from senim.analytics import public, suppression
from senim.analytics.charts_public import Series, bar_line_chart
from senim.analytics.periods import Period
from senim.core import page_cache

CACHE_SECONDS = 300
TREND_MONTHS = 24
HEADLINE = ("reports", "offences", "rate:on_time", "rate:overdue", "rate:substantiation")
DEADLINES = (
    "concluded",
    "on_time",
    "rate:on_time",
    "due",
    "overdue",
    "rate:overdue",
    "merits",
    "substantiated",
    "rate:substantiation",
)
BY_AREA = (
    "reports",
    "concluded",
    "offences",
    "rate:substantiation",
    "rate:on_time",
    "rate:overdue",
)
FIELDS = (
    "period",
    "region_code",
    "region_name_kk",
    "region_name_ru",
    "region_name_en",
    "indicator",
    "unit",
    "value",
    "suppressed",
    "suppression",
)
LICENCE = {
    "name": "CC-BY-4.0",
    "title": "CC BY 4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}
OPEN_DATA_TITLE = gettext_lazy(
    "Senim: reports of corruption in the courts and how they were handled, by quarter and region"
)


def _cache(response: HttpResponse, *, shared: bool) -> HttpResponse:
    """The figures change at most with the roll-ups: five minutes of caching cost nothing.

    The files may sit in shared caches. The HTML pages carry the language switcher's CSRF
    token and set its cookie, which a shared cache must never hand to the next visitor: they
    are cached by the browser only.
    """
    if shared:
        patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
    else:
        patch_cache_control(response, private=True, max_age=CACHE_SECONDS)
    return response


def _last_day(table: public.PublicTable) -> dt.date:
    return table.until - dt.timedelta(days=1)


def _period_label(table: public.PublicTable, period: Period) -> str:
    if period.kind == "year":
        quarters = [q for q in table.quarters if q.start.year == period.start.year]
        if quarters and quarters[-1].end < period.end:
            return _("%(year)s (to %(date)s)") % {
                "year": period.start.year,
                "date": formats.date_format(quarters[-1].last_day, "SHORT_DATE_FORMAT"),
            }
    return str(period.label)


def _choose(
    table: public.PublicTable, request: HttpRequest
) -> tuple[public.Area, Period | None, list[str]]:
    """The area and period asked for; anything unknown falls back, with a word on the page."""
    notices = []
    asked_area = request.GET.get("region", "").strip()[:16]
    area = table.area(asked_area or public.COUNTRY)
    if area is None:
        notices.append(
            _("There are no figures for the region asked for: the whole country is shown.")
        )
        area = table.areas[0]
    offered = {p.code: p for p in table.periods}
    asked_period = request.GET.get("period", "").strip()[:16]
    period = offered.get(asked_period)
    if period is None and table.quarters:
        period = table.quarters[-1]
        if asked_period:
            notices.append(
                _(
                    "There are no published figures for the period asked for: the latest "
                    "quarter is shown."
                )
            )
    return area, period, notices


def _trend(table: public.PublicTable, area: public.Area, period: Period) -> dict[str, Any]:
    points = table.trend(area.code, period.end, TREND_MONTHS)
    labels = [f"{m.start:%m.%y}" for m, _figures in points]
    reports = [figures["reports"] for _m, figures in points]
    concluded = [figures["concluded"] for _m, figures in points]
    bars = Series(
        _("Reports received"),
        [None if f.suppressed else float(f.value or 0) for f in reports],
        [f.display for f in reports],
    )
    line = Series(
        _("Cases concluded"),
        [None if f.suppressed else float(f.value or 0) for f in concluded],
        [f.display for f in concluded],
    )
    title = _("Reports received and cases concluded per month: %(area)s") % {"area": area.name}
    description = _(
        "Bars: reports received; line: cases concluded; %(count)s months to %(month)s. "
        "The same figures are in the table below the chart."
    ) % {"count": len(points), "month": labels[-1] if labels else ""}
    chart = (
        bar_line_chart(
            chart_id="trend",
            title=title,
            description=description,
            labels=labels,
            bars=bars,
            line=line,
        )
        if points
        else ""
    )
    return {
        "chart": chart,
        "title": title,
        "rows": [(m, figures["reports"], figures["concluded"]) for m, figures in points],
    }


# The roll-ups' state is looked up at most this often per process: browsers already keep the
# page CACHE_SECONDS, so a refresh seen a few seconds later changes nothing for a visitor, and a
# page served from memory then costs no query at all.
TABLE_KEY_SECONDS = 10.0


def _public_table_key() -> str:
    return page_cache.remembered("public-table-key", TABLE_KEY_SECONDS, public.public_table_key)


@require_GET
def statistics(request: HttpRequest) -> HttpResponse:
    # The same page for everyone in a language, region and period until the roll-ups change:
    # rendered once per process and key, each visitor's CSRF token put in.
    page = page_cache.render_once(
        request,
        "portal/statistics.html",
        lambda: _statistics_context(request),
        key=_public_table_key() if page_cache.enabled() else "",
    )
    return _cache(page, shared=False)


def _statistics_context(request: HttpRequest) -> dict[str, Any]:
    table = public.cached_public_table()
    area, period, notices = _choose(table, request)
    context: dict[str, Any] = {
        "table": table,
        "area": area,
        "period": period,
        "notices": notices,
        "threshold": suppression.THRESHOLD,
        "periods": [(p, _period_label(table, p)) for p in table.periods],
        "definitions": _definitions(),
    }
    if period is not None:
        figures = table.figures(period.code, area.code)
        context.update(
            period_label=_period_label(table, period),
            last_day=_last_day(table),
            headline=[figures[key] for key in HEADLINE],
            breakdowns=[
                (group, [figures[key] for key in public.group_keys(group.key)])
                for group in public.GROUPS.values()
            ],
            deadlines=[figures[key] for key in DEADLINES],
            by_area_columns=[public.PUBLIC[key] for key in BY_AREA],
            by_area=[
                (a, [table.figure(period.code, a.code, key) for key in BY_AREA])
                for a in table.areas
            ],
            trend=_trend(table, area, period),
        )
    return context


def _definitions() -> list[dict[str, Any]]:
    """What each figure means: the headline indicators one by one, the breakdowns by group."""
    found: list[dict[str, Any]] = []
    groups_done: set[str] = set()
    for indicator in public.INDICATORS:
        if indicator.group:
            if indicator.group in groups_done:
                continue
            groups_done.add(indicator.group)
            group = public.GROUPS[indicator.group]
            found.append({"label": group.title, "definition": group.definition, "benchmark": None})
            continue
        found.append(
            {
                "label": indicator.label,
                "definition": indicator.definition,
                "benchmark": indicator.benchmark,
            }
        )
    return found


@require_GET
def open_data(request: HttpRequest) -> HttpResponse:
    table = public.cached_public_table()
    context = {
        "table": table,
        "last_day": _last_day(table) if table.quarters else None,
        "fields": schema_fields(),
        "indicators": public.INDICATORS,
        "areas": table.areas,
        "threshold": suppression.THRESHOLD,
        "licence": LICENCE,
    }
    return _cache(render(request, "portal/open_data.html", context), shared=False)


def _rows(table: public.PublicTable) -> list[dict[str, Any]]:
    return [
        {
            "period": period.code,
            "region_code": area.code,
            "region_name_kk": area.name_kk,
            "region_name_ru": area.name_ru,
            "region_name_en": area.name_en,
            "indicator": figure.indicator.key,
            "unit": figure.indicator.unit,
            "value": figure.open_value,
            "suppressed": figure.suppressed,
            "suppression": figure.suppression or None,
        }
        for period, area, figure in table.rows()
    ]


@require_GET
def open_data_csv(request: HttpRequest) -> HttpResponse:
    table = public.cached_public_table()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="senim-open-data.csv"'
    writer = csv.writer(response, lineterminator="\r\n")
    writer.writerow(FIELDS)
    for row in _rows(table):
        writer.writerow([_csv_value(row[name]) for name in FIELDS])
    return _cache(response, shared=True)


def _csv_value(value: Any) -> Any:
    """Empty for null, true/false for booleans (Table Schema's defaults), else as is."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _in_languages(text: Any) -> dict[str, str]:
    found = {}
    for language in public.LANGUAGES:
        with translation.override(language):
            found[language] = str(text)
    return found


@require_GET
def open_data_json(request: HttpRequest) -> HttpResponse:
    table = public.cached_public_table()
    document = {
        "title": _in_languages(OPEN_DATA_TITLE),
        "licence": LICENCE,
        "schema": request.build_absolute_uri(reverse("portal:open-data-schema")),
        "documentation": request.build_absolute_uri(reverse("portal:open-data")),
        "published_until": _last_day(table).isoformat() if table.quarters else None,
        "suppression_threshold": suppression.THRESHOLD,
        "indicators": [
            {"key": i.key, "unit": i.unit, "label": _in_languages(i.label)}
            for i in public.INDICATORS
        ],
        "rows": _rows(table),
    }
    response = JsonResponse(document, json_dumps_params={"ensure_ascii": False})
    response["Content-Disposition"] = 'attachment; filename="senim-open-data.json"'
    return _cache(response, shared=True)


def schema_fields() -> list[dict[str, Any]]:
    """The Table Schema's fields (frictionless), with what each means."""
    return [
        {
            "name": "period",
            "type": "string",
            "title": _("Period"),
            "description": _("The calendar quarter, as 2026-Q1 (January to March 2026)."),
            "constraints": {"required": True, "pattern": "[0-9]{4}-Q[1-4]"},
        },
        {
            "name": "region_code",
            "type": "string",
            "title": _("Region code"),
            "description": _(
                "KZ for the whole country, the ISO 3166-2 code of a region (KZ-75 is Almaty), "
                "or KZ-NAT for the Supreme Court and the cassation courts, which belong to no "
                "region."
            ),
            "constraints": {"required": True, "enum": [a.code for a in public.areas()]},
        },
        *(
            {
                "name": f"region_name_{language}",
                "type": "string",
                "title": _("Region name (%(language)s)") % {"language": language},
                "description": _("The name of the region in Kazakh, Russian or English."),
                "constraints": {"required": True},
            }
            for language in public.LANGUAGES
        ),
        {
            "name": "indicator",
            "type": "string",
            "title": _("Indicator"),
            "description": _("The key of the indicator; the documentation page lists them."),
            "constraints": {"required": True, "enum": list(public.PUBLIC)},
        },
        {
            "name": "unit",
            "type": "string",
            "title": pgettext("unit of measure", "Unit"),
            "description": _(
                "count: a number of appeals or cases; ratio: a share between 0 and 1."
            ),
            "constraints": {"required": True, "enum": [public.COUNT, public.RATIO]},
        },
        {
            "name": "value",
            "type": "number",
            "title": _("Value"),
            "description": _(
                "The figure; empty when it is suppressed, or for a ratio with nothing to divide by."
            ),
            "constraints": {"minimum": 0},
        },
        {
            "name": "suppressed",
            "type": "boolean",
            "title": _("Suppressed"),
            "description": _("true when the figure is withheld to protect reporters."),
            "constraints": {"required": True},
        },
        {
            "name": "suppression",
            "type": "string",
            "title": _("Reason for suppression"),
            "description": _(
                "small: a count from 1 to 4; complementary: withheld so that a small count "
                "cannot be worked out from the other figures; rate: a ratio whose numerator "
                "or denominator is withheld. Empty when the figure is shown."
            ),
            "constraints": {"enum": list(public.REASONS)},
        },
    ]


@require_GET
def open_data_schema(request: HttpRequest) -> HttpResponse:
    schema = {
        "fields": [
            {
                key: str(value) if key in ("title", "description") else value
                for key, value in f.items()
            }
            for f in schema_fields()
        ],
        "primaryKey": ["period", "region_code", "indicator"],
        "missingValues": [""],
    }
    response = HttpResponse(
        json.dumps(schema, ensure_ascii=False, indent=2),
        content_type="application/json",
    )
    response["Content-Disposition"] = 'inline; filename="senim-open-data.schema.json"'
    return _cache(response, shared=True)
