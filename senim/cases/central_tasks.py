"""Tasks the central department sets for territorial departments, with their own deadlines."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from senim.cases.models import CentralTask
from senim.core import clock
from senim.core.audit import audit
from senim.core.errors import DomainError, NotFound, PermissionDenied
from senim.organization.models import Role, Unit


def _staff(user: Any) -> Any:
    return getattr(user, "staff", None)


def tasks_visible_to(user: Any) -> QuerySet[CentralTask]:
    """Central coordinators see every task; a territorial chief those of their unit."""
    staff = _staff(user)
    tasks = CentralTask.objects.select_related("unit").order_by("state", "due_on")
    if staff is None:
        return tasks.none()
    if staff.role == Role.COORDINATOR:
        return tasks
    if staff.role == Role.CHIEF:
        return tasks.filter(unit_id=staff.unit_id)
    return tasks.none()


@transaction.atomic
def task_create(
    *, user: Any, unit: Unit, title: str, instruction: str, due_on: dt.date
) -> CentralTask:
    if getattr(_staff(user), "role", None) != Role.COORDINATOR:
        raise PermissionDenied(_("Only the central department sets tasks."))
    if unit.is_central:
        raise DomainError(_("Tasks are set for territorial departments."))
    if due_on < clock.today():
        raise DomainError(_("The due date cannot be in the past."))
    if not title.strip() or not instruction.strip():
        raise DomainError(_("Give the task a title and an instruction."))
    task = CentralTask.objects.create(
        unit=unit,
        title=title.strip(),
        instruction=instruction.strip(),
        due_on=due_on,
        created_by=user,
        created_at=clock.now(),
    )
    audit(
        action="task.created",
        actor=user,
        object_type="task",
        object_id=task.pk,
        detail={"unit": unit.code},
    )
    return task


def _task(user: Any, task_id: int) -> CentralTask:
    task = tasks_visible_to(user).select_for_update(of=("self",)).filter(pk=task_id).first()
    if task is None:
        raise NotFound(_("No such task."))
    return task


@transaction.atomic
def task_respond(*, user: Any, task_id: int, response: str) -> CentralTask:
    if getattr(_staff(user), "role", None) != Role.CHIEF:
        raise PermissionDenied(_("The territorial chief responds to tasks."))
    task = _task(user, task_id)
    if task.state not in (CentralTask.State.OPEN, CentralTask.State.RETURNED):
        raise DomainError(_("This task is not waiting for a response."))
    if len(response.strip()) < 10:
        raise DomainError(_("Write the response (at least 10 characters)."))
    task.response, task.state, task.responded_at = (
        response.strip(),
        CentralTask.State.RESPONDED,
        clock.now(),
    )
    task.save()
    audit(action="task.responded", actor=user, object_type="task", object_id=task.pk)
    return task


@transaction.atomic
def task_accept(*, user: Any, task_id: int, accept: bool) -> CentralTask:
    if getattr(_staff(user), "role", None) != Role.COORDINATOR:
        raise PermissionDenied(_("Only the central department accepts responses."))
    task = _task(user, task_id)
    if task.state != CentralTask.State.RESPONDED:
        raise DomainError(_("There is no response to accept yet."))
    task.state = CentralTask.State.ACCEPTED if accept else CentralTask.State.RETURNED
    task.accepted_at = clock.now() if accept else None
    task.save()
    audit(
        action="task.accepted" if accept else "task.returned",
        actor=user,
        object_type="task",
        object_id=task.pk,
    )
    return task
