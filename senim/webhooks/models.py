"""Webhooks: subscribers outside Senim, and the outbox of what they are sent.

A `Subscription` is a system that wants to hear of cases (a unit's ticketing system, a
dashboard). A `Message` is one event for one subscription, written in the transaction of the
event itself (`senim.webhooks.outbox`) and delivered later by the task worker
(`senim.webhooks.delivery`); each attempt leaves an `Attempt`. The payload holds ids and
states only: never an identity, a name or a report's text.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from senim.organization.models import Unit


class EventKind(models.TextChoices):
    """The kinds of `senim.core.events.case_event` a subscription may ask for."""

    REGISTERED = "registered", _("appeal registered")
    ASSIGNED = "assigned", _("case assigned")
    STATUS = "status", _("status changed")
    DEADLINE_BREACHED = "deadline_breached", _("deadline breached")
    ANSWER_ISSUED = "answer_issued", _("answer issued")
    EXTENDED = "extended", _("deadline extended")
    REFERRED = "referred", _("case referred")
    REROUTED = "rerouted", _("case re-routed")


class Subscription(models.Model):
    class State(models.TextChoices):
        ACTIVE = "active", _("active")
        PAUSED = "paused", _("paused")

    name = models.CharField(_("name"), max_length=120)
    url = models.URLField(_("address"), max_length=500)
    # The signing secret, sealed with a key derived from the vault key
    # (`senim.webhooks.signing`): it must be kept whole to sign, so it cannot be hashed.
    secret_sealed = models.BinaryField()
    kinds = models.JSONField(pgettext_lazy("webhooks", "events"), default=list)
    # Whose cases it hears of: the central department's subscription hears of every case,
    # a territorial unit's only of that unit's.
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="webhooks"
    )
    state = models.CharField(_("state"), max_length=8, choices=State.choices)
    # Why it is paused: by a person, or by Senim after a message failed every attempt.
    paused_reason = models.CharField(max_length=16, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("webhook subscription")
        verbose_name_plural = _("webhook subscriptions")
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=["active", "paused"]), name="webhook_subscription_state"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def kind_labels(self) -> list[str]:
        return [str(EventKind(kind).label) for kind in self.kinds if kind in EventKind.values]


class Message(models.Model):
    """One event for one subscription: the outbox row the worker delivers."""

    class State(models.TextChoices):
        PENDING = "pending", _("waiting")
        SENDING = "sending", _("being sent")
        DELIVERED = "delivered", _("delivered")
        FAILED = "failed", _("failed")

    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, related_name="messages"
    )
    # The `webhook-id` header: the same on every attempt, so a receiver can drop a repeat.
    message_id = models.CharField(max_length=40, unique=True)
    kind = models.CharField(max_length=24)
    # The case it is about (a plain id: webhooks sit below cases), None for a test event.
    # Messages of one case go out in order: a later one waits for the earlier to be delivered.
    case_id = models.BigIntegerField(null=True, blank=True)
    payload = models.JSONField()
    state = models.CharField(max_length=12, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    # While `sending`: a worker that has not recorded an outcome by then is presumed dead.
    lease_until = models.DateTimeField(null=True, blank=True)
    last_status = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField()
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        indexes = [
            models.Index(fields=["subscription", "state", "next_attempt_at"], name="webhook_due"),
            models.Index(fields=["subscription", "case_id", "id"], name="webhook_case_order"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=["pending", "sending", "delivered", "failed"]),
                name="webhook_message_state",
            ),
        ]

    def __str__(self) -> str:
        return self.message_id

    @property
    def kind_label(self) -> str:
        if self.kind in EventKind.values:
            return str(EventKind(self.kind).label)
        return str(_("test event"))


class Attempt(models.Model):
    """One try at delivering a message: the delivery log of the office."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="tries")
    number = models.PositiveIntegerField()
    at = models.DateTimeField()
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.CharField(max_length=200, blank=True)
    duration_ms = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.message_id} #{self.number}"
