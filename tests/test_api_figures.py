"""Indicators and public statistics through /api/v1.

The indicators: a territorial investigator's token reads their own unit's figures (as the
office's dashboard shows them), where no other unit's case counts; another region or another
unit's court is a 404, not a silent switch of scope; a role without figures is refused.
The public statistics: no token, and cell by cell the portal's open data, suppression included.

A hand-made first quarter of 2026, seen from 15 May 2026 (the public statistics' example):
Almaty 7 open, Abai 3 concluded, Astana 5 concluded, Shymkent 12 open.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.test import Client

from senim.analytics import rollups
from senim.cases.models import Case
from senim.organization.models import Role
from tests.api_helpers import is_problem, token_for
from tests.api_resources import get, headers
from tests.test_analytics_public import make

pytestmark = pytest.mark.django_db

TODAY = dt.datetime(2026, 5, 15, 9, 0, tzinfo=dt.UTC)
Q1 = "2026-Q1"


@pytest.fixture
def quarter(registry: None) -> Iterator[list[Case]]:
    with time_machine.travel(TODAY, tick=False):
        cases = [make("DST-75-02", "2026-02-10") for _ in range(7)]
        cases += [make("DST-10-01", "2026-02-11", concluded="2026-02-20") for _ in range(3)]
        cases += [make("DST-71-01", "2026-02-12", concluded="2026-02-24") for _ in range(5)]
        cases += [make("DST-79-01", "2026-02-13") for _ in range(12)]
        rollups.rebuild()
        yield cases


def values(response: Any) -> dict[str, Any]:
    assert response.status_code == 200, response.content
    return {i["key"]: i["numerator"] for i in response.json()["indicators"]}


def test_a_territorial_investigator_reads_only_their_units_figures(
    quarter: list[Case], make_staff: Any, client: Client
) -> None:
    with time_machine.travel(TODAY, tick=False):
        investigator = token_for(make_staff(Role.INVESTIGATOR, "REG-75"), "read")
        coordinator = token_for(make_staff(Role.COORDINATOR), "read")
        own = get(client, "indicators", investigator, period=Q1)
        assert own.json()["scope"]["unit"] == "TD-REG-75"
        assert values(own)["reports"] == 7  # Almaty's; the 20 of other units are not counted
        assert values(get(client, "indicators", coordinator, period=Q1))["reports"] == 27
        astana = get(client, "indicators", coordinator, period=Q1, region="KZ-71")
        assert values(astana)["reports"] == 5
        # Another region, or a court of another unit, is not the investigator's to read.
        refused = get(client, "indicators", investigator, period=Q1, region="KZ-71")
        assert is_problem(refused, 404, "not_found")
        refused = get(client, "indicators", investigator, period=Q1, court="DST-71-01")
        assert is_problem(refused, 404, "not_found")
        court = get(client, "indicators", investigator, period=Q1, court="DST-75-02")
        assert values(court)["reports"] == 7 and court.json()["scope"]["court"] == "DST-75-02"
        # An unreadable period is a bad request; a role without figures is refused.
        assert is_problem(
            get(client, "indicators", investigator, period="Q5"), 400, "invalid_request"
        )
        operator = token_for(make_staff(Role.OPERATOR), "read")
        assert is_problem(get(client, "indicators", operator), 403, "forbidden")


def test_indicators_carry_an_etag(quarter: list[Case], make_staff: Any, client: Client) -> None:
    with time_machine.travel(TODAY, tick=False):
        secret = token_for(make_staff(Role.CHIEF, "REG-75"), "read")
        first = get(client, "indicators", secret, period=Q1)
        again = client.get(
            "/api/v1/indicators",
            {"period": Q1},
            headers={**headers(secret), "If-None-Match": first["ETag"]},
        )
        assert again.status_code == 304


def test_public_statistics_are_the_portals_open_data_cell_by_cell(
    quarter: list[Case], client: Client
) -> None:
    with time_machine.travel(TODAY, tick=False):
        index = client.get("/api/v1/statistics")
        assert index.status_code == 200  # no token needed
        body = index.json()
        assert body["published_until"] == "2026-03-31" and body["suppression_threshold"] == 5
        assert Q1 in [p["code"] for p in body["periods"]]
        open_data = client.get("/statistics/open-data.json").json()["rows"]
        for area in ("KZ", "KZ-10", "KZ-71", "KZ-75"):
            response = client.get("/api/v1/statistics/figures", {"period": Q1, "area": area})
            assert response.status_code == 200
            figures = {f["indicator"]: f for f in response.json()["figures"]}
            expected = {
                row["indicator"]: row
                for row in open_data
                if row["period"] == Q1 and row["region_code"] == area
            }
            assert set(figures) == set(expected)
            for key, row in expected.items():
                got = figures[key]
                assert (got["value"], got["suppressed"], got["suppression"]) == (
                    row["value"],
                    row["suppressed"],
                    row["suppression"],
                ), (area, key)
        abai = client.get("/api/v1/statistics/figures", {"period": Q1, "area": "KZ-10"}).json()
        reports = next(f for f in abai["figures"] if f["indicator"] == "reports")
        assert reports == {
            "indicator": "reports",
            "unit": "count",
            "value": None,
            "suppressed": True,
            "suppression": "small",
        }
        # The latest complete quarter by default; an unpublished period or area is a 404.
        assert client.get("/api/v1/statistics/figures").json()["period"] == Q1
        current = client.get("/api/v1/statistics/figures", {"period": "2026-Q2"})
        assert is_problem(current, 404, "not_found")
        assert is_problem(
            client.get("/api/v1/statistics/figures", {"area": "XX"}), 404, "not_found"
        )
