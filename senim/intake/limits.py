"""What one client may do on the public channels: reports, receipt-code attempts, bookings.

Every interface (the portal now, the API later) passes the request's `Client` (an hourly HMAC
of its address, `senim.core.throttle`); the limits are counted here so that no interface can
skip them. A refusal is a `LimitReached`, which the interface answers with HTTP 429 and the
form as the person filled it in.

Receipt codes. A client may make SENIM_FOLLOW_UP_ATTEMPTS wrong tries in any
SENIM_FOLLOW_UP_WINDOW_SECONDS (10 in 15 minutes); a right code is not counted. Everyone's
wrong tries together never refuse anybody: a reporter holding the right code is refused only
for the wrong codes of their own connection. Past SENIM_FOLLOW_UP_PRESSURE wrong tries in a
window the central department is told, by one audit entry per window.

How infeasible guessing stays: codes are 16 random digits, so with M mailboxes a guess hits
one with probability M / 10^16, and 10^16 / M guesses are expected (10^10 for a million
mailboxes). One client key gets at most 10 guesses in any 15 minutes, 40 in a clock hour (the
key changes with the hour): 10^10 guesses need 2.5 * 10^8 client-hours, about 28 years from
a thousand addresses (or IPv6 /64 networks). Beyond that the server itself is the ceiling:
each guess costs an Argon2id KDF of about 10 ms of CPU, about 100 guesses a second per core,
so 10^10 guesses are about 3 CPU-years (some ten weeks of a 16-core server doing nothing
else), a flood the central department is told about within its first window.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from django.conf import settings
from django.utils.translation import gettext as _

from senim.core import throttle
from senim.core.audit import audit
from senim.core.errors import DomainError
from senim.core.throttle import Client, Limit

T = TypeVar("T")

# Reports registered per client. Counted on success only.
REPORTS = Limit("reports", "SENIM_REPORTS_PER_CLIENT", "SENIM_REPORTS_WINDOW_SECONDS")
# Receipt-code attempts (follow-up, the coupon PDF, a booking's cancellation), counted when
# they fail.
RECEIPT_CODES = Limit("follow-up", "SENIM_FOLLOW_UP_ATTEMPTS", "SENIM_FOLLOW_UP_WINDOW_SECONDS")
# Reception bookings, counted when made: one client may not take every place of a week.
BOOKINGS = Limit("booking", "SENIM_RECEPTION_BOOKINGS_PER_CLIENT", "SENIM_FOLLOW_UP_WINDOW_SECONDS")

_EVERYONES_CODE_FAILURES = "follow-up-everyone"


class LimitReached(DomainError):
    """This client has used up its allowance for the window: try again later (HTTP 429)."""


@contextmanager
def _counted_on_success(limit: Limit, client: Client, refusal: str) -> Iterator[None]:
    # The slot is taken before the work, so that concurrent requests of one client cannot all
    # pass the check at once, and given back when the work fails: only successes count.
    slot = throttle.take(limit, client)
    if slot is None:
        raise LimitReached(refusal)
    try:
        yield
    except BaseException:
        throttle.give_back(slot)
        raise


@contextmanager
def report_allowance(*, client: Client) -> Iterator[None]:
    """Register a report within the client's allowance (SENIM_REPORTS_PER_CLIENT in any
    SENIM_REPORTS_WINDOW_SECONDS): raises LimitReached when it is used up; a registration
    that fails inside the block is not counted."""
    refusal = _(
        "Too many reports have been sent from this connection in the last hour. Your report "
        "has not been sent: it is kept below, send it again later."
    )
    with _counted_on_success(REPORTS, client, refusal):
        yield


@contextmanager
def booking_allowance(*, client: Client) -> Iterator[None]:
    """Make a reception booking within the client's allowance
    (SENIM_RECEPTION_BOOKINGS_PER_CLIENT per window); a failed booking is not counted."""
    refusal = _("Several bookings were made from this connection. Try again later.")
    with _counted_on_success(BOOKINGS, client, refusal):
        yield


def receipt_code_try(*, client: Client, check: Callable[[], T | None]) -> T | None:
    """Run `check`, a lookup by a receipt code, within the client's allowance of wrong codes.

    Raises LimitReached, without looking the code up, when the client has made
    SENIM_FOLLOW_UP_ATTEMPTS wrong tries in the window. A wrong code (`check` answers None or
    raises a DomainError) takes one of them; a right one does not. Other clients' wrong codes
    never refuse this one.
    """
    slot = throttle.take(RECEIPT_CODES, client)
    if slot is None:
        raise LimitReached(_("Too many attempts. Wait a few minutes and try again."))
    try:
        found = check()
    except DomainError:
        _code_failed()
        raise
    except BaseException:
        throttle.give_back(slot)
        raise
    if found is None:
        _code_failed()
    else:
        throttle.give_back(slot)
    return found


def _code_failed() -> None:
    """Everyone's wrong codes in the window; past the threshold the central department is told
    once per window (an audit entry, no address: there is none to give)."""
    window = RECEIPT_CODES.window
    failures = throttle.tally(_EVERYONES_CODE_FAILURES, window)
    threshold = settings.SENIM_FOLLOW_UP_PRESSURE
    if failures >= threshold and throttle.once_per_window(
        f"{_EVERYONES_CODE_FAILURES}:told", window
    ):
        audit(
            action="receipt_code.guessing",
            object_type="portal",
            detail={"wrong_codes": failures, "window_seconds": window, "threshold": threshold},
        )
