from __future__ import annotations

from django.db import models


class SeedState(models.Model):
    """How far the reproducible demo data has been generated, so seeding can resume."""

    key = models.CharField(max_length=64, primary_key=True)
    value = models.IntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.key}={self.value}"
