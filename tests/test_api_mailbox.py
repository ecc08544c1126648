"""The reporter's mailbox through /api/v1: state and messages by receipt code, throttled by
the portal's own service with the portal's own key (over HTTP)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client, override_settings

from senim.cases.services import case_message_to_reporter
from senim.organization.models import Role
from tests.api_helpers import bearer, is_problem, token_for
from tests.test_api_appeals import appeal

pytestmark = pytest.mark.django_db
WRONG = "1234 5678 9012 3456"


@pytest.fixture(autouse=True)
def mid_hour() -> Iterator[None]:
    """Clients are keyed by the hour: start each test at a quarter past (see test_abuse_limits)."""
    with time_machine.travel(
        dt.datetime(2026, 3, 2, 10, 15, tzinfo=ZoneInfo("Asia/Almaty")), tick=True
    ):
        yield


@pytest.fixture
def registered(make_staff: Any, client: Client) -> dict[str, Any]:
    secret = token_for(make_staff(Role.OPERATOR))
    response = client.post(
        "/api/v1/appeals",
        json.dumps(appeal()),
        content_type="application/json",
        headers={**bearer(secret), "Idempotency-Key": "mailbox"},
    )
    assert response.status_code == 201, response.content
    return dict(response.json())


def api_mailbox(client: Client, code: str) -> Any:
    return client.post(
        "/api/v1/mailbox",
        json.dumps({"code": code}),
        content_type="application/json",
        headers={"Accept-Language": "en"},
    )


def portal_follow_up(client: Client, code: str) -> Any:
    return client.post("/follow-up/", {"code": code}, HTTP_ACCEPT_LANGUAGE="en")


def test_state_and_messages_by_code(
    registered: dict[str, Any], make_staff: Any, client: Client
) -> None:
    answer = api_mailbox(client, registered["receipt_code"])
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert body["number"] == registered["number"] and body["status"] == "received"
    assert body["messages"] == [] and body["answer_issued"] is False
    coordinator = make_staff(Role.COORDINATOR)
    case_message_to_reporter(user=coordinator, case_id=registered["case"], body="Come on Monday")
    messages = api_mailbox(client, registered["receipt_code"]).json()["messages"]
    assert [(m["direction"], m["body"]) for m in messages] == [("out", "Come on Monday")]


def test_a_wrong_code_is_one_generic_404(registered: dict[str, Any], client: Client) -> None:
    for code in (WRONG, "not a code", ""):
        response = api_mailbox(client, code)
        assert is_problem(response, 404, "not_found")
        assert response.json()["detail"] == "No mailbox has this receipt code."


@override_settings(SENIM_FOLLOW_UP_ATTEMPTS=3)
def test_wrong_codes_through_the_api_count_against_the_portal(
    registered: dict[str, Any], client: Client
) -> None:
    for _ in range(3):
        assert api_mailbox(client, WRONG).status_code == 404
    # The portal, from the same connection, refuses even the right code now.
    assert portal_follow_up(client, registered["receipt_code"]).status_code == 429
    refused = api_mailbox(client, registered["receipt_code"])
    assert is_problem(refused, 429, "rate_limited")
    assert int(refused["Retry-After"]) > 0


@override_settings(SENIM_FOLLOW_UP_ATTEMPTS=3)
def test_wrong_codes_on_the_portal_count_against_the_api(
    registered: dict[str, Any], client: Client
) -> None:
    for _ in range(3):
        assert portal_follow_up(client, WRONG).status_code == 200  # the generic error
    assert is_problem(api_mailbox(client, registered["receipt_code"]), 429, "rate_limited")
    # Another connection is not refused.
    other = Client(REMOTE_ADDR="198.51.100.20")
    assert api_mailbox(other, registered["receipt_code"]).status_code == 200


def test_right_codes_are_not_counted(registered: dict[str, Any], client: Client) -> None:
    with override_settings(SENIM_FOLLOW_UP_ATTEMPTS=2):
        for _ in range(5):
            assert api_mailbox(client, registered["receipt_code"]).status_code == 200
