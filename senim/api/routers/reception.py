"""The daily reception through /api/v1: its times (slots) and the day's bookings.

Who sees what is the office's rule, asked of the policy: the chief who holds a unit's
reception (RECEPTION_HOLD) sees and opens that unit's times and marks its bookings; whoever
books places for callers (RECEPTION_BOOK: the trust line's operators, the coordinator) sees
any territorial unit's times. Nobody else sees any. A booking's citizen (name and phone) is
sealed and stays so here: the list gives the booking, its time, topic and state, never the
contact (the chief opens it, audited, in the office when writing the protocol).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema, Status

from senim.api.auth import Caller, caller, require
from senim.api.conditional import etagged
from senim.api.errors import Problem
from senim.api.paging import PageQuery, queryset_page
from senim.api.types import Code, Line
from senim.core import clock
from senim.core.errors import NotFound
from senim.intake import reception as intake
from senim.intake.models import BookingStatus, ReceptionBooking, ReceptionSlot
from senim.organization import policy
from senim.organization.models import Unit
from senim.organization.policy import Capability

router = Router(tags=["reception"])

HOLD_REFUSAL = _("Only the chief of a territorial department holds its reception.")


def _units_seen(found: Caller) -> QuerySet[Unit]:
    """The units whose reception times the caller sees (none: a 403, as in the office)."""
    actor = policy.actor_of(found.user)
    if actor is not None and actor.may(Capability.RECEPTION_BOOK):
        return Unit.objects.filter(kind=Unit.Kind.TERRITORIAL)
    if actor is not None and actor.may(Capability.RECEPTION_HOLD):
        return Unit.objects.filter(pk=actor.unit_id)
    raise Problem("forbidden", _("Your role has no part in the daily reception."))


def _holder(request: HttpRequest) -> tuple[Caller, Unit]:
    """The chief holding the reception, and their unit."""
    found = require(request, capability=Capability.RECEPTION_HOLD, refusal=HOLD_REFUSAL)
    actor = policy.actor_of(found.user)
    assert actor is not None  # `require` found them able to act
    return found, actor.staff.unit


# Days a reception can be held on: anything else is a mistake, refused before any date
# arithmetic (the year 9999 plus a day is no date at all).
FIRST_YEAR, LAST_YEAR = 2000, 2100


def _reception_day(day: dt.date) -> dt.date:
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise Problem(
            "invalid_request",
            _("Choose days between %(first)d and %(last)d.")
            % {"first": FIRST_YEAR, "last": LAST_YEAR},
        )
    return day


# --- Slots --------------------------------------------------------------------------------


class SlotOut(Schema):
    id: int
    unit: str
    starts_at: dt.datetime
    minutes: int
    capacity: int
    booked: int = Field(description="Places booked (cancelled bookings not counted).")
    location: str


class SlotPage(Schema):
    items: list[SlotOut]
    next_cursor: str | None = Field(None, description="Pass as cursor for the next page")


class SlotFilters(PageQuery):
    unit: Code = Field("", description="A unit's code (one you may see).")
    since: dt.date | None = Field(None, description="From this day (default: today).")
    until: dt.date | None = Field(None, description="To this day (default: 14 days on).")
    free: bool = Field(False, description="Only times with a free place.")


@router.get("/slots", response={200: SlotPage, 304: None}, summary="Reception times")
def slot_list(request: HttpRequest, filters: Query[SlotFilters]) -> HttpResponse:
    found = caller(request)
    units = _units_seen(found)
    if filters.unit:
        units = units.filter(code=filters.unit)
    since = _reception_day(filters.since or clock.today())
    until = _reception_day(filters.until or since + dt.timedelta(days=14))
    if until < since or (until - since).days > 92:
        raise Problem("invalid_request", _("Choose a range of at most three months."))
    start = timezone.make_aware(dt.datetime.combine(since, dt.time.min))
    end = timezone.make_aware(dt.datetime.combine(until + dt.timedelta(days=1), dt.time.min))
    slots = (
        ReceptionSlot.objects.filter(unit__in=units, starts_at__gte=start, starts_at__lt=end)
        .select_related("unit")
        .annotate(booked=Count("bookings", filter=Q(bookings__status=BookingStatus.BOOKED)))
    )
    if filters.free:
        slots = slots.filter(booked__lt=F("capacity"))
    rows, next_cursor = queryset_page(slots, filters, listing="slots", column="starts_at")
    items = [
        SlotOut(
            id=s.pk,
            unit=s.unit.code,
            starts_at=s.starts_at,
            minutes=s.minutes,
            capacity=s.capacity,
            booked=getattr(s, "booked", 0),
            location=s.location,
        )
        for s in rows
    ]
    return etagged(request, SlotPage(items=items, next_cursor=next_cursor))


class SlotsOpenIn(Schema):
    first_day: dt.date
    last_day: dt.date
    times: list[dt.time] = Field(min_length=1, max_length=24, description="Local times, 10:00")
    minutes: int = Field(30, ge=5, le=240)
    capacity: int = Field(1, ge=1, le=50)
    location: Line = Field(min_length=1)


class SlotsOpened(Schema):
    opened: int = Field(description="New times (those already open are left as they are).")


@router.post("/slots", response={201: SlotsOpened}, summary="Open reception times")
def slots_open(request: HttpRequest, data: SlotsOpenIn) -> Status[SlotsOpened]:
    """On every working day of the range, at each time; the chief's own unit only."""
    _found, unit = _holder(request)
    if any(t.tzinfo is not None for t in data.times):
        raise Problem("invalid_request", _("Give the times as local times, without an offset."))
    opened = intake.reception_slots_open(
        unit=unit,
        first_day=_reception_day(data.first_day),
        last_day=_reception_day(data.last_day),
        times=data.times,
        minutes=data.minutes,
        capacity=data.capacity,
        location=data.location.strip(),
    )
    return Status(201, SlotsOpened(opened=opened))


