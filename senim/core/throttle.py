"""Counting what a client does, without keeping its address.

A client is known by an HMAC of its address with a secret and the current hour (`Client`): the
key cannot be turned back into an address, the same address gives an unrelated key the next
hour, and nothing but the cache holds it, for at most a window. IPv6 clients are keyed by their
/64 network: one subscriber gets a whole /64 and could otherwise take a new address per try.

A `Limit` allows `allowance` events per client in any `window` seconds. Each event takes a
numbered *slot*, a cache entry added with the window as its lifetime. `cache.add` is atomic on
every back end (an INSERT under a unique key on the database cache, SET NX on Redis), whereas
`cache.incr` on the database cache reads and writes back, so concurrent requests lose counts,
and it resets the entry's lifetime to the cache's default. With slots a limit holds under any
number of concurrent requests, and the window slides: each slot frees `window` seconds after it
was taken. The hourly key adds one edge: when the hour turns, the new key's slots are all free.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from senim.core import clock


def client_address(request: HttpRequest) -> str:
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


def _network(address: str) -> str:
    """The part of an address that names one subscriber: IPv4 whole, IPv6 by its /64."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.IPv6Network(f"{ip}/64", strict=False))
    return str(ip)


def _keyed(message: str) -> str:
    hour = clock.now().strftime("%Y%m%d%H")
    secret = f"{settings.SECRET_KEY}:{hour}".encode()
    return hmac.new(secret, message.encode(), hashlib.sha256).hexdigest()[:32]


@dataclass(frozen=True)
class Client:
    """A client as the throttles know it: a keyed digest, never its address."""

    digest: str

    def paired(self, name: str) -> Client:
        """This client together with a name (a username): a key of its own, as unreadable."""
        return Client(_keyed(f"{self.digest}\n{name}"))


def client_of(request: HttpRequest) -> Client:
    """This hour's key of the request's client."""
    return Client(_keyed(_network(client_address(request))))


@dataclass(frozen=True)
class Limit:
    """At most `allowance` events per client in any window; both numbers are settings."""

    name: str
    allowance_setting: str
    window_setting: str

    @property
    def allowance(self) -> int:
        # Never zero: a limit of nothing would refuse honest people outright.
        return max(1, int(getattr(settings, self.allowance_setting)))

    @property
    def window(self) -> int:
        return int(getattr(settings, self.window_setting))

    def slots(self, client: Client) -> list[str]:
        return [f"{self.name}:{client.digest}:{n}" for n in range(self.allowance)]


def used(limit: Limit, client: Client) -> int:
    """How many of the client's slots are taken now."""
    return len(cache.get_many(limit.slots(client)))


def exhausted(limit: Limit, client: Client) -> bool:
    return used(limit, client) >= limit.allowance


def take(limit: Limit, client: Client) -> str | None:
    """Take a free slot for one event (its key, for `give_back`), or None when none is free."""
    slots = limit.slots(client)
    taken = cache.get_many(slots)
    for slot in slots:
        # A slot another request took since get_many is refused by add: try the next.
        if slot not in taken and cache.add(slot, 1, limit.window):
            return slot
    return None


def give_back(slot: str) -> None:
    """Free a slot taken for an event that did not happen (or is not counted)."""
    cache.delete(slot)


def forget(limit: Limit, client: Client) -> None:
    """Free all of a client's slots (a successful login clears its failures)."""
    cache.delete_many(limit.slots(client))


def tally(name: str, window: int) -> int:
    """Count one event of everyone's in the current fixed window; the count so far.

    Approximate on the database cache (concurrent increments can be lost): meant for alarms,
    never for refusing anyone.
    """
    key = f"{name}:{int(clock.now().timestamp()) // window}"
    if cache.add(key, 1, window):
        return 1
    try:
        count = int(cache.incr(key))
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        return 1
    cache.touch(key, window)  # the database cache's incr gave it the default lifetime
    return count


def once_per_window(name: str, window: int) -> bool:
    """True for the first caller in the current fixed window, False for every other one."""
    return bool(cache.add(f"{name}:{int(clock.now().timestamp()) // window}", 1, window))
