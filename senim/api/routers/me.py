"""Who am I: the caller as the API sees them (a token's owner, or a client's unit)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from senim.api.auth import caller
from senim.organization.policy import actor_of

router = Router(tags=["me"])


class MeOut(Schema):
    kind: str  # "token" or "client"
    name: str
    scopes: list[str]
    username: str
    unit: str | None
    role: str | None
    capabilities: list[str]


@router.get("", response=MeOut, summary="The caller: token or client, scopes, unit, role")
def me(request: HttpRequest) -> MeOut:
    found = caller(request)
    actor = actor_of(found.user)
    return MeOut(
        kind=found.kind,
        name=found.name,
        scopes=sorted(found.scopes),
        username=found.user.get_username(),
        unit=actor.staff.unit.code if actor else None,
        role=actor.role if actor else None,
        capabilities=sorted(actor.capabilities) if actor else [],
    )
