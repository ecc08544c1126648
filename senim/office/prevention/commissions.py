"""Public-council anti-corruption commissions: members, meetings, resolutions and follow-up."""

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
from senim.organization.models import Unit
from senim.prevention import access, exports
from senim.prevention.commissions import selectors as select
from senim.prevention.commissions import services


@require_http_methods(["GET", "POST"])
@staff_required(*VIEWERS)
def commissions(request: HttpRequest, export: bool = False) -> HttpResponse:
    user = acting(request)
    form = pf.CommissionFilterForm(request.GET or None, units=access.visible_units(user))
    filters = select.CommissionFilters(**form.filters())
    if export:
        return xlsx(exports.commissions_xlsx(user, filters), "commissions")
    units = access.editable_units(user)

    def create(form: forms.Form) -> None:
        services.commission_create(user=user, **form.cleaned_data)

    handled = handle(
        request,
        {
            "commission": Action(
                lambda data, files: pf.CommissionForm(data, units=units, prefix="commission"),
                create,
                _("The commission has been registered."),
                allowed=units.exists(),
            )
        },
    )
    if handled.response:
        return handled.response
    return render_page(
        request,
        "office/prevention/commissions.html",
        {
            "form": form,
            "commissions": select.commission_list(user, filters),
            "query": query_of(request),
            "forms": handled.forms if units.exists() else {},
            "open": handled.open,
        },
    )


@require_http_methods(["GET", "POST"])
@staff_required(*VIEWERS)
def commission(request: HttpRequest, commission_id: int) -> HttpResponse:
    user = acting(request)
    try:
        page = select.commission_page(user, commission_id)
    except NotFound as missing:
        raise Http404 from missing

    def member(form: forms.Form) -> None:
        services.commission_member_add(user=user, commission_id=commission_id, **form.cleaned_data)

    def meeting(form: forms.Form) -> None:
        data = {k: v for k, v in form.cleaned_data.items() if k != "evidence"}
        services.meeting_record(
            user=user, commission_id=commission_id, files=raw_files(form), **data
        )

    handled = handle(
        request,
        {
            "member": Action(
                lambda data, files: pf.MemberForm(data, prefix="member"),
                member,
                _("The member has been added."),
                allowed=page.can_edit,
            ),
            "meeting": Action(
                lambda data, files: pf.MeetingForm(data, files, prefix="meeting"),
                meeting,
                _("The meeting has been recorded."),
                allowed=page.can_edit,
            ),
        },
    )
    if handled.response:
        return handled.response
    return render_page(
        request,
        "office/prevention/commission.html",
        {
            "page": page,
            "forms": handled.forms,
            "open": handled.open,
            "files_dropped": handled.files_dropped,
        },
    )


@require_http_methods(["GET", "POST"])
@staff_required(*VIEWERS)
def meeting(request: HttpRequest, meeting_id: int) -> HttpResponse:
    user, today = acting(request), clock.today()
    try:
        page = select.meeting_page(user, meeting_id, today=today)
    except NotFound as missing:
        raise Http404 from missing
    unit = page.meeting.commission.unit
    owners = Unit.objects.filter(pk=unit.pk) | Unit.objects.filter(kind=Unit.Kind.CENTRAL)

    def add(form: forms.Form) -> None:
        services.resolution_add(user=user, meeting_id=meeting_id, **form.cleaned_data)

    handled = handle(
        request,
        {
            "resolution": Action(
                lambda data, files: pf.ResolutionForm(data, units=owners, prefix="resolution"),
                add,
                _("The resolution has been added."),
                allowed=page.can_edit,
            )
        },
    )
    if handled.response:
        return handled.response
    return render_page(
        request,
        "office/prevention/meeting.html",
        {"page": page, "forms": handled.forms, "open": handled.open},
    )


@require_GET
@staff_required(*VIEWERS)
def resolutions(request: HttpRequest, export: bool = False) -> HttpResponse:
    user, today = acting(request), clock.today()
    form = pf.ResolutionFilterForm(request.GET or None, units=access.visible_units(user))
    filters = select.ResolutionFilters(**form.filters())
    if export:
        return xlsx(exports.resolutions_xlsx(user, filters, today=today), "resolutions")
    return render_page(
        request,
        "office/prevention/resolutions.html",
        {
            "form": form,
            "page": page_of(request, select.resolution_list(user, filters, today=today)),
            "query": query_of(request),
        },
    )


@require_http_methods(["GET", "POST"])
@staff_required(*VIEWERS)
def resolution(request: HttpRequest, resolution_id: int) -> HttpResponse:
    user, today = acting(request), clock.today()
    try:
        page = select.resolution_page(user, resolution_id, today=today)
    except NotFound as missing:
        raise Http404 from missing

    def follow_up(form: forms.Form) -> None:
        services.resolution_follow_up(user=user, resolution_id=resolution_id, **form.cleaned_data)

    handled = handle(
        request,
        {
            "follow_up": Action(
                lambda data, files: pf.FollowUpForm(
                    data,
                    prefix="follow_up",
                    current=page.row.resolution.status,
                    moves=page.moves,
                    initial={
                        "status": page.row.resolution.status,
                        "follow_up": page.row.resolution.follow_up,
                    },
                ),
                follow_up,
                _("The follow-up has been recorded."),
                allowed=page.can_edit,
            )
        },
    )
    if handled.response:
        return handled.response
    return render_page(
        request,
        "office/prevention/resolution.html",
        {
            "row": page.row,
            "can_edit": page.can_edit,
            "forms": handled.forms,
            "open": handled.open,
        },
    )
