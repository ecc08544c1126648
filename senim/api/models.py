"""What the API keeps of its own: the answers to requests made with an Idempotency-Key."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class IdempotencyRecord(models.Model):
    """The first answer to a (caller, operation, Idempotency-Key): replays get it again.

    Written in the same transaction as what the request did (`senim.api.idempotency`), so it
    exists exactly when the work was done. `body` holds what the answer may repeat: never a
    receipt code (shown once, stored nowhere).
    """

    owner = models.CharField(max_length=64)  # "token:<id>" or "client:<id>"
    operation = models.CharField(max_length=100)
    key = models.CharField(max_length=200)
    fingerprint = models.CharField(max_length=64)  # SHA-256 of the request's body
    status = models.PositiveSmallIntegerField()
    body = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("idempotent request")
        verbose_name_plural = _("idempotent requests")
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "operation", "key"], name="api_idempotency_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.operation} {self.key}"
