"""The office pages for API access: one's tokens (shown once, stored hashed, revocable, a fresh
second factor to create) and the administrator's integration clients (over HTTP)."""

from __future__ import annotations

import base64
import datetime as dt
import re
import time
from typing import Any

import pytest
import time_machine
from django.test import Client, override_settings

from senim.accounts.models import PersonalAccessToken
from senim.core import clock
from senim.core.models import AuditEvent
from senim.organization.models import IntegrationClient, Role
from tests.api_helpers import is_problem
from tests.second_factor_helpers import enrol_totp, password_step, sign_in_with_code, totp

pytestmark = pytest.mark.django_db
ENFORCED = override_settings(SENIM_MFA_ENFORCED=True, SENIM_STEP_UP_MINUTES=5)


def signed_in_with_factor(username: str) -> tuple[Client, str]:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    password_step(client, username)
    secret, _codes = enrol_totp(client)
    # A later period's code: allauth refuses a code used once (the enrolment's) in its period.
    # (Once more a period later if a period turned between computing the code and checking it.)
    for periods in (1, 2):
        client = Client(HTTP_ACCEPT_LANGUAGE="en")
        with time_machine.travel(time.time() + 30 * periods, tick=True):
            signed = sign_in_with_code(client, username, totp(secret))
        if signed.status_code == 302:
            break
    errors = re.findall(r'role="alert"[^>]*>(.*?)</', signed.content.decode(), re.S)
    assert signed.status_code == 302 and signed["Location"] == "/office/", errors
    return client, secret


def shown_secret(html: str, field: str) -> str:
    found = re.search(rf'id="{field}"[^>]*value="([^"]+)"', html)
    assert found, "no secret on the page"
    return found.group(1)


def in_days(days: int) -> str:
    return (clock.today() + dt.timedelta(days=days)).isoformat()


@ENFORCED
def test_a_token_is_shown_once_stored_hashed_and_revoked_for_good(make_staff: Any) -> None:
    chief = make_staff(Role.CHIEF, "REG-75", username="chief-tokens")
    office, _secret = signed_in_with_factor("chief-tokens")
    security = office.get("/office/security/").content.decode()
    assert 'href="/office/security/tokens/"' in security

    form = office.get("/office/security/tokens/new/")
    assert form.status_code == 200 and 'name="expires_on"' in form.content.decode()
    made = office.post(
        "/office/security/tokens/new/",
        {"name": "nightly report", "scope": "read", "expires_on": in_days(30)},
    )
    assert made.status_code == 200
    assert "no-store" in made["Cache-Control"]
    token = shown_secret(made.content.decode(), "api-token")
    assert token.startswith("senim_pat_") and len(token) >= 40

    stored = PersonalAccessToken.objects.get(user=chief)
    assert stored.digest != token and token not in stored.digest and len(stored.digest) == 64
    assert stored.scope == "read" and stored.name == "nightly report"
    listing = office.get("/office/security/tokens/").content.decode()
    assert "nightly report" in listing and token not in listing and stored.prefix in listing

    api = Client()
    me = api.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 200 and me.json()["name"] == "nightly report"
    writing = api.post(
        "/api/v1/appeals",
        "{}",
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}", "Idempotency-Key": "x"},
    )
    assert is_problem(writing, 403, "insufficient_scope")

    revoked = office.post(f"/office/security/tokens/{stored.pk}/revoke/")
    assert revoked.status_code == 302
    assert is_problem(
        api.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}), 401, "unauthenticated"
    )
    assert "revoked" in office.get("/office/security/tokens/").content.decode()
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"api_token.created", "api_token.revoked"} <= actions


@ENFORCED
def test_creating_a_token_needs_a_fresh_second_factor(make_staff: Any) -> None:
    make_staff(Role.CHIEF, "REG-75", username="chief-stale")
    office, secret = signed_in_with_factor("chief-stale")
    with time_machine.travel(time.time() + 6 * 60, tick=False):
        stale = office.post(
            "/office/security/tokens/new/",
            {"name": "late", "scope": "act", "expires_on": in_days(10)},
        )
        assert stale.status_code == 302
        assert stale["Location"].startswith("/office/2fa/reauthenticate/")
        assert not PersonalAccessToken.objects.exists()
        back = office.post(stale["Location"], {"code": totp(secret, at=time.time())})
        assert back["Location"] == "/office/security/tokens/new/"
        again = office.post(
            "/office/security/tokens/new/",
            {"name": "late", "scope": "act", "expires_on": in_days(10)},
        )
        assert again.status_code == 200 and PersonalAccessToken.objects.count() == 1


def test_without_a_second_factor_no_token(make_staff: Any, login: Any) -> None:
    operator = make_staff(Role.OPERATOR)
    office = login(operator)
    page = office.get("/office/security/tokens/new/", HTTP_ACCEPT_LANGUAGE="en")
    assert "An API token needs a second factor." in page.content.decode()
    office.post(
        "/office/security/tokens/new/",
        {"name": "x", "scope": "read", "expires_on": in_days(5)},
    )
    assert not PersonalAccessToken.objects.exists()


@ENFORCED
def test_bad_input_keeps_what_was_typed(make_staff: Any) -> None:
    make_staff(Role.CHIEF, "REG-75", username="chief-typo")
    office, _secret = signed_in_with_factor("chief-typo")
    too_long = office.post(
        "/office/security/tokens/new/",
        {"name": "my laptop", "scope": "act", "expires_on": in_days(4000)},
    )
    html = too_long.content.decode()
    assert too_long.status_code == 200 and "at most 365 days" in html
    assert 'value="my laptop"' in html
    past = office.post(
        "/office/security/tokens/new/",
        {"name": "my laptop", "scope": "act", "expires_on": in_days(-1)},
    )
    assert "Choose a day after today." in past.content.decode()
    assert not PersonalAccessToken.objects.exists()


@ENFORCED
def test_the_administrator_makes_and_revokes_integration_clients(
    make_staff: Any, unit: Any
) -> None:
    make_staff(Role.ADMINISTRATOR, "SC", username="admin-clients")
    office, _secret = signed_in_with_factor("admin-clients")
    made = office.post(
        "/office/api-clients/new/",
        {"name": "Call centre", "unit": unit("REG-75").pk, "operations": "me.me\ncases.case_list"},
    )
    assert made.status_code == 200, made.content.decode()[:3000]
    html = made.content.decode()
    client_id, secret = shown_secret(html, "client-id"), shown_secret(html, "client-secret")
    stored = IntegrationClient.objects.get()
    assert secret not in stored.digest and stored.operations == ["cases.case_list", "me.me"]
    basic = base64.b64encode(f"{client_id}:{secret}".encode()).decode()
    headers = {"Authorization": f"Basic {basic}"}
    api = Client()
    assert api.get("/api/v1/me", headers=headers).json()["unit"] == "TD-REG-75"
    assert "Call centre" in office.get("/office/api-clients/").content.decode()
    office.post(f"/office/api-clients/{stored.pk}/revoke/")
    assert is_problem(api.get("/api/v1/me", headers=headers), 401, "unauthenticated")
    # The service account is not offered as a role for people.
    staff_page = office.get("/office/staff/").content.decode()
    assert 'value="integration"' not in staff_page


def test_only_administrators_manage_clients(make_staff: Any, login: Any) -> None:
    office = login(make_staff(Role.COORDINATOR))
    assert office.get("/office/api-clients/").status_code == 403
    assert office.post("/office/api-clients/new/", {"name": "x"}).status_code == 403
