"""Delivering the outbox: the task worker sends each subscription's messages, signed.

A message's states:

    pending -> sending              claimed by a worker (one short transaction, committed)
    sending -> delivered            the subscriber answered 2xx
    sending -> pending              it did not: tried again after a back-off (doubling, jitter)
    sending -> failed               the last attempt failed: the subscription is paused
    sending (lease run out) -> sending   the worker died mid-call: another worker takes it over

No transaction is open during the HTTP call: the claim commits first, the outcome is recorded
in a second transaction. Messages of one case go out in order: a message is not claimed while
an earlier one of the same case and subscription is not yet delivered (whatever its state), so
a later event waits for the earlier one. Two workers may drain one subscription at once: the
claim locks its row with `FOR UPDATE SKIP LOCKED` on PostgreSQL (SQLite's writers queue anyway,
and one worker is the rule there).

Delivery is at least once: the `webhook-id` of a message is the same on every attempt, and a
worker that dies after the subscriber received a message but before recording it leaves the
message to be sent again once its lease has run out. Receivers drop an id they have seen.
"""

from __future__ import annotations

import datetime as dt
import http.client
import ipaddress
import json
import logging
import secrets
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet

from senim.core import clock
from senim.core.audit import audit
from senim.webhooks import signing
from senim.webhooks.enqueue import deliver_at, deliver_task
from senim.webhooks.models import Attempt, Message, Subscription

logger = logging.getLogger("senim.webhooks")

State = Message.State
# At most this many messages or seconds per task run; then another task continues, so that a
# backlog of one subscriber does not keep a worker from everything else.
BATCH = 200
BUDGET_SECONDS = 60.0
USER_AGENT = "Senim-Webhooks/1"


def lease() -> dt.timedelta:
    """How long a claimed message may stay `sending` before its worker is presumed dead."""
    return dt.timedelta(seconds=2 * settings.SENIM_WEBHOOK_TIMEOUT_SECONDS + 30)


def backoff(attempt: int) -> dt.timedelta:
    """The wait after the `attempt`-th failure: doubling from RETRY_SECONDS up to the maximum,
    each wait drawn between half and all of it so that retries of many messages spread out."""
    full = min(
        settings.SENIM_WEBHOOK_RETRY_SECONDS * 2 ** (attempt - 1),
        settings.SENIM_WEBHOOK_RETRY_MAX_SECONDS,
    )
    return dt.timedelta(seconds=full * secrets.SystemRandom().uniform(0.5, 1.0))


def url_allowed(url: str) -> bool:
    """https anywhere; plain http only to the hosts SENIM_WEBHOOK_HTTP_HOSTS names."""
    parts = urlsplit(url)
    if not parts.hostname:
        return False
    if parts.scheme == "https":
        return True
    return parts.scheme == "http" and parts.hostname in settings.SENIM_WEBHOOK_HTTP_HOSTS


class AddressNotAllowed(OSError):
    """The subscriber's name leads into the server's own network (loopback, private, link-local,
    reserved): a webhook must not become a way to reach what only the server can (SSRF)."""


def host_trusted(host: str) -> bool:
    """A host the administrator named in SENIM_WEBHOOK_HTTP_HOSTS (a unit's own system inside
    the network) may be at any address; every other host must be on the public internet."""
    return host in settings.SENIM_WEBHOOK_HTTP_HOSTS


def address_public(ip: str) -> bool:
    address = ipaddress.ip_address(ip.split("%", 1)[0])
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


def host_addresses(host: str, port: int | None = None) -> list[tuple[Any, ...]]:
    """The host's addresses as getaddrinfo gives them (names, dotted, decimal and hex forms)."""
    return socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)


def host_internal(host: str) -> bool:
    """Whether `host` resolves now to an address the server must not send to. A name that does
    not resolve is not internal (yet): delivery checks the address it connects to anyway."""
    if host_trusted(host):
        return False
    try:
        found = host_addresses(host)
    except (OSError, UnicodeError):
        return False
    return any(not address_public(str(info[4][0])) for info in found)


