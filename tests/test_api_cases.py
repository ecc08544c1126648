"""The cases through /api/v1: what a token sees is what its owner sees in the office (HTTP)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from senim.accounts.api_tokens import token_revoke
from senim.accounts.models import PersonalAccessToken
from senim.cases.models import Case, Note, Status
from senim.core import clock
from senim.organization.models import Role
from tests.api_helpers import bearer, client_for, is_problem, token_for

pytestmark = pytest.mark.django_db


def listed(client: Client, headers: dict[str, str], query: str = "") -> list[int]:
    """Every case id of the queue, following the cursor page by page."""
    ids: list[int] = []
    base = dict(part.split("=", 1) for part in query.split("&") if part)
    cursor = None
    while True:
        params = {**base, "limit": "2", **({"cursor": cursor} if cursor else {})}
        response = client.get("/api/v1/cases", params, headers=headers)
        assert response.status_code == 200, response.content
        page = response.json()
        assert len(page["items"]) <= 2
        ids += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            return ids


@pytest.fixture
def world(make_staff: Any, make_case: Any) -> dict[str, Any]:
    investigator = make_staff(Role.INVESTIGATOR, "REG-75")
    colleague = make_staff(Role.INVESTIGATOR, "REG-75")
    mine = [make_case("DST-75-02", assignee=investigator) for _ in range(3)]
    theirs = make_case("DST-75-02", assignee=colleague)
    elsewhere = make_case("DST-71-01", status=Status.RECEIVED)
    return {
        "investigator": investigator,
        "chief": make_staff(Role.CHIEF, "REG-75"),
        "coordinator": make_staff(Role.COORDINATOR),
        "admin": make_staff(Role.ADMINISTRATOR),
        "mine": mine,
        "theirs": theirs,
        "elsewhere": elsewhere,
    }


def test_investigator_token_sees_only_their_cases_in_every_list_and_detail(
    world: dict[str, Any], client: Client
) -> None:
    headers = bearer(token_for(world["investigator"], "read"))
    mine = {case.pk for case in world["mine"]}
    assert set(listed(client, headers)) == mine
    for query in ("&sort=oldest", "&sort=due", "&status=investigation", "&deadline=done"):
        assert set(listed(client, headers, query)) <= mine
    for case in world["mine"]:
        assert client.get(f"/api/v1/cases/{case.pk}", headers=headers).status_code == 200
        assert client.get(f"/api/v1/cases/{case.pk}/timeline", headers=headers).status_code == 200
    for hidden in (world["theirs"], world["elsewhere"]):
        for path in (f"/api/v1/cases/{hidden.pk}", f"/api/v1/cases/{hidden.pk}/timeline"):
            response = client.get(path, headers=headers)
            assert is_problem(response, 404, "not_found")
    # Hidden and missing answer alike.
    missing = client.get("/api/v1/cases/999999999", headers=headers)
    assert (
        missing.json()["detail"]
        == client.get(f"/api/v1/cases/{world['elsewhere'].pk}", headers=headers).json()["detail"]
    )


def test_chief_and_client_see_their_unit_and_the_coordinator_all(
    world: dict[str, Any], unit: Any, client: Client
) -> None:
    unit_cases = {case.pk for case in world["mine"]} | {world["theirs"].pk}
    chief = bearer(token_for(world["chief"], "read"))
    assert set(listed(client, chief)) == unit_cases
    almaty = client_for(
        world["admin"],
        unit("REG-75"),
        ["cases.case_list", "cases.case_detail", "cases.case_timeline"],
    )
    assert set(listed(client, almaty)) == unit_cases
    elsewhere = world["elsewhere"].pk
    assert is_problem(client.get(f"/api/v1/cases/{elsewhere}", headers=almaty), 404, "not_found")
    assert is_problem(
        client.get(f"/api/v1/cases/{elsewhere}/timeline", headers=almaty), 404, "not_found"
    )
    coordinator = bearer(token_for(world["coordinator"], "read"))
    assert set(listed(client, coordinator)) == unit_cases | {elsewhere}


def test_roles_without_case_sight_see_none(world: dict[str, Any], client: Client) -> None:
    headers = bearer(token_for(world["admin"], "read"))
    assert listed(client, headers) == []
    case = world["mine"][0].pk
    assert is_problem(client.get(f"/api/v1/cases/{case}", headers=headers), 404, "not_found")


def test_filters_are_the_office_queue_filters(world: dict[str, Any], client: Client) -> None:
    headers = bearer(token_for(world["coordinator"], "read"))
    row = client.get("/api/v1/cases?court=DST-71-01", headers=headers).json()["items"][0]
    assert row["court_name"] and row["number"] == world["elsewhere"].appeal.number
    received = listed(client, headers, "&status=received")
    assert received == [world["elsewhere"].pk]
    assert listed(client, headers, "&court=DST-71-01") == [world["elsewhere"].pk]
    almaty = {c.pk for c in world["mine"]} | {world["theirs"].pk}
    assert set(listed(client, headers, "&unit=TD-REG-75")) == almaty
    assigned = listed(client, headers, f"&assignee={world['investigator'].pk}")
    assert set(assigned) == {case.pk for case in world["mine"]}
    assert listed(client, headers, "&assignee=none") == [world["elsewhere"].pk]
    bad = client.get("/api/v1/cases?status=nonsense", headers=headers)
    assert is_problem(bad, 422, "validation_failed")
    assert bad.json()["errors"][0]["loc"] == ["query", "status"]


def test_cursor_pages_neither_skip_nor_repeat_while_cases_arrive(
    world: dict[str, Any], make_case: Any, client: Client
) -> None:
    headers = bearer(token_for(world["coordinator"], "read"))
    first = client.get("/api/v1/cases?limit=2", headers=headers).json()
    make_case("DST-75-02")  # newer than every page: not inserted into the pages to come
    rest = client.get(
        "/api/v1/cases", {"limit": 2, "cursor": first["next_cursor"]}, headers=headers
    ).json()
    seen = [i["id"] for i in first["items"]] + [i["id"] for i in rest["items"]]
    assert len(seen) == len(set(seen))
    forged = client.get("/api/v1/cases", {"cursor": "forged"}, headers=headers)
    assert is_problem(forged, 400, "invalid_request")
    other_sort = client.get(
        "/api/v1/cases", {"cursor": first["next_cursor"], "sort": "oldest"}, headers=headers
    )
    assert is_problem(other_sort, 400, "invalid_request")


def test_sort_by_deadline_puts_undated_last(
    world: dict[str, Any], make_case: Any, client: Client
) -> None:
    headers = bearer(token_for(world["coordinator"], "read"))
    today = clock.today()
    for offset, case in enumerate(world["mine"]):
        Case.objects.filter(pk=case.pk).update(due_on=today + dt.timedelta(days=offset))
    Case.objects.filter(pk=world["theirs"].pk).update(due_on=None)
    order = listed(client, headers, "&sort=due")
    assert order[:3] == [case.pk for case in world["mine"]]
    assert order[-1] == world["theirs"].pk or world["elsewhere"].due_on is None


def test_etag_and_if_none_match(world: dict[str, Any], client: Client) -> None:
    headers = bearer(token_for(world["investigator"], "read"))
    case = world["mine"][0]
    first = client.get(f"/api/v1/cases/{case.pk}", headers=headers)
    tag = first["ETag"]
    assert first.status_code == 200 and tag.startswith('"')
    again = client.get(f"/api/v1/cases/{case.pk}", headers={**headers, "If-None-Match": tag})
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == tag
    Case.objects.filter(pk=case.pk).update(priority="urgent")
    changed = client.get(f"/api/v1/cases/{case.pk}", headers={**headers, "If-None-Match": tag})
    assert changed.status_code == 200 and changed["ETag"] != tag
    assert changed.json()["priority"] == "urgent"
    listing = client.get("/api/v1/cases", headers=headers)
    cached = client.get(
        "/api/v1/cases", headers={**headers, "If-None-Match": f'W/{listing["ETag"]}, "x"'}
    )
    assert cached.status_code == 304


def test_timeline_tells_the_history(world: dict[str, Any], client: Client) -> None:
    headers = bearer(token_for(world["coordinator"], "act"))
    case = world["mine"][0]
    Note.objects.create(
        case=case, author=world["coordinator"], body="Call the court", created_at=clock.now()
    )
    body = client.get(f"/api/v1/cases/{case.pk}/timeline", headers=headers).json()
    assert body["case"] == case.pk
    assert [e["text"] for e in body["entries"] if e["kind"] == "note"] == ["Call the court"]


def test_revoked_token_stops_at_once(world: dict[str, Any], client: Client) -> None:
    secret = token_for(world["chief"], "read", name="to revoke")
    assert client.get("/api/v1/cases", headers=bearer(secret)).status_code == 200
    token = PersonalAccessToken.objects.get(name="to revoke")
    token_revoke(user=world["chief"], token_id=token.pk)
    assert is_problem(client.get("/api/v1/cases", headers=bearer(secret)), 401, "unauthenticated")


def test_an_inactive_owner_token_stops(world: dict[str, Any], client: Client) -> None:
    secret = token_for(world["chief"], "read")
    world["chief"].is_active = False
    world["chief"].save(update_fields=["is_active"])
    assert is_problem(client.get("/api/v1/cases", headers=bearer(secret)), 401, "unauthenticated")
