"""The anti-corruption policy concept 2022-2026 and the GRECO tracker: the country's, read by
all staff, kept by the central coordinators."""

from __future__ import annotations

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from senim.core.errors import NotFound
from senim.office.access import staff_required
from senim.office.prevention import forms as pf
from senim.office.prevention.common import (
    Action,
    acting,
    handle,
    query_of,
    raw_files,
    render_page,
    xlsx,
)
from senim.organization.policy import Capability
from senim.prevention import access, exports
from senim.prevention.concept import selectors as concept_select
from senim.prevention.concept import services as concept_services
from senim.prevention.greco import selectors as greco_select
from senim.prevention.greco import services as greco_services
from senim.prevention.lifecycle import CONCEPT_MEASURES, choices
from senim.prevention.models import GrecoReport


@require_http_methods(["GET", "POST"])
@staff_required(Capability.PREVENTION_READ_COMMITMENTS)
def concept(request: HttpRequest, export: bool = False) -> HttpResponse:
    user = acting(request)
    form = pf.ConceptFilterForm(request.GET or None)
    filters = concept_select.ConceptFilters(**form.filters())
    if export:
        return xlsx(exports.concept_xlsx(user, filters), "concept")
    can_edit = access.may_edit_central(user)

    def objective(form: forms.Form) -> None:
        concept_services.concept_objective_add(user=user, **form.cleaned_data)

    def measure(form: forms.Form) -> None:
        data = form.cleaned_data
        concept_services.concept_measure_add(user=user, **{**data, "units": list(data["units"])})

    handled = handle(
        request,
        {
            "objective": Action(
                lambda data, files: pf.ConceptObjectiveForm(data, prefix="objective"),
                objective,
                _("The objective has been added."),
                allowed=can_edit,
            ),
            "measure": Action(
                lambda data, files: pf.ConceptMeasureForm(data, prefix="measure"),
                measure,
                _("The measure has been added."),
                allowed=can_edit,
            ),
        },
    )
    if handled.response:
        return handled.response
    return render_page(
        request,
        "office/prevention/concept.html",
        {
            "form": form,
            "objectives": concept_select.concept_list(user, filters),
            "query": query_of(request),
            "forms": handled.forms if can_edit else {},
            "open": handled.open,
        },
    )


@require_http_methods(["GET", "POST"])
@staff_required(Capability.PREVENTION_READ_COMMITMENTS)
def concept_measure(request: HttpRequest, measure_id: int) -> HttpResponse:
    user = acting(request)
    try:
        found = concept_select.concept_measure_get(user, measure_id)
    except NotFound as missing:
        raise Http404 from missing
    can_edit = access.may_edit_central(user)
    moves = choices(CONCEPT_MEASURES, user, found.status) if can_edit else []

    def update(form: forms.Form) -> None:
        data = form.cleaned_data
        concept_services.concept_measure_update(
            user=user,
            measure_id=measure_id,
            status=data["status"],
            note=data["note"],
            units=list(data["units"]),
        )

    handled = handle(
        request,
        {
            "update": Action(
                lambda data, files: pf.ConceptUpdateForm(
                    data,
                    prefix="update",
                    current=found.status,
                    moves=moves,
                    initial={
                        "status": found.status,
                        "note": found.note,
                        "units": list(found.units.all()),
                    },
                ),
                update,
                _("Saved."),
                allowed=can_edit,
            )
        },
    )
    if handled.response:
        return handled.response
    return render_page(
        request,
        "office/prevention/concept_measure.html",
        {"measure": found, "can_edit": can_edit, "forms": handled.forms, "open": handled.open},
    )


@require_http_methods(["GET", "POST"])
@staff_required(Capability.PREVENTION_READ_COMMITMENTS)
def greco(request: HttpRequest) -> HttpResponse:
    user = acting(request)
    can_edit = access.may_edit_central(user)

    def add(form: forms.Form) -> None:
        greco_services.greco_round_add(user=user, **form.cleaned_data)

    handled = handle(
        request,
        {
            "round": Action(
                lambda data, files: pf.GrecoRoundForm(data, prefix="round"),
                add,
                _("The round has been added."),
                allowed=can_edit,
            )
        },
    )
    if handled.response:
        return handled.response
    return render_page(
        request,
        "office/prevention/greco.html",
        {
            "rounds": greco_select.greco_round_list(user),
            "forms": handled.forms if can_edit else {},
            "open": handled.open,
        },
    )


