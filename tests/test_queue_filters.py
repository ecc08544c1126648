"""The case queue over HTTP: each filter, the sorts, pagination, and a filter that is not valid
(left out and marked, the others still applied)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

from senim.cases.models import Case, Status

pytestmark = pytest.mark.django_db

ALMATY = ZoneInfo("Asia/Almaty")
TODAY = dt.date(2026, 4, 15)  # a Wednesday; no holiday within two weeks
NOW = dt.datetime(2026, 4, 15, 10, 0, tzinfo=ALMATY)


@pytest.fixture(autouse=True)
def _frozen() -> Any:
    with time_machine.travel(NOW, tick=False):
        yield


def _case(make_case: Callable[..., Case], court: str, **fields: Any) -> Case:
    channel = fields.pop("channel", "portal")
    case = make_case(court, **{k: fields.pop(k) for k in ("status", "assignee") if k in fields})
    for name, value in fields.items():
        setattr(case, name, value)
    case.save()
    case.appeal.channel = channel
    case.appeal.save(update_fields=["channel"])
    return case


@pytest.fixture
def world(make_case: Callable[..., Case], make_staff: Callable[..., Any]) -> dict[str, Any]:
    investigator = make_staff("investigator", "REG-75", username="inv-75")
    return {
        "investigator": investigator,
        "coordinator": make_staff("coordinator", username="central-1"),
        "overdue": _case(
            make_case, "DST-75-02", assignee=investigator, category="bribery",
            due_on=TODAY - dt.timedelta(days=1),
        ),
        "due_soon": _case(
            make_case, "DST-75-04", status=Status.ASSESSMENT, category="red_tape",
            channel="trust_line", due_on=TODAY + dt.timedelta(days=2),
        ),
        "decided": _case(
            make_case, "DST-10-01", status=Status.CONCLUDED, category="bribery",
            channel="reception", due_on=TODAY - dt.timedelta(days=30),
        ),
        "on_time": _case(
            make_case, "DST-75-02", status=Status.RECEIVED, category="abuse",
            due_on=TODAY + dt.timedelta(days=20),
        ),
    }  # fmt: skip


def _listed(client: Any, query: dict[str, str], world: dict[str, Any]) -> list[str]:
    """The keys of `world`'s cases on the page, in the order listed."""
    html = client.get("/office/cases/", query, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    numbers = re.findall(r'<td><a href="/office/cases/\d+/">([^<]+)</a>', html)
    by_number = {c.appeal.number: key for key, c in world.items() if isinstance(c, Case)}
    return [by_number[n] for n in numbers if n in by_number]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, {"overdue", "due_soon", "decided", "on_time"}),
        ({"status": "investigation"}, {"overdue"}),
        ({"deadline": "overdue"}, {"overdue"}),
        ({"deadline": "due_soon"}, {"due_soon"}),
        ({"deadline": "on_time"}, {"on_time"}),
        ({"deadline": "done"}, {"decided"}),
        ({"court": "DST-75-04"}, {"due_soon"}),
        ({"region": "KZ-75"}, {"overdue", "due_soon", "on_time"}),
        ({"category": "bribery"}, {"overdue", "decided"}),
        ({"channel": "trust_line"}, {"due_soon"}),
        ({"assignee": "none"}, {"due_soon", "decided", "on_time"}),
        ({"region": "KZ-75", "category": "bribery", "deadline": "overdue"}, {"overdue"}),
    ],
)
def test_each_filter_narrows_the_queue(
    world: dict[str, Any], login: Callable[..., Any], query: dict[str, str], expected: set[str]
) -> None:
    assert set(_listed(login(world["coordinator"]), query, world)) == expected


def test_mine_is_the_investigators_own_cases(
    world: dict[str, Any], login: Callable[..., Any]
) -> None:
    assert _listed(login(world["investigator"]), {"assignee": "me"}, world) == ["overdue"]


def test_the_sorts(world: dict[str, Any], login: Callable[..., Any]) -> None:
    client = login(world["coordinator"])
    assert _listed(client, {"sort": "due"}, world) == ["decided", "overdue", "due_soon", "on_time"]
    assert _listed(client, {"sort": "newest"}, world) == [
        "on_time", "decided", "due_soon", "overdue"
    ]  # fmt: skip
    assert _listed(client, {"sort": "oldest"}, world) == [
        "overdue", "due_soon", "decided", "on_time"
    ]  # fmt: skip


def test_pages_of_25_with_next_and_previous(
    world: dict[str, Any], make_case: Callable[..., Case], login: Callable[..., Any]
) -> None:
    for _ in range(26):
        make_case("DST-75-02")
    client = login(world["coordinator"])
    first = client.get("/office/cases/", {"region": "KZ-75"}).content.decode()
    assert first.count('<td><a href="/office/cases/') == 25
    assert 'rel="next" href="?region=KZ-75&amp;page=2"' in first and 'rel="prev"' not in first
    second = client.get("/office/cases/", {"region": "KZ-75", "page": "2"}).content.decode()
    assert second.count('<td><a href="/office/cases/') == 29 - 25
    assert 'rel="prev"' in second and 'rel="next"' not in second
    # A page number that is not one falls back to the first page.
    assert client.get("/office/cases/", {"page": "x"}).status_code == 200


def test_a_filter_that_is_not_valid_is_marked_and_the_others_still_apply(
    world: dict[str, Any], login: Callable[..., Any]
) -> None:
    client = login(world["coordinator"])
    query = {"status": "no-such-status", "region": "KZ-10"}
    assert _listed(client, query, world) == ["decided"]
    html = client.get("/office/cases/", query, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Select a valid choice." in html
