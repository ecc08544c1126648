"""The test OpenID provider works on its own: the authorization code flow walked by hand, as a
browser and a relying party would, with the ID token's signature checked against the JWKS."""

from __future__ import annotations

import base64
import hashlib
import http.cookiejar
import json
import re
import secrets
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest
from jwcrypto import jwk, jwt

from tests.oidc_harness import IdpUser, OidcProvider, oidc_provider

REDIRECT_URI = "http://127.0.0.1:9/senim/callback/"  # never fetched: the flow stops there
AIGERIM = IdpUser("aigerim", name="Aigerim Nurlanovna", email="aigerim@sud.kz", mfa=True)
BOLAT = IdpUser("bolat", password="another long passphrase")


@pytest.fixture(scope="module")
def idp(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OidcProvider]:
    with oidc_provider(
        tmp_path_factory.mktemp("idp"), users=[AIGERIM, BOLAT], redirect_uris=[REDIRECT_URI]
    ) as provider:
        yield provider


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


class Agent:
    """A browser's part: cookies kept, redirects seen one by one."""

    def __init__(self) -> None:
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirect()
        )

    def request(
        self, url: str, data: dict[str, str] | None = None, headers: dict[str, str] | None = None
    ) -> tuple[int, dict[str, str], str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(url, data=body, headers=headers or {})
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, dict(response.headers), response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read().decode()


def _get_json(url: str, headers: dict[str, str] | None = None) -> dict[str, Any]:
    status, _, body = Agent().request(url, headers=headers)
    assert status == 200, body
    return json.loads(body)


def _sign_in(
    idp: OidcProvider, user: IdpUser, *, pkce: bool = False
) -> tuple[dict[str, Any], dict[str, Any], str]:
    """The whole flow for one user: the token response, the discovery document, the nonce."""
    config = _get_json(idp.discovery_url)
    browser = Agent()
    state, nonce, verifier = (secrets.token_urlsafe(16) for _ in range(3))
    query = {
        "response_type": "code",
        "client_id": idp.client_id,
        "redirect_uri": REDIRECT_URI,
        "scope": "openid profile email",
        "state": state,
        "nonce": nonce,
    }
    if pkce:
        digest = hashlib.sha256(verifier.encode()).digest()
        query["code_challenge"] = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
        query["code_challenge_method"] = "S256"

    status, headers, _ = browser.request(
        config["authorization_endpoint"] + "?" + urllib.parse.urlencode(query)
    )
    assert status == 302 and "/accounts/login/" in headers["Location"]
    login_url = urllib.parse.urljoin(idp.url, headers["Location"])

    status, _, page = browser.request(login_url)
    assert status == 200
    assert 'id="id_username"' in page and 'id="id_password"' in page and "Sign in" in page
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    next_url = urllib.parse.parse_qs(urllib.parse.urlparse(login_url).query)["next"][0]

    status, _, page = browser.request(
        login_url,
        {"username": user.username, "password": "wrong", "next": next_url},
        {"X-CSRFToken": token},
    )
    assert status == 200 and "Wrong username or password" in page

    status, headers, _ = browser.request(
        login_url,
        {
            "username": user.username,
            "password": user.password,
            "next": next_url,
            "csrfmiddlewaretoken": token,
        },
    )
    assert status == 302, idp.log_text()
    status, headers, _ = browser.request(urllib.parse.urljoin(idp.url, headers["Location"]))
    assert status == 302, idp.log_text()
    callback = headers["Location"]
    assert callback.startswith(REDIRECT_URI), callback  # no consent screen in between
    answer = urllib.parse.parse_qs(urllib.parse.urlparse(callback).query)
    assert answer["state"] == [state]

    form = {
        "grant_type": "authorization_code",
        "code": answer["code"][0],
        "redirect_uri": REDIRECT_URI,
        "client_id": idp.client_id,
        "client_secret": idp.client_secret,
    }
    if pkce:
        form["code_verifier"] = verifier
    status, _, body = Agent().request(config["token_endpoint"], form)
    assert status == 200, body + idp.log_text()
    return json.loads(body), config, nonce


def _verified_claims(idp: OidcProvider, id_token: str, config: dict[str, Any]) -> dict[str, Any]:
    keys = jwk.JWKSet.from_json(json.dumps(_get_json(config["jwks_uri"])))
    checked = jwt.JWT(
        jwt=id_token,
        key=keys,
        algs=["RS256"],
        check_claims={"iss": idp.issuer, "aud": idp.client_id, "exp": None},
    )
    return json.loads(checked.claims)


def test_discovery_names_the_issuer_allauth_is_given(idp: OidcProvider) -> None:
    config = _get_json(idp.issuer + "/.well-known/openid-configuration")
    assert config["issuer"] == idp.issuer
    assert "RS256" in config["id_token_signing_alg_values_supported"]
    assert "client_secret_post" in config["token_endpoint_auth_methods_supported"]


@pytest.mark.parametrize(
    ("user", "amr", "acr", "pkce"),
    [(AIGERIM, ["pwd", "otp"], "mfa", False), (BOLAT, ["pwd"], "pwd", True)],
)
def test_code_flow_yields_a_signed_id_token_with_the_users_claims(
    idp: OidcProvider, user: IdpUser, amr: list[str], acr: str, pkce: bool
) -> None:
    tokens, config, nonce = _sign_in(idp, user, pkce=pkce)
    claims = _verified_claims(idp, tokens["id_token"], config)
    expected = {
        "sub": user.sub,
        "preferred_username": user.username,
        "name": user.as_spec()["name"],
        "email": user.as_spec()["email"],
        "email_verified": True,
        "amr": amr,
        "acr": acr,
        "nonce": nonce,
    }
    assert {key: claims.get(key) for key in expected} == expected

    userinfo = _get_json(
        config["userinfo_endpoint"], {"Authorization": f"Bearer {tokens['access_token']}"}
    )
    expected.pop("nonce")
    assert {key: userinfo.get(key) for key in expected} == expected


def test_a_change_made_while_serving_shows_in_the_next_token(idp: OidcProvider) -> None:
    carol = IdpUser("carol", email_verified=False)
    idp.put_users(carol)
    tokens, config, _ = _sign_in(idp, carol)
    claims = _verified_claims(idp, tokens["id_token"], config)
    assert (claims["amr"], claims["email_verified"]) == (["pwd"], False)

    idp.put_users(replace(carol, mfa=True))
    tokens, config, _ = _sign_in(idp, carol)
    claims = _verified_claims(idp, tokens["id_token"], config)
    assert (claims["sub"], claims["amr"], claims["acr"]) == ("idp-carol", ["pwd", "otp"], "mfa")
