"""The identity vault: libsodium sealed boxes.

Anything identifying (a reporter's identity and contacts, a booking's name and phone, every
attachment) is sealed to a public key. Sealing needs only the public key, so the code paths
that write identities never need the private one; opening is confined to `vault_open`, which
only the audited reveal service and staff downloads call. The private key is derived from
SENIM_VAULT_KEY, which lives in the environment (or var/secrets outside production), never in
the database.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from typing import Any

from django.conf import settings
from nacl.public import PrivateKey, PublicKey, SealedBox


@lru_cache(maxsize=4)
def _private_key(secret: str) -> PrivateKey:
    seed = hashlib.blake2b(secret.encode(), digest_size=32, person=b"senim-vault").digest()
    return PrivateKey(seed)


def public_key() -> PublicKey:
    return _private_key(settings.SENIM_VAULT_KEY).public_key


def seal(data: bytes) -> bytes:
    return bytes(SealedBox(public_key()).encrypt(data))


def vault_open(sealed: bytes | memoryview) -> bytes:
    return bytes(SealedBox(_private_key(settings.SENIM_VAULT_KEY)).decrypt(bytes(sealed)))


def seal_json(value: dict[str, Any]) -> bytes:
    return seal(json.dumps(value, ensure_ascii=False).encode())


def open_json(sealed: bytes | memoryview) -> dict[str, Any]:
    value: dict[str, Any] = json.loads(vault_open(sealed))
    return value
