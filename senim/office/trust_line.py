"""The trust-line console: calls, their outcomes, and callers who call back."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from senim.cases.selectors import case_of_appeal
from senim.cases.services import call_report_register
from senim.core import clock
from senim.core.errors import DomainError
from senim.intake import receipts
from senim.intake import services as intake
from senim.intake.models import Call, CallOutcome, Channel
from senim.intake.services import AppealDraft
from senim.office import forms as office_forms
from senim.office.access import staff_required
from senim.office.context import CONSOLE_ROLES


@require_GET
@staff_required(*CONSOLE_ROLES)
def console(request: HttpRequest) -> HttpResponse:
    today = clock.today()
    calls = Call.objects.filter(operator_id=request.user.pk, started_at__date=today).select_related(
        "appeal"
    )[:50]
    return render(request, "office/trust_line.html", {"calls": calls})


@never_cache
@require_http_methods(["GET", "POST"])
@staff_required(*CONSOLE_ROLES)
def call(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        form = office_forms.CallForm(initial={"started": office_forms.CallForm.start_token()})
        return render(request, "office/call.html", {"form": form})
    form = office_forms.CallForm(request.POST)
    if form.is_valid():
        started_at = form.started_at()
        data = form.cleaned_data
        try:
            if started_at is None:
                raise DomainError(_("The call's start time is not plausible. Start a new call."))
            if data["outcome"] == CallOutcome.REPORT:
                registration = call_report_register(
                    operator=request.user,
                    started_at=started_at,
                    recording_consent=data["recording_consent"],
                    summary=data["summary"],
                    draft=AppealDraft(
                        channel=Channel.TRUST_LINE,
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
                    ),
                )
                return render(
                    request,
                    "office/call_registered.html",
                    {
                        "appeal": registration.appeal,
                        "due_on": registration.due_on,
                        "code": receipts.grouped(registration.receipt_code),
                    },
                )
            intake.call_record(
                operator=request.user,
                started_at=started_at,
                language=data["language"],
                recording_consent=data["recording_consent"],
                outcome=data["outcome"],
                summary=data["summary"],
                topic=data["topic"],
                referred_to=data["referred_to"],
            )
        except DomainError as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _("The call has been recorded."))
            return redirect("office:trust-line")
    return render(request, "office/call.html", {"form": form})


@never_cache
@require_http_methods(["GET", "POST"])
@staff_required(*CONSOLE_ROLES)
def callback(request: HttpRequest) -> HttpResponse:
    """Find an appeal for a caller who calls back: by receipt code (status may be told) or by
    coupon number (information may only be added)."""
    form = office_forms.CallbackFindForm(request.POST or None)
    context: dict[str, object] = {"form": form}
    if request.method == "POST" and form.is_valid():
        query = form.cleaned_data["query"].strip()
        by_code = receipts.normalise(query) is not None
        appeal = intake.mailbox_find(query) if by_code else intake.appeal_find_by_number(query)
        if appeal is None:
            context["not_found"] = True
        else:
            context.update(
                appeal=appeal,
                by_code=by_code,
                case=case_of_appeal(appeal.pk) if by_code else None,
                note_form=office_forms.CallbackNoteForm(initial={"number": appeal.number}),
            )
    return render(request, "office/callback.html", context)


@require_POST
@staff_required(*CONSOLE_ROLES)
def callback_note(request: HttpRequest) -> HttpResponse:
    form = office_forms.CallbackNoteForm(request.POST)
    appeal = intake.appeal_find_by_number(request.POST.get("number", ""))
    if form.is_valid() and appeal is not None:
        intake.reporter_message(
            appeal=appeal,
            body=form.cleaned_data["body"],
            files=[],
            channel=Channel.TRUST_LINE,
            received_by=request.user,
        )
        messages.success(request, _("Added to appeal %(number)s.") % {"number": appeal.number})
        return redirect("office:trust-line")
    messages.error(request, _("Nothing was added: write what the caller said."))
    return redirect("office:callback")
