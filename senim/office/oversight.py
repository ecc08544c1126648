"""Oversight pages: the audit log for auditors, the working-day calendar for administrators,
central tasks, and the protection register."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db.models import Q
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
from senim.intake.attachments import read_uploads
from senim.office import audit_actions
from senim.office import forms as office_forms
from senim.office.access import staff_of, staff_required, staff_user
from senim.office.second_factor import step_up_required
from senim.organization import policy
from senim.organization.models import PERSON_ROLES, StaffMember, Unit
from senim.organization.policy import Capability
from senim.organization.services import staff_role_change

PAGE = 50


# Sign-ins and their failures, second factors, sessions, dismissals, single sign-on and every
# step of an identity reveal.
SECURITY_ACTIONS = ("login", "logout", "mfa.", "session", "staff.dismissed", "sso.", "identity.")


def _security_events() -> Q:
    found = Q()
    for prefix in SECURITY_ACTIONS:
        found |= Q(action__startswith=prefix)
    return found


@require_GET
@staff_required(Capability.AUDIT_READ)
def audit_log(request: HttpRequest) -> HttpResponse:
    form = office_forms.AuditFilterForm(request.GET or None)
    events = AuditEvent.objects.order_by("-seq")
    if form.is_valid():
        data = form.cleaned_data
        if data["kind"] == "security":
            events = events.filter(_security_events())
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
        audit(action="audit.verified", actor=staff_user(request), detail={"ok": verification.ok})
    return render(
        request,
        "office/audit.html",
        {
            "form": form,
            "events": audit_actions.readable(rows[:PAGE]),
            "number": number,
            "has_next": len(rows) > PAGE,
            "query": query.urlencode(),
            "verification": verification,
        },
    )


@require_http_methods(["GET", "POST"])
@staff_required(Capability.CALENDAR_ADMIN)
def working_calendar(request: HttpRequest) -> HttpResponse:
    form = office_forms.CalendarDayForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        working = {"working": True, "day_off": False, "remove": None}[data["kind"]]
        transfer_set(day=data["day"], working=working, note=data["note"], actor=staff_user(request))
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
@staff_required(Capability.TASKS_SET, Capability.TASKS_ANSWER)
def tasks(request: HttpRequest) -> HttpResponse:
    staff = staff_of(request)
    assert staff is not None
    form = (
        office_forms.CentralTaskForm(request.POST or None)
        if policy.may(request.user, Capability.TASKS_SET)
        else None
    )
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            central_tasks.task_create(user=staff_user(request), **form.cleaned_data)
        except DomainError as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _("The task has been set."))
            return redirect("office:tasks")
    return _tasks_page(request, form)


def _tasks_page(
    request: HttpRequest,
    form: office_forms.CentralTaskForm | None,
    *,
    typed: dict[str, Any] | None = None,
    status: int = 200,
) -> HttpResponse:
    """The tasks page; `typed` is a refused response ({"task": id, "text": ...}) shown again."""
    return render(
        request,
        "office/tasks.html",
        {
            "form": form,
            "tasks": central_tasks.tasks_visible_to(request.user),
            "staff": staff_of(request),
            "may_answer": policy.may(request.user, Capability.TASKS_ANSWER),
            "may_accept": policy.may(request.user, Capability.TASKS_SET),
            "respond_form": office_forms.TaskResponseForm(),
            # What the reply's files may be (`senim.cases.task_files`).
            "task_files_max": settings.SENIM_TASK_REPLY_MAX_FILES,
            "task_file_max_mb": settings.SENIM_ATTACHMENT_MAX_BYTES // 2**20,
            "typed": typed,
        },
        status=status,
    )


@require_POST
@staff_required(Capability.TASKS_SET, Capability.TASKS_ANSWER)
def task_action(request: HttpRequest, task_id: int, action: str) -> HttpResponse:
    try:
        if action == "respond":
            central_tasks.task_respond(
                user=staff_user(request),
                task_id=task_id,
                response=request.POST.get("response", ""),
                files=read_uploads(request.FILES.getlist("files")),
            )
        elif action in ("accept", "return"):
            central_tasks.task_accept(
                user=staff_user(request), task_id=task_id, accept=action == "accept"
            )
        else:
            raise DomainError(_("Unknown action."))
    except DomainError as refused:
        messages.error(request, refused.message)
        if action == "respond":
            # The response comes back as typed (files cannot be: they are attached again).
            typed = {"task": task_id, "text": request.POST.get("response", "")}
            typed["files_dropped"] = bool(request.FILES)
            return _tasks_page(request, _set_form(request), typed=typed)
    else:
        messages.success(request, _("Saved."))
    return redirect("office:tasks")


def _set_form(request: HttpRequest) -> office_forms.CentralTaskForm | None:
    may_set = policy.may(request.user, Capability.TASKS_SET)
    return office_forms.CentralTaskForm() if may_set else None


@require_GET
@staff_required(Capability.PROTECTION_MANAGE)
def protection_register(request: HttpRequest) -> HttpResponse:
    people: Any = protection.protected_visible_to(request.user).prefetch_related("events")
    return render(request, "office/protection.html", {"people": people, "today": clock.today()})


@require_http_methods(["GET", "POST"])
@staff_required(Capability.STAFF_ADMIN)
@step_up_required
def staff_list(request: HttpRequest) -> HttpResponse:
    """Staff and their roles; a change of unit or role is a permission change, audited."""
    form = office_forms.StaffRoleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        person = get_user_model().objects.filter(pk=form.cleaned_data["user"]).first()
        try:
            if person is None:
                raise DomainError(_("No such person."))
            staff_role_change(
                actor=staff_user(request),
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
        {"members": members, "units": Unit.objects.all(), "roles": PERSON_ROLES},
    )
