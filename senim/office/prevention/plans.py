"""The prevention overview, plans and their measures."""

from __future__ import annotations

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from senim.core import clock
from senim.core.errors import NotFound
from senim.office.access import staff_required
from senim.office.prevention import forms as pf
from senim.office.prevention.common import (
    VIEWERS,
    Action,
    acting,
    handle,
    page_of,
    query_of,
    raw_files,
    render_page,
    xlsx,
)
from senim.organization.policy import Capability
from senim.prevention import access, exports
from senim.prevention.concept.selectors import concept_measure_choices
from senim.prevention.overview.selectors import prevention_overview
from senim.prevention.plans import selectors as select
from senim.prevention.plans import services


@require_GET
@staff_required(Capability.PREVENTION_READ_COMMITMENTS)
def index(request: HttpRequest) -> HttpResponse:
    scope = access.scope_of(request.user)
    overview = None if scope.nothing else prevention_overview(request.user, today=clock.today())
    return render_page(
        request, "office/prevention/index.html", {"overview": overview, "scope": scope}
    )


@require_http_methods(["GET", "POST"])
@staff_required(*VIEWERS)
def plans(request: HttpRequest, export: bool = False) -> HttpResponse:
    user, today = acting(request), clock.today()
    form = pf.PlanFilterForm(request.GET or None, units=access.visible_units(user))
    filters = select.PlanFilters(**form.filters())
    if export:
        return xlsx(exports.plans_xlsx(user, filters, today=today), "plans")
    units = access.editable_units(user)

    def create(form: forms.Form) -> None:
        services.plan_create(user=user, **form.cleaned_data)

    handled = handle(
        request,
        {
            "plan": Action(
                lambda data, files: pf.PlanForm(data, units=units, prefix="plan"),
                create,
                _("The plan has been created."),
                allowed=units.exists(),
            )
        },
    )
    if handled.response:
        return handled.response
    return render_page(
        request,
        "office/prevention/plans.html",
        {
            "form": form,
            "rows": select.plan_list(user, filters, today=today),
            "query": query_of(request),
            "forms": handled.forms if units.exists() else {},
            "open": handled.open,
        },
    )


@require_http_methods(["GET", "POST"])
@staff_required(*VIEWERS)
def plan(request: HttpRequest, plan_id: int) -> HttpResponse:
    user, today = acting(request), clock.today()
    try:
        page = select.plan_page(user, plan_id, today=today)
    except NotFound as missing:
        raise Http404 from missing
    units = access.editable_units(user)

    def add(form: forms.Form) -> None:
        services.measure_add(user=user, plan_id=page.plan.pk, **form.cleaned_data)

    handled = handle(
        request,
        {
            "measure": Action(
                lambda data, files: pf.MeasureForm(
                    data,
                    units=units,
                    concept=concept_measure_choices(),
                    prefix="measure",
                    initial={"responsible_unit": page.plan.unit, "due_on": page.plan.period_end},
                ),
                add,
                _("The measure has been added."),
                allowed=page.can_edit,
            )
        },
    )
    if handled.response:
        return handled.response
    return render_page(
        request,
        "office/prevention/plan.html",
        {"page": page, "forms": handled.forms, "open": handled.open, "today": today},
    )


@require_GET
@staff_required(*VIEWERS)
def measures(request: HttpRequest, export: bool = False) -> HttpResponse:
    user, today = acting(request), clock.today()
    form = pf.MeasureFilterForm(request.GET or None, units=access.visible_units(user))
    filters = select.MeasureFilters(**form.filters())
    if export:
        return xlsx(exports.measures_xlsx(user, filters, today=today), "measures")
    return render_page(
        request,
        "office/prevention/measures.html",
        {
            "form": form,
            "page": page_of(request, select.measure_list(user, filters, today=today)),
            "query": query_of(request),
        },
    )


@require_http_methods(["GET", "POST"])
@staff_required(*VIEWERS)
def measure(request: HttpRequest, measure_id: int) -> HttpResponse:
    user, today = acting(request), clock.today()
    try:
        page = select.measure_page(user, measure_id, today=today)
    except NotFound as missing:
        raise Http404 from missing

    def report(form: forms.Form) -> None:
        services.measure_report(
            user=user,
            measure_id=measure_id,
            amount=form.cleaned_data["amount"],
            note=form.cleaned_data["note"],
            files=raw_files(form),
        )

    def status(form: forms.Form) -> None:
        services.measure_status_set(user=user, measure_id=measure_id, **form.cleaned_data)

    handled = handle(
        request,
        {
            "report": Action(
                lambda data, files: pf.MeasureReportForm(data, files, prefix="report"),
                report,
                _("The progress has been recorded."),
                allowed=page.can_edit,
            ),
            "status": Action(
                lambda data, files: pf.MeasureStatusForm(data, prefix="status", moves=page.moves),
                status,
                _("The status has been changed."),
                allowed=page.can_edit,
            ),
        },
    )
    if handled.response:
        return handled.response
    return render_page(
        request,
        "office/prevention/measure.html",
        {
            "page": page,
            "forms": handled.forms,
            "open": handled.open,
            "files_dropped": handled.files_dropped,
        },
    )
