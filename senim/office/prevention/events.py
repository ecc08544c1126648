"""Events: trainings, briefings, visits to detention centres, open days, media, meetings."""

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
    raw_files,
    render_page,
    xlsx,
)
from senim.prevention import access, exports
from senim.prevention.events import selectors as select
from senim.prevention.events import services


@require_GET
@staff_required(*VIEWERS)
def events(request: HttpRequest, export: bool = False) -> HttpResponse:
    user = acting(request)
    form = pf.EventFilterForm(request.GET or None, units=access.visible_units(user))
    filters = select.EventFilters(**form.filters())
    if export:
        return xlsx(exports.events_xlsx(user, filters), "events")
    return render_page(
        request,
        "office/prevention/events.html",
        {
            "form": form,
            "page": page_of(request, select.event_list(user, filters)),
            "query": query_of(request),
            "can_record": access.editable_units(user).exists(),
        },
    )


@require_http_methods(["GET", "POST"])
@staff_required(*EDITORS)
def event_new(request: HttpRequest) -> HttpResponse:
    user, today = acting(request), clock.today()
    units = access.editable_units(user)
    measures = select.measures_to_fulfil(user, today=today).select_related("responsible_unit")
    initial: dict[str, object] = {"held_on": today, "measure": request.GET.get("measure") or None}
    if (own := access.own_unit_to_edit(user)) is not None:
        initial["unit"] = own
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
    return render_page(
        request,
        "office/prevention/event_new.html",
        {"form": handled.forms["event"], "files_dropped": handled.files_dropped},
    )


@require_GET
@staff_required(*VIEWERS)
def event(request: HttpRequest, event_id: int) -> HttpResponse:
    try:
        page = select.event_page(acting(request), event_id)
    except NotFound as missing:
        raise Http404 from missing
    return render_page(request, "office/prevention/event.html", {"page": page})
