"""Helpers for the tests of /api/v1's resources: calls with a token, in English."""

from __future__ import annotations

from typing import Any

from django.test import Client

from senim.core.models import AuditEvent
from tests.api_helpers import bearer


def headers(secret: str) -> dict[str, str]:
    """The token, and English for the refusals' wording."""
    return {**bearer(secret), "Accept-Language": "en"}


def get(client: Client, path: str, secret: str, **query: Any) -> Any:
    return client.get(f"/api/v1/{path}", query, headers=headers(secret))


def post(client: Client, path: str, secret: str, data: dict[str, Any] | None = None) -> Any:
    return client.post(
        f"/api/v1/{path}", data or {}, content_type="application/json", headers=headers(secret)
    )


def via(entry: AuditEvent) -> str:
    """The name of the token or client an audit entry was written for."""
    return str(entry.detail.get("via", {}).get("name", ""))