def _connect_public(
    address: tuple[str, int],
    timeout: float | None = None,
    source_address: tuple[str, int] | None = None,
    **kwargs: Any,
) -> socket.socket:
    """socket.create_connection, but to the address resolved and checked here: resolving once
    and connecting to that address leaves no second lookup for a name to change in between."""
    host, port = address
    if host_trusted(host):
        return socket.create_connection(address, timeout, source_address)
    found = host_addresses(host, port)
    if not found or any(not address_public(str(info[4][0])) for info in found):
        raise AddressNotAllowed("address not allowed")
    failure: OSError | None = None
    for family, kind, proto, _name, sockaddr in found:
        sock = socket.socket(family, kind, proto)
        try:
            if timeout is not None:
                sock.settimeout(timeout)
            if source_address:
                sock.bind(source_address)
            sock.connect(sockaddr)
        except OSError as error:
            sock.close()
            failure = error
            continue
        return sock
    raise failure or OSError("no address")


class _PublicHTTP(http.client.HTTPConnection):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._create_connection = _connect_public


class _PublicHTTPS(http.client.HTTPSConnection):
    # TLS wraps the checked socket with the name (SNI, certificate), not the address.
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._create_connection = _connect_public


class _PublicHTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_PublicHTTP, req)


class _PublicHTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_PublicHTTPS, req)


def body_of(payload: dict[str, Any]) -> bytes:
    """The bytes sent and signed: the same for every attempt of a message."""
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()


def due(subscription_id: int, now: dt.datetime) -> QuerySet[Message]:
    """The subscription's messages that may be sent now, oldest first: waiting and due, or
    left `sending` by a dead worker; none behind an undelivered earlier one of its case."""
    earlier_open = Message.objects.filter(
        subscription_id=OuterRef("subscription_id"),
        case_id=OuterRef("case_id"),
        pk__lt=OuterRef("pk"),
    ).exclude(state=State.DELIVERED)
    return (
        Message.objects.filter(subscription_id=subscription_id)
        .filter(
            Q(state=State.PENDING, next_attempt_at__lte=now)
            | Q(state=State.SENDING, lease_until__lt=now)
        )
        .filter(~Exists(earlier_open))
        .order_by("pk")
    )


@dataclass(frozen=True)
class Claim:
    pk: int
    subscription_id: int
    attempt: int
    message_id: str
    payload: dict[str, Any]
    url: str
    secret_sealed: bytes


def _claim(subscription_id: int) -> Claim | None:
    with transaction.atomic():
        subscription = Subscription.objects.filter(
            pk=subscription_id, state=Subscription.State.ACTIVE
        ).first()
        if subscription is None:
            return None
        now = clock.now()
        message = due(subscription_id, now).select_for_update(skip_locked=True).first()
        if message is None:
            return None
        message.state = State.SENDING
        message.attempts += 1
        message.lease_until = now + lease()
        message.save(update_fields=["state", "attempts", "lease_until"])
        return Claim(
            pk=message.pk,
            subscription_id=subscription_id,
            attempt=message.attempts,
            message_id=message.message_id,
            payload=message.payload,
            url=subscription.url,
            secret_sealed=bytes(subscription.secret_sealed),
        )


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer, not a new address to send a signed event to."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


# No proxy from the environment: the address checked must be the address connected to.
_opener = urllib.request.build_opener(
    urllib.request.ProxyHandler({}), _PublicHTTPHandler, _PublicHTTPSHandler, _NoRedirects
)


def post(url: str, body: bytes, headers: dict[str, str]) -> tuple[int | None, str]:
    """POST the body; (status code or None, a short error) — never the answer's content."""
    if not url_allowed(url):
        return None, "address not allowed"
    request = urllib.request.Request(  # noqa: S310 - the scheme is checked just above
        url,
        data=body,
        method="POST",
        headers={**headers, "Content-Type": "application/json", "User-Agent": USER_AGENT},
    )
    try:
        with _opener.open(request, timeout=settings.SENIM_WEBHOOK_TIMEOUT_SECONDS) as answer:
            answer.read(4096)
            return int(answer.status), ""
    except urllib.error.HTTPError as refused:
        refused.close()
        error = "redirect not followed" if 300 <= refused.code < 400 else ""
        return refused.code, error
    except urllib.error.URLError as failed:
        reason = failed.reason
        if isinstance(reason, AddressNotAllowed):
            return None, "address not allowed"
        named = type(reason).__name__ if isinstance(reason, Exception) else str(reason)
        return None, named[:200]
    except TimeoutError:
        return None, "timeout"
    except OSError as failed:
        return None, type(failed).__name__


