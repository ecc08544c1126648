"""Throttling receipt-code attempts without keeping anyone's IP address.

The client key is an HMAC of the address with a secret and the current hour, held only in the
cache for the window: it cannot be turned back into an address and is gone afterwards.
A global ceiling stops distributed guessing.
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from senim.core import clock

GLOBAL_FACTOR = 50


def _client_address(request: HttpRequest) -> str:
    """The address the request came from, as the server or its one trusted proxy saw it.

    Behind the reverse proxy (SENIM_BEHIND_PROXY) every request comes from the proxy, which
    appends the address it saw to X-Forwarded-For: the last entry is the only one a client
    cannot write (the entries before it are whatever the client sent). Without a proxy the
    header is the client's own words and is ignored.
    """
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if settings.SENIM_BEHIND_PROXY and forwarded:
        return str(forwarded).split(",")[-1].strip()
    return str(request.META.get("REMOTE_ADDR", ""))


def _client_key(request: HttpRequest) -> str:
    address = _client_address(request)
    hour = clock.now().strftime("%Y%m%d%H")
    secret = f"{settings.SECRET_KEY}:{hour}".encode()
    return "follow-up:" + hmac.new(secret, address.encode(), hashlib.sha256).hexdigest()[:32]


def _count(key: str) -> int:
    return int(cache.get(key, 0))


def blocked(request: HttpRequest) -> bool:
    limit = settings.SENIM_FOLLOW_UP_ATTEMPTS
    return _count(_client_key(request)) >= limit or _count("follow-up:all") >= limit * GLOBAL_FACTOR


def failed(request: HttpRequest) -> None:
    window = settings.SENIM_FOLLOW_UP_WINDOW_SECONDS
    for key in (_client_key(request), "follow-up:all"):
        if not cache.add(key, 1, window):
            try:
                cache.incr(key)
            except ValueError:
                cache.set(key, 1, window)
