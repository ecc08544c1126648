"""Who may open which office page: the policy's capabilities on top of login (which cases a
person sees is `cases_visible_to`'s)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from senim.accounts.models import User
from senim.organization import policy
from senim.organization.models import StaffMember
from senim.organization.policy import Capability

View = Callable[..., HttpResponse]


def staff_user(request: HttpRequest) -> User:
    """The signed-in user of a page behind `staff_required`, as a `User` (never anonymous there):
    what the services that act take."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user


def staff_of(request: HttpRequest) -> StaffMember | None:
    actor = policy.actor_of(request.user)
    return actor.staff if actor is not None else None


def staff_required(*capabilities: Capability) -> Callable[[View], View]:
    """Logged in as an active staff member, holding one of `capabilities` when any are given."""

    def decorator(view: View) -> View:
        @wraps(view)
        @login_required
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            actor = policy.actor_of(request.user)
            if actor is None or (capabilities and not any(map(actor.may, capabilities))):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.capabilities = capabilities  # type: ignore[attr-defined]  # read by the tests
        return wrapped

    return decorator
