"""/api/v1's frame: schema, docs, authentication, scopes, problems, rate limits (over HTTP)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
import time_machine
from django.test import Client, override_settings

from senim.core import clock
from senim.core.models import AuditEvent
from senim.organization.models import Role
from tests.api_helpers import basic, bearer, client_for, is_problem, token_for

pytestmark = pytest.mark.django_db


def test_schema_is_openapi_31_with_problems_on_every_operation(client: Client) -> None:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.1")
    assert "ProblemDetail" in schema["components"]["schemas"]
    operation = schema["paths"]["/api/v1/me"]["get"]
    assert operation["operationId"] == "me.me"
    assert "application/problem+json" in operation["responses"]["401"]["content"]
    links = schema["paths"]["/api/v1/appeals"]["post"]["responses"]["201"]["links"]
    assert links["GetCase"]["operationId"] == "cases.case_detail"
    assert "Registered" in json.dumps(schema["paths"]["/api/v1/appeals"]["post"]["responses"])


def test_docs_page_is_served_from_own_static_files(client: Client) -> None:
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_no_credentials_is_a_401_problem(client: Client) -> None:
    response = client.get("/api/v1/me")
    assert is_problem(response, 401, "unauthenticated")
    assert "Bearer" in response["WWW-Authenticate"]


def test_token_acts_as_its_owner(make_staff: Any, client: Client) -> None:
    investigator = make_staff(Role.INVESTIGATOR, "REG-75")
    secret = token_for(investigator, "read", name="my laptop")
    body = client.get("/api/v1/me", headers=bearer(secret)).json()
    assert body["kind"] == "token" and body["name"] == "my laptop"
    assert body["scopes"] == ["read"]
    assert body["role"] == Role.INVESTIGATOR


def test_expired_token_is_refused(make_staff: Any, client: Client) -> None:
    secret = token_for(make_staff(Role.CHIEF, "REG-75"), days=1)
    assert client.get("/api/v1/me", headers=bearer(secret)).status_code == 200
    with time_machine.travel(clock.now() + dt.timedelta(days=1, minutes=1)):
        assert is_problem(client.get("/api/v1/me", headers=bearer(secret)), 401, "unauthenticated")


def test_garbage_tokens_are_401(client: Client) -> None:
    for header in ("Bearer nonsense", "Bearer senim_pat_" + "x" * 40, "Basic !!!", "Digest x"):
        response = client.get("/api/v1/me", headers={"Authorization": header})
        assert is_problem(response, 401, "unauthenticated")


def test_client_credentials_act_as_a_service_identity_of_its_unit(
    make_staff: Any, unit: Any, client: Client
) -> None:
    admin = make_staff(Role.ADMINISTRATOR)
    headers = client_for(admin, unit("REG-75"), ["me.me"])
    body = client.get("/api/v1/me", headers=headers).json()
    assert body["kind"] == "client" and body["role"] == Role.INTEGRATION
    assert "identity.read" not in body["capabilities"]
    assert set(body["capabilities"]) == {"cases.unit", "trust_line.operate"}


def test_client_outside_its_operations_is_refused(
    make_staff: Any, unit: Any, client: Client
) -> None:
    headers = client_for(make_staff(Role.ADMINISTRATOR), unit("REG-75"), ["cases.case_list"])
    assert is_problem(client.get("/api/v1/me", headers=headers), 403, "operation_not_allowed")


def test_wrong_client_secret_is_401(make_staff: Any, unit: Any, client: Client) -> None:
    headers = client_for(make_staff(Role.ADMINISTRATOR), unit("REG-75"), ["me.me"])
    client_id = __import__("base64").b64decode(headers["Authorization"][6:]).decode()
    client_id = client_id.split(":")[0]
    assert is_problem(
        client.get("/api/v1/me", headers=basic(client_id, "wrong")), 401, "unauthenticated"
    )


@override_settings(SENIM_API_RATE_LIMIT=3, SENIM_API_RATE_WINDOW=60)
def test_rate_limit_per_token_with_retry_after(make_staff: Any, client: Client) -> None:
    person = make_staff(Role.CHIEF, "REG-75")
    first, second = token_for(person, name="one"), token_for(person, name="two")
    for _ in range(3):
        assert client.get("/api/v1/me", headers=bearer(first)).status_code == 200
    refused = client.get("/api/v1/me", headers=bearer(first))
    assert is_problem(refused, 429, "rate_limited")
    assert refused["Retry-After"] == "60"
    # Another token of the same person has its own allowance.
    assert client.get("/api/v1/me", headers=bearer(second)).status_code == 200


def test_unknown_path_under_api_is_not_a_server_error(client: Client) -> None:
    assert is_problem(client.get("/api/v1/nothing-here"), 404, "not_found")
    assert is_problem(client.get("/api/v2/cases"), 404, "not_found")


def test_audit_of_token_creation(make_staff: Any) -> None:
    person = make_staff(Role.CHIEF, "REG-75")
    token_for(person, name="ci")
    event = AuditEvent.objects.filter(action="api_token.created").first()
    assert event is not None and event.detail["name"] == "ci" and event.actor_id == person.pk


def test_malformed_bodies_are_problems(make_staff: Any, client: Client) -> None:
    secret = token_for(make_staff(Role.OPERATOR))
    headers = {**bearer(secret), "Idempotency-Key": "malformed"}
    for body, content_type in (
        ("not json", "application/json"),
        ("[1, 2", "application/json"),
        ('"a string"', "application/json"),
        ("a=b", "application/x-www-form-urlencoded"),
    ):
        response = client.post("/api/v1/appeals", body, content_type=content_type, headers=headers)
        assert response.status_code in (400, 422), (body, response.content)
        assert response["Content-Type"].startswith("application/problem+json")


def test_wrong_method_is_not_a_server_error(make_staff: Any, client: Client) -> None:
    secret = token_for(make_staff(Role.CHIEF, "REG-75"))
    response = client.delete("/api/v1/cases", headers=bearer(secret))
    assert is_problem(response, 405, "method_not_allowed")
    assert "GET" in response["Allow"]


@override_settings(SENIM_API_RATE_LIMIT=2, SENIM_API_RATE_WINDOW=30)
def test_rate_limit_per_client(make_staff: Any, unit: Any, client: Client) -> None:
    admin = make_staff(Role.ADMINISTRATOR)
    first = client_for(admin, unit("REG-75"), ["me.me"], name="first")
    second = client_for(admin, unit("REG-75"), ["me.me"], name="second")
    for _ in range(2):
        assert client.get("/api/v1/me", headers=first).status_code == 200
    refused = client.get("/api/v1/me", headers=first)
    assert is_problem(refused, 429, "rate_limited") and refused["Retry-After"] == "30"
    assert client.get("/api/v1/me", headers=second).status_code == 200
