"""Which evidence files a user may see: those of the records they may see."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet

from senim.core.errors import NotFound
from senim.prevention.access import (
    events_visible_to,
    greco_assessments_visible_to,
    measures_visible_to,
    meetings_visible_to,
)
from senim.prevention.models import Document

if TYPE_CHECKING:
    from senim.prevention.access import Viewer


def document_visible(user: Viewer, document_id: int) -> Document:
    """A file if `user` may see what it belongs to; NotFound otherwise."""
    document = Document.objects.filter(pk=document_id).first()
    if document is not None:
        owners: list[tuple[int | None, QuerySet[Any]]] = [
            (document.measure_id, measures_visible_to(user)),
            (document.event_id, events_visible_to(user)),
            (document.meeting_id, meetings_visible_to(user)),
            (document.greco_assessment_id, greco_assessments_visible_to(user)),
        ]
        for owner_id, visible in owners:
            if owner_id is not None and visible.filter(pk=owner_id).exists():
                return document
    raise NotFound("No such file.")
