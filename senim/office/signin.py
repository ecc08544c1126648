"""How django-allauth signs staff in here: nobody signs up, a second factor is asked as the
policy says, single sign-on matches an existing account and never makes one.

allauth runs the protocol work (login stages, TOTP, WebAuthn, recovery codes, OpenID Connect);
these adapters hold Senim's decisions.
"""

from __future__ import annotations

import base64
import hashlib
from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import record_authentication
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.stages import AuthenticateStage
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialLogin
from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from nacl.secret import SecretBox

from senim.accounts.models import User
from senim.core.audit import audit
from senim.organization import policy

# The session key under which an SSO login carries the provider's word that it checked a
# second factor itself (its `amr`), read by the second-factor stage below.
PROVIDER_MFA = "senim_provider_mfa"


def exempt(user: Any) -> bool:
    """Demo accounts in demo mode: the demo stays two commands (they may still enrol)."""
    return bool(getattr(user, "is_demo", False)) and settings.SENIM_ENV == "demo"


def must_have_second_factor(user: Any) -> bool:
    """Obliged by the policy, with enforcement on, and not a demo account in the demo."""
    return bool(
        settings.SENIM_MFA_ENFORCED and not exempt(user) and policy.second_factor_required(user)
    )


class AccountAdapter(DefaultAccountAdapter):
    # allauth has no Kazakh catalogue: the messages a Senim page can show are Senim's own.
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "incorrect_password": _("That password is not right."),
        "too_many_login_attempts": _("Too many failed attempts. Wait a few minutes and try again."),
    }

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False  # accounts are made by an administrator (`senim staff add`)

    def get_login_stages(self) -> list[str]:
        return [
            "senim.office.signin.SecondFactorStage"
            if stage == "allauth.mfa.stages.AuthenticateStage"
            else stage
            for stage in super().get_login_stages()
        ]

    def get_reauthentication_methods(
        self, user: AbstractBaseUser | AnonymousUser
    ) -> list[dict[str, Any]]:
        # Whoever has a second factor confirms with it: a password alone is what a thief has.
        methods = super().get_reauthentication_methods(user)
        if any(m["id"].startswith("mfa") for m in methods):
            methods = [m for m in methods if m["id"] != "reauthenticate"]
        return list(methods)


class SecondFactorStage(AuthenticateStage):
    """allauth's second-factor step, skipped when the identity provider asserted one."""

    def _should_handle(self, request: HttpRequest) -> bool:
        user = self.login.user
        if user is not None and request.session.get(PROVIDER_MFA) == user.pk:
            return False
        return bool(super()._should_handle(request))


def _vault_box() -> SecretBox:
    # Its own key, derived from the vault secret: TOTP seeds and recovery-code seeds are
    # unreadable in a stolen copy of the database.
    key = hashlib.blake2b(
        settings.SENIM_VAULT_KEY.encode(), digest_size=32, person=b"senim-mfa-seed"
    ).digest()
    return SecretBox(key)


class MFAAdapter(DefaultMFAAdapter):
    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "incorrect_code": _("That code is not right. Check the time on your device and try again."),
        "cannot_delete_authenticator": _(
            "Your role needs a second factor: add another before removing this one."
        ),
        "unverified_email": _("Your e-mail address is not confirmed."),
        "add_email_blocked": _("Your e-mail address cannot be changed here."),
        "cannot_generate_recovery_codes": _(
            "Recovery codes come after an authenticator app or a security key."
        ),
    }

    def generate_authenticator_name(self, user: AbstractBaseUser, type: Any) -> str:
        from allauth.mfa.models import Authenticator

        count = Authenticator.objects.filter(user_id=user.pk, type=type).count()
        if count == 0:
            return str(_("Main key"))
        if count == 1:
            return str(_("Spare key"))
        return str(_("Key no. %(number)d") % {"number": count + 1})

    def get_totp_label(self, user: AbstractBaseUser) -> str:
        return str(getattr(user, "username", "") or user.pk)

    def get_totp_issuer(self) -> str:
        return str(settings.MFA_TOTP_ISSUER)

    def encrypt(self, text: str) -> str:
        return "nacl:" + base64.b64encode(_vault_box().encrypt(text.encode())).decode()

    def decrypt(self, encrypted_text: str) -> str:
        if not encrypted_text.startswith("nacl:"):
            return encrypted_text
        return _vault_box().decrypt(base64.b64decode(encrypted_text[5:])).decode()

    def can_delete_authenticator(self, authenticator: Any) -> bool:
        # The last real factor of someone who must have one stays until another is added.
        from allauth.mfa.models import Authenticator

        user = authenticator.user
        if not must_have_second_factor(user):
            return True
        others = Authenticator.objects.filter(
            user_id=user.pk, type__in=[Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
        ).exclude(pk=authenticator.pk)
        return bool(authenticator.type == Authenticator.Type.RECOVERY_CODES or others.exists())

    def _get_site_name(self) -> str:
        return "Senim"


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest, sociallogin: SocialLogin) -> bool:
        return False

    def pre_social_login(self, request: HttpRequest, sociallogin: SocialLogin) -> None:
        """Match the provider's person to a Senim account by the configured claim, or refuse."""
        claims = _claims(sociallogin)
        value = str(claims.get(settings.SENIM_OIDC_MATCH_CLAIM, "") or "")
        user = User.objects.filter(sso_subject=value).first() if value else None
        if user is None or not user.is_active or policy.actor_of(user) is None:
            audit(
                action="login.sso_refused",
                object_type="user",
                detail={"claim": settings.SENIM_OIDC_MATCH_CLAIM, "value": value[:150]},
            )
            raise ImmediateHttpResponse(render(request, "office/sso_refused.html", status=403))
        linked = sociallogin.user
        if sociallogin.is_existing and linked is not None and linked.pk != user.pk:
            # The provider's account was linked to someone else: the recorded claim decides.
            sociallogin.account.user = user
            sociallogin.account.save(update_fields=["user"])
        if not sociallogin.is_existing:
            sociallogin.connect(request, user)
        sociallogin.user = user
        asserted = _provider_checked_second_factor(claims)
        if asserted:
            request.session[PROVIDER_MFA] = user.pk
            # Counts as a second factor at this moment, for the step-up's freshness too.
            record_authentication(request, user, "mfa", provider=sociallogin.account.provider)
        else:
            request.session.pop(PROVIDER_MFA, None)


def _provider_checked_second_factor(claims: dict[str, Any]) -> bool:
    """The ID token says the provider checked a second factor: an `amr` method or the `acr`
    class the settings name."""
    amr = claims.get("amr") or []
    by_method = isinstance(amr, list) and bool(
        {str(m) for m in amr} & set(settings.SENIM_OIDC_MFA_AMR)
    )
    return by_method or str(claims.get("acr") or "") in settings.SENIM_OIDC_MFA_ACR


def _claims(sociallogin: SocialLogin) -> dict[str, Any]:
    """The ID token's claims over the userinfo's: the token is signed by the provider."""
    data = dict(sociallogin.account.extra_data or {})
    token = data.get("id_token")
    userinfo = data.get("userinfo")
    merged: dict[str, Any] = {}
    for part in (data, userinfo, token):
        if isinstance(part, dict):
            merged.update({k: v for k, v in part.items() if k not in ("id_token", "userinfo")})
    merged.setdefault("sub", sociallogin.account.uid)
    return merged
