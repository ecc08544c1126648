"""Who may open which office page: role checks on top of login (case visibility is elsewhere)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from senim.organization.models import StaffMember

View = Callable[..., HttpResponse]


def staff_of(request: HttpRequest) -> StaffMember | None:
    return getattr(request.user, "staff", None)


def staff_required(*roles: str) -> Callable[[View], View]:
    """Logged in, attached to a unit, and (when `roles` are given) holding one of them."""

    def decorator(view: View) -> View:
        @wraps(view)
        @login_required
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            staff = staff_of(request)
            if staff is None or (roles and staff.role not in roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
