"""The dashboards over HTTP: who sees which figures, drill-down within the visibility rule,
bounded queries, and no error on bad parameters."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from senim.analytics import rollups
from senim.cases.models import CaseExclusion
from senim.organization.models import Region

pytestmark = pytest.mark.django_db
THIS_YEAR = str(timezone.localdate().year)


def _client(login: Any, user: Any) -> Client:
    client = login(user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def _figure(html: str, key: str) -> str:
    found = re.search(rf'id="indicator-{key}".*?class="figure"><a [^>]*>([^<]+)</a>', html, re.S)
    assert found, key
    return found[1]


@pytest.fixture
def almaty_cases(make_case: Any) -> list[Any]:
    now = timezone.now()
    cases = [make_case("DST-75-02", registered_at=now - dt.timedelta(hours=i)) for i in range(3)]
    cases.append(make_case("DST-10-01", registered_at=now))  # Abai region, another unit
    rollups.rebuild()
    return cases


def test_the_central_department_sees_the_country_and_can_narrow_to_a_region(
    almaty_cases: list[Any], make_staff: Any, login: Any
) -> None:
    client = _client(login, make_staff("analyst", "SC"))
    page = client.get("/office/analytics/", {"period": THIS_YEAR}).content.decode()
    assert "Republic of Kazakhstan" in page
    assert _figure(page, "reports") == "4"
    assert "<svg" in page and 'class="chart cartogram"' in page
    abai = Region.objects.get(code="KZ-10")
    narrowed = client.get("/office/analytics/", {"period": THIS_YEAR, "region": str(abai.pk)})
    assert _figure(narrowed.content.decode(), "reports") == "1"


def test_a_territorial_chief_sees_only_the_own_unit_whatever_is_asked(
    almaty_cases: list[Any], make_staff: Any, login: Any
) -> None:
    client = _client(login, make_staff("chief", "REG-75"))
    abai = Region.objects.get(code="KZ-10")
    page = client.get("/office/analytics/", {"period": THIS_YEAR, "region": str(abai.pk)})
    html = page.content.decode()
    assert _figure(html, "reports") == "3"
    assert "cartogram" not in html  # the map of the country is the central department's


def test_operators_and_strangers_get_no_figures(
    almaty_cases: list[Any], make_staff: Any, login: Any
) -> None:
    assert _client(login, make_staff("operator", "SC")).get("/office/analytics/").status_code == 403
    response = Client().get("/office/analytics/")
    assert response.status_code == 302 and "/office/login/" in response["Location"]


def test_the_drill_down_lists_only_cases_the_user_may_see(
    almaty_cases: list[Any], make_staff: Any, login: Any
) -> None:
    chief = make_staff("chief", "REG-75")
    CaseExclusion.objects.create(case=almaty_cases[0], user=chief, reason="Named in it.")
    client = _client(login, chief)
    page = client.get("/office/analytics/cases/", {"metric": "reports", "period": THIS_YEAR})
    html = page.content.decode()
    listed = {c.appeal.number for c in almaty_cases if c.appeal.number in html}
    assert listed == {almaty_cases[1].appeal.number, almaty_cases[2].appeal.number}
    # An analyst reads figures, not case files.
    analyst = _client(login, make_staff("analyst", "SC"))
    html = analyst.get("/office/analytics/cases/", {"metric": "reports"}).content.decode()
    assert not any(c.appeal.number in html for c in almaty_cases)
    assert "No case behind this figure is open to you." in html


def test_links_keep_the_map_region_and_court_chosen(
    almaty_cases: list[Any], make_staff: Any, login: Any
) -> None:
    """From a court of the league the map stays as chosen; back from the cases behind a figure
    the dashboard shows the same period, region and court."""
    client = _client(login, make_staff("coordinator", "SC"))
    almaty = Region.objects.get(code="KZ-75")
    court = almaty_cases[0].appeal.court
    query = {"period": THIS_YEAR, "region": str(almaty.pk), "map": "overdue"}
    html = client.get("/office/analytics/", query).content.decode()
    league = re.search(r'<table class="league">.*?</table>', html, re.S)
    assert league is not None
    link = f"court={court.pk}&amp;region={almaty.pk}&amp;map=overdue"
    assert link in league[0]
    drill = client.get(
        "/office/analytics/cases/",
        {"metric": "reports", "period": THIS_YEAR, "region": str(almaty.pk), "court": court.pk},
    ).content.decode()
    back = (
        f'href="/office/analytics/?period={THIS_YEAR}&amp;region={almaty.pk}&amp;court={court.pk}"'
    )
    assert back in drill


def test_the_dashboard_runs_the_same_queries_for_few_or_many_cases(
    make_case: Any, make_staff: Any, login: Any
) -> None:
    client = _client(login, make_staff("coordinator", "SC"))
    make_case("DST-75-02")
    rollups.rebuild()
    client.get("/office/analytics/")  # warm the session and caches
    cache.clear()  # measure the page as built, not as kept
    with CaptureQueriesContext(connection) as few:
        assert client.get("/office/analytics/").status_code == 200
    for court in ("DST-75-02", "DST-75-03", "DST-10-01", "REG-75", "SC") * 3:
        make_case(court)
    rollups.rebuild()
    cache.clear()
    with CaptureQueriesContext(connection) as many:
        assert client.get("/office/analytics/").status_code == 200
    assert len(many) == len(few) <= 40


@pytest.mark.parametrize(
    "query",
    [
        {"period": "2026-Q9"},
        {"period": "<script>", "region": "x"},
        {"region": "999999", "court": "99999999999999"},
        {"map": "'; DROP TABLE cases_case; --"},
        {"period": "0000-00"},
    ],
)
def test_bad_parameters_fall_back_without_an_error(
    almaty_cases: list[Any], make_staff: Any, login: Any, query: dict[str, str]
) -> None:
    client = _client(login, make_staff("coordinator", "SC"))
    response = client.get("/office/analytics/", query)
    assert response.status_code == 200
    assert b"<script>" not in response.content
    drill = client.get("/office/analytics/cases/", {**query, "metric": "nonsense"})
    assert drill.status_code == 200


def test_a_kept_page_is_served_until_the_roll_ups_change(
    make_case: Any, make_staff: Any, login: Any
) -> None:
    client = _client(login, make_staff("coordinator", "SC"))
    make_case("DST-75-02")
    rollups.rebuild()
    assert _figure(client.get("/office/analytics/").content.decode(), "reports") == "1"
    with CaptureQueriesContext(connection) as kept:
        assert _figure(client.get("/office/analytics/").content.decode(), "reports") == "1"
    assert len(kept) < 10  # session, user, the refresh stamp and the cache: no figures
    make_case("DST-75-02")
    rollups.refresh()
    assert _figure(client.get("/office/analytics/").content.decode(), "reports") == "2"
