"""Throttling the portal without keeping anyone's IP address.

Two scopes (`Scope`): receipt-code attempts and reception bookings. The client key is an HMAC
of the address with a secret and the current hour, held only in the cache for the window: it
cannot be turned back into an address and is gone afterwards. For codes, a global ceiling stops
distributed guessing.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

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


@dataclass(frozen=True)
class Scope:
    """What is counted per client: its cache-key prefix, the setting with its limit, and
    whether everyone's attempts together have a ceiling too."""

    name: str
    limit_setting: str
    global_ceiling: bool


# Receipt-code attempts, counted when they fail (follow-up, the coupon PDF, a cancellation).
FOLLOW_UP = Scope("follow-up", "SENIM_FOLLOW_UP_ATTEMPTS", global_ceiling=True)
# Reception bookings, counted when made: one client may not take every place of a week. No
# ceiling for everyone: that would let one client close the reception to all.
BOOKING = Scope("booking", "SENIM_RECEPTION_BOOKINGS_PER_CLIENT", global_ceiling=False)


def _client_key(request: HttpRequest, scope: Scope) -> str:
    address = _client_address(request)
    hour = clock.now().strftime("%Y%m%d%H")
    secret = f"{settings.SECRET_KEY}:{hour}".encode()
    digest = hmac.new(secret, address.encode(), hashlib.sha256).hexdigest()[:32]
    return f"{scope.name}:{digest}"


def _count(key: str) -> int:
    return int(cache.get(key, 0))


def blocked(request: HttpRequest, scope: Scope = FOLLOW_UP) -> bool:
    """Whether this client has used up its attempts (or, with a ceiling, everyone has)."""
    limit = int(getattr(settings, scope.limit_setting))
    if _count(_client_key(request, scope)) >= limit:
        return True
    return scope.global_ceiling and _count(f"{scope.name}:all") >= limit * GLOBAL_FACTOR


def count(request: HttpRequest, scope: Scope = FOLLOW_UP) -> None:
    """Count one attempt of this client's (and, with a ceiling, of everyone's) for the window."""
    window = settings.SENIM_FOLLOW_UP_WINDOW_SECONDS
    keys = [_client_key(request, scope)] + ([f"{scope.name}:all"] if scope.global_ceiling else [])
    for key in keys:
        if not cache.add(key, 1, window):
            try:
                cache.incr(key)
            except ValueError:
                cache.set(key, 1, window)
