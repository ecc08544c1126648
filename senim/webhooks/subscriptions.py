"""Webhook subscriptions: created, paused, resumed, tested and replayed by whoever the policy
lets manage them (`Capability.WEBHOOKS_MANAGE`: the central department, the administrator).
Every act is audited; the audit names the subscriber's host, never its full address (a URL
may carry a receiver's own token)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from django.db import transaction
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from senim.core import clock
from senim.core.audit import audit
from senim.core.errors import DomainError, NotFound
from senim.organization import policy
from senim.organization.models import Unit
from senim.organization.policy import Capability
from senim.webhooks import signing
from senim.webhooks.delivery import host_internal, url_allowed
from senim.webhooks.enqueue import deliver_task
from senim.webhooks.models import Attempt, EventKind, Message, Subscription
from senim.webhooks.outbox import forget, message_id_new

if TYPE_CHECKING:
    from senim.accounts.models import Requester, User

LOG_SIZE = 100


def _require(user: Requester | None) -> None:
    policy.require(user, Capability.WEBHOOKS_MANAGE, _("Your role may not manage webhooks."))


def subscriptions_for(user: Requester | None) -> QuerySet[Subscription]:
    """The subscriptions this person may see (all of them for a manager, else none), with
    how many messages wait and how many failed."""
    if not policy.may(user, Capability.WEBHOOKS_MANAGE):
        return Subscription.objects.none()
    return Subscription.objects.select_related("unit").annotate(
        waiting=Count("messages", filter=Q(messages__state__in=["pending", "sending"])),
        failed=Count("messages", filter=Q(messages__state="failed")),
    )


def subscription_get(user: Requester | None, subscription_id: int) -> Subscription:
    found = subscriptions_for(user).filter(pk=subscription_id).first()
    if found is None:
        raise NotFound(_("No such webhook subscription."))
    return found


def subscription_log(subscription: Subscription) -> list[Message]:
    """The delivery log: the latest messages, each with its attempts."""
    return list(
        subscription.messages.order_by("-pk").prefetch_related(
            Prefetch("tries", queryset=Attempt.objects.order_by("pk"))
        )[:LOG_SIZE]
    )


def _host(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.hostname}"


def url_check(url: str) -> str:
    url = url.strip()
    if not url_allowed(url):
        raise DomainError(
            _(
                "The address must start with https:// (plain http only to the hosts "
                "the administrator allows)."
            )
        )
    if host_internal(urlsplit(url).hostname or ""):
        raise DomainError(
            _(
                "The address leads into the system's own network. Use the subscriber's "
                "public address, or ask the administrator to allow its host."
            )
        )
    return url


@dataclass(frozen=True)
class Created:
    subscription: Subscription
    # Shown once, on the page that answers the creation; only its sealed form is kept.
    secret: str


@transaction.atomic
def subscription_create(
    *, user: User, name: str, url: str, kinds: list[str], unit: Unit
) -> Created:
    """A new active subscription with a fresh secret, shown once and kept sealed."""
    _require(user)
    name = name.strip()
    if not name:
        raise DomainError(_("Name the subscriber."))
    url = url_check(url)
    kinds = [kind for kind in EventKind.values if kind in kinds]
    if not kinds:
        raise DomainError(_("Choose at least one event."))
    secret = signing.secret_new()
    forget()
    subscription = Subscription.objects.create(
        name=name[:120],
        url=url,
        secret_sealed=signing.secret_seal(secret),
        kinds=kinds,
        unit=unit,
        state=Subscription.State.ACTIVE,
        created_by=user,
        created_at=clock.now(),
    )
    audit(
        action="webhook.created",
        actor=user,
        object_type="webhook",
        object_id=subscription.pk,
        detail={"name": subscription.name, "host": _host(url), "kinds": kinds, "unit": unit.code},
    )
    return Created(subscription, secret)


def _locked(user: User, subscription_id: int) -> Subscription:
    _require(user)
    forget()
    found = Subscription.objects.select_for_update().filter(pk=subscription_id).first()
    if found is None:
        raise NotFound(_("No such webhook subscription."))
    return found


def _deliver_on_commit(subscription_id: int) -> None:
    transaction.on_commit(lambda: deliver_task.enqueue(subscription_id))


@transaction.atomic
def subscription_pause(*, user: User, subscription_id: int) -> Subscription:
    """Stop delivering; events go on being kept for it, in order, until it is resumed."""
    subscription = _locked(user, subscription_id)
    if subscription.state == Subscription.State.PAUSED:
        raise DomainError(_("This subscription is already paused."))
    subscription.state, subscription.paused_reason = Subscription.State.PAUSED, "person"
    subscription.save(update_fields=["state", "paused_reason"])
    audit(action="webhook.paused", actor=user, object_type="webhook", object_id=subscription.pk)
    return subscription


@transaction.atomic
def subscription_resume(*, user: User, subscription_id: int) -> int:
    """Deliver again, at once: the messages that failed are tried again, first, and those
    waiting out a back-off no longer wait (whoever resumes has mended the subscriber).
    Returns how many had failed."""
    subscription = _locked(user, subscription_id)
    if subscription.state == Subscription.State.ACTIVE:
        raise DomainError(_("This subscription is already active."))
    subscription.state, subscription.paused_reason = Subscription.State.ACTIVE, ""
    subscription.save(update_fields=["state", "paused_reason"])
    retried = subscription.messages.filter(state=Message.State.FAILED).count()
    subscription.messages.filter(state__in=[Message.State.FAILED, Message.State.PENDING]).update(
        state=Message.State.PENDING, attempts=0, next_attempt_at=clock.now()
    )
    audit(
        action="webhook.resumed",
        actor=user,
        object_type="webhook",
        object_id=subscription.pk,
        detail={"failed_retried": retried},
    )
    _deliver_on_commit(subscription.pk)
    return retried


@transaction.atomic
def subscription_test(*, user: User, subscription_id: int) -> Message:
    """A test event (`webhook.test`, no case) to check the address and the signature."""
    subscription = _locked(user, subscription_id)
    now = clock.now()
    message = Message.objects.create(
        subscription=subscription,
        message_id=message_id_new(),
        kind="test",
        case_id=None,
        payload={
            "type": "webhook.test",
            "timestamp": now.isoformat(),
            "data": {"subscription": subscription.pk},
        },
        next_attempt_at=now,
        created_at=now,
    )
    audit(
        action="webhook.tested",
        actor=user,
        object_type="webhook",
        object_id=subscription.pk,
        detail={"message": message.message_id},
    )
    _deliver_on_commit(subscription.pk)
    return message


@transaction.atomic
def subscription_replay(*, user: User, subscription_id: int, message_pk: int) -> int:
    """Send again every delivered or failed message from this one on (a receiver that lost
    its data); with the same `webhook-id`s, in the same order. Returns how many."""
    subscription = _locked(user, subscription_id)
    start = subscription.messages.filter(pk=message_pk).first()
    if start is None:
        raise NotFound(_("No such message."))
    replayed = subscription.messages.filter(
        pk__gte=start.pk, state__in=[Message.State.DELIVERED, Message.State.FAILED]
    ).update(
        state=Message.State.PENDING, attempts=0, next_attempt_at=clock.now(), delivered_at=None
    )
    audit(
        action="webhook.replayed",
        actor=user,
        object_type="webhook",
        object_id=subscription.pk,
        detail={"from": start.message_id, "messages": replayed},
    )
    _deliver_on_commit(subscription.pk)
    return replayed


def units_to_choose() -> QuerySet[Unit]:
    return Unit.objects.select_related("court").order_by("kind", "code")
