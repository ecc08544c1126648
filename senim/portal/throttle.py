"""Throttling the portal without keeping anyone's IP address.

Two scopes: receipt-code attempts (follow-up, the coupon PDF, cancelling a booking), counted
when they fail, and reception bookings, counted when they succeed, so that one client cannot
take every place of a chief's week. The client key is an HMAC of the address with a secret
and the current hour, held only in the cache for the window: it cannot be turned back into an
address and is gone afterwards. For codes, a global ceiling stops distributed guessing.
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


FOLLOW_UP = "follow-up"
BOOKING = "booking"


def _limit(scope: str) -> int:
    if scope == BOOKING:
        return int(settings.SENIM_RECEPTION_BOOKINGS_PER_CLIENT)
    return int(settings.SENIM_FOLLOW_UP_ATTEMPTS)


def _client_key(request: HttpRequest, scope: str) -> str:
    address = _client_address(request)
    hour = clock.now().strftime("%Y%m%d%H")
    secret = f"{settings.SECRET_KEY}:{hour}".encode()
    return f"{scope}:" + hmac.new(secret, address.encode(), hashlib.sha256).hexdigest()[:32]


def _count(key: str) -> int:
    return int(cache.get(key, 0))


def blocked(request: HttpRequest, scope: str = FOLLOW_UP) -> bool:
    """Whether this client has used up its attempts (or, for codes, everyone has)."""
    limit = _limit(scope)
    if _count(_client_key(request, scope)) >= limit:
        return True
    return scope == FOLLOW_UP and _count(f"{scope}:all") >= limit * GLOBAL_FACTOR


def failed(request: HttpRequest, scope: str = FOLLOW_UP) -> None:
    """Count one attempt of this client's (and, for codes, of everyone's) for the window."""
    window = settings.SENIM_FOLLOW_UP_WINDOW_SECONDS
    keys = [_client_key(request, scope)] + ([f"{scope}:all"] if scope == FOLLOW_UP else [])
    for key in keys:
        if not cache.add(key, 1, window):
            try:
                cache.incr(key)
            except ValueError:
                cache.set(key, 1, window)


def booked(request: HttpRequest) -> None:
    """Count a reception booking made by this client."""
    failed(request, BOOKING)
