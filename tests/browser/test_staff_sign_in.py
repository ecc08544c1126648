"""Staff sign-in in Chromium: an administrator who must enrol adds an authenticator app by the
key the page shows (the code computed here, as the app would), signs in with a code and then
with a recovery code; a chief signs in through the institution's real OpenID provider."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import override_settings
from playwright.sync_api import expect

from senim.organization.models import Role
from tests.conftest import PASSWORD
from tests.oidc_harness import IdpUser, oidc_provider
from tests.second_factor_helpers import totp
from tests.test_single_sign_on import CALLBACK, sso_settings

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _password_step(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/office/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def _log_out(page: Any) -> None:
    page.get_by_role("button", name="Log out").click()


def test_enrol_an_app_then_sign_in_with_a_code_and_a_recovery_code(
    live_server, page, make_staff, settings
) -> None:
    settings.SENIM_MFA_ENFORCED = True
    make_staff(Role.ADMINISTRATOR, username="admin-app")
    base = live_server.url

    _password_step(page, base, "admin-app")
    page.wait_for_url(f"{base}/office/security/enrol/")
    assert "needs a second factor" in page.locator("main [role=alert]").inner_text()
    page.goto(f"{base}/office/cases/")  # nothing else opens before enrolment
    page.wait_for_url(f"{base}/office/security/enrol/")

    page.get_by_role("link", name="Add an authenticator app").first.click()
    page.wait_for_url(f"{base}/office/2fa/totp/activate/")
    secret = page.locator("#totp-secret").inner_text().replace(" ", "")
    page.get_by_label("The six-digit code your app shows now").fill("123456")
    page.get_by_role("button", name="Turn on the authenticator app").click()
    expect(page.locator("main")).to_contain_text("That code is not right")
    page.get_by_label("The six-digit code your app shows now").fill(totp(secret))
    page.get_by_role("button", name="Turn on the authenticator app").click()
    page.wait_for_url(f"{base}/office/2fa/recovery-codes/")
    codes = page.locator("main ol li").all_inner_texts()
    assert len(codes) == 10
    page.goto(f"{base}/office/")
    assert page.locator("h1").count() == 1 and "/security/" not in page.url
    _log_out(page)

    # The next sign-in asks for the code after the password.
    _password_step(page, base, "admin-app")
    page.wait_for_url(f"{base}/office/2fa/authenticate/")
    page.get_by_label("Code from your authenticator app, or a recovery code").fill(totp(secret))
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url(f"{base}/office/")
    _log_out(page)

    # Phone lost: a recovery code instead, good once.
    _password_step(page, base, "admin-app")
    page.wait_for_url(f"{base}/office/2fa/authenticate/")
    page.get_by_label("Code from your authenticator app, or a recovery code").fill(codes[0])
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url(f"{base}/office/")
    page.goto(f"{base}/office/security/")
    assert "9 unused" in page.locator("main").inner_text()


def test_a_chief_signs_in_through_the_institutions_provider(
    live_server, page, make_staff, tmp_path
) -> None:
    aigerim = IdpUser("aigerim", name="Aigerim Nurlanovna", mfa=True)
    chief = make_staff(Role.CHIEF, "REG-75", username="chief-sso")
    chief.sso_subject = aigerim.sub
    chief.save()
    base = live_server.url
    with (
        oidc_provider(tmp_path, users=[aigerim], redirect_uris=[f"{base}{CALLBACK}"]) as idp,
        override_settings(
            **sso_settings(idp),
            SENIM_MFA_ENFORCED=True,
            # The provider sends the browser back from another site (as settings.py sets it).
            SESSION_COOKIE_SAMESITE="Lax",
        ),
    ):
        page.goto(f"{base}/office/login/")
        page.get_by_role("button", name="Sign in with Sud ID").click()
        page.wait_for_load_state()
        page.wait_for_url(f"{idp.url}/**")
        page.locator("#id_username").fill(aigerim.username)
        page.locator("#id_password").fill(aigerim.password)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(f"{base}/office/")
        assert "Almaty City Court" in page.content()
        page.goto(f"{base}/office/security/")
        assert "single sign-on" in page.locator("main").inner_text().lower()
