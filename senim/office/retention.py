"""The records page (/office/retention/): periods, what is due (a dry run), the list waiting
for approval, legal holds; and the legal hold on a case's page. Parse, authorize, call one
service of `senim.cases.retention`, render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from senim.cases import retention
from senim.cases.models import CaseRecord, DisposalBatch, Outcome, RetentionRule
from senim.cases.selectors import cases_visible_to
from senim.core.errors import DomainError, NotFound
from senim.intake.models import Category
from senim.office.access import staff_required, staff_user
from senim.office.retention_forms import DisposalDecisionForm, LegalHoldForm, RetentionRuleForm
from senim.office.second_factor import step_up_required
from senim.organization.policy import CASE_SIGHT, Capability

DRY_RUN_SHOWN = 200


def _rules_table() -> list[dict[str, object]]:
    categories = dict(Category.choices)
    outcomes = {**dict(Outcome.choices), retention.SPAM: _("closed as spam")}
    own = {(r.category, r.outcome) for r in RetentionRule.objects.all()}
    rows = []
    for (category, outcome), years in sorted(retention.rules_in_force().items()):
        rows.append(
            {
                "category": categories.get(category, _("any category")),
                "outcome": outcomes.get(outcome, _("any outcome")),
                "years": years,
                "department": (category, outcome) in own,
            }
        )
    return rows


@require_http_methods(["GET", "POST"])
@staff_required(Capability.RETENTION_DECIDE)
def records(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    rule_form = RetentionRuleForm(request.POST if "set_rule" in request.POST else None)
    if request.method == "POST":
        if "set_rule" in request.POST and rule_form.is_valid():
            data = rule_form.cleaned_data
            try:
                retention.retention_rule_set(
                    user=user,
                    category=data["category"],
                    outcome=data["outcome"],
                    years=data["years"],
                    reason=data["reason"],
                )
            except DomainError as refused:
                rule_form.add_error(None, refused.message)
            else:
                messages.success(request, _("The period has been set."))
                return redirect("office:retention")
        elif "propose" in request.POST:
            listed = retention.retention_propose()
            if listed:
                messages.success(
                    request, _("A list of %(n)s cases waits for approval.") % {"n": listed}
                )
            else:
                messages.info(
                    request, _("Nothing new to list: no case is due, or a list is waiting.")
                )
            return redirect("office:retention")
    due = retention.cases_due(limit=DRY_RUN_SHOWN)
    waiting = DisposalBatch.objects.filter(state=DisposalBatch.State.PROPOSED).first()
    context = {
        "rules": _rules_table(),
        "rule_form": rule_form,
        "due": due,
        "due_shown": DRY_RUN_SHOWN,
        "waiting": waiting,
        "waiting_items": list(retention.batch_items(waiting)) if waiting else [],
        "decision_form": DisposalDecisionForm(),
        "batches": retention.batches(),
        "holds": CaseRecord.objects.exclude(hold_reason="")
        .filter(case__in=cases_visible_to(user))
        .select_related("case__appeal", "hold_by")
        .order_by("-hold_at")[:200],
    }
    return render(request, "office/retention.html", context)


@require_POST
@staff_required(Capability.RETENTION_DECIDE)
@step_up_required  # destroying records: a fresh second factor first
def disposal_decide(request: HttpRequest, batch_id: int) -> HttpResponse:
    form = DisposalDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose to approve or to reject the list."))
        return redirect("office:retention")
    approve = form.cleaned_data["decision"] == "approve"
    try:
        retention.disposal_decide(
            user=staff_user(request),
            batch_id=batch_id,
            approve=approve,
            note=form.cleaned_data["note"],
        )
    except NotFound as missing:
        raise Http404 from missing
    except DomainError as refused:
        messages.error(request, refused.message)
    else:
        messages.success(
            request,
            _("Approved: the content is destroyed by the next run of the timed work.")
            if approve
            else _("The list has been rejected."),
        )
    return redirect("office:retention")


@require_POST
@staff_required(*CASE_SIGHT)
def legal_hold(request: HttpRequest, case_id: int, act: str) -> HttpResponse:
    form = LegalHoldForm(request.POST)
    back = redirect("office:case-detail", case_id=case_id)
    if not form.is_valid():
        messages.error(request, _("Give the reasons for the legal hold."))
        return back
    service = {"place": retention.legal_hold_place, "lift": retention.legal_hold_lift}.get(act)
    if service is None:
        raise Http404
    try:
        service(user=staff_user(request), case_id=case_id, reason=form.cleaned_data["reason"])
    except NotFound as missing:
        raise Http404 from missing
    except PermissionDenied:
        raise
    except DomainError as refused:
        messages.error(request, refused.message)
    else:
        messages.success(
            request,
            _("The case is on legal hold.") if act == "place" else _("The legal hold is lifted."),
        )
    return back
