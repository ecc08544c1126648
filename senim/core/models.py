"""The shared kernel's abstract base: every record knows when it was made and changed."""

from __future__ import annotations

from django.db import models

from senim.core import clock


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(default=clock.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
