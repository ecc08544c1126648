"""The trust-line console: calls, their outcomes, and callers who call back."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from senim.cases.registration import appeal_register
from senim.cases.selectors import case_of_appeal
from senim.core import clock
from senim.core.errors import DomainError
from senim.intake import callbacks, coupons, receipts
from senim.intake import calls as intake
from senim.intake.calls import CallTaken
from senim.intake.drafts import DraftRefused
from senim.intake.models import Call, CallOutcome, Channel
from senim.integrations import telephony
from senim.integrations.models import PhoneCall
from senim.office import forms as office_forms
from senim.office.access import staff_required, staff_user
from senim.organization.policy import Capability


@require_GET
@staff_required(Capability.TRUST_LINE)
def console(request: HttpRequest) -> HttpResponse:
    today = clock.today()
    calls = Call.objects.filter(operator_id=request.user.pk, started_at__date=today).select_related(
        "appeal"
    )[:50]
    # The calls the call centre's system put through to this operator, not yet recorded: a
    # refresh of the page shows new ones (no script needed).
    offered = telephony.calls_offered(staff_user(request))
    return render(request, "office/trust_line.html", {"calls": calls, "offered": offered})


@never_cache
@require_http_methods(["GET", "POST"])
@staff_required(Capability.TRUST_LINE)
def call(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        # A call offered by the telephony: its start time (and line, shown) instead of now.
        phone_call = _phone_call(request)
        started = phone_call.started_at if phone_call is not None else None
        initial = {"started": office_forms.CallForm.start_token(started)}
        # A caller without the receipt code adds to an earlier appeal by a new one naming it.
        subject = callbacks.addition_subject(request.GET.get("addition_to", ""))
        if subject:
            initial.update(subject=subject, outcome=CallOutcome.REPORT)
        form = office_forms.CallForm(initial=initial)
        return render(request, "office/call.html", {"form": form, "phone_call": phone_call})
    form = office_forms.CallForm(request.POST)
    if form.is_valid():
        started_at = form.started_at()
        data = form.cleaned_data
        try:
            if started_at is None:
                raise DomainError(_("The call's start time is not plausible. Start a new call."))
            if data["outcome"] == CallOutcome.REPORT:
                registration = appeal_register(
                    draft=form.draft(channel=Channel.TRUST_LINE),
                    actor=staff_user(request),
                    call=CallTaken(
                        started_at=started_at,
                        recording_consent=data["recording_consent"],
                        summary=data["summary"],
                    ),
                )
                return render(
                    request,
                    "office/call_registered.html",
                    {
                        "appeal": registration.appeal,
                        "due_on": registration.due_on,
                        "code": receipts.grouped(registration.receipt_code),
                        # For the coupon's PDF, made while the page holds the code.
                        "raw_code": registration.receipt_code,
                        "registered_by": coupons.registered_by(registration.appeal),
                    },
                )
            recorded = intake.call_record(
                operator=staff_user(request),
                started_at=started_at,
                language=data["language"],
                recording_consent=data["recording_consent"],
                outcome=data["outcome"],
                summary=data["summary"],
                topic=data["topic"],
                referred_to=data["referred_to"],
            )
        except DraftRefused as refused:
            form.show_problems(refused.problems)
        except DomainError as refused:
            form.add_error(None, refused.message)
        else:
            telephony.call_link(recorded)  # the telephony's call, if any, leaves the console
            messages.success(request, _("The call has been recorded."))
            return redirect("office:trust-line")
    return render(request, "office/call.html", {"form": form})


def _phone_call(request: HttpRequest) -> PhoneCall | None:
    """The operator's offered call named by `?telephony=<id>`, if it is one."""
    raw = request.GET.get("telephony", "")
    if not raw.isdigit():
        return None
    return telephony.call_offered(staff_user(request), int(raw))


@never_cache
@require_http_methods(["GET", "POST"])
@staff_required(Capability.CALLBACK_NOTE)
def callback(request: HttpRequest) -> HttpResponse:
    """Find an appeal for a caller who calls back: by receipt code (status may be told and
    information added) or by coupon number (only a new appeal naming it may be registered)."""
    form = office_forms.CallbackFindForm(request.POST or None)
    context: dict[str, object] = {"form": form}
    if request.method == "POST" and form.is_valid():
        found = callbacks.callback_find(
            operator=staff_user(request), query=form.cleaned_data["query"]
        )
        if found is None:
            context["not_found"] = True
        else:
            context.update(
                # A fresh search box: the code the caller said is not written back into the page.
                form=office_forms.CallbackFindForm(),
                appeal=found.appeal,
                by_code=found.by_code,
                case=case_of_appeal(found.appeal.pk) if found.by_code else None,
                note_form=office_forms.CallbackNoteForm(initial={"proof": found.proof}),
            )
    return render(request, "office/callback.html", context)


@require_POST
@staff_required(Capability.CALLBACK_NOTE)
def callback_note(request: HttpRequest) -> HttpResponse:
    form = office_forms.CallbackNoteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Nothing was added: write what the caller said."))
        return redirect("office:callback")
    try:
        note = callbacks.callback_note(
            operator=staff_user(request),
            proof=form.cleaned_data["proof"],
            body=form.cleaned_data["body"],
        )
    except DomainError as refused:
        messages.error(request, refused.message)
        return redirect("office:callback")
    messages.success(request, _("Added to appeal %(number)s.") % {"number": note.appeal.number})
    return redirect("office:trust-line")
