"""Webhook subscriptions, under /office/webhooks/: parse, authorize (whoever the policy lets
manage webhooks; the services check again), call one service or selector, render."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from senim.core.errors import DomainError, NotFound
from senim.office.access import staff_required, staff_user
from senim.office.webhook_forms import SubscriptionForm
from senim.organization.policy import Capability
from senim.webhooks import subscriptions
from senim.webhooks.models import Subscription

MANAGE = Capability.WEBHOOKS_MANAGE


@require_GET
@staff_required(MANAGE)
def webhook_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "office/webhooks.html",
        {"subscriptions": subscriptions.subscriptions_for(request.user)},
    )


@never_cache
@require_http_methods(["GET", "POST"])
@staff_required(MANAGE)
def webhook_create(request: HttpRequest) -> HttpResponse:
    """POST answers with the secret, once: it is never shown again (nor kept in the clear)."""
    form = SubscriptionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            created = subscriptions.subscription_create(
                user=staff_user(request),
                name=form.cleaned_data["name"],
                url=form.cleaned_data["url"],
                kinds=form.cleaned_data["kinds"],
                unit=form.cleaned_data["unit"],
            )
        except DomainError as refused:
            form.add_error(None, refused.message)
        else:
            # `never_cache` makes the answer no-store: the secret stays out of any cache.
            return render(
                request,
                "office/webhook_created.html",
                {"subscription": created.subscription, "secret": created.secret},
            )
    return render(request, "office/webhook_form.html", {"form": form})


def _subscription_or_404(request: HttpRequest, subscription_id: int) -> Subscription:
    try:
        return subscriptions.subscription_get(request.user, subscription_id)
    except NotFound as missing:
        raise Http404 from missing


@require_GET
@staff_required(MANAGE)
def webhook_detail(request: HttpRequest, subscription_id: int) -> HttpResponse:
    subscription = _subscription_or_404(request, subscription_id)
    return render(
        request,
        "office/webhook_detail.html",
        {"subscription": subscription, "log": subscriptions.subscription_log(subscription)},
    )


@require_POST
@staff_required(MANAGE)
def webhook_action(request: HttpRequest, subscription_id: int, action: str) -> HttpResponse:
    user = staff_user(request)
    try:
        if action == "pause":
            subscriptions.subscription_pause(user=user, subscription_id=subscription_id)
            messages.success(request, _("The subscription is paused; events are kept for it."))
        elif action == "resume":
            retried = subscriptions.subscription_resume(user=user, subscription_id=subscription_id)
            messages.success(
                request,
                _("The subscription is active again; failed messages tried again: %(n)s.")
                % {"n": retried},
            )
        elif action == "test":
            subscriptions.subscription_test(user=user, subscription_id=subscription_id)
            messages.success(request, _("A test event is on its way."))
        elif action == "replay":
            try:
                start = int(request.POST.get("message", ""))
            except ValueError as wrong:
                raise Http404 from wrong
            count = subscriptions.subscription_replay(
                user=user, subscription_id=subscription_id, message_pk=start
            )
            messages.success(request, _("Messages to be sent again: %(n)s.") % {"n": count})
        else:
            raise Http404
    except NotFound as missing:
        raise Http404 from missing
    except DomainError as refused:
        messages.error(request, refused.message)
    return redirect("office:webhook-detail", subscription_id=subscription_id)
