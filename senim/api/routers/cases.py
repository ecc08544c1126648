"""Cases: the queue (the office queue's filters and visibility), one case, its timeline.

Every read goes through `senim.cases.selectors` with the caller's user: a token sees exactly
the cases its owner sees in the office, a client the cases of its unit; a case the caller may
not see is a 404, the same answer as a case that does not exist.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.db.models import F, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema

from senim.api import cursor
from senim.api.auth import caller
from senim.api.conditional import etagged
from senim.api.types import Code, Id, Line
from senim.cases import deadlines
from senim.cases import timeline as history
from senim.cases.models import Case, Status
from senim.cases.selectors import QueueFilters, access_case, case_queue
from senim.core import clock
from senim.intake.models import Category, Channel

router = Router(tags=["cases"])

Sort = Literal["newest", "oldest", "due"]
Deadline = Literal["overdue", "due_soon", "on_time", "done"]


class QueueQuery(Schema):
    """The office queue's filters, by the same names and values."""

    status: Status | None = Field(None, description="A status; spam is listed only when asked")
    deadline: Deadline | None = None
    court: Code | None = Field(None, description="A court's code")
    region: Code | None = Field(None, description="A region's ISO 3166-2 code")
    category: Category | None = None
    channel: Channel | None = None
    assignee: str | None = Field(
        None, pattern=r"^(me|none|[0-9]{1,12})$", description='"me", "none" or a user id'
    )
    unit: Code | None = Field(None, description="A unit's code")
    q: Line | None = Field(None, description="Words, in any of their forms")
    sort: Sort = "newest"
    limit: int = Field(25, ge=1, le=100)
    cursor: Line | None = Field(None, description="next_cursor of a page")


class CaseRow(Schema):
    id: int
    number: str
    status: str
    subject: str
    channel: str
    court_name: str | None = Field(None, description="The court's name on the day of the report")
    registered_at: dt.datetime
    due_on: dt.date | None
    assignee: str | None


class CasePage(Schema):
    items: list[CaseRow]
    next_cursor: str | None = Field(None, description="Pass as cursor for the next page")


class Person(Schema):
    id: int
    username: str
    name: str


class CaseOut(Schema):
    id: int
    number: str
    status: str
    priority: str
    category: str
    outcome: str
    unit: str
    court: str
    channel: str
    kind: str
    language: str
    subject: str
    text: str
    occurred_when: str
    occurred_where: str
    registered_at: dt.datetime
    due_on: dt.date | None
    assignee: Person | None


class TimelineEntry(Schema):
    at: dt.datetime
    kind: Literal["event", "note", "message"]
    action: str
    actor: str
    detail: dict[str, Any]
    text: str


class Timeline(Schema):
    case: int
    entries: list[TimelineEntry]


def _after(cases: QuerySet[Case], sort: str, position: dict[str, Any]) -> QuerySet[Case]:
    """The cases after the cursor's position in the listing's order."""
    pk = int(position["pk"])
    if sort == "newest":
        return cases.filter(pk__lt=pk)
    if sort == "oldest":
        return cases.filter(pk__gt=pk)
    due = position.get("due")
    if due is None:  # the undated come last
        return cases.filter(due_on__isnull=True, pk__gt=pk)
    return cases.filter(Q(due_on__gt=due) | Q(due_on=due, pk__gt=pk) | Q(due_on__isnull=True))


def _position(case: Case, sort: str) -> dict[str, Any]:
    position: dict[str, Any] = {"sort": sort, "pk": case.pk}
    if sort == "due":
        position["due"] = case.due_on.isoformat() if case.due_on else None
    return position


def _name(first: str, last: str, username: str) -> str:
    return f"{first} {last}".strip() or username


@router.get(
    "",
    response={200: CasePage, 304: None},
    summary="The queue: the cases the caller sees, filtered as in the office",
)
def case_list(request: HttpRequest, filters: Query[QueueQuery]) -> HttpResponse:
    found = caller(request)
    today = clock.today()
    chosen = {
        name: str(value)
        for name, value in filters.model_dump(exclude={"limit", "cursor"}).items()
        if value
    }
    queue_filters = QueueFilters(**chosen)
    horizon = (
        deadlines.due_soon_horizon(today)
        if queue_filters.deadline in ("due_soon", "on_time")
        else today
    )
    cases = case_queue(found.user, queue_filters, today=today, horizon=horizon)
    if filters.sort == "due":
        # One order on every database: undated cases last (SQLite would put them first).
        cases = cases.order_by(F("due_on").asc(nulls_last=True), "pk")
    if filters.cursor:
        cases = _after(cases, filters.sort, cursor.decode(filters.cursor, expect=filters.sort))
    rows = list(cases[: filters.limit + 1])
    more = len(rows) > filters.limit
    rows = rows[: filters.limit]
    items = [
        CaseRow(
            id=case.pk,
            number=case.appeal.number,
            status=case.status,
            subject=case.appeal.subject,
            channel=case.appeal.channel,
            court_name=getattr(case, "court_name_then", None),
            registered_at=case.appeal.registered_at,
            due_on=case.due_on,
            assignee=(
                _name(case.assignee.first_name, case.assignee.last_name, "")
                if case.assignee
                else None
            ),
        )
        for case in rows
    ]
    next_cursor = cursor.encode(_position(rows[-1], filters.sort)) if more and rows else None
    return etagged(request, CasePage(items=items, next_cursor=next_cursor))


@router.get(
    "/{int:case_id}", response={200: CaseOut, 304: None}, summary="One case, if the caller sees it"
)
def case_detail(request: HttpRequest, case_id: Id) -> HttpResponse:
    found = caller(request)
    case = access_case(found.user, case_id)
    appeal = case.appeal
    assignee = case.assignee
    out = CaseOut(
        id=case.pk,
        number=appeal.number,
        status=case.status,
        priority=case.priority,
        category=case.category,
        outcome=case.outcome,
        unit=case.unit.code,
        court=appeal.court.code,
        channel=appeal.channel,
        kind=appeal.kind,
        language=appeal.language,
        subject=appeal.subject,
        text=appeal.text,
        occurred_when=appeal.occurred_when,
        occurred_where=appeal.occurred_where,
        registered_at=appeal.registered_at,
        due_on=case.due_on,
        assignee=(
            Person(
                id=assignee.pk,
                username=assignee.username,
                name=_name(assignee.first_name, assignee.last_name, assignee.username),
            )
            if assignee
            else None
        ),
    )
    return etagged(request, out)


@router.get(
    "/{int:case_id}/timeline",
    response={200: Timeline, 304: None},
    summary="What happened to a case, oldest first",
)
def case_timeline(request: HttpRequest, case_id: Id) -> HttpResponse:
    found = caller(request)
    case = access_case(found.user, case_id)
    entries = [
        TimelineEntry(
            at=entry.at,
            kind=entry.kind,  # type: ignore[arg-type]
            action=entry.action,
            actor=entry.actor,
            detail=entry.detail,
            text=entry.text,
        )
        for entry in history.case_timeline(case)
    ]
    return etagged(request, Timeline(case=case.pk, entries=entries))
