"""Tasks the central department sets for territorial departments, through /api/v1.

The policy decides as in the office (`senim.cases.central_tasks`): who sets tasks
(TASKS_SET: the central coordinator) sees every task, creates them and accepts or returns
the responses; a territorial chief (TASKS_ANSWER) sees their own unit's tasks and responds to
them; nobody else sees any. A task another unit was given is a 404, as a missing one.
"""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema, Status

from senim.api.auth import caller
from senim.api.conditional import etagged
from senim.api.paging import PageQuery, queryset_page
from senim.api.types import Body, Code, Id, Subject
from senim.cases import central_tasks as tasks
from senim.cases.models import CentralTask
from senim.core.errors import NotFound
from senim.organization.models import Unit

router = Router(tags=["central tasks"])


class TaskOut(Schema):
    id: int
    unit: str
    title: str
    instruction: str
    due_on: dt.date
    state: str = Field(description="open, responded, accepted or returned")
    response: str
    created_by: str
    created_at: dt.datetime
    responded_at: dt.datetime | None
    accepted_at: dt.datetime | None


def _out(task: CentralTask) -> TaskOut:
    return TaskOut(
        id=task.pk,
        unit=task.unit.code,
        title=task.title,
        instruction=task.instruction,
        due_on=task.due_on,
        state=task.state,
        response=task.response,
        created_by=task.created_by.get_username(),
        created_at=task.created_at,
        responded_at=task.responded_at,
        accepted_at=task.accepted_at,
    )


def _visible(request: HttpRequest, task_id: Id) -> CentralTask:
    found = (
        tasks.tasks_visible_to(caller(request).user)
        .select_related("created_by")
        .filter(pk=task_id)
        .first()
    )
    if found is None:
        raise NotFound(_("No such task."))
    return found


class TaskPage(Schema):
    items: list[TaskOut]
    next_cursor: str | None = Field(None, description="Pass as cursor for the next page")


class TaskFilters(PageQuery):
    state: CentralTask.State | None = None
    unit: Code = Field("", description="A unit's code.")


@router.get(
    "",
    response={200: TaskPage, 304: None},
    summary="The central tasks the caller sees, by due date",
)
def task_list(request: HttpRequest, filters: Query[TaskFilters]) -> HttpResponse:
    found = tasks.tasks_visible_to(caller(request).user).select_related("created_by")
    if filters.state:
        found = found.filter(state=filters.state.value)
    if filters.unit:
        found = found.filter(unit__code=filters.unit)
    rows, next_cursor = queryset_page(found, filters, listing="tasks", column="due_on")
    return etagged(request, TaskPage(items=[_out(t) for t in rows], next_cursor=next_cursor))


@router.get("/{int:task_id}", response={200: TaskOut, 304: None}, summary="One central task")
def task_get(request: HttpRequest, task_id: Id) -> HttpResponse:
    return etagged(request, _out(_visible(request, task_id)))


class TaskIn(Schema):
    unit: Code = Field(description="The territorial unit's code.")
    title: Subject
    instruction: Body
    due_on: dt.date


@router.post("", response={201: TaskOut}, summary="Set a task for a territorial department")
def task_create(request: HttpRequest, data: TaskIn) -> Status[TaskOut]:
    unit = Unit.objects.filter(code=data.unit).first()
    if unit is None:
        raise NotFound(_("No such unit."))
    task = tasks.task_create(
        user=caller(request).user,
        unit=unit,
        title=data.title,
        instruction=data.instruction,
        due_on=data.due_on,
    )
    return Status(201, _out(task))


class ResponseIn(Schema):
    response: Body = Field(description="At least 10 characters.")


@router.post("/{int:task_id}/response", response=TaskOut, summary="Respond to a task")
def task_respond(request: HttpRequest, task_id: Id, data: ResponseIn) -> TaskOut:
    tasks.task_respond(user=caller(request).user, task_id=task_id, response=data.response)
    return _out(_visible(request, task_id))


@router.post("/{int:task_id}/accept", response=TaskOut, summary="Accept the response: done")
def task_accept(request: HttpRequest, task_id: Id) -> TaskOut:
    tasks.task_accept(user=caller(request).user, task_id=task_id, accept=True)
    return _out(_visible(request, task_id))


@router.post("/{int:task_id}/return", response=TaskOut, summary="Return the response for more work")
def task_return(request: HttpRequest, task_id: Id) -> TaskOut:
    tasks.task_accept(user=caller(request).user, task_id=task_id, accept=False)
    return _out(_visible(request, task_id))
