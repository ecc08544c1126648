"""Staff identities. What a person may do lives with their unit in `organization`."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    preferred_language = models.CharField(_("preferred language"), max_length=8, blank=True)
    # Demo accounts carry a published password; they may only log in when SENIM_ENV=demo.
    is_demo = models.BooleanField(_("demo account"), default=False)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.username
