"""Webhook secrets and signatures (the Standard Webhooks specification, by its own library).

A subscription's secret is made by Senim, shown once to whoever creates the subscription, and
kept only sealed: signing needs the secret itself (an HMAC key), so it cannot be hashed as a
password is. It is sealed with a symmetric key derived from SENIM_VAULT_KEY under a purpose of
its own, so the database alone never yields it, and the vault's own key pair is not reused.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import secrets
from functools import lru_cache

from django.conf import settings
from nacl.secret import SecretBox
from standardwebhooks import Webhook

PREFIX = "whsec_"


@lru_cache(maxsize=4)
def _box(vault_key: str) -> SecretBox:
    key = hashlib.blake2b(vault_key.encode(), digest_size=32, person=b"senim-webhooks").digest()
    return SecretBox(key)


def secret_new() -> str:
    """A fresh secret as Standard Webhooks writes it: `whsec_` and 32 random bytes in base64."""
    return PREFIX + base64.b64encode(secrets.token_bytes(32)).decode()


def secret_seal(secret: str) -> bytes:
    return bytes(_box(settings.SENIM_VAULT_KEY).encrypt(secret.encode()))


def secret_open(sealed: bytes | memoryview) -> str:
    return _box(settings.SENIM_VAULT_KEY).decrypt(bytes(sealed)).decode()


def headers(*, secret: str, message_id: str, at: dt.datetime, body: bytes) -> dict[str, str]:
    """The three headers of a signed delivery (`webhook-timestamp` is the attempt's time)."""
    return {
        "webhook-id": message_id,
        "webhook-timestamp": str(int(at.timestamp())),
        "webhook-signature": Webhook(secret).sign(message_id, at, body),
    }
