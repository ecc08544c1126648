"""Cursor pagination: the next page starts after the last row seen (keyset), never at an
offset, so a page costs the same at the millionth row and nothing is skipped or repeated
when cases are added meanwhile. The cursor is signed (a forged one is a 400, not a query)."""

from __future__ import annotations

from typing import Any

from django.core import signing
from django.utils.translation import gettext_lazy as _

from senim.api.errors import Problem

_SALT = "senim.api.cursor"


def encode(position: dict[str, Any]) -> str:
    return signing.dumps(position, salt=_SALT, compress=True)


def decode(cursor: str, *, expect: str) -> dict[str, Any]:
    """The position a cursor names, made for the listing `expect` (its sort); 400 otherwise."""
    try:
        position = signing.loads(cursor, salt=_SALT)
    except signing.BadSignature as bad:
        raise Problem("invalid_request", _("The cursor is not valid.")) from bad
    if not isinstance(position, dict) or position.get("sort") != expect:
        raise Problem("invalid_request", _("The cursor belongs to another listing."))
    return position
