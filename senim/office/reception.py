"""The daily reception in the office: the chief's day, the schedule, protocols, bookings."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from senim.cases.services import reception_protocol_register
from senim.core import clock
from senim.core.errors import DomainError
from senim.intake import receipts
from senim.intake import services as intake
from senim.intake.attachments import check_files, read_uploads
from senim.intake.models import Channel, ReceptionBooking, ReceptionSlot
from senim.intake.services import AppealDraft
from senim.office import forms as office_forms
from senim.office.access import staff_of, staff_required
from senim.organization.models import Role, Unit


def _day(request: HttpRequest) -> dt.date:
    try:
        return dt.date.fromisoformat(request.GET.get("day", ""))
    except ValueError:
        return clock.today()


@never_cache
@require_GET
@staff_required(Role.CHIEF)
def day_view(request: HttpRequest) -> HttpResponse:
    staff = staff_of(request)
    assert staff is not None
    day = _day(request)
    rows = intake.reception_day(staff.unit, day, reader=request.user)
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
@staff_required(Role.CHIEF)
def mark(request: HttpRequest, number: str, status: str) -> HttpResponse:
    booking = _own_booking(request, number)
    try:
        intake.reception_mark(booking=booking, status=status, chief=request.user)
    except DomainError as refused:
        messages.error(request, refused.message)
    return redirect(f"/office/reception/?day={booking.day.isoformat()}")


@require_POST
@staff_required(Role.CHIEF)
def walk_in(request: HttpRequest) -> HttpResponse:
    staff = staff_of(request)
    assert staff is not None
    form = office_forms.WalkInForm(request.POST)
    if form.is_valid():
        intake.reception_walk_in(unit=staff.unit, chief=request.user, **form.cleaned_data)
        messages.success(request, _("The walk-in visitor has been added."))
    else:
        messages.error(request, _("Give the visitor's name and topic."))
    return redirect("office:reception")


@never_cache
@require_http_methods(["GET", "POST"])
@staff_required(Role.CHIEF)
def protocol(request: HttpRequest, number: str) -> HttpResponse:
    booking = _own_booking(request, number)
    initial = None
    if request.method == "GET":
        # The citizen's name and phone fill the blank protocol (a posted one carries them).
        contact = intake.booking_contact(booking, reader=request.user)
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
            data = form.cleaned_data
            try:
                registration = reception_protocol_register(
                    booking=booking,
                    chief=request.user,
                    draft=AppealDraft(
                        channel=Channel.RECEPTION,
                        kind=data["kind"],
                        category=data["category"],
                        language=data["language"],
                        court=data["court"],
                        subject=data["subject"],
                        text=data["text"],
                        occurred_when=data["occurred_when"],
                        occurred_where=data["occurred_where"],
                        how_known=data["how_known"],
                        people=form.people(),
                        identity=form.identity_fields(),
                        disclosure_consent=data["disclosure_consent"],
                        contact_by=data.get("contact_by") or "mailbox",
                        files=check_files(read_uploads(request.FILES.getlist("evidence"))),
                        reporter_confirmed=data["reporter_confirmed"],
                    ),
                )
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
                    },
                )
        files_dropped = bool(request.FILES)
    return render(
        request,
        "office/protocol.html",
        {"form": form, "booking": booking, "files_dropped": files_dropped},
    )


@require_http_methods(["GET", "POST"])
@staff_required(Role.CHIEF)
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
@staff_required(Role.OPERATOR, Role.COORDINATOR)
def book_for_citizen(request: HttpRequest) -> HttpResponse:
    units = Unit.objects.filter(kind=Unit.Kind.TERRITORIAL).select_related("court")
    unit = units.filter(code=request.GET.get("unit") or request.POST.get("unit", "")).first()
    slots = intake.reception_slots_available(unit) if unit else []
    form = office_forms.OperatorBookingForm(request.POST or None, slots=slots) if unit else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            booking, code = intake.reception_book(
                slot_id=form.cleaned_data["slot"],
                name=form.cleaned_data["name"],
                phone=form.cleaned_data["phone"],
                topic=form.cleaned_data["topic"],
                language=form.cleaned_data["language"],
                booked_by=request.user,
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
