"""The corruption-risk register and its heat map."""

from __future__ import annotations

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from senim.core import clock
from senim.core.errors import NotFound
from senim.office.access import staff_required
from senim.office.prevention import forms as pf
from senim.office.prevention.common import (
    EDITORS,
    VIEWERS,
    Action,
    acting,
    handle,
    page_of,
    query_of,
    render_page,
    xlsx,
)
from senim.organization.models import Unit
from senim.prevention import access, exports
from senim.prevention.risks import selectors as select
from senim.prevention.risks import services
from senim.prevention.rules import band_table


def _bands() -> list[tuple[str, str, int, int]]:
    """(band, label, lowest score, highest score) for the key under the heat map."""
    return [(band.value, str(band.label), low, high) for band, low, high in band_table()]


@require_GET
@staff_required(*VIEWERS)
def risks(request: HttpRequest, export: bool = False) -> HttpResponse:
    user = acting(request)
    form = pf.RiskFilterForm(request.GET or None, units=access.visible_units(user))
    filters = select.RiskFilters(**form.filters())
    if export:
        return xlsx(exports.risks_xlsx(user, filters), "risks")
    return render_page(
        request,
        "office/prevention/risks.html",
        {
            "form": form,
            "page": page_of(request, select.risk_list(user, filters)),
            "query": query_of(request),
            "can_add": access.editable_units(user).exists(),
        },
    )


@require_GET
@staff_required(*VIEWERS)
def heat_map(request: HttpRequest) -> HttpResponse:
    user = acting(request)
    form = pf.RiskFilterForm(request.GET or None, units=access.visible_units(user))
    del form.fields["band"], form.fields["status"]
    filters = select.RiskFilters(**form.filters())
    return render_page(
        request,
        "office/prevention/heat_map.html",
        {
            "form": form,
            "heat": select.risk_heat_map(user, filters),
            "bands": _bands(),
            "query": query_of(request),
        },
    )


@require_http_methods(["GET", "POST"])
@staff_required(*EDITORS)
def risk_new(request: HttpRequest) -> HttpResponse:
    user = acting(request)
    units = access.editable_units(user)
    initial = {"identified_on": clock.today(), "likelihood": 3, "impact": 3}
    if (own := access.own_unit_to_edit(user)) is not None:
        initial["unit"] = own
    created: dict[str, int] = {}

    def create(form: forms.Form) -> None:
        created["pk"] = services.risk_create(user=user, **form.cleaned_data).pk

    handled = handle(
        request,
        {
            "risk": Action(
                lambda data, files: pf.RiskForm(data, units=units, initial=initial),
                create,
                _("The risk has been entered in the register."),
            )
        },
    )
    if handled.response:
        return redirect("office:prevention:risk", risk_id=created["pk"])
    return render_page(request, "office/prevention/risk_new.html", {"form": handled.forms["risk"]})


@require_http_methods(["GET", "POST"])
@staff_required(*VIEWERS)
def risk(request: HttpRequest, risk_id: int) -> HttpResponse:
    user, today = acting(request), clock.today()
    try:
        page = select.risk_page(user, risk_id, today=today)
    except NotFound as missing:
        raise Http404 from missing
    current = page.row.risk
    people = Unit.objects.filter(pk=current.unit_id) | Unit.objects.filter(kind=Unit.Kind.CENTRAL)

    def review(form: forms.Form) -> None:
        services.risk_review(user=user, risk_id=risk_id, **form.cleaned_data)

    def action(form: forms.Form) -> None:
        services.risk_action_add(user=user, risk_id=risk_id, **form.cleaned_data)

    def action_status(form: forms.Form) -> None:
        data = form.cleaned_data
        if not current.actions.filter(pk=data["action"]).exists():
            raise NotFound(_("No such action."))
        services.risk_action_status(user=user, action_id=data["action"], status=data["status"])

    def link(form: forms.Form) -> None:
        services.risk_case_link(user=user, risk_id=risk_id, **form.cleaned_data)

    handled = handle(
        request,
        {
            "review": Action(
                lambda data, files: pf.RiskReviewForm(
                    data,
                    prefix="review",
                    current=current.status,
                    moves=page.moves,
                    initial={
                        "likelihood": current.likelihood,
                        "impact": current.impact,
                        "status": current.status,
                    },
                ),
                review,
                _("The review has been recorded."),
                allowed=page.can_edit,
            ),
            "action": Action(
                lambda data, files: pf.RiskActionForm(data, units=people, prefix="action"),
                action,
                _("The mitigation action has been added."),
                allowed=page.can_edit,
            ),
            "action_status": Action(
                lambda data, files: pf.RiskActionStatusForm(data, prefix="action_status"),
                action_status,
                _("Saved."),
                allowed=page.can_edit,
            ),
            "link": Action(
                lambda data, files: pf.RiskLinkForm(data, prefix="link"),
                link,
                _("The case has been linked."),
                allowed=page.can_edit,
            ),
        },
    )
    if handled.response:
        return handled.response
    return render_page(
        request,
        "office/prevention/risk.html",
        {
            "page": page,
            "forms": handled.forms,
            "open": handled.open,
        },
    )
