from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth.backends import ModelBackend

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from senim.accounts.models import User


class StaffBackend(ModelBackend):
    """Django's model backend, refusing demo accounts outside demo and development mode."""

    def user_can_authenticate(self, user: User | AnonymousUser | None) -> bool:
        if getattr(user, "is_demo", False) and settings.SENIM_ENV == "production":
            return False
        return super().user_can_authenticate(user)
