"""The sweep's reminders of overdue measures and resolutions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from senim.core import clock
from senim.prevention.models.work import status_known


class ReminderKind(models.TextChoices):
    MEASURE_OVERDUE = "measure_overdue", _("plan measure overdue")
    RESOLUTION_OVERDUE = "resolution_overdue", _("commission resolution overdue")


class PreventionReminder(models.Model):
    """The sweep's reminder of an overdue measure or resolution; once per person, item and
    due date, so the sweep can run any number of times."""

    Kind = ReminderKind

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="prevention_reminders"
    )
    kind = models.CharField(max_length=24, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField()
    due_on = models.DateField()
    created_at = models.DateTimeField(default=clock.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "object_id", "due_on"], name="prevention_reminder_once"
            ),
            status_known("kind", ReminderKind, "prevention_reminder_kind_known"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id} for {self.user_id}"
