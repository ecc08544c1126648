"""django-allauth's pages that Senim uses, under /office/, by allauth's own URL names (its
views reverse them). Only these: no sign-up, no e-mail management, no password reset by mail,
no linking of outside accounts by the user."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from allauth.account import views as account_views
from allauth.mfa.base import views as mfa_views
from allauth.mfa.webauthn import views as webauthn_views
from allauth.socialaccount import views as social_views
from allauth.socialaccount.providers.openid_connect import views as oidc_views
from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponseBase
from django.urls import include, path

from senim.office import security
from senim.office.views import StaffLoginView

urlpatterns = [
    path("login/", StaffLoginView.as_view(), name="account_login"),
    path("account/reauthenticate/", account_views.reauthenticate, name="account_reauthenticate"),
    path("account/inactive/", account_views.account_inactive, name="account_inactive"),
    path("2fa/", security.overview, name="mfa_index"),
    path("2fa/authenticate/", mfa_views.authenticate, name="mfa_authenticate"),
    path("2fa/reauthenticate/", mfa_views.reauthenticate, name="mfa_reauthenticate"),
    path("2fa/totp/", include("allauth.mfa.totp.urls")),
    path("2fa/recovery-codes/", include("allauth.mfa.recovery_codes.urls")),
    # Before allauth's own, at the same address: the last key of someone who must have one.
    path(
        "2fa/webauthn/keys/<int:pk>/remove/",
        security.key_removal(webauthn_views.remove_webauthn),
        name="mfa_remove_webauthn",
    ),
    path("2fa/webauthn/", include("allauth.mfa.webauthn.urls")),
    path("security/sessions/", security.overview, name="usersessions_list"),
]


def _sso(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Single sign-on's pages exist only while an identity provider is configured."""

    @wraps(view)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not settings.SENIM_OIDC_ISSUER:
            raise Http404
        return view(request, *args, **kwargs)

    return guarded


urlpatterns += [
    path("sso/<str:provider_id>/login/", _sso(oidc_views.login), name="openid_connect_login"),
    path(
        "sso/<str:provider_id>/login/callback/",
        _sso(oidc_views.callback),
        name="openid_connect_callback",
    ),
    path(
        "sso/cancelled/", _sso(social_views.login_cancelled), name="socialaccount_login_cancelled"
    ),
    path("sso/error/", _sso(social_views.login_error), name="socialaccount_login_error"),
    path("sso/no-account/", _sso(security.sso_no_account), name="socialaccount_signup"),
]
