"""The daily reception: a territorial unit's chief receives citizens in person.

The unit opens times (slots); a citizen books one on the portal, or an operator books for a
caller; a walk-in visitor is added on the day. The booking's contact is sealed in the vault and
opened, audited, by the chief who holds the reception. The meeting's protocol becomes an appeal
through the registration (`senim.cases.registration`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from senim.accounts.models import User
from senim.core import clock
from senim.core.audit import audit
from senim.core.calendar import calendar
from senim.core.errors import DomainError, PermissionDenied
from senim.intake import receipts, vault
from senim.intake.checks import phone_invalid, phone_is_valid
from senim.intake.models import Appeal, BookingStatus, ReceptionBooking, ReceptionSlot
from senim.intake.selectors import RECEPTION_VERSION_KEY
from senim.organization import policy
from senim.organization.models import Unit
from senim.organization.policy import Capability


def _version_move() -> None:
    try:
        cache.incr(RECEPTION_VERSION_KEY)
    except ValueError:
        cache.set(RECEPTION_VERSION_KEY, 1, None)


def _availability_changed() -> None:
    """The free times the portal offers have changed: its booking pages are rendered again.

    Moved at once (where no commit follows, as in a test's transaction, the next page is
    still fresh) and again on commit (a page rendered meanwhile from the state before the
    commit is not kept)."""
    _version_move()
    transaction.on_commit(_version_move)


def _booking_number(day: dt.date) -> str:
    return f"R{day:%y%m%d}-{secrets.randbelow(10**6):06d}"


BOOKING_NUMBER_TRIES = 5


def _booking_create(**fields: Any) -> ReceptionBooking:
    """Insert a booking under a fresh random number of its day, drawing again on a clash.

    The number is random so that it tells nobody how many citizens came that day; with a
    million per day two bookings of a busy day meet now and then (a hundred bookings: one day
    in two hundred), and the unique constraint must not turn that into a failed booking.
    """
    for _clash in range(BOOKING_NUMBER_TRIES - 1):
        try:
            with transaction.atomic():
                return ReceptionBooking.objects.create(
                    number=_booking_number(fields["day"]), **fields
                )
        except IntegrityError:
            continue  # the number was taken: draw another
    return ReceptionBooking.objects.create(number=_booking_number(fields["day"]), **fields)


def _cancel_lookup(code: str) -> str:
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"reception-cancel:{code}".encode(), hashlib.sha256).hexdigest()


@transaction.atomic
def reception_slots_open(
    *,
    unit: Unit,
    first_day: dt.date,
    last_day: dt.date,
    times: list[dt.time],
    minutes: int,
    capacity: int,
    location: str,
) -> int:
    """Open reception slots on every working day of the range (weekends and holidays skipped)."""
    if unit.kind != Unit.Kind.TERRITORIAL:
        raise DomainError(_("The daily reception is held by territorial departments."))
    if last_day < first_day or (last_day - first_day).days > 92:
        raise DomainError(_("Choose a range of at most three months."))
    if not times:
        raise DomainError(_("Give at least one time."))
    created = 0
    for day in calendar().working_days(first_day, last_day):
        for time in times:
            starts_at = timezone.make_aware(dt.datetime.combine(day, time))
            _slot, made = ReceptionSlot.objects.get_or_create(
                unit=unit,
                starts_at=starts_at,
                defaults={"minutes": minutes, "capacity": capacity, "location": location},
            )
            created += made
    if created:
        _availability_changed()
    return created


@transaction.atomic
def reception_book(
    *,
    slot_id: int,
    name: str,
    phone: str,
    topic: str,
    language: str,
    booked_by: User | None = None,
) -> tuple[ReceptionBooking, str]:
    """Book a place; returns the booking and its cancellation code (shown once)."""
    slot = ReceptionSlot.objects.select_for_update().filter(pk=slot_id).order_by("pk").first()
    if slot is None or slot.starts_at <= clock.now():
        raise DomainError(_("This time is no longer available. Choose another."))
    taken = slot.bookings.filter(status=BookingStatus.BOOKED).count()
    if taken >= slot.capacity:
        raise DomainError(_("This time is already fully booked. Choose another."))
    if not name.strip() or not phone.strip():
        raise DomainError(_("Give your name and a phone number."))
    if not phone_is_valid(phone.strip()):
        raise phone_invalid()
    code = receipts.new_code()[:8]
    day = timezone.localtime(slot.starts_at).date()
    booking = _booking_create(
        slot=slot,
        unit=slot.unit,
        day=day,
        sealed_contact=vault.seal_json({"name": name.strip(), "phone": phone.strip()}),
        topic=topic.strip(),
        language=language,
        cancel_lookup=_cancel_lookup(code),
        booked_by=booked_by,
    )
    audit(
        action="reception.booked", actor=booked_by, object_type="booking", object_id=booking.number
    )
    _availability_changed()
    return booking, code


@transaction.atomic
def reception_cancel(*, number: str, code: str) -> ReceptionBooking:
    # order_by("pk"): the default ordering joins the (nullable) slot, which FOR UPDATE refuses.
    booking = (
        ReceptionBooking.objects.select_for_update()
        .filter(number=number.strip())
        .order_by("pk")
        .first()
    )
    if booking is None or not hmac.compare_digest(booking.cancel_lookup, _cancel_lookup(code)):
        raise DomainError(_("No booking matches this number and code."))
    if booking.status != BookingStatus.BOOKED:
        raise DomainError(_("This booking can no longer be cancelled."))
    booking.status = BookingStatus.CANCELLED
    booking.save(update_fields=["status"])
    audit(action="reception.cancelled", object_type="booking", object_id=booking.number)
    _availability_changed()
    return booking


@transaction.atomic
def reception_walk_in(
    *, unit: Unit, name: str, phone: str, topic: str, language: str, chief: User
) -> ReceptionBooking:
    if phone.strip() and not phone_is_valid(phone.strip()):
        raise phone_invalid()
    day = clock.today()
    booking = _booking_create(
        unit=unit,
        day=day,
        walk_in=True,
        sealed_contact=vault.seal_json({"name": name.strip(), "phone": phone.strip()}),
        topic=topic.strip(),
        language=language,
        status=BookingStatus.ATTENDED,
        booked_by=chief,
    )
    audit(action="reception.walk_in", actor=chief, object_type="booking", object_id=booking.number)
    return booking


@transaction.atomic
def reception_mark(*, booking: ReceptionBooking, status: str, chief: User) -> ReceptionBooking:
    if status not in (BookingStatus.ATTENDED, BookingStatus.NO_SHOW):
        raise DomainError(_("Mark the booking as attended or as a no-show."))
    if booking.status == BookingStatus.CANCELLED:
        raise DomainError(_("The citizen cancelled this booking."))
    if booking.appeal_id is not None:
        raise DomainError(_("A protocol has already been registered for this meeting."))
    booking.status = status
    booking.save(update_fields=["status"])
    audit(
        action="reception.attended" if status == BookingStatus.ATTENDED else "reception.no_show",
        actor=chief,
        object_type="booking",
        object_id=booking.number,
    )
    _availability_changed()  # a place marked before its time is free again
    return booking


def booking_contact(booking: ReceptionBooking, *, reader: User) -> dict[str, str]:
    """Name and phone of the citizen, for the chief who writes the meeting's protocol.

    Opening the vault is an audit event, as every reading of a citizen's identity is.
    """
    audit(
        action="reception.contact_opened",
        actor=reader,
        object_type="booking",
        object_id=booking.number,
    )
    return vault.open_json(booking.sealed_contact)


def reception_day(
    unit: Unit, day: dt.date, *, reader: User
) -> list[tuple[ReceptionBooking, dict[str, str]]]:
    """The unit's bookings of the day with each citizen's name and phone, for its chief;
    opening them is one audit entry for the day."""
    bookings = list(
        ReceptionBooking.objects.filter(unit=unit, day=day)
        .select_related("slot", "appeal")
        .order_by("slot__starts_at", "created_at")
    )
    if bookings:
        audit(
            action="reception.day_opened",
            actor=reader,
            object_type="unit",
            object_id=unit.code,
            detail={"day": day.isoformat()},
        )
    return [(booking, vault.open_json(booking.sealed_contact)) for booking in bookings]


# --- The meeting's protocol -------------------------------------------------------------


def protocol_check(*, booking: ReceptionBooking, chief: User, confirmed: bool) -> None:
    """Only the chief of the booking's unit writes its protocol, once, of a meeting the citizen
    came to, and only when the citizen has read and confirmed it. The protocol itself is an
    appeal, registered by `senim.cases.registration.appeal_register(booking=...)`."""
    refusal = _("Only the chief of this unit writes its reception protocols.")
    actor = policy.require(chief, Capability.RECEPTION_HOLD, refusal)
    if actor.unit_id != booking.unit_id:
        raise PermissionDenied(refusal)
    if booking.appeal_id is not None:
        raise DomainError(_("A protocol has already been registered for this meeting."))
    if booking.status not in (BookingStatus.ATTENDED, BookingStatus.BOOKED):
        raise DomainError(_("The citizen did not attend this meeting."))
    if not confirmed:
        raise DomainError(_("The citizen must read and confirm the protocol."))


def protocol_attach(*, booking: ReceptionBooking, appeal: Appeal) -> None:
    """In the registration's transaction: the meeting was attended and its protocol is this
    appeal. One conditional UPDATE, no read: of two protocols of one meeting registered at
    once, the second finds the booking taken and fails (its registration rolls back)."""
    taken = ReceptionBooking.objects.filter(
        pk=booking.pk,
        appeal__isnull=True,
        status__in=(BookingStatus.ATTENDED, BookingStatus.BOOKED),
    ).update(appeal=appeal, status=BookingStatus.ATTENDED)
    if not taken:
        raise DomainError(_("A protocol has already been registered for this meeting."))
    booking.appeal = appeal
    booking.status = BookingStatus.ATTENDED
