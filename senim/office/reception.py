"""The daily reception in the office: the chief's day, the schedule, protocols, bookings."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from senim.cases.registration import appeal_register
from senim.core import clock
from senim.core.errors import DomainError
from senim.intake import coupons, receipts
from senim.intake import reception as intake
from senim.intake.attachments import read_uploads
from senim.intake.drafts import DraftRefused
from senim.intake.models import Channel, ReceptionBooking, ReceptionSlot
from senim.intake.selectors import reception_slots_available
from senim.office import forms as office_forms
from senim.office.access import staff_of, staff_required, staff_user
from senim.organization.models import Unit
from senim.organization.policy import Capability


def _day(request: HttpRequest) -> dt.date:
    try:
        return dt.date.fromisoformat(request.GET.get("day", ""))
    except ValueError:
        return clock.today()


@never_cache
@require_GET
@staff_required(Capability.RECEPTION_HOLD)
def day_view(request: HttpRequest) -> HttpResponse:
    staff = staff_of(request)
    assert staff is not None
    day = _day(request)
    rows = intake.reception_day(staff.unit, day, reader=staff_user(request))
    return render(
        request,
        "office/reception_day.html",
        {
            "day": day,
            "previous": day - dt.timedelta(days=1),
            "next": day + dt.timedelta(days=1),
            "rows": rows,
            "walk_in_form": office_forms.WalkInForm(),
        },
    )


def _own_booking(request: HttpRequest, number: str) -> ReceptionBooking:
    staff = staff_of(request)
    booking = ReceptionBooking.objects.filter(
        number=number, unit=getattr(staff, "unit", None)
    ).first()
    if booking is None:
        raise Http404
    return booking


@require_POST
@staff_required(Capability.RECEPTION_HOLD)
def mark(request: HttpRequest, number: str, status: str) -> HttpResponse:
    booking = _own_booking(request, number)
    try:
        intake.reception_mark(booking=booking, status=status, chief=staff_user(request))
    except DomainError as refused:
        messages.error(request, refused.message)
    return redirect(f"/office/reception/?day={booking.day.isoformat()}")


@require_POST
@staff_required(Capability.RECEPTION_HOLD)
def walk_in(request: HttpRequest) -> HttpResponse:
    staff = staff_of(request)
    assert staff is not None
    form = office_forms.WalkInForm(request.POST)
    if form.is_valid():
        intake.reception_walk_in(unit=staff.unit, chief=staff_user(request), **form.cleaned_data)
        messages.success(request, _("The walk-in visitor has been added."))
    else:
        messages.error(request, _("Give the visitor's name and topic."))
    return redirect("office:reception")


@never_cache
@require_http_methods(["GET", "POST"])
@staff_required(Capability.RECEPTION_HOLD)
def protocol(request: HttpRequest, number: str) -> HttpResponse:
    booking = _own_booking(request, number)
    initial = None
    if request.method == "GET":
        # The citizen's name and phone fill the blank protocol (a posted one carries them).
        contact = intake.booking_contact(booking, reader=staff_user(request))
        initial = {
            "identity": "named",
            "full_name": contact.get("name", ""),
            "phone": contact.get("phone", ""),
            "language": booking.language,
            "subject": booking.topic,
            "court": booking.unit.court.code,
        }
    form = office_forms.ProtocolForm(request.POST or None, request.FILES or None, initial=initial)
    files_dropped = False
    if request.method == "POST":
        if form.is_valid():
            try:
                registration = appeal_register(
                    draft=form.draft(
                        channel=Channel.RECEPTION,
                        files=read_uploads(request.FILES.getlist("evidence")),
                    ),
                    actor=staff_user(request),
                    booking=booking,
                )
            except DraftRefused as refused:
                form.show_problems(refused.problems)
            except DomainError as refused:
                form.add_error(None, refused.message)
            else:
                return render(
                    request,
                    "office/protocol_registered.html",
                    {
                        "registration": registration,
                        "booking": booking,
                        "code": receipts.grouped(registration.receipt_code),
                        # For the coupon's PDF, made while the page holds the code.
                        "raw_code": registration.receipt_code,
                        "registered_by": coupons.registered_by(registration.appeal),
                    },
                )
        files_dropped = bool(request.FILES)
    return render(
        request,
        "office/protocol.html",
        {"form": form, "booking": booking, "files_dropped": files_dropped},
    )


@require_http_methods(["GET", "POST"])
@staff_required(Capability.RECEPTION_HOLD)
def schedule(request: HttpRequest) -> HttpResponse:
    staff = staff_of(request)
    assert staff is not None
    form = office_forms.SlotsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            made = intake.reception_slots_open(unit=staff.unit, **form.cleaned_data)
        except DomainError as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _("%(count)d reception times opened.") % {"count": made})
            return redirect("office:reception-schedule")
    upcoming = ReceptionSlot.objects.filter(unit=staff.unit, starts_at__gte=clock.now())[:60]
    return render(request, "office/reception_schedule.html", {"form": form, "slots": upcoming})


@never_cache
@require_http_methods(["GET", "POST"])
@staff_required(Capability.RECEPTION_BOOK)
def book_for_citizen(request: HttpRequest) -> HttpResponse:
    units = Unit.objects.filter(kind=Unit.Kind.TERRITORIAL).select_related("court")
    unit = units.filter(code=request.GET.get("unit") or request.POST.get("unit", "")).first()
    slots = reception_slots_available(unit) if unit else []
    form = office_forms.OperatorBookingForm(request.POST or None, slots=slots) if unit else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            booking, code = intake.reception_book(
                slot_id=form.cleaned_data["slot"],
                name=form.cleaned_data["name"],
                phone=form.cleaned_data["phone"],
                topic=form.cleaned_data["topic"],
                language=form.cleaned_data["language"],
                booked_by=staff_user(request),
            )
        except DomainError as refused:
            form.add_error(None, refused.message)
        else:
            return render(request, "office/booking_made.html", {"booking": booking, "code": code})
    return render(
        request,
        "office/book_for_citizen.html",
        {"units": units, "unit": unit, "form": form},
    )
