"""Identity reveals approved by a custodian: the requester's moves from the case page, and the
custodians' pages. Parse, authorize, call one service or selector of `senim.cases.reveals`,
render.

The two views that let a person act on an identity, `reveal_show` (read it under an approval)
and `reveal_decide` (approve or refuse), answer GET as well as POST, so that a decorator that
sends the person away first (a fresh second factor) can bring them back to the same page.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from senim.cases import reveals
from senim.core.errors import DomainError, NotFound
from senim.office.access import staff_required, staff_user
from senim.office.case_views import load_case, render_case_page
from senim.office.reveal_forms import RevealDecisionForm, RevealRequestForm
from senim.office.second_factor import step_up_required
from senim.organization.policy import Capability

# --- The requester, from the case page -----------------------------------------------------


@require_POST
@staff_required(Capability.IDENTITY_READ)
def reveal_request(request: HttpRequest, case_id: int) -> HttpResponse:
    case = load_case(request, case_id)
    form = RevealRequestForm(request.POST, auto_id="id_reveal_request_%s")
    if form.is_valid():
        try:
            reveals.reveal_request(
                user=staff_user(request), case_id=case.pk, reason=form.cleaned_data["reason"]
            )
        except NotFound as missing:
            raise Http404 from missing
        except DomainError as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(
                request, _("Your request has been sent to the custodians of identities.")
            )
            return redirect("office:case-detail", case_id=case.pk)
    messages.error(request, _("Please correct the marked fields."))
    return render_case_page(request, case, bound={"reveal_request_form": form})


@require_POST
@staff_required(Capability.IDENTITY_READ)
def reveal_withdraw(request: HttpRequest, request_id: int) -> HttpResponse:
    try:
        withdrawn = reveals.reveal_withdraw(user=staff_user(request), request_id=request_id)
    except NotFound as missing:
        raise Http404 from missing
    except DomainError as refused:
        messages.error(request, refused.message)
        return redirect("office:home")
    messages.success(request, _("Your request has been withdrawn."))
    return redirect("office:case-detail", case_id=withdrawn.case_id)


@never_cache
@require_http_methods(["GET", "POST"])
@staff_required(Capability.IDENTITY_READ)
@step_up_required
def reveal_show(request: HttpRequest, case_id: int) -> HttpResponse:
    """POST: the case page with the identity, read under the reader's valid approval (each
    reading audited). GET: the page that asks for that POST."""
    case = load_case(request, case_id)
    if request.method == "GET":
        status = reveals.reveal_status(request.user, case)
        return render(request, "office/reveal_show.html", {"case": case, "reveal": status})
    try:
        revealed = reveals.reveal_read(user=staff_user(request), case_id=case.pk)
    except NotFound as missing:
        raise Http404 from missing
    except DomainError as refused:
        messages.error(request, refused.message)
        return redirect("office:case-detail", case_id=case.pk)
    return render_case_page(request, load_case(request, case.pk), identity=revealed.identity)


# --- The custodians -------------------------------------------------------------------------


@require_GET
@staff_required(Capability.IDENTITY_APPROVE)
def reveal_list(request: HttpRequest) -> HttpResponse:
    return render(request, "office/reveals.html", reveals.reveal_queue(request.user))


@never_cache
@require_http_methods(["GET", "POST"])
@staff_required(Capability.IDENTITY_APPROVE)
@step_up_required
def reveal_decide(request: HttpRequest, request_id: int) -> HttpResponse:
    """A request's summary (never the case's content) and the custodian's decision."""
    try:
        row = reveals.reveal_row(request.user, request_id)
    except NotFound as missing:
        raise Http404 from missing
    form = RevealDecisionForm(request.POST or None, auto_id="id_decision_%s")
    if request.method == "POST" and form.is_valid():
        approve = form.cleaned_data["decision"] == RevealDecisionForm.APPROVE
        decide = reveals.reveal_approve if approve else reveals.reveal_refuse
        try:
            decide(
                user=staff_user(request),
                request_id=request_id,
                reason=form.cleaned_data["reason"],
            )
        except NotFound as missing:
            raise Http404 from missing
        except DomainError as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(
                request,
                _("Approved: %(number)s.") % {"number": row.number}
                if approve
                else _("Refused: %(number)s.") % {"number": row.number},
            )
            return redirect("office:reveals")
    return render(request, "office/reveal_decide.html", {"row": row, "form": form})
