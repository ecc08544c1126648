"""Prevention records through /api/v1: plans, events, commissions, risks, GRECO.

Reads go through the prevention selectors, which narrow every list to what the caller may see
(`senim.prevention.access`: the central department every unit's work, a territorial unit its
own); GRECO is the country's and every member of staff reads it. As in the office, the
unit-scoped lists are for whoever sees some unit's prevention work (403 for the others), and a
record of another unit is a 404, as a missing one. A risk's linked cases are only those the
caller may see (the one visibility rule). The one write is recording an event that took place
(`events.services.event_record`: the unit's chief or a central coordinator).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from django.contrib.auth import get_user_model
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema, Status

from senim.accounts.models import User
from senim.api.auth import caller
from senim.api.conditional import etagged
from senim.api.errors import Problem
from senim.api.paging import PageQuery, queryset_page, rows_page
from senim.api.types import Body, Code, Id, Line, StorableText, Subject
from senim.core import clock
from senim.core.errors import NotFound
from senim.organization import policy
from senim.organization.models import Unit
from senim.organization.policy import Capability
from senim.prevention.access import measures_visible_to
from senim.prevention.commissions.selectors import (
    CommissionFilters,
    commission_list,
    commission_page,
)
from senim.prevention.events.selectors import EventFilters, event_list, event_page
from senim.prevention.events.services import event_record
from senim.prevention.greco.selectors import GrecoFilters, greco_round_list, greco_round_page
from senim.prevention.models import (
    CommissionLevel,
    Event,
    EventKind,
    GrecoStatus,
    Measure,
    ParticipantCategory,
    PlanKind,
    RiskMap,
    RiskProcess,
    RiskStatus,
)
from senim.prevention.plans.selectors import (
    MeasureRow,
    PlanFilters,
    PlanRow,
    plan_list,
    plan_page,
)
from senim.prevention.risks.selectors import RiskFilters, RiskRow, risk_list, risk_page
from senim.prevention.rules import Band, Completion

router = Router(tags=["prevention"])

VIEWERS = (Capability.PREVENTION_VIEW_ALL, Capability.PREVENTION_VIEW_UNIT)


def _viewer(request: HttpRequest) -> User:
    """The caller's user, if they see some unit's prevention work (as the office's pages)."""
    user = caller(request).user
    if not policy.may_any(user, *VIEWERS):
        raise Problem("forbidden", _("Your role does not follow prevention work."))
    return user


# --- Plans ----------------------------------------------------------------------------------


class CompletionOut(Schema):
    percent: int
    done: int
    counted: int
    overdue: int


def _completion(completion: Completion) -> CompletionOut:
    return CompletionOut(
        percent=completion.percent,
        done=completion.done,
        counted=completion.counted,
        overdue=completion.overdue,
    )


class PlanOut(Schema):
    id: int
    unit: str
    kind: str
    title: str
    period_start: dt.date
    period_end: dt.date
    completion: CompletionOut = Field(description="Over the measures the caller may see.")


def _plan(row: PlanRow) -> PlanOut:
    plan = row.plan
    return PlanOut(
        id=plan.pk,
        unit=plan.unit.code,
        kind=plan.kind,
        title=plan.title,
        period_start=plan.period_start,
        period_end=plan.period_end,
        completion=_completion(row.completion),
    )


class PlanQuery(PageQuery):
    unit: Code = ""
    year: int | None = Field(None, ge=1990, le=2100)
    kind: PlanKind | None = None


class PlanPage(Schema):
    items: list[PlanOut]
    next_cursor: str | None = Field(None, description="Pass as cursor for the next page")


@router.get("/plans", response={200: PlanPage, 304: None}, summary="Prevention plans, newest first")
def plan_index(request: HttpRequest, query: Query[PlanQuery]) -> HttpResponse:
    filters = PlanFilters(
        unit=query.unit, year=query.year, kind=query.kind.value if query.kind else ""
    )
    rows, next_cursor = rows_page(
        plan_list(_viewer(request), filters, today=clock.today()),
        query,
        listing="plans",
        key=lambda r: [-r.plan.period_start.toordinal(), r.plan.unit.code, r.plan.pk],
    )
    return etagged(request, PlanPage(items=[_plan(r) for r in rows], next_cursor=next_cursor))


class MeasureOut(Schema):
    id: int
    number: str
    title: str
    responsible_unit: str
    due_on: dt.date
    target_label: str
    target: int
    progress: int
    status: str
    percent: int | None
    overdue: bool


def _measure(row: MeasureRow) -> MeasureOut:
    m: Measure = row.measure
    return MeasureOut(
        id=m.pk,
        number=m.number,
        title=m.title,
        responsible_unit=m.responsible_unit.code,
        due_on=m.due_on,
        target_label=m.target_label,
        target=m.target,
        progress=m.progress,
        status=m.status,
        percent=row.percent,
        overdue=row.overdue,
    )


class PlanDetailOut(PlanOut):
    measures: list[MeasureOut]


@router.get(
    "/plans/{int:plan_id}",
    response={200: PlanDetailOut, 304: None},
    summary="A plan and its measures (those the caller may see)",
)
def plan_detail(request: HttpRequest, plan_id: Id) -> HttpResponse:
    page = plan_page(_viewer(request), plan_id, today=clock.today())
    summary = _plan(PlanRow(page.plan, page.completion))
    return etagged(
        request,
        PlanDetailOut(**summary.model_dump(), measures=[_measure(r) for r in page.rows]),
    )


# --- Events ---------------------------------------------------------------------------------


class EventOut(Schema):
    id: int
    unit: str
    kind: str
    title: str
    held_on: dt.date
    place: str
    organisers: str
    result: str
    measure: int | None = Field(description="The plan measure the event fulfils.")
    participants: int


def _event(event: Event, participants: int) -> EventOut:
    return EventOut(
        id=event.pk,
        unit=event.unit.code,
        kind=event.kind,
        title=event.title,
        held_on=event.held_on,
        place=event.place,
        organisers=event.organisers,
        result=event.result,
        measure=event.measure_id,
        participants=participants,
    )


class EventQuery(PageQuery):
    unit: Code = ""
    kind: EventKind | None = None
    since: dt.date | None = None
    until: dt.date | None = None


class EventPage(Schema):
    items: list[EventOut]
    next_cursor: str | None = Field(None, description="Pass as cursor for the next page")


@router.get(
    "/events", response={200: EventPage, 304: None}, summary="Prevention events, latest first"
)
def event_index(request: HttpRequest, query: Query[EventQuery]) -> HttpResponse:
    filters = EventFilters(
        unit=query.unit,
        kind=query.kind.value if query.kind else "",
        since=query.since,
        until=query.until,
    )
    rows, next_cursor = queryset_page(
        event_list(_viewer(request), filters),
        query,
        listing="events",
        column="held_on",
        descending=True,
    )
    items = [_event(e, sum(a.count for a in e.attendance.all())) for e in rows]
    return etagged(request, EventPage(items=items, next_cursor=next_cursor))


class AttendanceOut(Schema):
    category: str
    count: int


class EventDetailOut(EventOut):
    attendance: list[AttendanceOut]
    staff: list[str] = Field(description="Usernames of the staff who took part.")


def _event_detail(user: User, event_id: int) -> EventDetailOut:
    page = event_page(user, event_id)
    return EventDetailOut(
        **_event(page.event, page.total).model_dump(),
        attendance=[AttendanceOut(category=a.category, count=a.count) for a in page.attendance],
        staff=[p.get_username() for p in page.staff],
    )


@router.get("/events/{int:event_id}", response={200: EventDetailOut, 304: None}, summary="An event")
def event_detail(request: HttpRequest, event_id: Id) -> HttpResponse:
    return etagged(request, _event_detail(_viewer(request), event_id))


class EventIn(Schema):
    unit: Code = Field(description="The unit's code (your own, for a chief).")
    kind: EventKind
    title: Subject
    held_on: dt.date = Field(description="The day it took place (not in the future).")
    place: Subject
    attendance: dict[ParticipantCategory, Annotated[int, Field(ge=0, le=1_000_000)]] = Field(
        description="How many people of each category took part (at least one in all)."
    )
    organisers: Annotated[str, StorableText] = Field("", max_length=500)
    result: Body = ""
    measure: Id | None = Field(None, description="The id of a plan measure it fulfils.")
    staff: list[Line] = Field(
        default_factory=list, max_length=200, description="Usernames of staff who took part."
    )


@router.post("/events", response={201: EventDetailOut}, summary="Record an event that took place")
def event_create(request: HttpRequest, data: EventIn) -> Status[EventDetailOut]:
    user = caller(request).user
    unit = Unit.objects.filter(code=data.unit).first()
    if unit is None:
        raise NotFound(_("No such unit."))
    measure = None
    if data.measure is not None:
        measure = measures_visible_to(user).filter(pk=data.measure).first()
        if measure is None:
            raise NotFound(_("No such measure."))
    people = list(get_user_model().objects.filter(username__in=data.staff))
    if len(people) != len(set(data.staff)):
        raise Problem("conflict", _("Named participants must be members of staff."))
    event = event_record(
        user=user,
        unit=unit,
        kind=data.kind.value,
        title=data.title,
        held_on=data.held_on,
        place=data.place,
        attendance={category.value: count for category, count in data.attendance.items()},
        organisers=data.organisers,
        result=data.result,
        measure=measure,
        staff=people,
    )
    return Status(201, _event_detail(user, event.pk))


# --- Commissions ----------------------------------------------------------------------------


class CommissionOut(Schema):
    id: int
    unit: str
    level: str
    name: str
    court: str | None
    established_on: dt.date | None


class CommissionQuery(PageQuery):
    unit: Code = ""
    level: CommissionLevel | None = None


class CommissionPage(Schema):
    items: list[CommissionOut]
    next_cursor: str | None = Field(None, description="Pass as cursor for the next page")


@router.get(
    "/commissions",
    response={200: CommissionPage, 304: None},
    summary="Anti-corruption commissions",
)
def commission_index(request: HttpRequest, query: Query[CommissionQuery]) -> HttpResponse:
    filters = CommissionFilters(unit=query.unit, level=query.level.value if query.level else "")
    rows, next_cursor = rows_page(
        list(commission_list(_viewer(request), filters)),
        query,
        listing="commissions",
        key=lambda c: [c.unit.code, c.level, c.name, c.pk],
    )
    items = [
        CommissionOut(
            id=c.pk,
            unit=c.unit.code,
            level=c.level,
            name=c.name,
            court=c.court.code if c.court else None,
            established_on=c.established_on,
        )
        for c in rows
    ]
    return etagged(request, CommissionPage(items=items, next_cursor=next_cursor))


class MemberOut(Schema):
    full_name: str
    role: str
    affiliation: str
    since: dt.date | None


class MeetingOut(Schema):
    id: int
    number: int
    held_on: dt.date
    place: str
    agenda: str
    resolutions: int


class CommissionDetailOut(CommissionOut):
    members: list[MemberOut]
    meetings: list[MeetingOut]


@router.get(
    "/commissions/{int:commission_id}",
    response={200: CommissionDetailOut, 304: None},
    summary="A commission, its members and meetings",
)
def commission_detail(request: HttpRequest, commission_id: Id) -> HttpResponse:
    page = commission_page(_viewer(request), commission_id)
    c = page.commission
    out = CommissionDetailOut(
        id=c.pk,
        unit=c.unit.code,
        level=c.level,
        name=c.name,
        court=c.court.code if c.court else None,
        established_on=c.established_on,
        members=[
            MemberOut(full_name=m.full_name, role=m.role, affiliation=m.affiliation, since=m.since)
            for m in page.members
        ],
        meetings=[
            MeetingOut(
                id=m.pk,
                number=m.number,
                held_on=m.held_on,
                place=m.place,
                agenda=m.agenda,
                resolutions=getattr(m, "resolution_count", 0),
            )
            for m in page.meetings
        ],
    )
    return etagged(request, out)


# --- Corruption risks -----------------------------------------------------------------------


class RiskOut(Schema):
    id: int
    unit: str
    court: str | None
    title: str
    process: str
    risk_map: str
    likelihood: int
    impact: int
    score: int
    band: str
    status: str
    identified_on: dt.date


def _risk(row: RiskRow) -> RiskOut:
    r = row.risk
    return RiskOut(
        id=r.pk,
        unit=r.unit.code,
        court=r.court.code if r.court else None,
        title=r.title,
        process=r.process,
        risk_map=r.risk_map,
        likelihood=r.likelihood,
        impact=r.impact,
        score=row.score,
        band=row.band.value,
        status=r.status,
        identified_on=r.identified_on,
    )


class RiskQuery(PageQuery):
    unit: Code = ""
    process: RiskProcess | None = None
    risk_map: RiskMap | None = None
    band: Band | None = None
    status: RiskStatus | None = None


class RiskPage(Schema):
    items: list[RiskOut]
    next_cursor: str | None = Field(None, description="Pass as cursor for the next page")


@router.get(
    "/risks",
    response={200: RiskPage, 304: None},
    summary="The corruption-risk register, highest score first",
)
def risk_index(request: HttpRequest, query: Query[RiskQuery]) -> HttpResponse:
    filters = RiskFilters(
        unit=query.unit,
        process=query.process.value if query.process else "",
        risk_map=query.risk_map.value if query.risk_map else "",
        band=query.band.value if query.band else "",
        status=query.status.value if query.status else "",
    )
    rows, next_cursor = rows_page(
        risk_list(_viewer(request), filters),
        query,
        listing="risks",
        key=lambda r: [-r.score, r.risk.unit.code, r.risk.title, r.risk.pk],
    )
    return etagged(request, RiskPage(items=[_risk(r) for r in rows], next_cursor=next_cursor))


class RiskActionOut(Schema):
    description: str
    due_on: dt.date
    status: str
    completed_on: dt.date | None
    overdue: bool


class RiskDetailOut(RiskOut):
    description: str
    actions: list[RiskActionOut]
    cases: list[str] = Field(description="Numbers of the linked cases the caller may see.")


@router.get(
    "/risks/{int:risk_id}",
    response={200: RiskDetailOut, 304: None},
    summary="A risk and its mitigation",
)
def risk_detail(request: HttpRequest, risk_id: Id) -> HttpResponse:
    page = risk_page(_viewer(request), risk_id, today=clock.today())
    out = RiskDetailOut(
        **_risk(page.row).model_dump(),
        description=page.row.risk.description,
        actions=[
            RiskActionOut(
                description=a.action.description,
                due_on=a.action.due_on,
                status=a.action.status,
                completed_on=a.action.completed_on,
                overdue=a.overdue,
            )
            for a in page.actions
        ],
        cases=[c.appeal.number for c in page.cases],
    )
    return etagged(request, out)


# --- GRECO ----------------------------------------------------------------------------------


class GrecoRoundOut(Schema):
    id: int
    code: str
    name: dict[str, str] = Field(description="In kk, ru and en.")
    reports: int
    recommendations: int


def _staff(request: HttpRequest) -> User:
    user = caller(request).user
    if not policy.may(user, Capability.PREVENTION_READ_COMMITMENTS):
        raise Problem("forbidden", _("Only members of staff read the GRECO tracker."))
    return user


class GrecoRoundPage(Schema):
    items: list[GrecoRoundOut]
    next_cursor: str | None = Field(None, description="Pass as cursor for the next page")


@router.get("/greco", response={200: GrecoRoundPage, 304: None}, summary="GRECO evaluation rounds")
def greco_index(request: HttpRequest, query: Query[PageQuery]) -> HttpResponse:
    rows, next_cursor = rows_page(
        list(greco_round_list(_staff(request))),
        query,
        listing="greco",
        key=lambda r: [r.code, r.pk],
    )
    items = [
        GrecoRoundOut(
            id=r.pk,
            code=r.code,
            name={"kk": r.name_kk, "ru": r.name_ru, "en": r.name_en},
            reports=getattr(r, "report_count", 0),
            recommendations=getattr(r, "recommendation_count", 0),
        )
        for r in rows
    ]
    return etagged(request, GrecoRoundPage(items=items, next_cursor=next_cursor))


class GrecoReportOut(Schema):
    id: int
    kind: str
    plenary: str
    adopted_on: dt.date
    country_assessment: str


class GrecoRecommendationOut(Schema):
    id: int
    label: str
    text: dict[str, str] = Field(description="In kk, ru and en.")
    owner_unit: str | None
    statuses: list[str | None] = Field(description="Its rating in each report, in their order.")


class GrecoRoundDetailOut(Schema):
    id: int
    code: str
    name: dict[str, str]
    reports: list[GrecoReportOut]
    recommendations: list[GrecoRecommendationOut]


class GrecoQuery(Schema):
    status: GrecoStatus | None = Field(None, description="The latest rating.")
    unit: Code = Field("", description="The owner unit's code.")


@router.get(
    "/greco/{int:round_id}",
    response={200: GrecoRoundDetailOut, 304: None},
    summary="A GRECO round: its reports and each recommendation's ratings",
)
def greco_round(request: HttpRequest, round_id: Id, query: Query[GrecoQuery]) -> HttpResponse:
    filters = GrecoFilters(status=query.status.value if query.status else "", unit=query.unit)
    page = greco_round_page(_staff(request), round_id, filters)
    r = page.round
    out = GrecoRoundDetailOut(
        id=r.pk,
        code=r.code,
        name={"kk": r.name_kk, "ru": r.name_ru, "en": r.name_en},
        reports=[
            GrecoReportOut(
                id=p.pk,
                kind=p.kind,
                plenary=p.plenary,
                adopted_on=p.adopted_on,
                country_assessment=p.country_assessment,
            )
            for p in page.reports
        ],
        recommendations=[
            GrecoRecommendationOut(
                id=row.recommendation.pk,
                label=row.recommendation.label,
                text={
                    "kk": row.recommendation.text_kk,
                    "ru": row.recommendation.text_ru,
                    "en": row.recommendation.text_en,
                },
                owner_unit=row.recommendation.owner_unit.code
                if row.recommendation.owner_unit
                else None,
                statuses=[s.status if s else None for s in row.statuses],
            )
            for row in page.rows
        ],
    )
    return etagged(request, out)
