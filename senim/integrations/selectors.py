"""Reads of the integrations' records."""

from __future__ import annotations

from senim.integrations.models import ExternalAppeal


def appeals_by_external_number(text: str) -> list[int]:
    """The appeals another system knows by this number (the office queue's search finds a case
    by its e-Otinish number as by its own)."""
    number = text.strip()
    if not number or len(number) > 64:
        return []
    return list(
        ExternalAppeal.objects.filter(number=number).values_list("appeal_id", flat=True)[:1]
    )


def external_of(appeal_id: int) -> ExternalAppeal | None:
    return ExternalAppeal.objects.filter(appeal_id=appeal_id).first()
