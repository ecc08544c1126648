"""Events: trainings, briefings, visits to detention centres, open days, media, meetings."""

from __future__ import annotations

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from senim.core import clock
from senim.core.errors import NotFound
from senim.office.access import staff_required
from senim.office.prevention import forms as pf
from senim.office.prevention.common import (
    VIEW_ROLES,
    Action,
    handle,
    page_of,
    query_of,
    raw_files,
    xlsx,
)
from senim.organization.models import Role
from senim.prevention import exports, services
from senim.prevention import selectors as select


@require_GET
@staff_required(*VIEW_ROLES)
def events(request: HttpRequest, export: bool = False) -> HttpResponse:
    user = request.user
    form = pf.EventFilterForm(request.GET or None, units=select.visible_units(user))
    filters = select.EventFilters(**form.filters())
    if export:
        return xlsx(exports.events_xlsx(user, filters), "events")
    return render(
        request,
        "office/prevention/events.html",
        {
            "form": form,
            "page": page_of(request, select.event_list(user, filters)),
            "query": query_of(request),
            "can_record": select.editable_units(user).exists(),
        },
    )


@require_http_methods(["GET", "POST"])
@staff_required(Role.CHIEF, Role.COORDINATOR)
def event_new(request: HttpRequest) -> HttpResponse:
    user, today = request.user, clock.today()
    units = select.editable_units(user)
    measures = select.measures_to_fulfil(user, today=today).select_related("responsible_unit")
    initial = {"held_on": today, "measure": request.GET.get("measure") or None}
    staff = getattr(user, "staff", None)
    if staff is not None and staff.role == Role.CHIEF:
        initial["unit"] = staff.unit_id
    created: dict[str, int] = {}

    def record(form: forms.Form) -> None:
        data = form.cleaned_data
        assert isinstance(form, pf.EventForm)
        event = services.event_record(
            user=user,
            unit=data["unit"],
            kind=data["kind"],
            title=data["title"],
            held_on=data["held_on"],
            place=data["place"],
            organisers=data["organisers"],
            result=data["result"],
            measure=data["measure"],
            attendance=form.attendance(),
            staff=list(data["staff"]),
            files=raw_files(form),
        )
        created["pk"] = event.pk

    handled = handle(
        request,
        {
            "event": Action(
                lambda data, files: pf.EventForm(
                    data, files, units=units, measures=measures, initial=initial
                ),
                record,
                _("The event has been recorded."),
            )
        },
    )
    if handled.response:
        return redirect("office:prevention:event", event_id=created["pk"])
    return render(
        request,
        "office/prevention/event_new.html",
        {"form": handled.forms["event"], "files_dropped": handled.files_dropped},
    )


@require_GET
@staff_required(*VIEW_ROLES)
def event(request: HttpRequest, event_id: int) -> HttpResponse:
    try:
        page = select.event_page(request.user, event_id)
    except NotFound as missing:
        raise Http404 from missing
    return render(request, "office/prevention/event.html", {"page": page})
