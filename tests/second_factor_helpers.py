"""Signing in as staff through the real login pages, and TOTP codes computed here from the
secret the enrolment page shows (RFC 6238, as an authenticator app computes them)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import struct
import time
from typing import Any

from django.test import Client

from tests.conftest import PASSWORD


def totp(secret: str, *, at: float | None = None, step: int = 30, digits: int = 6) -> str:
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    counter = int((time.time() if at is None else at) // step)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return str(value % 10**digits).zfill(digits)


def password_step(client: Client, username: str, password: str = PASSWORD) -> Any:
    return client.post(
        "/office/login/", {"username": username, "password": password}, HTTP_ACCEPT_LANGUAGE="en"
    )


def enrol_totp(client: Client) -> tuple[str, list[str]]:
    """Add an authenticator app as a signed-in person does; (secret, recovery codes)."""
    page = client.get("/office/2fa/totp/activate/", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200, page
    secret = page.context["form"].secret
    assert secret in page.content.decode().replace(" ", "")  # typed in by hand if need be
    done = client.post("/office/2fa/totp/activate/", {"code": totp(secret)})
    assert done.status_code == 302, done.content.decode()[:2000]
    codes = client.get("/office/2fa/recovery-codes/").context["unused_codes"]
    return secret, list(codes)


def sign_in_with_code(client: Client, username: str, code: str) -> Any:
    first = password_step(client, username)
    assert first.status_code == 302 and first["Location"] == "/office/2fa/authenticate/", first
    return client.post("/office/2fa/authenticate/", {"code": code}, HTTP_ACCEPT_LANGUAGE="en")
