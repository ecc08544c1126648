"""Receipt codes: at least 16 random digits, shown once, never stored.

The mailbox is found by Argon2id(code, salt from the pepper): memory-hard, so testing codes
against a stolen database is slow, and useless without the pepper held outside it.
"""

from __future__ import annotations

import hashlib
import re
import secrets

from django.conf import settings
from nacl import pwhash

CODE_DIGITS = 16
_NOT_DIGITS = re.compile(r"[^0-9]")
_NOT_CODE_CHARACTERS = re.compile(r"[^0-9 \-]")


def new_code() -> str:
    return "".join(secrets.choice("0123456789") for _ in range(CODE_DIGITS))


def normalise(raw: str) -> str | None:
    """The digits of a typed code (spaces and dashes allowed), or None when it cannot be one."""
    raw = raw.strip()
    if len(raw) > 64 or _NOT_CODE_CHARACTERS.search(raw):
        return None
    digits = _NOT_DIGITS.sub("", raw)
    return digits if len(digits) == CODE_DIGITS else None


def grouped(code: str) -> str:
    """``1234 5678 9012 3456``: four groups are easier to read aloud and to copy."""
    return " ".join(code[i : i + 4] for i in range(0, len(code), 4))


def lookup_key(code: str) -> str:
    pepper = settings.SENIM_RECEIPT_PEPPER.encode()
    salt = hashlib.blake2b(pepper, digest_size=16, person=b"senim-receipt").digest()
    derived = pwhash.argon2id.kdf(
        32,
        code.encode(),
        salt,
        opslimit=settings.SENIM_RECEIPT_KDF_OPSLIMIT,
        memlimit=settings.SENIM_RECEIPT_KDF_MEMLIMIT,
    )
    return hashlib.blake2b(derived, key=pepper[:64], digest_size=32).hexdigest()
