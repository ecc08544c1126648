"""The central department's pages for surges of reports and spam decisions: parse, authorize
(coordinators only; the services check again, and list only cases the visibility rule allows),
call one service or selector, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import Count, Max
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from senim.cases import spam, surges
from senim.cases.models import SpamDecision, Surge
from senim.core.errors import DomainError, NotFound
from senim.office import surge_forms
from senim.office.access import staff_required, staff_user
from senim.office.case_rows import case_rows
from senim.organization.policy import Capability

# The selection's own fields: a link with only `surge` shows that surge's window and place.
_SELECTION_FIELDS = ("start", "end", "unit", "court", "q")


def _surge_or_404(request: HttpRequest, surge_id: int) -> Surge:
    try:
        return surges.surge_get(request.user, surge_id)
    except NotFound as missing:
        raise Http404 from missing


@require_GET
@staff_required(Capability.SPAM_DECIDE)
def surge_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "office/surges.html",
        {
            "surges": surges.surges_for(request.user)[:100],
            "decisions": spam.spam_decisions(request.user)[:50],
        },
    )


@require_POST
@staff_required(Capability.SPAM_DECIDE)
def surge_close(request: HttpRequest, surge_id: int) -> HttpResponse:
    form = surge_forms.SurgeCloseForm(request.POST)
    if form.is_valid():
        try:
            surges.surge_close(
                user=staff_user(request), surge_id=surge_id, note=form.cleaned_data["note"]
            )
        except NotFound as missing:
            raise Http404 from missing
        except DomainError as refused:
            messages.error(request, refused.message)
        else:
            messages.success(request, _("The surge has been closed."))
            return redirect("office:surges")
    else:
        messages.error(request, _("Say why the surge needs nothing more."))
    return redirect(f"{reverse('office:spam')}?surge={surge_id}")


def _selection_form(request: HttpRequest, surge: Surge | None) -> surge_forms.SelectionForm:
    if surge is not None and not any(request.GET.get(f) for f in _SELECTION_FIELDS):
        of_surge = spam.Selection.of_surge(surge)
        return surge_forms.SelectionForm(
            initial={
                "start": of_surge.start,
                "end": of_surge.end,
                "unit": of_surge.unit,
                "court": of_surge.court,
                "surge": surge.pk,
            },
            data=None,
        )
    return surge_forms.SelectionForm(request.GET or None)


def _selection(form: surge_forms.SelectionForm, surge: Surge | None) -> spam.Selection:
    if not form.is_bound:
        return spam.Selection.of_surge(surge) if surge is not None else spam.Selection()
    # A field that is not valid is left out (and marked on the form); the others still apply.
    form.is_valid()
    data = form.cleaned_data
    return spam.Selection(
        start=data.get("start"),
        end=data.get("end"),
        unit=data.get("unit") or "",
        court=data.get("court") or "",
        q=data.get("q") or "",
    )


@never_cache
@require_http_methods(["GET", "POST"])
@staff_required(Capability.SPAM_DECIDE)
def spam_select(request: HttpRequest) -> HttpResponse:
    """A selection of cases not yet examined (a surge's, or any), and the one decision closing
    the ticked ones, or all of them, as spam."""
    surge_id = request.GET.get("surge", "")
    surge = _surge_or_404(request, int(surge_id)) if surge_id.isdigit() else None
    selection_form = _selection_form(request, surge)
    candidates = spam.spam_candidates(request.user, _selection(selection_form, surge))
    seen = candidates.order_by().aggregate(total=Count("pk"), last=Max("pk"))
    total = seen["total"] or 0
    close_form = surge_forms.SpamCloseForm(
        request.POST if request.method == "POST" else None,
        total=total,
        initial={"seen_last": seen["last"]},
    )
    if request.method == "POST" and close_form.is_valid():
        data = close_form.cleaned_data
        if data["which"] == "all":
            ids = list(candidates.filter(pk__lte=data["seen_last"]).values_list("pk", flat=True))
        else:
            ids = data["cases"]
        try:
            decision = spam.cases_close_as_spam(
                user=staff_user(request),
                case_ids=ids,
                reason=data["reason"],
                surge_id=surge.pk if surge else None,
            )
        except DomainError as refused:
            close_form.add_error(None, refused.message)
        else:
            messages.success(request, _decided_message(decision))
            return redirect("office:spam-decision", decision_id=decision.pk)
    ticked = set(close_form["cases"].value() or []) if close_form.is_bound else set()
    return render(
        request,
        "office/spam_select.html",
        {
            "surge": surge,
            "selection_form": selection_form,
            "close_form": close_form,
            "rows": case_rows(candidates[: spam.LIST_LIMIT]),
            "total": total,
            "limit": spam.LIST_LIMIT,
            "ticked": {str(pk) for pk in ticked},
            "surge_close_form": surge_forms.SurgeCloseForm(),
        },
    )


def _decided_message(decision: SpamDecision) -> str:
    if decision.action == SpamDecision.Action.CLOSE:
        text = _("Closed as spam: %(count)s. Left as they were: %(skipped)s.")
    else:
        text = _("Reopened: %(count)s. Left as they were: %(skipped)s.")
    return text % {"count": decision.count, "skipped": decision.skipped}


@never_cache
@require_GET
@staff_required(Capability.SPAM_DECIDE)
def spam_decision(request: HttpRequest, decision_id: int) -> HttpResponse:
    try:
        decision = spam.spam_decision_get(request.user, decision_id)
    except NotFound as missing:
        raise Http404 from missing
    cases = spam.spam_decision_cases(request.user, decision)
    return render(
        request,
        "office/spam_decision.html",
        {
            "decision": decision,
            "rows": case_rows(cases[: spam.LIST_LIMIT]),
            "limit": spam.LIST_LIMIT,
            "reopen_form": surge_forms.SpamReopenForm(),
        },
    )


@require_POST
@staff_required(Capability.SPAM_DECIDE)
def spam_reopen(request: HttpRequest) -> HttpResponse:
    """Undo a spam decision for the ticked cases (from a decision's page or a case's page)."""
    form = surge_forms.SpamReopenForm(request.POST)
    # Back to the page the form was on, if it is one of this site's office pages.
    back = request.POST.get("back", "")
    if not (back.startswith("/office/") and url_has_allowed_host_and_scheme(back, None)):
        back = reverse("office:surges")
    if form.is_valid():
        try:
            decision = spam.cases_reopen_from_spam(
                user=staff_user(request),
                case_ids=form.cleaned_data["cases"],
                reason=form.cleaned_data["reason"],
            )
        except DomainError as refused:
            messages.error(request, refused.message)
        else:
            messages.success(request, _decided_message(decision))
    else:
        messages.error(request, _form_errors(form))
    return redirect(back)


def _form_errors(form: Any) -> str:
    return " ".join(str(error) for errors in form.errors.values() for error in errors)
