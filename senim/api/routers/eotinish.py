"""The national e-appeals system (e-Otinish) sends its appeals: one, or a batch in the exchange
format of docs/eotinish.md. Client credentials with these operations allowed."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Body, Router, Schema
from pydantic import Field

from senim.api.auth import require
from senim.api.errors import Problem
from senim.integrations import eotinish
from senim.integrations.eotinish_exchange import FORMAT
from senim.organization.policy import Capability

router = Router(tags=["eotinish"])


class BatchIn(Schema):
    format: str = Field(description=f'Always "{FORMAT}"')
    appeals: list[dict[str, Any]] = Field(
        description="The appeals, each as an item of docs/eotinish.md", max_length=1000
    )


class ItemOut(Schema):
    position: int
    number: str
    outcome: str  # registered, skipped (imported before), would register (dry run)
    registration_number: str
    case_id: int | None


class ImportOut(Schema):
    registered: int
    skipped: int
    items: list[ItemOut]


def _import(request: HttpRequest, content: dict[str, Any], dry_run: bool) -> ImportOut:
    caller = require(request, capability=Capability.TRUST_LINE)
    data = json.dumps(content, ensure_ascii=False).encode()
    result = eotinish.appeals_import(data, actor=caller.user, dry_run=dry_run)
    if result.problems:
        raise Problem(
            "validation_failed",
            _("Nothing was registered: some items are invalid (see errors)."),
            errors=[
                {
                    "loc": ["appeals", str(p.position), *p.field.split(".")]
                    if p.position
                    else ["body"],
                    "msg": p.message,
                    "type": "eotinish",
                }
                for p in result.problems
            ],
        )
    return ImportOut(
        registered=len(result.registered),
        skipped=len(result.skipped),
        items=[
            ItemOut(
                position=item.position,
                number=item.number,
                outcome=item.outcome,
                registration_number=item.registration_number,
                case_id=item.case_id,
            )
            for item in result.items
        ],
    )


@router.post(
    "/batches",
    response=ImportOut,
    summary="Import a batch of appeals; a number imported before is skipped",
)
def batch_import(request: HttpRequest, payload: BatchIn, dry_run: bool = False) -> ImportOut:
    return _import(request, {"format": payload.format, "appeals": payload.appeals}, dry_run)


@router.post(
    "/appeals",
    response=ImportOut,
    summary="Import one appeal (an item of the exchange format)",
)
def appeal_import(
    request: HttpRequest, payload: Body[dict[str, Any]], dry_run: bool = False
) -> ImportOut:
    return _import(request, {"format": FORMAT, "appeals": [payload]}, dry_run)