@require_http_methods(["GET", "POST"])
@staff_required(Capability.PREVENTION_READ_COMMITMENTS)
def greco_round(request: HttpRequest, round_id: int, export: bool = False) -> HttpResponse:
    user = acting(request)
    form = pf.GrecoFilterForm(request.GET or None)
    filters = greco_select.GrecoFilters(**form.filters())
    try:
        page = greco_select.greco_round_page(user, round_id, filters)
    except NotFound as missing:
        raise Http404 from missing
    if export and request.method == "GET":
        return xlsx(exports.greco_xlsx(user, round_id, filters), "greco")

    def report(form: forms.Form) -> None:
        greco_services.greco_report_add(user=user, round_id=round_id, **form.cleaned_data)

    def recommendation(form: forms.Form) -> None:
        greco_services.greco_recommendation_add(user=user, round_id=round_id, **form.cleaned_data)

    handled = handle(
        request,
        {
            "report": Action(
                lambda data, files: pf.GrecoReportForm(data, prefix="report"),
                report,
                _("The report has been added."),
                allowed=page.can_edit,
            ),
            "recommendation": Action(
                lambda data, files: pf.GrecoRecommendationAddForm(data, prefix="recommendation"),
                recommendation,
                _("The recommendation has been added."),
                allowed=page.can_edit,
            ),
        },
    )
    if handled.response:
        return handled.response
    return render_page(
        request,
        "office/prevention/greco_round.html",
        {
            "page": page,
            "form": form,
            "query": query_of(request),
            "forms": handled.forms,
            "open": handled.open,
        },
    )


@require_http_methods(["GET", "POST"])
@staff_required(Capability.PREVENTION_READ_COMMITMENTS)
def greco_recommendation(request: HttpRequest, recommendation_id: int) -> HttpResponse:
    user = acting(request)
    try:
        page = greco_select.greco_recommendation_page(user, recommendation_id)
    except NotFound as missing:
        raise Http404 from missing
    rec = page.recommendation
    rateable = rec.round.reports.exclude(kind=GrecoReport.Kind.EVALUATION).order_by("adopted_on")

    def assess(form: forms.Form) -> None:
        data = form.cleaned_data
        greco_services.greco_assess(
            user=user,
            recommendation_id=recommendation_id,
            report_id=data["report"].pk,
            status=data["status"],
            note=data["note"],
            files=raw_files(form),
        )

    def edit(form: forms.Form) -> None:
        greco_services.greco_recommendation_update(
            user=user, recommendation_id=recommendation_id, **form.cleaned_data
        )

    handled = handle(
        request,
        {
            "assess": Action(
                lambda data, files: pf.GrecoAssessForm(
                    data,
                    files,
                    reports=rateable,
                    prefix="assess",
                    initial={"report": rateable.last()},
                ),
                assess,
                _("The status has been recorded."),
                allowed=page.can_edit,
            ),
            "edit": Action(
                lambda data, files: pf.GrecoRecommendationForm(
                    data,
                    prefix="edit",
                    initial={
                        "text_kk": rec.text_kk,
                        "text_ru": rec.text_ru,
                        "text_en": rec.text_en,
                        "owner_unit": rec.owner_unit_id,
                        "owner": rec.owner_id,
                        "next_report_due": rec.next_report_due,
                    },
                ),
                edit,
                _("Saved."),
                allowed=page.can_edit,
            ),
        },
    )
    if handled.response:
        return handled.response
    return render_page(
        request,
        "office/prevention/greco_recommendation.html",
        {
            "page": page,
            "forms": handled.forms,
            "open": handled.open,
            "files_dropped": handled.files_dropped,
        },
    )
