"""Recording an event that took place; an event that fulfils a measure feeds its progress."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from senim.core import clock
from senim.core.audit import audit
from senim.core.errors import DomainError, PermissionDenied
from senim.organization.models import Unit
from senim.prevention import files as prevention_files
from senim.prevention.access import may_edit_measure, measures_visible_to, require_edit_unit
from senim.prevention.checks import choice, locked, required_text, staff_member
from senim.prevention.documents.services import documents_attach
from senim.prevention.files import RawFiles
from senim.prevention.models import OPEN_WORK, Attendance, Event, Measure, ProgressEntry
from senim.prevention.plans.services import measure_progress_add
from senim.prevention.rules import event_contribution

if TYPE_CHECKING:
    from senim.accounts.models import User


@transaction.atomic
def event_record(
    *,
    user: User,
    unit: Unit,
    kind: str,
    title: str,
    held_on: dt.date,
    place: str,
    attendance: dict[str, int],
    organisers: str = "",
    result: str = "",
    measure: Measure | None = None,
    staff: list[User] | None = None,
    files: RawFiles | None = None,
) -> Event:
    """An event that took place, with its participants; an event that fulfils a measure feeds
    its progress (participants, or one event, as the measure counts)."""
    require_edit_unit(user, unit.pk)
    choice(kind, Event.Kind, _("Choose the kind of event."))
    title = required_text(title, _("Give the event a title."))
    place = required_text(place, _("Say where the event took place."))
    if held_on > clock.today():
        raise DomainError(_("An event is recorded once it has taken place."))
    counts = {}
    for category, count in attendance.items():
        choice(category, Attendance.Category, _("Unknown category of participants."))
        if count < 0:
            raise DomainError(_("The number of participants cannot be negative."))
        if count:
            counts[category] = count
    if not counts:
        raise DomainError(_("Record how many people took part."))
    people = list(staff or [])
    for person in people:
        staff_member(person, None, _("Named participants must be members of staff."))
    if measure is not None:
        measure = locked(measures_visible_to(user), measure.pk, _("No such measure."))
        if not may_edit_measure(user, measure):
            raise PermissionDenied(_("You may not report on this measure."))
        if measure.status not in OPEN_WORK:
            raise DomainError(_("The measure is already done or cancelled."))
    cleaned = prevention_files.clean(files or [])
    with prevention_files.stored(cleaned) as stored:
        event = Event.objects.create(
            unit=unit,
            kind=kind,
            title=title,
            held_on=held_on,
            place=place,
            organisers=(organisers or "").strip(),
            result=(result or "").strip(),
            measure=measure,
            recorded_by=user,
            recorded_at=clock.now(),
        )
        Attendance.objects.bulk_create(
            Attendance(event=event, category=category, count=count)
            for category, count in counts.items()
        )
        if people:
            event.staff_participants.set(people)
        documents_attach(stored, user=user, event=event)
        contribution = 0
        if measure is not None:
            contribution = event_contribution(measure.counts, sum(counts.values()))
            if contribution:
                ProgressEntry.objects.create(
                    measure=measure,
                    event=event,
                    amount=contribution,
                    recorded_by=user,
                    recorded_at=clock.now(),
                )
                measure_progress_add(measure, contribution, user=user)
    audit(
        action="prevention.event_recorded",
        actor=user,
        object_type="event",
        object_id=event.pk,
        detail={
            "unit": unit.code,
            "kind": kind,
            "participants": sum(counts.values()),
            "measure": measure.pk if measure else None,
            "progress": contribution,
        },
    )
    return event
