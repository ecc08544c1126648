"""Reads over events: the list, an event's page, and the measures a new event may fulfil."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import QuerySet

from senim.prevention.access import events_visible_to, measures_editable_by, one_of
from senim.prevention.models import (
    OPEN_WORK,
    Attendance,
    Document,
    Event,
    Measure,
    ParticipantCategory,
)

if TYPE_CHECKING:
    from senim.accounts.models import User
    from senim.prevention.access import Viewer


@dataclass(frozen=True)
class EventFilters:
    unit: str = ""
    kind: str = ""
    since: dt.date | None = None
    until: dt.date | None = None


def event_list(user: Viewer, filters: EventFilters) -> QuerySet[Event]:
    events = events_visible_to(user)
    if filters.unit:
        events = events.filter(unit__code=filters.unit)
    if filters.kind:
        events = events.filter(kind=filters.kind)
    if filters.since:
        events = events.filter(held_on__gte=filters.since)
    if filters.until:
        events = events.filter(held_on__lte=filters.until)
    return events.prefetch_related("attendance").order_by("-held_on", "-pk")


def participants_total(event: Event) -> int:
    """All participants of an event (from prefetched attendance rows)."""
    return sum(row.count for row in event.attendance.all())


@dataclass(frozen=True)
class EventPage:
    event: Event
    attendance: list[Attendance]
    staff: list[User]
    documents: list[Document]
    total: int


def event_page(user: Viewer, event_id: int) -> EventPage:
    event = one_of(
        events_visible_to(user).select_related("measure__plan", "recorded_by"),
        event_id,
        "No such event.",
    )
    order = list(ParticipantCategory.values)
    attendance = sorted(event.attendance.all(), key=lambda a: order.index(a.category))
    return EventPage(
        event=event,
        attendance=attendance,
        staff=list(event.staff_participants.select_related("staff__unit").order_by("last_name")),
        documents=list(event.documents.all()),
        total=sum(a.count for a in attendance),
    )


def measures_to_fulfil(user: Viewer, *, today: dt.date) -> QuerySet[Measure]:
    """The measures an event recorded by `user` may fulfil: open ones the user may report on,
    of plans that ended less than a year ago."""
    return (
        measures_editable_by(user)
        .filter(status__in=OPEN_WORK, plan__period_end__gte=today - dt.timedelta(days=366))
        .order_by("responsible_unit__code", "due_on", "number")
    )