def _attempt(claim: Claim) -> bool:
    """Send one claimed message and record the outcome; whether it was delivered."""
    if transaction.get_connection().in_atomic_block:
        # A subscriber's slow answer must never hold rows locked (nor a caller's transaction).
        raise RuntimeError("webhooks are delivered outside any transaction")
    at = clock.now()
    body = body_of(claim.payload)
    signed = signing.headers(
        secret=signing.secret_open(claim.secret_sealed),
        message_id=claim.message_id,
        at=at,
        body=body,
    )
    started = time.monotonic()
    status, error = post(claim.url, body, signed)
    took = int((time.monotonic() - started) * 1000)
    ok = status is not None and 200 <= status < 300
    if not ok and not error:
        error = f"HTTP {status}"
    _record(claim, at=at, status=status, error=error, ok=ok, took=took)
    return ok


def _record(
    claim: Claim, *, at: dt.datetime, status: int | None, error: str, ok: bool, took: int
) -> None:
    with transaction.atomic():
        message = Message.objects.select_for_update().get(pk=claim.pk)
        Attempt.objects.create(
            message=message,
            number=message.tries.count() + 1,
            at=at,
            status_code=status,
            error=error,
            duration_ms=took,
        )
        if message.state != State.SENDING or message.attempts != claim.attempt:
            return  # our lease ran out and another worker took the message over: its call
        message.last_status, message.last_error = status, error
        message.lease_until = None
        now = clock.now()
        if ok:
            message.state, message.delivered_at = State.DELIVERED, now
        elif message.attempts >= settings.SENIM_WEBHOOK_ATTEMPTS:
            message.state = State.FAILED
            _pause_failing(claim.subscription_id, message)
        else:
            message.state = State.PENDING
            message.next_attempt_at = now + backoff(message.attempts)
            retry_at = message.next_attempt_at
            transaction.on_commit(lambda: deliver_at(claim.subscription_id, retry_at))
        message.save(
            update_fields=[
                "state",
                "last_status",
                "last_error",
                "lease_until",
                "delivered_at",
                "next_attempt_at",
            ]
        )


def _pause_failing(subscription_id: int, message: Message) -> None:
    """A message that failed every attempt pauses its subscription: the later messages wait
    (in order) until someone resumes it, and the failed one is sent again then."""
    Subscription.objects.filter(pk=subscription_id).update(
        state=Subscription.State.PAUSED, paused_reason="failing"
    )
    logger.warning("webhook subscription %s paused: message %s failed", subscription_id, message)
    audit(
        action="webhook.failed",
        object_type="webhook",
        object_id=subscription_id,
        detail={
            "message": message.message_id,
            "attempts": message.attempts,
            "status": message.last_status,
            "error": message.last_error,
        },
    )


def messages_deliver(*, subscription_id: int) -> int:
    """Send the subscription's due messages one by one; how many were delivered.

    Stops at the first failure (the subscriber is down or refusing: its retry is scheduled and
    the rest waits with it), when nothing is due, or after BATCH messages or BUDGET_SECONDS,
    leaving the rest to a task of its own.
    """
    delivered = 0
    started = time.monotonic()
    for _ in range(BATCH):
        claim = _claim(subscription_id)
        if claim is None:
            return delivered
        if not _attempt(claim):
            return delivered
        delivered += 1
        if time.monotonic() - started > BUDGET_SECONDS:
            break
    deliver_task.enqueue(subscription_id)
    return delivered


def webhooks_resume() -> int:
    """The sweep's step: a delivery task for each active subscription with messages overdue
    by a minute (an enqueue lost with a crash, a worker that died mid-call). A task too many
    finds nothing to claim and does nothing."""
    now = clock.now()
    overdue = Message.objects.filter(subscription__state=Subscription.State.ACTIVE).filter(
        Q(state=State.PENDING, next_attempt_at__lt=now - dt.timedelta(minutes=1))
        | Q(state=State.SENDING, lease_until__lt=now)
    )
    ids = list(overdue.order_by().values_list("subscription_id", flat=True).distinct())
    for subscription_id in ids:
        deliver_task.enqueue(subscription_id)
    return len(ids)
