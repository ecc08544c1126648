"""The analytics dashboards and the drill-down to the cases behind a figure (thin views)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string

from senim.analytics import dashboard as board
from senim.analytics import periods
from senim.analytics.access import may_see_analytics, may_see_country
from senim.analytics.indicators import BY_KEY
from senim.analytics.metrics import METRICS
from senim.cases.selectors import page_of
from senim.core import clock
from senim.core.replica import replica_read
from senim.office.access import staff_required, staff_user

DASHBOARD_CACHE_SECONDS = 600


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() and len(value) < 10 else None


def _period(request: HttpRequest) -> periods.Period:
    today = clock.today()
    return periods.parse(request.GET.get("period"), default=periods.year(today.year))


@staff_required()
@replica_read
def dashboard(request: HttpRequest) -> HttpResponse:
    if not may_see_analytics(request.user):
        raise PermissionDenied
    period = _period(request)
    region_id = _int(request.GET.get("region")) if may_see_country(request.user) else None
    court_id = _int(request.GET.get("court"))
    map_key = request.GET.get("map", "")
    # The page's figures change only when the roll-ups do: the body is kept per scope, period,
    # language and roll-up refresh, so views between two sweeps cost one cache read.
    key = board.cache_key(
        request.user, period, region_id=region_id, court_id=court_id, map_key=map_key
    )
    body = cache.get(key)
    if body is None:
        data = board.dashboard(
            staff_user(request), period, region_id=region_id, court_id=court_id, map_key=map_key
        )
        body = render_to_string(
            "office/analytics/dashboard_body.html",
            {
                "board": data,
                "period_choices": periods.choices(clock.today()),
                "regions": board.region_choices() if data.central else [],
                "courts": board.court_choices(request.user, region_id),
                "region_id": region_id,
                "court_id": data.scope.court_id,
                "map_choices": [(k, BY_KEY[k].label) for k in board.MAP_KEYS],
            },
        )
        cache.set(key, body, DASHBOARD_CACHE_SECONDS)
    return render(request, "office/analytics/dashboard.html", {"body": body})


@staff_required()
@replica_read
def drill_down(request: HttpRequest) -> HttpResponse:
    if not may_see_analytics(request.user):
        raise PermissionDenied
    metric = request.GET.get("metric", "")
    if metric not in METRICS:
        metric = "reports"
    period = _period(request)
    region_id = _int(request.GET.get("region")) if may_see_country(request.user) else None
    court_id = _int(request.GET.get("court"))
    cases = board.cases_behind(
        request.user, metric, period, region_id=region_id, court_id=court_id, today=clock.today()
    )
    page = page_of(cases, _int(request.GET.get("page")) or 1)
    query = request.GET.copy()
    query.pop("page", None)
    # Back to the dashboard the figure came from: same period, region and court.
    back = {"period": period.code, "region": region_id, "court": court_id}
    return render(
        request,
        "office/analytics/cases.html",
        {
            "metric_label": board.metric_label(metric),
            "period": period,
            "page": page,
            "query": query.urlencode(),
            "back_query": urlencode({k: v for k, v in back.items() if v is not None}),
        },
    )
