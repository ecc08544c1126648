"""Oversight pages: the audit log for auditors, the working-day calendar for administrators,
central tasks, and the protection register."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from senim.cases import central_tasks, protection
from senim.core import clock
from senim.core.audit import audit, audit_verify
from senim.core.calendar import public_holidays, transfer_set
from senim.core.errors import DomainError
from senim.core.models import AuditEvent, CalendarDay
from senim.office import forms as office_forms
from senim.office.access import staff_of, staff_required
from senim.organization.models import Role, StaffMember, Unit
from senim.organization.services import staff_role_change

PAGE = 50


@require_GET
@staff_required(Role.AUDITOR, Role.ADMINISTRATOR)
def audit_log(request: HttpRequest) -> HttpResponse:
    form = office_forms.AuditFilterForm(request.GET or None)
    events = AuditEvent.objects.order_by("-seq")
    if form.is_valid():
        data = form.cleaned_data
        if data["action"]:
            events = events.filter(action__startswith=data["action"])
        if data["actor"]:
            events = events.filter(actor=data["actor"])
        if data["object_id"]:
            events = events.filter(object_id=data["object_id"])
        if data["since"]:
            events = events.filter(at__date__gte=data["since"])
        if data["until"]:
            events = events.filter(at__date__lte=data["until"])
    try:
        number = max(1, int(request.GET.get("page", "1")))
    except ValueError:
        number = 1
    rows = list(events[(number - 1) * PAGE : number * PAGE + 1])
    query = request.GET.copy()
    query.pop("page", None)
    verification = audit_verify() if request.GET.get("verify") else None
    if verification is not None:
        audit(action="audit.verified", actor=request.user, detail={"ok": verification.ok})
    return render(
        request,
        "office/audit.html",
        {
            "form": form,
            "events": rows[:PAGE],
            "number": number,
            "has_next": len(rows) > PAGE,
            "query": query.urlencode(),
            "verification": verification,
        },
    )


@require_http_methods(["GET", "POST"])
@staff_required(Role.ADMINISTRATOR)
def working_calendar(request: HttpRequest) -> HttpResponse:
    form = office_forms.CalendarDayForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        working = {"working": True, "day_off": False, "remove": None}[data["kind"]]
        transfer_set(day=data["day"], working=working, note=data["note"], actor=request.user)
        messages.success(request, _("The calendar has been updated."))
        return redirect("office:calendar")
    try:
        year = int(request.GET.get("year", clock.today().year))
    except ValueError:
        year = clock.today().year
    return render(
        request,
        "office/calendar.html",
        {
            "form": form,
            "year": year,
            "transfers": CalendarDay.objects.filter(day__year=year),
            "holidays": public_holidays(year),
        },
    )


@require_http_methods(["GET", "POST"])
@staff_required(Role.COORDINATOR, Role.CHIEF)
def tasks(request: HttpRequest) -> HttpResponse:
    staff = staff_of(request)
    assert staff is not None
    form = (
        office_forms.CentralTaskForm(request.POST or None)
        if staff.role == Role.COORDINATOR
        else None
    )
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            central_tasks.task_create(user=request.user, **form.cleaned_data)
        except DomainError as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _("The task has been set."))
            return redirect("office:tasks")
    return render(
        request,
        "office/tasks.html",
        {
            "form": form,
            "tasks": central_tasks.tasks_visible_to(request.user),
            "staff": staff,
            "respond_form": office_forms.TaskResponseForm(),
        },
    )


@require_POST
@staff_required(Role.COORDINATOR, Role.CHIEF)
def task_action(request: HttpRequest, task_id: int, action: str) -> HttpResponse:
    try:
        if action == "respond":
            central_tasks.task_respond(
                user=request.user, task_id=task_id, response=request.POST.get("response", "")
            )
        elif action in ("accept", "return"):
            central_tasks.task_accept(user=request.user, task_id=task_id, accept=action == "accept")
        else:
            raise DomainError(_("Unknown action."))
    except DomainError as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("Saved."))
    return redirect("office:tasks")


@require_GET
@staff_required(Role.COORDINATOR, Role.CHIEF)
def protection_register(request: HttpRequest) -> HttpResponse:
    people: Any = protection.protected_visible_to(request.user).prefetch_related("events")
    return render(request, "office/protection.html", {"people": people, "today": clock.today()})


@require_http_methods(["GET", "POST"])
@staff_required(Role.ADMINISTRATOR)
def staff_list(request: HttpRequest) -> HttpResponse:
    """Staff and their roles; a change of unit or role is a permission change, audited."""
    form = office_forms.StaffRoleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        person = get_user_model().objects.filter(pk=form.cleaned_data["user"]).first()
        try:
            if person is None:
                raise DomainError(_("No such person."))
            staff_role_change(
                actor=request.user,
                user=person,
                unit=form.cleaned_data["unit"],
                role=form.cleaned_data["role"],
            )
        except DomainError as refused:
            messages.error(request, refused.message)
        else:
            messages.success(request, _("The role has been changed."))
        return redirect("office:staff")
    members = StaffMember.objects.select_related("user", "unit").order_by("unit__code", "role")
    return render(
        request,
        "office/staff.html",
        {"members": members, "units": Unit.objects.all(), "roles": Role.choices},
    )
