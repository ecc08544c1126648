from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.backends import ModelBackend


class StaffBackend(ModelBackend):
    """Django's model backend, refusing demo accounts outside demo and development mode."""

    def user_can_authenticate(self, user: Any) -> bool:
        if getattr(user, "is_demo", False) and settings.SENIM_ENV == "production":
            return False
        return super().user_can_authenticate(user)
