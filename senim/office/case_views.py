"""The case page: the appeal, its files and messages, and the audited identity reveal."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from senim.cases.selectors import access_case
from senim.cases.services import (
    IDENTITY_READERS,
    MESSAGE_WRITERS,
    attachment_download,
    case_message_to_reporter,
    identity_reveal,
)
from senim.core.errors import DomainError, NotFound
from senim.intake.services import mailbox_messages
from senim.office import forms as office_forms
from senim.office.access import staff_of, staff_required


@never_cache
@require_http_methods(["GET", "POST"])
@staff_required()
def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    try:
        case = access_case(request.user, case_id)
    except NotFound as missing:
        raise Http404 from missing
    staff = staff_of(request)
    may_reveal = (
        staff is not None and staff.role in IDENTITY_READERS and not case.appeal.is_anonymous
    )
    reveal_form = office_forms.RevealForm(request.POST or None)
    identity = None
    if request.method == "POST" and may_reveal and reveal_form.is_valid():
        try:
            identity = identity_reveal(
                user=request.user, case_id=case.pk, reason=reveal_form.cleaned_data["reason"]
            )
        except DomainError as refused:
            reveal_form.add_error(None, refused.message)
    appeal = case.appeal
    return render(
        request,
        "office/case_detail.html",
        {
            "case": case,
            "appeal": appeal,
            "people": appeal.people.all(),
            "attachments": appeal.attachments.all(),
            "messages_list": mailbox_messages(appeal),
            "may_reveal": may_reveal,
            "may_write": staff is not None and staff.role in MESSAGE_WRITERS,
            "message_form": office_forms.MessageToReporterForm(),
            "reveal_form": reveal_form,
            "identity": identity,
        },
    )


@require_POST
@staff_required()
def message(request: HttpRequest, case_id: int) -> HttpResponse:
    form = office_forms.MessageToReporterForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write the message."))
        return redirect("office:case-detail", case_id=case_id)
    try:
        case_message_to_reporter(user=request.user, case_id=case_id, body=form.cleaned_data["body"])
    except NotFound as missing:
        raise Http404 from missing
    except DomainError as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("The message is in the reporter's mailbox."))
    return redirect("office:case-detail", case_id=case_id)


@require_GET
@staff_required()
def attachment(request: HttpRequest, case_id: int, attachment_id: int) -> HttpResponse:
    try:
        name, _content_type, data = attachment_download(
            user=request.user, case_id=case_id, attachment_id=attachment_id
        )
    except DomainError as missing:
        raise Http404 from missing
    # Always a download, never rendered inline: a file from a reporter is untrusted content.
    response = HttpResponse(data, content_type="application/octet-stream")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quote(name)}"
    response["Cache-Control"] = "no-store"
    return response


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name, safe="")
