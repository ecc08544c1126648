"""What every kind of prevention work shares: its status, and the constraint helpers."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class WorkStatus(models.TextChoices):
    """The state of a piece of work: a plan measure, a resolution, an action, a concept measure."""

    PLANNED = "planned", _("planned")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")
    # A context of its own: "cancelled" is also a reception booking's status, which Russian and
    # Kazakh word differently.
    CANCELLED = "cancelled", pgettext_lazy("work status", "cancelled")


# Work still to be done: only this can be overdue.
OPEN_WORK = (WorkStatus.PLANNED, WorkStatus.IN_PROGRESS)


def status_known(
    field: str, choices: type[models.TextChoices], name: str
) -> models.CheckConstraint:
    return models.CheckConstraint(condition=Q(**{f"{field}__in": choices.values}), name=name)


def completed_when_done(name: str) -> models.CheckConstraint:
    """Done work has its completion date, and no other work has one (`lifecycle`)."""
    done = Q(status=WorkStatus.DONE)
    return models.CheckConstraint(
        condition=(done & Q(completed_on__isnull=False)) | (~done & Q(completed_on__isnull=True)),
        name=name,
    )


def one_to_five(field: str, name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(**{f"{field}__gte": 1, f"{field}__lte": 5}), name=name
    )
