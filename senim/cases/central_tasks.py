"""Tasks the central department sets for territorial departments, with their own deadlines."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from senim.cases import task_files
from senim.cases.models import CentralTask, TaskReplyFile
from senim.core import clock
from senim.core.audit import audit
from senim.core.errors import DomainError, NotFound
from senim.intake import attachments
from senim.organization import policy
from senim.organization.models import Unit
from senim.organization.policy import Capability

if TYPE_CHECKING:
    from senim.accounts.models import Requester, User


def tasks_visible_to(user: Requester | None) -> QuerySet[CentralTask]:
    """Who sets tasks sees every task; who answers them, those of their own unit."""
    tasks = CentralTask.objects.select_related("unit").order_by("state", "due_on")
    actor = policy.actor_of(user)
    if actor is None:
        return tasks.none()
    if actor.may(Capability.TASKS_SET):
        return tasks
    if actor.may(Capability.TASKS_ANSWER):
        return tasks.filter(unit_id=actor.unit_id)
    return tasks.none()


@transaction.atomic
def task_create(
    *, user: User, unit: Unit, title: str, instruction: str, due_on: dt.date
) -> CentralTask:
    policy.require(user, Capability.TASKS_SET, _("Only the central department sets tasks."))
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


def _task(user: User, task_id: int) -> CentralTask:
    task = tasks_visible_to(user).select_for_update(of=("self",)).filter(pk=task_id).first()
    if task is None:
        raise NotFound(_("No such task."))
    return task


def task_respond(
    *, user: User, task_id: int, response: str, files: Sequence[tuple[str, bytes]] = ()
) -> CentralTask:
    """The unit's reply to a task, with files if any (at most SENIM_TASK_REPLY_MAX_FILES, each
    checked, cleaned and sealed as evidence is: `task_files`)."""
    policy.require(user, Capability.TASKS_ANSWER, _("The territorial chief responds to tasks."))
    # The slow part (checking, re-encoding, sealing) before the task's row is locked.
    cleaned = task_files.files_check(files)
    stored: list[str] = []
    try:
        with transaction.atomic():
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
            added = task_files.files_attach(task, cleaned, uploaded_by=user, stored=stored)
            audit(
                action="task.responded",
                actor=user,
                object_type="task",
                object_id=task.pk,
                detail={"files": [f.pk for f in added]} if added else None,
            )
    except BaseException:
        task_files.files_discard(stored)  # sealed files of a reply that was not saved
        raise
    return task


@transaction.atomic
def task_accept(*, user: User, task_id: int, accept: bool) -> CentralTask:
    policy.require(user, Capability.TASKS_SET, _("Only the central department accepts responses."))
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


def task_file_download(*, user: User, task_id: int, file_id: int) -> tuple[str, bytes]:
    """(the name it came with, bytes) of a reply's file, for whoever sees the task; audited."""
    found = TaskReplyFile.objects.filter(
        pk=file_id, task_id=task_id, task__in=tasks_visible_to(user)
    ).first()
    if found is None:
        raise NotFound(_("No such file."))
    audit(
        action="task.file_downloaded",
        actor=user,
        object_type="task",
        object_id=task_id,
        detail={"file": found.pk},
    )
    name = attachments.original_name(found.sealed_name, found.name)
    return name, attachments.read_sealed(found.storage_name)
