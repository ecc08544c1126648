"""Single sign-on against a real OpenID provider (django-oauth-toolkit, started on 127.0.0.1 by
tests.oidc_harness): a person is matched to their Senim account by the recorded claim, never
given one; the second factor still applies unless the provider asserts one; password login can
be switched off for linked staff."""

from __future__ import annotations

import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client, override_settings

from senim.accounts.models import User
from senim.core.models import AuditEvent
from senim.organization.models import Role
from tests.oidc_harness import IdpUser, OidcProvider, oidc_provider
from tests.second_factor_helpers import enrol_totp, password_step, totp

pytestmark = [pytest.mark.django_db]
CALLBACK = "/office/sso/institution/login/callback/"
AIGERIM = IdpUser("aigerim", name="Aigerim Nurlanovna", mfa=True)
BOLAT = IdpUser("bolat")
STRANGER = IdpUser("stranger")


@pytest.fixture(scope="module")
def idp(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OidcProvider]:
    with oidc_provider(
        tmp_path_factory.mktemp("idp"),
        users=[AIGERIM, BOLAT, STRANGER],
        redirect_uris=[f"http://testserver{CALLBACK}"],
    ) as provider:
        yield provider


def sso_settings(idp: OidcProvider) -> dict[str, Any]:
    return {
        "SENIM_OIDC_ISSUER": idp.issuer,
        "SENIM_OIDC_NAME": "Sud ID",
        "SOCIALACCOUNT_PROVIDERS": {
            "openid_connect": {
                "OAUTH_PKCE_ENABLED": True,
                "APPS": [
                    {
                        "provider_id": "institution",
                        "name": "Sud ID",
                        "client_id": idp.client_id,
                        "secret": idp.client_secret,
                        "settings": {"server_url": idp.issuer},
                    }
                ],
            }
        },
    }