# --- Bookings -------------------------------------------------------------------------------


class BookingOut(Schema):
    number: str
    day: dt.date
    starts_at: dt.datetime | None = Field(description="None for a walk-in visitor.")
    walk_in: bool
    topic: str
    language: str
    status: str = Field(description="booked, cancelled, attended or no_show")
    appeal: str | None = Field(description="The number of the protocol's appeal, once written.")


def _booking(booking: ReceptionBooking) -> BookingOut:
    return BookingOut(
        number=booking.number,
        day=booking.day,
        starts_at=booking.slot.starts_at if booking.slot else None,
        walk_in=booking.walk_in,
        topic=booking.topic,
        language=booking.language,
        status=booking.status,
        appeal=booking.appeal.number if booking.appeal else None,
    )


class BookingPage(Schema):
    items: list[BookingOut]
    next_cursor: str | None = Field(None, description="Pass as cursor for the next page")


class DayQuery(PageQuery):
    day: dt.date | None = Field(None, description="The day (default: today).")


@router.get(
    "/bookings",
    response={200: BookingPage, 304: None},
    summary="The bookings of a reception day",
)
def booking_list(request: HttpRequest, query: Query[DayQuery]) -> HttpResponse:
    """The chief's own unit, one day, in the order of their times (a walk-in at the time it
    was added): who is expected, who came, without their contacts."""
    _found, unit = _holder(request)
    bookings = (
        ReceptionBooking.objects.filter(unit=unit, day=query.day or clock.today())
        .select_related("slot", "appeal")
        .annotate(at=Coalesce("slot__starts_at", "created_at"))
    )
    rows, next_cursor = queryset_page(bookings, query, listing="bookings", column="at")
    return etagged(request, BookingPage(items=[_booking(b) for b in rows], next_cursor=next_cursor))


class AttendanceIn(Schema):
    status: BookingStatus = Field(description="attended or no_show")


@router.post(
    "/bookings/{number}/attendance",
    response=BookingOut,
    summary="Mark a booking attended or a no-show",
)
def booking_mark(request: HttpRequest, number: Code, data: AttendanceIn) -> BookingOut:
    found, unit = _holder(request)
    booking = (
        ReceptionBooking.objects.filter(number=number, unit=unit)
        .select_related("slot", "appeal")
        .first()
    )
    if booking is None:
        raise NotFound(_("No such booking."))
    intake.reception_mark(booking=booking, status=data.status.value, chief=found.user)
    return _booking(booking)
