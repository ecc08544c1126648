"""Helpers for the API's tests: tokens and clients made through their services."""

from __future__ import annotations

import base64
import datetime as dt
from typing import Any

from django.test import Client

from senim.accounts.api_tokens import token_create
from senim.core import clock
from senim.organization.integration_clients import integration_client_create


def token_for(user: Any, scope: str = "act", *, name: str | None = None, days: int = 30) -> str:
    _token, secret = token_create(
        user=user,
        name=name or f"test-{scope}-{clock.now().timestamp()}",
        scope=scope,
        expires_at=clock.now() + dt.timedelta(days=days),
    )
    return secret


def bearer(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}


def basic(client_id: str, secret: str) -> dict[str, str]:
    encoded = base64.b64encode(f"{client_id}:{secret}".encode()).decode()
    return {"Authorization": f"Basic {encoded}"}


def client_for(
    admin: Any, unit: Any, operations: list[str], name: str = "telephony"
) -> dict[str, str]:
    client, secret = integration_client_create(
        actor=admin, name=name, unit=unit, operations=operations
    )
    return basic(client.client_id, secret)


def api() -> Client:
    return Client()


def is_problem(response: Any, status: int, code: str) -> bool:
    body = response.json()
    return (
        response.status_code == status
        and response["Content-Type"].startswith("application/problem+json")
        and body["status"] == status
        and body["code"] == code
        and body["type"] == f"urn:senim:problem:{code}"
        and isinstance(body["title"], str)
        and "Traceback" not in response.content.decode()
    )