class _Manual(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def provider_sign_in(idp: OidcProvider, authorize_url: str, user: IdpUser) -> str:
    """The browser's part at the provider: its login form; where it sends the browser back."""
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _Manual()
    )

    def fetch(url: str, data: dict[str, str] | None = None) -> tuple[int, dict[str, str], str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            with opener.open(urllib.request.Request(url, data=body), timeout=30) as response:
                return response.status, dict(response.headers), response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read().decode()

    status, headers, _ = fetch(authorize_url)
    assert status == 302, idp.log_text()
    login_url = urllib.parse.urljoin(idp.url, headers["Location"])
    _, _, page = fetch(login_url)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    next_url = urllib.parse.parse_qs(urllib.parse.urlparse(login_url).query)["next"][0]
    status, headers, _ = fetch(
        login_url,
        {
            "username": user.username,
            "password": user.password,
            "next": next_url,
            "csrfmiddlewaretoken": token,
        },
    )
    assert status == 302, idp.log_text()
    status, headers, _ = fetch(urllib.parse.urljoin(idp.url, headers["Location"]))
    assert status == 302, idp.log_text()
    return headers["Location"]


def sso(client: Client, idp: OidcProvider, user: IdpUser) -> Any:
    """Press "Sign in with Sud ID" and come back from the provider: Senim's answer."""
    start = client.post("/office/sso/institution/login/", {"process": "login"})
    assert start.status_code == 302 and start["Location"].startswith(idp.issuer), start
    back = provider_sign_in(idp, start["Location"], user)
    assert back.startswith(f"http://testserver{CALLBACK}?"), back
    return client.get(back.removeprefix("http://testserver"))


@override_settings(SENIM_MFA_ENFORCED=True)
def test_staff_are_matched_by_the_recorded_claim_and_never_created(idp, make_staff) -> None:
    with override_settings(**sso_settings(idp)):
        chief = make_staff(Role.CHIEF, "REG-75", username="chief-sso")
        chief.sso_subject = AIGERIM.sub
        chief.save()
        users_before = User.objects.count()

        login_page = Client().get("/office/login/", HTTP_ACCEPT_LANGUAGE="en")
        assert "Sign in with Sud ID" in login_page.content.decode()
        # The office's forms may send the browser on to the provider; the portal's never.
        assert f"form-action 'self' {idp.url};" in login_page["Content-Security-Policy"]
        assert "form-action 'self';" in Client().get("/")["Content-Security-Policy"]

        # The provider asserted a second factor (amr otp): straight in, no enrolment asked.
        client = Client(HTTP_ACCEPT_LANGUAGE="en")
        answer = sso(client, idp, AIGERIM)
        assert answer.status_code == 302 and answer["Location"] == "/office/", answer
        assert client.get("/office/").status_code == 200
        entry = AuditEvent.objects.filter(action="login", actor="chief-sso").latest("seq")
        assert "socialaccount" in entry.detail["methods"] and "mfa" in entry.detail["methods"]

        # Somebody the provider knows but Senim has no account for: refused, nothing made.
        refused = sso(Client(HTTP_ACCEPT_LANGUAGE="en"), idp, STRANGER)
        assert refused.status_code == 403
        assert "No Senim account for this sign-in" in refused.content.decode()
        assert User.objects.count() == users_before
        assert AuditEvent.objects.filter(action="login.sso_refused").exists()


@override_settings(SENIM_MFA_ENFORCED=True)
def test_without_the_providers_second_factor_senims_own_applies(idp, make_staff) -> None:
    with override_settings(**sso_settings(idp)):
        chief = make_staff(Role.CHIEF, "REG-75", username="chief-bolat")
        chief.sso_subject = BOLAT.sub
        chief.save()
        # No factor of their own yet: in, but only as far as enrolment.
        client = Client(HTTP_ACCEPT_LANGUAGE="en")
        assert sso(client, idp, BOLAT)["Location"] == "/office/"
        assert client.get("/office/cases/")["Location"] == "/office/security/enrol/"

        # With an authenticator app, single sign-on asks for its code as the password does.
        password_client = Client(HTTP_ACCEPT_LANGUAGE="en")
        password_step(password_client, "chief-bolat")
        secret, _codes = enrol_totp(password_client)
        client = Client(HTTP_ACCEPT_LANGUAGE="en")
        answer = sso(client, idp, BOLAT)
        assert answer["Location"] == "/office/2fa/authenticate/"
        assert client.get("/office/")["Location"].startswith("/office/login/")
        done = client.post("/office/2fa/authenticate/", {"code": totp(secret)})
        assert done["Location"] == "/office/" and client.get("/office/").status_code == 200


def test_password_login_can_be_switched_off_for_linked_staff(idp, make_staff) -> None:
    with override_settings(**sso_settings(idp), SENIM_SSO_PASSWORD_LOGIN=False):
        linked = make_staff(Role.OPERATOR, "REG-75", username="operator-linked")
        linked.sso_subject = "idp-someone"
        linked.save()
        make_staff(Role.OPERATOR, "REG-75", username="operator-plain")
        refused = password_step(Client(HTTP_ACCEPT_LANGUAGE="en"), "operator-linked")
        assert refused.status_code == 200
        assert "signs in through the institution&#x27;s single sign-on" in refused.content.decode()
        assert password_step(Client(), "operator-plain")["Location"] == "/office/"


def test_without_a_provider_there_is_no_single_sign_on() -> None:
    assert "Sign in with" not in Client().get("/office/login/").content.decode()
    assert Client().post("/office/sso/institution/login/").status_code == 404


@override_settings(SENIM_MFA_ENFORCED=True)
def test_the_providers_acr_alone_vouches_for_the_second_factor(idp, make_staff) -> None:
    # AIGERIM's token says amr ["pwd", "otp"] and acr "mfa": with no amr value accepted, the
    # acr decides, and no longer once it is not accepted either.
    chief = make_staff(Role.CHIEF, "REG-75", username="chief-acr")
    chief.sso_subject = AIGERIM.sub
    chief.save()
    with override_settings(**sso_settings(idp), SENIM_OIDC_MFA_AMR=[]):
        client = Client(HTTP_ACCEPT_LANGUAGE="en")
        assert sso(client, idp, AIGERIM)["Location"] == "/office/"
        assert client.get("/office/cases/").status_code == 200
        with override_settings(SENIM_OIDC_MFA_ACR=[]):
            client = Client(HTTP_ACCEPT_LANGUAGE="en")
            assert sso(client, idp, AIGERIM)["Location"] == "/office/"
            assert client.get("/office/cases/")["Location"] == "/office/security/enrol/"
