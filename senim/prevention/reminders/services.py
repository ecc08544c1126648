"""The sweep's reminders of overdue plan measures and commission resolutions, and putting a
reminder away."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from senim.accounts.models import User
from senim.core import clock
from senim.core.audit import audit
from senim.core.errors import NotFound
from senim.organization.models import Unit
from senim.organization.policy import roles_with
from senim.prevention.access import EDIT_ALL, EDIT_UNIT, is_staff_member
from senim.prevention.models import OPEN_WORK, Measure, PreventionReminder, Resolution
from senim.prevention.rules import is_overdue


@transaction.atomic
def reminder_dismiss(*, user: User, reminder_id: int) -> None:
    updated = PreventionReminder.objects.filter(
        pk=reminder_id, user=user, read_at__isnull=True
    ).update(read_at=clock.now())
    if not updated:
        raise NotFound(_("No such reminder."))


def _people_to_remind(unit_id: int, person: User | None) -> list[User]:
    """The person responsible and whoever changes the unit's prevention work (its chiefs); for
    the central department, whose work has no chief, those who change every unit's (its
    coordinators)."""
    users = User.objects.filter(is_active=True)
    leads = list(users.filter(staff__unit_id=unit_id, staff__role__in=roles_with(EDIT_UNIT)))
    if not leads and Unit.objects.filter(pk=unit_id, kind=Unit.Kind.CENTRAL).exists():
        leads = list(users.filter(staff__role__in=roles_with(EDIT_ALL)))
    people = {p.pk: p for p in leads}
    if person is not None and person.is_active and is_staff_member(person):
        people[person.pk] = person
    return list(people.values())


def _remind(user: User, kind: str, object_id: int, due_on: dt.date) -> bool:
    try:
        with transaction.atomic():
            PreventionReminder.objects.create(
                user=user, kind=kind, object_id=object_id, due_on=due_on, created_at=clock.now()
            )
    except IntegrityError:
        return False
    return True


def _not_yet_reminded(kind: str) -> Exists:
    return Exists(
        PreventionReminder.objects.filter(
            kind=kind, object_id=OuterRef("pk"), due_on=OuterRef("due_on")
        )
    )


def prevention_remind() -> int:
    """Remind of overdue plan measures and commission resolutions (a sweep step).

    The responsible person and the unit's chiefs hear of each once per due date (a unique
    constraint), one item per transaction, so the sweep can run twice or on two hosts.
    """
    today = clock.today()
    sent = 0
    measure_kind = PreventionReminder.Kind.MEASURE_OVERDUE
    overdue_measures = Measure.objects.filter(status__in=OPEN_WORK, due_on__lt=today).exclude(
        _not_yet_reminded(measure_kind)
    )
    for measure_id in overdue_measures.values_list("pk", flat=True).iterator():
        with transaction.atomic():
            measure = (
                Measure.objects.select_for_update(of=("self",))
                .select_related("responsible")
                .filter(pk=measure_id)
                .first()
            )
            if measure is None or not is_overdue(measure.status, measure.due_on, today):
                continue
            people = _people_to_remind(measure.responsible_unit_id, measure.responsible)
            made = sum(_remind(p, measure_kind, measure.pk, measure.due_on) for p in people)
            if made:
                audit(
                    action="prevention.measure_overdue",
                    object_type="measure",
                    object_id=measure.pk,
                    detail={"due_on": str(measure.due_on), "reminded": made},
                )
            sent += made
    resolution_kind = PreventionReminder.Kind.RESOLUTION_OVERDUE
    overdue_resolutions = Resolution.objects.filter(status__in=OPEN_WORK, due_on__lt=today).exclude(
        _not_yet_reminded(resolution_kind)
    )
    for resolution_id in overdue_resolutions.values_list("pk", flat=True).iterator():
        with transaction.atomic():
            resolution = (
                Resolution.objects.select_for_update(of=("self",))
                .select_related("owner", "meeting__commission")
                .filter(pk=resolution_id)
                .first()
            )
            if resolution is None or not is_overdue(resolution.status, resolution.due_on, today):
                continue
            people = _people_to_remind(resolution.meeting.commission.unit_id, resolution.owner)
            made = sum(
                _remind(p, resolution_kind, resolution.pk, resolution.due_on) for p in people
            )
            if made:
                audit(
                    action="prevention.resolution_overdue",
                    object_type="resolution",
                    object_id=resolution.pk,
                    detail={"due_on": str(resolution.due_on), "reminded": made},
                )
            sent += made
    return sent
