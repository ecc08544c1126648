"""Staff back-office pages: parse, authorize, call one service or selector, render."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from senim.cases import deadlines
from senim.cases.central_tasks import tasks_visible_to
from senim.cases.models import CentralTask
from senim.cases.selectors import QueueFilters, case_queue, home_counts, notifications_for
from senim.core import clock
from senim.core.audit import audit
from senim.core.errors import DomainError
from senim.office import forms as office_forms
from senim.office.access import staff_of, staff_required
from senim.office.case_rows import case_rows
from senim.office.context import CASE_ROLES
from senim.organization import selectors as registry_select
from senim.organization import services as registry_services
from senim.organization.models import Court, Role
from senim.prevention.selectors import prevention_home


class StaffLoginView(auth_views.LoginView):
    template_name = "office/login.html"
    authentication_form = office_forms.StaffLoginForm
    redirect_authenticated_user = True

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        audit(
            action="login", actor=form.get_user(), object_type="user", object_id=form.get_user().pk
        )
        return response

    def form_invalid(self, form: Any) -> HttpResponse:
        # The username typed, never the address it came from.
        audit(
            action="login.failed",
            object_type="user",
            detail={"username": str(form.data.get("username", ""))[:150]},
        )
        return super().form_invalid(form)


class StaffLogoutView(auth_views.LogoutView):
    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated:
            audit(
                action="logout", actor=request.user, object_type="user", object_id=request.user.pk
            )
        return super().post(request, *args, **kwargs)


@require_GET
@staff_required()
def home(request: HttpRequest) -> HttpResponse:
    """What needs this person today, by role."""
    staff = staff_of(request)
    assert staff is not None
    today = clock.today()
    horizon = deadlines.due_soon_horizon(today)
    context: dict[str, Any] = {"staff": staff, "today": today}
    if staff.role in CASE_ROLES:
        context["counts"] = home_counts(request.user, today=today, horizon=horizon)
        mine = QueueFilters(assignee="me") if staff.role == Role.INVESTIGATOR else QueueFilters()
        urgent = QueueFilters(**{**mine.__dict__, "deadline": "overdue", "sort": "due"})
        soon = QueueFilters(**{**mine.__dict__, "deadline": "due_soon", "sort": "due"})

        def first_ten(filters: QueueFilters) -> list[Any]:
            return case_rows(case_queue(request.user, filters, today=today, horizon=horizon)[:10])

        context["overdue"] = first_ten(urgent)
        context["due_soon"] = first_ten(soon)
        if staff.role != Role.INVESTIGATOR:
            context["new"] = first_ten(QueueFilters(status="received", sort="oldest"))
    context["notifications"] = notifications_for(request.user)[:10]
    context["tasks"] = tasks_visible_to(request.user).exclude(state=CentralTask.State.ACCEPTED)[:10]
    context["prevention"] = prevention_home(request.user, today=today)
    return render(request, "office/home.html", context)


@require_GET
@staff_required()
def registry(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "office/registry.html",
        {"courts": registry_select.court_list(), "units": registry_select.units_with_courts()},
    )


def _court_or_404(code: str) -> Court:
    try:
        return registry_select.court_get(code)
    except Court.DoesNotExist as missing:
        raise Http404 from missing


@require_GET
@staff_required()
def court_detail(request: HttpRequest, code: str) -> HttpResponse:
    court = _court_or_404(code)
    staff = staff_of(request)
    is_admin = staff is not None and staff.role == Role.ADMINISTRATOR
    return render(
        request,
        "office/court_detail.html",
        {
            "court": court,
            "names": court.names.all(),
            "head_counts": court.head_counts.all(),
            "unit": registry_select.unit_for_court(court),
            "is_admin": is_admin,
            "today": clock.today(),
            "rename_form": office_forms.CourtRenameForm(prefix="rename"),
            "merge_form": office_forms.CourtMergeForm(prefix="merge"),
            "close_form": office_forms.CourtCloseForm(prefix="close"),
            "headcount_form": office_forms.HeadCountForm(prefix="headcount"),
        },
    )


_CHANGE_FORMS: dict[str, type[forms.Form]] = {
    "rename": office_forms.CourtRenameForm,
    "merge": office_forms.CourtMergeForm,
    "close": office_forms.CourtCloseForm,
    "headcount": office_forms.HeadCountForm,
}


@require_http_methods(["GET", "POST"])
@staff_required(Role.ADMINISTRATOR)
def court_change(request: HttpRequest, code: str, action: str) -> HttpResponse:
    court = _court_or_404(code)
    form_class = _CHANGE_FORMS.get(action)
    if form_class is None:
        raise Http404
    form = form_class(request.POST or None, prefix=action)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if isinstance(form, office_forms.CourtRenameForm):
                registry_services.court_rename(
                    court=court,
                    names=form.names(),
                    effective=data["effective"],
                    basis=data["basis"],
                )
            elif isinstance(form, office_forms.CourtMergeForm):
                registry_services.court_merge(
                    source=court,
                    target=data["target"],
                    effective=data["effective"],
                    basis=data["basis"],
                )
            elif isinstance(form, office_forms.CourtCloseForm):
                registry_services.court_close(
                    court=court, effective=data["effective"], basis=data["basis"]
                )
            else:
                registry_services.headcount_set(
                    court=court,
                    period_start=data["period_start"],
                    judges=data["judges"],
                    staff=data["staff"],
                )
        except DomainError as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _("The registry has been updated."))
            return redirect("office:court-detail", code=court.code)
    return render(
        request, "office/court_change.html", {"court": court, "form": form, "action": action}
    )


@require_http_methods(["GET", "POST"])
@staff_required(Role.ADMINISTRATOR)
def court_add(request: HttpRequest) -> HttpResponse:
    form = office_forms.CourtAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            court = registry_services.court_add(
                code=data["code"],
                level=data["level"],
                parent=data["parent"],
                names=form.names(),
                valid_from=data["effective"],
                city=data["city"],
                specialisation=data["specialisation"],
                basis=data["basis"],
            )
        except DomainError as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _("The court has been added to the registry."))
            return redirect("office:court-detail", code=court.code)
    return render(request, "office/court_add.html", {"form": form})
