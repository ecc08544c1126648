"""What prevention work needs from a person today: the office home page's panel."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, Q

from senim.prevention.access import leads_prevention, measures_visible_to, resolutions_visible_to
from senim.prevention.models import OPEN_WORK, Measure, PreventionReminder, Resolution

if TYPE_CHECKING:
    from senim.prevention.access import Viewer


@dataclass(frozen=True)
class ReminderRow:
    reminder: PreventionReminder
    label: str
    is_measure: bool


@dataclass(frozen=True)
class HomePanel:
    """What prevention work needs from this person today, for the office home page."""

    overdue_measures: list[Measure]
    overdue_measure_count: int
    overdue_resolutions: list[Resolution]
    overdue_resolution_count: int
    reminders: list[ReminderRow]

    @property
    def empty(self) -> bool:
        return not (self.overdue_measures or self.overdue_resolutions or self.reminders)


HOME_ROWS = 10


def prevention_home(user: Viewer, *, today: dt.date) -> HomePanel:
    """Overdue measures and resolutions (for chiefs and coordinators: their scope's), and the
    person's unread reminders whose item is still overdue."""
    leads = leads_prevention(user)
    measures = measures_visible_to(user).filter(status__in=OPEN_WORK, due_on__lt=today)
    resolutions = resolutions_visible_to(user).filter(status__in=OPEN_WORK, due_on__lt=today)
    if not leads:
        measures, resolutions = measures.none(), resolutions.none()
    measure_rows = list(measures.order_by("due_on", "pk")[: HOME_ROWS + 1])
    resolution_rows = list(resolutions.order_by("due_on", "pk")[: HOME_ROWS + 1])
    still_overdue_measure = measures_visible_to(user).filter(
        pk=OuterRef("object_id"), status__in=OPEN_WORK
    )
    still_overdue_resolution = resolutions_visible_to(user).filter(
        pk=OuterRef("object_id"), status__in=OPEN_WORK
    )
    # An anonymous user has no reminders (and no primary key to look them up by).
    mine = PreventionReminder.objects.none()
    if user.pk is not None:
        mine = PreventionReminder.objects.filter(user_id=user.pk, read_at__isnull=True)
    reminders = mine.filter(
        Q(
            Exists(still_overdue_measure),
            kind=PreventionReminder.Kind.MEASURE_OVERDUE,
        )
        | Q(
            Exists(still_overdue_resolution),
            kind=PreventionReminder.Kind.RESOLUTION_OVERDUE,
        )
    ).order_by("-created_at")[:HOME_ROWS]
    reminder_list = list(reminders)
    measure_titles = dict(
        Measure.objects.filter(
            pk__in=[
                r.object_id
                for r in reminder_list
                if r.kind == PreventionReminder.Kind.MEASURE_OVERDUE
            ]
        ).values_list("pk", "title")
    )
    resolution_texts = dict(
        Resolution.objects.filter(
            pk__in=[
                r.object_id
                for r in reminder_list
                if r.kind == PreventionReminder.Kind.RESOLUTION_OVERDUE
            ]
        ).values_list("pk", "text")
    )
    rows = []
    for reminder in reminder_list:
        if reminder.kind == PreventionReminder.Kind.MEASURE_OVERDUE:
            label, is_measure = measure_titles.get(reminder.object_id, ""), True
        else:
            label, is_measure = resolution_texts.get(reminder.object_id, ""), False
        rows.append(ReminderRow(reminder, label[:120], is_measure))
    return HomePanel(
        overdue_measures=measure_rows[:HOME_ROWS],
        overdue_measure_count=measures.count()
        if len(measure_rows) > HOME_ROWS
        else len(measure_rows),
        overdue_resolutions=resolution_rows[:HOME_ROWS],
        overdue_resolution_count=(
            resolutions.count() if len(resolution_rows) > HOME_ROWS else len(resolution_rows)
        ),
        reminders=rows,
    )
