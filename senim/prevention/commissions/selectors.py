"""Reads over commissions: the list, a commission's page, a meeting's, resolutions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, QuerySet

from senim.prevention.access import (
    commissions_visible_to,
    may_edit_unit,
    meetings_visible_to,
    one_of,
    resolutions_visible_to,
)
from senim.prevention.lifecycle import RESOLUTIONS, choices
from senim.prevention.models import (
    OPEN_WORK,
    Commission,
    CommissionMember,
    Document,
    Meeting,
    Resolution,
)
from senim.prevention.rules import is_overdue

if TYPE_CHECKING:
    from senim.prevention.access import Viewer


@dataclass(frozen=True)
class CommissionFilters:
    unit: str = ""
    level: str = ""


def commission_list(user: Viewer, filters: CommissionFilters) -> QuerySet[Commission]:
    commissions = commissions_visible_to(user)
    if filters.unit:
        commissions = commissions.filter(unit__code=filters.unit)
    if filters.level:
        commissions = commissions.filter(level=filters.level)
    return commissions.annotate(
        member_count=Count("members", distinct=True),
        meeting_count=Count("meetings", distinct=True),
    ).order_by("unit__code", "level", "name")


@dataclass(frozen=True)
class CommissionPage:
    commission: Commission
    members: list[CommissionMember]
    meetings: Sequence[Meeting]  # with `resolution_count`
    can_edit: bool


def commission_page(user: Viewer, commission_id: int) -> CommissionPage:
    commission = one_of(commissions_visible_to(user), commission_id, "No such commission.")
    meetings = list(
        commission.meetings.annotate(resolution_count=Count("resolutions")).order_by("-held_on")
    )
    return CommissionPage(
        commission=commission,
        members=list(commission.members.all()),
        meetings=meetings,
        can_edit=may_edit_unit(user, commission.unit_id),
    )


@dataclass(frozen=True)
class ResolutionRow:
    resolution: Resolution
    overdue: bool


@dataclass(frozen=True)
class MeetingPage:
    meeting: Meeting
    resolutions: list[ResolutionRow]
    documents: list[Document]
    can_edit: bool


def meeting_page(user: Viewer, meeting_id: int, *, today: dt.date) -> MeetingPage:
    meeting = one_of(meetings_visible_to(user), meeting_id, "No such meeting.")
    resolutions = meeting.resolutions.select_related("owner").order_by("number")
    return MeetingPage(
        meeting=meeting,
        resolutions=[ResolutionRow(r, is_overdue(r.status, r.due_on, today)) for r in resolutions],
        documents=list(meeting.documents.all()),
        can_edit=may_edit_unit(user, meeting.commission.unit_id),
    )


@dataclass(frozen=True)
class ResolutionFilters:
    unit: str = ""
    status: str = ""
    overdue: bool = False


def resolution_list(
    user: Viewer, filters: ResolutionFilters, *, today: dt.date
) -> list[ResolutionRow]:
    resolutions = resolutions_visible_to(user)
    if filters.unit:
        resolutions = resolutions.filter(meeting__commission__unit__code=filters.unit)
    if filters.status:
        resolutions = resolutions.filter(status=filters.status)
    if filters.overdue:
        resolutions = resolutions.filter(status__in=OPEN_WORK, due_on__lt=today)
    return [
        ResolutionRow(r, is_overdue(r.status, r.due_on, today))
        for r in resolutions.order_by("due_on", "pk")
    ]


@dataclass(frozen=True)
class ResolutionPage:
    row: ResolutionRow
    can_edit: bool
    moves: list[tuple[str, str]]  # the statuses the user may move it to now


def resolution_page(user: Viewer, resolution_id: int, *, today: dt.date) -> ResolutionPage:
    """The resolution (with whether it is overdue) and whether `user` may follow it up."""
    resolution = one_of(resolutions_visible_to(user), resolution_id, "No such resolution.")
    can_edit = may_edit_unit(user, resolution.meeting.commission.unit_id)
    return ResolutionPage(
        row=ResolutionRow(resolution, is_overdue(resolution.status, resolution.due_on, today)),
        can_edit=can_edit,
        moves=choices(RESOLUTIONS, user, resolution.status) if can_edit else [],
    )
