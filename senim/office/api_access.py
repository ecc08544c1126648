"""API access in the office: one's personal access tokens (/office/security/tokens/) and, for
administrators, the integration clients (/office/api-clients/). Parse, authorize, call one
service, render; a new token's or client's secret is shown once, in the answer that made it."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from senim.accounts import api_tokens
from senim.core import clock
from senim.core.errors import DomainError
from senim.office.access import staff_required, staff_user
from senim.office.api_access_forms import ClientForm, TokenForm
from senim.office.second_factor import has_second_factor, step_up_required
from senim.office.signin import PROVIDER_MFA
from senim.organization import integration_clients
from senim.organization.policy import Capability


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


@never_cache
@require_GET
@staff_required()
def token_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "office/api_tokens.html",
        {"tokens": api_tokens.tokens_of(staff_user(request)), "now": clock.now()},
    )


@never_cache
@require_http_methods(["GET", "POST"])
@staff_required()
@step_up_required
def token_create(request: HttpRequest) -> HttpResponse:
    """A token needs a second factor, confirmed again just now (step-up): it is a key to
    everything its owner may do, kept outside the browser."""
    user = staff_user(request)
    if not has_second_factor(user) and request.session.get(PROVIDER_MFA) != user.pk:
        return render(request, "office/api_token_form.html", {"needs_factor": True})
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            token, secret = api_tokens.token_create(
                user=user,
                name=form.cleaned_data["name"],
                scope=form.cleaned_data["scope"],
                expires_at=_start_of(form.cleaned_data["expires_on"]),
            )
        except DomainError as refused:
            form.add_error(None, refused.message)
        else:
            # never_cache: the answer carrying the secret is no-store.
            return render(
                request, "office/api_token_created.html", {"token": token, "secret": secret}
            )
    return render(request, "office/api_token_form.html", {"form": form})


@require_POST
@staff_required()
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    try:
        token = api_tokens.token_revoke(user=staff_user(request), token_id=token_id)
    except DomainError as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("The token “%(name)s” was revoked.") % {"name": token.name})
    return redirect("office:api-tokens")


ADMIN = Capability.STAFF_ADMIN


@never_cache
@require_GET
@staff_required(ADMIN)
def client_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "office/api_clients.html", {"clients": integration_clients.integration_clients()}
    )


@never_cache
@require_http_methods(["GET", "POST"])
@staff_required(ADMIN)
@step_up_required
def client_create(request: HttpRequest) -> HttpResponse:
    form = ClientForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            client, secret = integration_clients.integration_client_create(
                actor=staff_user(request),
                name=form.cleaned_data["name"],
                unit=form.cleaned_data["unit"],
                operations=form.cleaned_data["operations"],
            )
        except DomainError as refused:
            form.add_error(None, refused.message)
        else:
            return render(
                request, "office/api_client_created.html", {"client": client, "secret": secret}
            )
    return render(request, "office/api_client_form.html", {"form": form})


@require_POST
@staff_required(ADMIN)
def client_revoke(request: HttpRequest, client_id: int) -> HttpResponse:
    try:
        client = integration_clients.integration_client_revoke(
            actor=staff_user(request), client_id=client_id
        )
    except DomainError as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("The client “%(name)s” was revoked.") % {"name": client.name})
    return redirect("office:api-clients")
