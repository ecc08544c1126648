"""Public pages. They work with JavaScript off and keep no IP address."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from senim.cases import answers, reveals
from senim.cases.registration import Registration, appeal_register
from senim.cases.selectors import case_of_appeal, issued_answer
from senim.core import clock, page_cache
from senim.core.errors import DomainError
from senim.core.throttle import client_of
from senim.intake import coupons, limits, receipts, selectors
from senim.intake import mailbox as intake_mailbox
from senim.intake import reception as intake_reception
from senim.intake.attachments import check_files, read_uploads
from senim.intake.drafts import DraftRefused
from senim.intake.forms import ReportForm
from senim.intake.models import Appeal, Channel
from senim.organization.models import Unit
from senim.organization.selectors import registry_version
from senim.portal import forms as portal_forms

MAILBOX_COOKIE = "senim_mailbox"
MAILBOX_SALT = "senim.portal.mailbox"


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/home.html")


def _uploads(request: HttpRequest, field: str = "evidence") -> list[tuple[str, bytes]]:
    return read_uploads(request.FILES.getlist(field))


@never_cache
@require_http_methods(["GET", "POST"])
def report(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        # The empty form is everyone's: its 21 fields rendered once per language and day (the
        # courts active today) and registry version, each visitor's CSRF token put in.
        return page_cache.render_once(
            request,
            "portal/report.html",
            lambda: {"form": ReportForm(), "files_dropped": False},
            key=(clock.today(), registry_version()),
        )
    form = ReportForm(request.POST or None, request.FILES or None)
    files_dropped = False
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                registration = appeal_register(
                    draft=form.draft(channel=Channel.PORTAL, files=_uploads(request)),
                    client=client_of(request),
                )
            except limits.LimitReached as refused:
                # The form comes back as typed, so nothing is lost but the files.
                status = 429
                form.add_error(None, refused.message)
            except DraftRefused as refused:
                form.show_problems(refused.problems)
            except DomainError as refused:
                form.add_error(None, refused.message)
            else:
                return _coupon(request, registration)
        files_dropped = bool(request.FILES)
    context = {"form": form, "files_dropped": files_dropped}
    return render(request, "portal/report.html", context, status=status)


def _coupon(request: HttpRequest, registration: Registration) -> HttpResponse:
    """The coupon and the receipt code, in the response to the submission: shown this once."""
    return render(
        request,
        "portal/coupon.html",
        {
            "appeal": registration.appeal,
            "due_on": registration.due_on,
            "code": receipts.grouped(registration.receipt_code),
            "raw_code": registration.receipt_code,
            "registered_by": coupons.registered_by(registration.appeal),
        },
    )


@never_cache
@require_POST
def coupon_pdf(request: HttpRequest) -> HttpResponse:
    """The coupon as PDF; the receipt code in the request is the proof of access.

    Throttled as follow-up is: otherwise it would answer code guesses without a limit.
    """
    code = request.POST.get("code", "")
    try:
        appeal = limits.receipt_code_try(
            client=client_of(request), check=lambda: selectors.mailbox_find(code)
        )
    except limits.LimitReached:
        context = {"form": portal_forms.ReceiptCodeForm(), "throttled": True}
        return render(request, "portal/follow_up.html", context, status=429)
    if appeal is None:
        context = {"form": portal_forms.ReceiptCodeForm(), "generic_error": True}
        return render(request, "portal/follow_up.html", context, status=404)
    case = case_of_appeal(appeal.pk)
    pdf = coupons.coupon_pdf(appeal=appeal, code=code, due_on=case.due_on if case else None)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="coupon-{appeal.number}.pdf"'
    return response


def _mailbox_appeal(request: HttpRequest) -> Appeal | None:
    try:
        appeal_id = request.get_signed_cookie(
            MAILBOX_COOKIE, salt=MAILBOX_SALT, max_age=settings.SENIM_FOLLOW_UP_MINUTES * 60
        )
    except (KeyError, signing.BadSignature):
        return None
    return Appeal.objects.filter(pk=int(str(appeal_id))).select_related("court").first()


@never_cache
@require_http_methods(["GET", "POST"])
def follow_up(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        # The empty form is everyone's: rendered once per language.
        return page_cache.render_once(
            request, "portal/follow_up.html", lambda: {"form": portal_forms.ReceiptCodeForm()}
        )
    form = portal_forms.ReceiptCodeForm(request.POST or None)
    context: dict[str, Any] = {"form": form}
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        try:
            appeal = limits.receipt_code_try(
                client=client_of(request), check=lambda: selectors.mailbox_find(code)
            )
        except limits.LimitReached:
            context["throttled"] = True
            return render(request, "portal/follow_up.html", context, status=429)
        if appeal is None:
            context["generic_error"] = True
            return render(request, "portal/follow_up.html", context)
        response = redirect("portal:mailbox")
        response.set_signed_cookie(
            MAILBOX_COOKIE,
            str(appeal.pk),
            salt=MAILBOX_SALT,
            max_age=settings.SENIM_FOLLOW_UP_MINUTES * 60,
            httponly=True,
            samesite="Strict",
            secure=settings.PRODUCTION,
            path="/follow-up/",
        )
        return response
    return render(request, "portal/follow_up.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def mailbox(request: HttpRequest) -> HttpResponse:
    appeal = _mailbox_appeal(request)
    if appeal is None:
        return redirect("portal:follow-up")
    form = portal_forms.ReplyForm(request.POST or None, request.FILES or None)
    files_dropped = False
    if request.method == "POST":
        if form.is_valid():
            try:
                intake_mailbox.reporter_message(
                    appeal=appeal,
                    body=form.cleaned_data["body"],
                    files=check_files(_uploads(request)),
                    channel=Channel.PORTAL,
                )
            except DomainError as refused:
                form.add_error(None, refused.message)
            else:
                return redirect("portal:mailbox")
        files_dropped = bool(request.FILES)
    return render(
        request,
        "portal/mailbox.html",
        {
            "appeal": appeal,
            "case": case_of_appeal(appeal.pk),
            "answer": issued_answer(case_of_appeal(appeal.pk)),
            "messages_list": selectors.mailbox_messages(appeal),
            # When the identity was read and why, never by whom (SENIM_REVEAL_TELL_REPORTER).
            "identity_accesses": reveals.identity_accesses(appeal),
            "form": form,
            "files_dropped": files_dropped,
        },
    )


@never_cache
@require_GET
def answer_pdf(request: HttpRequest) -> HttpResponse:
    """The issued answer as PDF, for the reporter holding the mailbox cookie."""
    appeal = _mailbox_appeal(request)
    case = case_of_appeal(appeal.pk) if appeal else None
    answer = issued_answer(case)
    if case is None or answer is None:
        raise Http404
    response = HttpResponse(answers.answer_pdf(case), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="answer-{case.appeal.number}.pdf"'
    return response


@require_POST
def follow_up_leave(request: HttpRequest) -> HttpResponse:
    response = redirect("portal:follow-up")
    response.delete_cookie(MAILBOX_COOKIE, path="/follow-up/", samesite="Strict")
    return response


# --- Daily reception ------------------------------------------------------------------


@require_GET
def reception(request: HttpRequest) -> HttpResponse:
    # The territorial units change with the registry only: rendered once per its version.
    return page_cache.render_once(
        request,
        "portal/reception.html",
        lambda: {
            "units": Unit.objects.filter(kind=Unit.Kind.TERRITORIAL).select_related(
                "court", "court__region"
            )
        },
        key=registry_version(),
    )


# A unit's booking page is rendered once per state of its free times (the reception's version,
# moved by every booking, cancellation and new time) and per five minutes, so that a time that
# has begun leaves the page within five minutes (booking it meanwhile is refused, and says so).
RECEPTION_PAGE_SECONDS = 300


def _reception_unit(unit_code: str) -> Unit:
    unit = Unit.objects.filter(code=unit_code, kind=Unit.Kind.TERRITORIAL).first()
    if unit is None:
        raise Http404
    return unit


def _reception_page(unit_code: str) -> dict[str, Any]:
    unit = _reception_unit(unit_code)
    slots = selectors.reception_slots_available(unit)
    return {"unit": unit, "form": portal_forms.BookingForm(slots=slots), "slots": slots}


@never_cache
@require_http_methods(["GET", "POST"])
def reception_book(request: HttpRequest, unit_code: str) -> HttpResponse:
    if request.method == "GET":
        return page_cache.render_once(
            request,
            "portal/reception_book.html",
            lambda: _reception_page(unit_code),
            key=(
                registry_version(),
                selectors.reception_version(),
                int(clock.now().timestamp()) // RECEPTION_PAGE_SECONDS,
            ),
        )
    unit = _reception_unit(unit_code)
    slots = selectors.reception_slots_available(unit)
    form = portal_forms.BookingForm(request.POST or None, slots=slots)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            with limits.booking_allowance(client=client_of(request)):
                booking, code = intake_reception.reception_book(
                    slot_id=form.cleaned_data["slot"],
                    name=form.cleaned_data["name"],
                    phone=form.cleaned_data["phone"],
                    topic=form.cleaned_data["topic"],
                    language=form.cleaned_data["language"],
                )
        except limits.LimitReached as refused:
            status = 429
            form.add_error(None, refused.message)
        except DomainError as refused:
            form.add_error(None, refused.message)
        else:
            context = {"booking": booking, "code": code}
            return render(request, "portal/reception_booked.html", context)
    context = {"unit": unit, "form": form, "slots": slots}
    return render(request, "portal/reception_book.html", context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def reception_cancel(request: HttpRequest) -> HttpResponse:
    form = portal_forms.CancelBookingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        number, code = form.cleaned_data["number"], form.cleaned_data["code"]
        try:
            booking = limits.receipt_code_try(
                client=client_of(request),
                check=lambda: intake_reception.reception_cancel(number=number, code=code),
            )
        except DomainError as refused:  # LimitReached included: its message says to wait
            form.add_error(None, refused.message)
        else:
            return render(request, "portal/reception_cancelled.html", {"booking": booking})
    return render(request, "portal/reception_cancel.html", {"form": form})
