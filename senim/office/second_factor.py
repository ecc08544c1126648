"""The second factor as the policy wants it: enrolment before anything else for those who must
have one, and a fresh one (step-up) before the most sensitive pages.

allauth records every way a person authenticated in this session, with when
(`account_authentication_methods`); a "fresh" second factor is an "mfa" entry younger than
SENIM_STEP_UP_MINUTES, made at sign-in or by confirming again.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from senim.office.signin import PROVIDER_MFA, must_have_second_factor

View = Callable[..., HttpResponse]
_ENROLLED = "senim_mfa_enrolled"
_REAL_FACTORS = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)
# What someone who must enrol may still open in the office: enrolment itself, leaving, and the
# language switch (outside /office/ anyway).
_OPEN_DURING_ENROLMENT = (
    "/office/2fa/",
    "/office/security/",
    "/office/logout/",
    "/office/account/",
)


def has_second_factor(user: Any) -> bool:
    return bool(is_mfa_enabled(user, list(_REAL_FACTORS)))


def must_enrol(request: HttpRequest) -> bool:
    """Signed in, obliged to have a second factor, and without one."""
    user = request.user
    if not user.is_authenticated:
        return False
    if request.session.get(PROVIDER_MFA) == user.pk:
        return False  # the identity provider checked one itself
    if request.session.get(_ENROLLED) == user.pk:
        return False  # known from an earlier request of this session: no query per page
    if not must_have_second_factor(user):
        return False
    if has_second_factor(user):
        # A reset of the factors ends every session, so this cannot outlive them.
        request.session[_ENROLLED] = user.pk
        return False
    return True


def enrolment_required(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    def middleware(request: HttpRequest) -> HttpResponse:
        path = request.path
        if (
            path.startswith("/office/")
            and not path.startswith(_OPEN_DURING_ENROLMENT)
            and must_enrol(request)
        ):
            return HttpResponseRedirect(reverse("office:security-enrol"))
        return get_response(request)

    return middleware


def last_second_factor_at(request: HttpRequest) -> float | None:
    """When this session last confirmed a second factor (a Unix time), if it did."""
    entries = request.session.get("account_authentication_methods") or []
    times = [e.get("at", 0) for e in entries if isinstance(e, dict) and e.get("method") == "mfa"]
    return max(times) if times else None


def second_factor_fresh(request: HttpRequest) -> bool:
    """True when the last second factor of this session is recent enough for a sensitive act,
    or when this person has none and need not have one (nothing to step up with)."""
    at = last_second_factor_at(request)
    if at is not None and time.time() - at <= settings.SENIM_STEP_UP_MINUTES * 60:
        return True
    user = request.user
    if at is None and not has_second_factor(user):
        return not must_have_second_factor(user)
    return False


def step_up_url(request: HttpRequest, next_url: str | None = None) -> str:
    """Where to confirm the second factor again, coming back to `next_url`."""
    target = next_url or request.get_full_path()
    if has_second_factor(request.user):
        return reverse("mfa_reauthenticate") + "?" + urlencode({"next": target})
    # Only the identity provider vouched for it: sign in there again.
    return reverse("office:login") + "?" + urlencode({"next": target})


def step_up_required(view: View) -> View:
    """Before the view: a fresh second factor, or off to confirm it and back (a POST's page is
    shown again, so nothing is done without the confirmation)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated and not second_factor_fresh(request):
            back = request.get_full_path() if request.method == "GET" else request.path
            return HttpResponseRedirect(step_up_url(request, back))
        return view(request, *args, **kwargs)

    return wrapped
