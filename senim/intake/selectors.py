"""Reads of intake: an appeal by its receipt code or its number, the mailbox, free reception
times, and the sealed identity for the audited services above."""

from __future__ import annotations

import datetime as dt

from django.core.cache import cache
from django.db.models import Count, F, Q

from senim.core import clock
from senim.intake import receipts, vault
from senim.intake.models import (
    Appeal,
    BookingStatus,
    Mailbox,
    MailboxMessage,
    ReceptionSlot,
    ReporterIdentity,
)
from senim.organization.models import Unit


def mailbox_find(code: str) -> Appeal | None:
    """The appeal whose receipt code this is; None for any wrong or malformed code."""
    digits = receipts.normalise(code)
    if digits is None:
        return None
    mailbox = (
        Mailbox.objects.select_related("appeal", "appeal__court")
        .filter(lookup=receipts.lookup_key(digits))
        .first()
    )
    return mailbox.appeal if mailbox else None


def mailbox_messages(appeal: Appeal) -> list[MailboxMessage]:
    return list(appeal.messages.prefetch_related("files").order_by("created_at", "pk"))


def appeal_find_by_number(number: str) -> Appeal | None:
    return Appeal.objects.filter(number=number.strip()).first()


def identity_read(appeal: Appeal) -> dict[str, str] | None:
    """The sealed identity in the clear. Only audited services above this layer call it."""
    record = ReporterIdentity.objects.filter(appeal=appeal).first()
    return vault.open_json(record.sealed) if record else None


# Moved by every change to what the portal offers as free reception times (the services of
# senim.intake.reception): the portal renders a unit's booking page once per version.
RECEPTION_VERSION_KEY = "senim:reception-version"


def reception_version() -> int:
    return int(cache.get(RECEPTION_VERSION_KEY, 0))


def reception_slots_available(unit: Unit, *, days: int = 14) -> list[ReceptionSlot]:
    now = clock.now()
    return list(
        ReceptionSlot.objects.filter(
            unit=unit, starts_at__gt=now, starts_at__lte=now + dt.timedelta(days=days)
        )
        .annotate(taken=Count("bookings", filter=Q(bookings__status=BookingStatus.BOOKED)))
        .filter(taken__lt=F("capacity"))
        .order_by("starts_at")
    )
