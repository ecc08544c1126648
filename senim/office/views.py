"""Staff back-office pages: parse, authorize, call one service or selector, render."""

from __future__ import annotations

from typing import Any

from allauth.account.internal.flows.login import record_authentication
from allauth.account.utils import perform_login
from django import forms
from django.conf import settings
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
from senim.cases.surges import surges_open
from senim.core import clock
from senim.core.audit import audit
from senim.core.errors import DomainError
from senim.office import forms as office_forms
from senim.office.access import staff_required, staff_user
from senim.office.case_rows import case_rows
from senim.office.signin import PROVIDER_MFA
from senim.organization import policy
from senim.organization import selectors as registry_select
from senim.organization import services as registry_services
from senim.organization.models import Court
from senim.organization.policy import CASE_SIGHT, Capability
from senim.prevention.reminders.selectors import prevention_home


class StaffLoginView(auth_views.LoginView):
    """The password step; allauth's login stages take over from it (the second factor), and
    the sign-in itself is audited when it completes (senim.office.security_audit)."""

    template_name = "office/login.html"
    authentication_form = office_forms.StaffLoginForm
    redirect_authenticated_user = True

    def form_valid(self, form: Any) -> HttpResponse:
        user = form.get_user()
        # A provider's word from an earlier, unfinished single sign-on in this browser does not
        # excuse a password sign-in from the second factor.
        self.request.session.pop(PROVIDER_MFA, None)
        # The password just typed is this session's first proof, and a fresh one: enrolling a
        # second factor right after signing in asks for it no second time.
        record_authentication(
            self.request, user, "password", username=user.username, reauthenticated=True
        )
        response: HttpResponse = perform_login(
            self.request, user, redirect_url=self.get_success_url()
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

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        if settings.SENIM_OIDC_ISSUER:
            context["sso_name"] = settings.SENIM_OIDC_NAME or _("single sign-on")
        return context


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
    actor = policy.actor_of(request.user)
    assert actor is not None
    today = clock.today()
    horizon = deadlines.due_soon_horizon(today)
    sees_cases = any(actor.may(c) for c in CASE_SIGHT)
    context: dict[str, Any] = {
        "staff": actor.staff,
        "today": today,
        # A shortcut to one's main work where the page has no queue to show: the trust line
        # for whoever answers it and sees no cases, the audit log for whoever reads it and
        # administers nothing (an administrator's shortcuts are the registry and calendar).
        "offer_trust_line": actor.may(Capability.TRUST_LINE) and not sees_cases,
        "offer_audit": actor.may(Capability.AUDIT_READ)
        and not actor.may(Capability.CALENDAR_ADMIN),
    }
    if sees_cases:
        context["counts"] = home_counts(actor.user, today=today, horizon=horizon)
        context["count_cap"] = settings.SENIM_HOME_COUNT_CAP
        # Someone who sees only their own cases is shown theirs; a unit's or the country's
        # handlers the whole queue, with what has just arrived.
        own_only = actor.may(Capability.CASES_OWN)
        mine = QueueFilters(assignee="me") if own_only else QueueFilters()
        urgent = QueueFilters(**{**mine.__dict__, "deadline": "overdue", "sort": "due"})
        soon = QueueFilters(**{**mine.__dict__, "deadline": "due_soon", "sort": "due"})

        def first_ten(filters: QueueFilters) -> list[Any]:
            return case_rows(case_queue(actor.user, filters, today=today, horizon=horizon)[:10])

        context["overdue"] = first_ten(urgent)
        context["due_soon"] = first_ten(soon)
        if not own_only:
            context["new"] = first_ten(QueueFilters(status="received", sort="oldest"))
    # Open surges for whoever decides on spam; nothing (and no query) for anyone else.
    context["surges"] = surges_open(request.user)[:10]
    context["notifications"] = notifications_for(actor.user)[:10]
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
    is_admin = policy.may(request.user, Capability.REGISTRY_ADMIN)
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
@staff_required(Capability.REGISTRY_ADMIN)
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
                    actor=staff_user(request),
                )
            elif isinstance(form, office_forms.CourtMergeForm):
                registry_services.court_merge(
                    source=court,
                    target=data["target"],
                    effective=data["effective"],
                    basis=data["basis"],
                    actor=staff_user(request),
                )
            elif isinstance(form, office_forms.CourtCloseForm):
                registry_services.court_close(
                    court=court,
                    effective=data["effective"],
                    basis=data["basis"],
                    actor=staff_user(request),
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
@staff_required(Capability.REGISTRY_ADMIN)
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
                actor=staff_user(request),
            )
        except DomainError as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _("The court has been added to the registry."))
            return redirect("office:court-detail", code=court.code)
    return render(request, "office/court_add.html", {"form": form})
