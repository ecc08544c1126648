"""Sign-in security pages: one's own factors and sessions, and an administrator's acts on
another person's (reset, end sessions, dismiss, single sign-on identifier)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialAccount
from allauth.usersessions.models import UserSession
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from ua_parser import parse as parse_user_agent

from senim.accounts.models import User
from senim.core.errors import DomainError
from senim.office.access import staff_required, staff_user
from senim.office.second_factor import last_second_factor_at, must_enrol, step_up_required
from senim.office.signin import MFAAdapter, must_have_second_factor
from senim.organization import staff_security
from senim.organization.policy import Capability


@dataclass(frozen=True)
class SessionRow:
    id: int
    browser: str
    system: str
    started: datetime
    last_seen: datetime
    current: bool


def _session_rows(request: HttpRequest, user: Any) -> list[SessionRow]:
    rows = []
    current = request.session.session_key
    for session in UserSession.objects.purge_and_list(user):
        agent = parse_user_agent(session.user_agent or "")
        browser = agent.user_agent.family if agent.user_agent else ""
        if agent.user_agent and agent.user_agent.major:
            browser = f"{browser} {agent.user_agent.major}"
        system = agent.os.family if agent.os else ""
        rows.append(
            SessionRow(
                id=session.pk,
                browser=browser or _("unknown browser"),
                system=system or _("unknown system"),
                started=session.created_at,
                last_seen=session.last_seen_at,
                current=session.session_key == current,
            )
        )
    return sorted(rows, key=lambda r: (not r.current, -r.last_seen.timestamp()))


def _factors(user: Any) -> dict[str, Any]:
    found = list(Authenticator.objects.filter(user_id=user.pk).order_by("created_at"))
    codes = next((a for a in found if a.type == Authenticator.Type.RECOVERY_CODES), None)
    return {
        "totp": next((a for a in found if a.type == Authenticator.Type.TOTP), None),
        "keys": [a for a in found if a.type == Authenticator.Type.WEBAUTHN],
        "recovery_left": len(codes.wrap().get_unused_codes()) if codes else None,
    }


def _as_time(at: float | None) -> datetime | None:
    return datetime.fromtimestamp(at, tz=UTC) if at is not None else None


@never_cache
@login_required
def overview(request: HttpRequest) -> HttpResponse:
    """One's second factors and sessions; where someone who must enrol is sent."""
    user = staff_user(request)
    return render(
        request,
        "office/security.html",
        {
            **_factors(user),
            "must_enrol": must_enrol(request),
            "required": must_have_second_factor(user),
            "sessions": _session_rows(request, user),
            "sso_linked": SocialAccount.objects.filter(user_id=user.pk).exists(),
            "last_second_factor": _as_time(last_second_factor_at(request)),
            "sso_enabled": bool(settings.SENIM_OIDC_ISSUER),
        },
    )


@require_POST
@login_required
def session_end(request: HttpRequest, session_id: int) -> HttpResponse:
    try:
        staff_security.own_session_end(user=staff_user(request), session_id=session_id)
    except DomainError as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("The session has been ended."))
    return redirect("office:security")


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000
    )


class SsoSubjectForm(forms.Form):
    subject = forms.CharField(
        label=gettext_lazy("Identifier at the identity provider"), max_length=255, required=False
    )


_ACTS = {
    "reset": (staff_security.second_factor_reset, gettext_lazy("The second factor was reset.")),
    "sessions": (staff_security.staff_sessions_end, gettext_lazy("The sessions were ended.")),
    "dismiss": (staff_security.staff_dismiss, gettext_lazy("The person was dismissed.")),
}


@never_cache
@require_http_methods(["GET", "POST"])
@staff_required(Capability.STAFF_ADMIN)
@step_up_required
def staff_security_page(request: HttpRequest, user_id: int) -> HttpResponse:
    """An administrator's view of one person's sign-in, and the acts on it."""
    person = get_object_or_404(User, pk=user_id)
    bound: dict[str, forms.Form] = {}
    if request.method == "POST":
        act = request.POST.get("act", "")
        if act == "sso":
            form: forms.Form = SsoSubjectForm(request.POST, prefix="sso")
        else:
            form = ReasonForm(request.POST, prefix=act)
        if form.is_valid():
            try:
                if act == "sso":
                    staff_security.sso_subject_set(
                        actor=staff_user(request),
                        user=person,
                        subject=form.cleaned_data["subject"],
                    )
                    done = _("The single sign-on identifier was recorded.")
                elif act in _ACTS:
                    service, message = _ACTS[act]
                    service(
                        actor=staff_user(request), user=person, reason=form.cleaned_data["reason"]
                    )
                    done = str(message)
                else:
                    raise DomainError(_("Unknown action."))
            except DomainError as refused:
                form.add_error(None, refused.message)
            else:
                messages.success(request, done)
                return redirect("office:staff-security", user_id=person.pk)
        bound[act] = form
    return render(
        request,
        "office/staff_security.html",
        {
            "person": person,
            **_factors(person),
            "sessions": _session_rows(request, person),
            "reset_form": bound.get("reset") or ReasonForm(prefix="reset"),
            "sessions_form": bound.get("sessions") or ReasonForm(prefix="sessions"),
            "dismiss_form": bound.get("dismiss") or ReasonForm(prefix="dismiss"),
            "sso_form": bound.get("sso")
            or SsoSubjectForm(prefix="sso", initial={"subject": person.sso_subject or ""}),
            "sso_enabled": bool(settings.SENIM_OIDC_ISSUER),
        },
    )


def sso_no_account(request: HttpRequest) -> HttpResponse:
    """Where allauth would offer a sign-up: Senim makes no accounts from the provider."""
    return render(request, "office/sso_refused.html", status=403)


def key_removal(view: Any) -> Any:
    """allauth removes a security key without asking the adapter (it does for the app): the
    last real factor of someone who must have one stays until another is added."""

    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method == "POST":
            key = Authenticator.objects.filter(
                user_id=request.user.pk, pk=kwargs.get("pk"), type=Authenticator.Type.WEBAUTHN
            ).first()
            if key is not None and not MFAAdapter().can_delete_authenticator(key):
                messages.error(
                    request,
                    _("Your role needs a second factor: add another before removing this one."),
                )
                return redirect("mfa_list_webauthn")
        response: HttpResponse = view(request, *args, **kwargs)
        return response

    return guarded
