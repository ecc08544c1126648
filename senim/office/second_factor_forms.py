"""allauth's second-factor forms with Senim's labels and Senim's throttle: wrong codes are
counted like wrong passwords (per account and client, and per client), so a stolen password
does not buy unlimited guesses at six digits."""

from __future__ import annotations

from typing import Any

from allauth.core import context
from allauth.mfa.base.forms import AuthenticateForm, ReauthenticateForm
from allauth.mfa.totp.forms import ActivateTOTPForm as BaseActivateTOTPForm
from django import forms
from django.utils.translation import gettext_lazy as _

from senim.accounts import throttle
from senim.core.throttle import client_of

THROTTLED = _("Too many wrong codes. Wait a few minutes and try again.")


def _code_field(label: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=64,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "spellcheck": "false"}
        ),
    )


class _Throttled:
    """Each code tried takes a slot of the account's (and the client's) login throttle."""

    user: Any

    def clean_code(self) -> str:
        request = context.request
        try:
            with throttle.login_attempt(
                client=client_of(request), username=f"second-factor:{self.user.pk}"
            ):
                return str(super().clean_code())  # type: ignore[misc]
        except throttle.LoginThrottled:
            raise forms.ValidationError(THROTTLED, code="throttled") from None


class SecondFactorForm(_Throttled, AuthenticateForm):
    code = _code_field(_("Code from your authenticator app, or a recovery code"))


class StepUpForm(_Throttled, ReauthenticateForm):
    code = _code_field(_("Code from your authenticator app, or a recovery code"))


class ActivateTOTPForm(_Throttled, BaseActivateTOTPForm):
    code = _code_field(_("The six-digit code your app shows now"))
