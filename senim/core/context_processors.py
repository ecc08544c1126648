from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def senim(request: HttpRequest) -> dict[str, Any]:
    return {"SENIM_ENV": settings.SENIM_ENV}
