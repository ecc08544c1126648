"""Reads over prevention work. Who sees what is decided here, once per kind of record.

The visibility rule: the central department's coordinators, analysts, auditors and
administrators see every unit's work; a territorial chief or investigator sees their own unit's
(and, of another unit's plan, the measures their unit is responsible for). The concept and the
GRECO tracker are the country's: every member of staff sees them. Editing: a chief for their
own unit, a coordinator for every unit, and only coordinators edit the concept and GRECO.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db.models import Count, Exists, F, Model, OuterRef, Prefetch, Q, QuerySet, Sum

from senim.cases.selectors import cases_visible_to
from senim.core.errors import NotFound
from senim.organization.models import CENTRAL_ROLES, Role, Unit
from senim.prevention.models import (
    OPEN_WORK,
    Attendance,
    Commission,
    ConceptMeasure,
    ConceptObjective,
    CorruptionRisk,
    Document,
    Event,
    GrecoAssessment,
    GrecoRecommendation,
    GrecoReport,
    GrecoRound,
    GrecoStatus,
    Measure,
    Meeting,
    ParticipantCategory,
    Plan,
    PreventionReminder,
    Resolution,
)
from senim.prevention.rules import (
    BAND_CEILINGS,
    Band,
    Completion,
    band_score_range,
    is_overdue,
    measure_ratio,
    percent_of,
    plan_completion,
    risk_band,
)

M = TypeVar("M", bound=Model)

# --- who sees, who edits --------------------------------------------------------------------


@dataclass(frozen=True)
class Scope:
    """What a user sees: everything, one unit's work, or nothing."""

    everything: bool = False
    unit_id: int | None = None

    @property
    def nothing(self) -> bool:
        return not self.everything and self.unit_id is None


def _staff(user: Any) -> Any:
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return None
    return getattr(user, "staff", None)


def scope_of(user: Any) -> Scope:
    staff = _staff(user)
    if staff is None:
        return Scope()
    if staff.role in CENTRAL_ROLES:
        return Scope(everything=True)
    if staff.role in (Role.CHIEF, Role.INVESTIGATOR):
        return Scope(unit_id=staff.unit_id)
    return Scope()


def is_staff_member(user: Any) -> bool:
    return _staff(user) is not None


def may_edit_unit(user: Any, unit_id: int | None) -> bool:
    """A coordinator edits every unit's prevention work; a chief their own unit's."""
    staff = _staff(user)
    if staff is None:
        return False
    if staff.role == Role.COORDINATOR:
        return True
    return staff.role == Role.CHIEF and unit_id is not None and staff.unit_id == unit_id


def may_edit_central(user: Any) -> bool:
    """The concept and the GRECO tracker are edited by the central coordinators only."""
    staff = _staff(user)
    return staff is not None and staff.role == Role.COORDINATOR


def editable_units(user: Any) -> QuerySet[Unit]:
    staff = _staff(user)
    if staff is None:
        return Unit.objects.none()
    if staff.role == Role.COORDINATOR:
        return Unit.objects.all()
    if staff.role == Role.CHIEF:
        return Unit.objects.filter(pk=staff.unit_id)
    return Unit.objects.none()


def visible_units(user: Any) -> QuerySet[Unit]:
    scope = scope_of(user)
    if scope.everything:
        return Unit.objects.all()
    return Unit.objects.filter(pk=scope.unit_id) if scope.unit_id else Unit.objects.none()


def plans_visible_to(user: Any) -> QuerySet[Plan]:
    scope = scope_of(user)
    plans = Plan.objects.select_related("unit")
    if scope.everything:
        return plans
    if scope.nothing:
        return plans.none()
    theirs = Measure.objects.filter(plan=OuterRef("pk"), responsible_unit_id=scope.unit_id)
    return plans.filter(Q(unit_id=scope.unit_id) | Exists(theirs))


def measures_visible_to(user: Any) -> QuerySet[Measure]:
    scope = scope_of(user)
    measures = Measure.objects.select_related("plan", "plan__unit", "responsible_unit")
    if scope.everything:
        return measures
    if scope.nothing:
        return measures.none()
    return measures.filter(Q(plan__unit_id=scope.unit_id) | Q(responsible_unit_id=scope.unit_id))


def events_visible_to(user: Any) -> QuerySet[Event]:
    return _by_unit(user, Event.objects.select_related("unit", "measure"), "unit_id")


def commissions_visible_to(user: Any) -> QuerySet[Commission]:
    return _by_unit(user, Commission.objects.select_related("unit", "court"), "unit_id")


def meetings_visible_to(user: Any) -> QuerySet[Meeting]:
    return _by_unit(
        user,
        Meeting.objects.select_related("commission", "commission__unit"),
        "commission__unit_id",
    )


def resolutions_visible_to(user: Any) -> QuerySet[Resolution]:
    resolutions = Resolution.objects.select_related(
        "meeting", "meeting__commission", "meeting__commission__unit", "owner"
    )
    return _by_unit(user, resolutions, "meeting__commission__unit_id")


def risks_visible_to(user: Any) -> QuerySet[CorruptionRisk]:
    return _by_unit(
        user, CorruptionRisk.objects.select_related("unit", "court", "owner"), "unit_id"
    )


def greco_visible_to(user: Any) -> QuerySet[GrecoRound]:
    """GRECO is the country's: every member of staff sees it."""
    return GrecoRound.objects.all() if is_staff_member(user) else GrecoRound.objects.none()


def concept_visible_to(user: Any) -> QuerySet[ConceptObjective]:
    """The concept is the country's: every member of staff sees it."""
    objectives = ConceptObjective.objects.all()
    return objectives if is_staff_member(user) else objectives.none()


def _by_unit(user: Any, rows: QuerySet[Any], unit_field: str) -> QuerySet[Any]:
    scope = scope_of(user)
    if scope.everything:
        return rows
    if scope.nothing:
        return rows.none()
    return rows.filter(**{unit_field: scope.unit_id})


def _get(rows: QuerySet[M], pk: int, message: str) -> M:
    found = rows.filter(pk=pk).first()
    if found is None:
        raise NotFound(message)
    return found


# --- plans and measures ---------------------------------------------------------------------


@dataclass(frozen=True)
class PlanFilters:
    unit: str = ""
    year: int | None = None
    kind: str = ""


@dataclass(frozen=True)
class PlanRow:
    plan: Plan
    completion: Completion


def plan_list(user: Any, filters: PlanFilters, *, today: dt.date) -> list[PlanRow]:
    """Visible plans with their completion, over the measures the user may see."""
    plans = plans_visible_to(user)
    if filters.unit:
        plans = plans.filter(unit__code=filters.unit)
    if filters.year:
        plans = plans.filter(
            period_start__year__lte=filters.year, period_end__year__gte=filters.year
        )
    if filters.kind:
        plans = plans.filter(kind=filters.kind)
    plans = plans.prefetch_related(
        Prefetch("measures", queryset=measures_visible_to(user), to_attr="visible_measures")
    ).order_by("-period_start", "unit__kind", "unit__code")
    return [PlanRow(p, plan_completion(p.visible_measures, today)) for p in plans]


@dataclass(frozen=True)
class MeasureRow:
    measure: Measure
    percent: int | None
    overdue: bool


def _measure_row(measure: Measure, today: dt.date) -> MeasureRow:
    ratio = measure_ratio(measure.status, measure.progress, measure.target)
    return MeasureRow(
        measure=measure,
        percent=None if ratio is None else percent_of(ratio),
        overdue=is_overdue(measure.status, measure.due_on, today),
    )


@dataclass(frozen=True)
class PlanPage:
    plan: Plan
    rows: list[MeasureRow]
    completion: Completion
    can_edit: bool


def plan_page(user: Any, plan_id: int, *, today: dt.date) -> PlanPage:
    plan = _get(plans_visible_to(user), plan_id, "No such plan.")
    measures = list(
        measures_visible_to(user)
        .filter(plan=plan)
        .select_related("responsible", "concept_measure")
        .order_by("number")
    )
    return PlanPage(
        plan=plan,
        rows=[_measure_row(m, today) for m in measures],
        completion=plan_completion(measures, today),
        can_edit=may_edit_unit(user, plan.unit_id),
    )


@dataclass(frozen=True)
class MeasureFilters:
    unit: str = ""
    status: str = ""
    overdue: bool = False
    year: int | None = None
    q: str = ""


def measure_list(user: Any, filters: MeasureFilters, *, today: dt.date) -> list[MeasureRow]:
    measures = measures_visible_to(user).select_related("responsible")
    if filters.unit:
        measures = measures.filter(responsible_unit__code=filters.unit)
    if filters.status:
        measures = measures.filter(status=filters.status)
    if filters.overdue:
        measures = measures.filter(status__in=OPEN_WORK, due_on__lt=today)
    if filters.year:
        measures = measures.filter(due_on__year=filters.year)
    if filters.q.strip():
        measures = measures.filter(
            Q(title__icontains=filters.q.strip()) | Q(target_label__icontains=filters.q.strip())
        )
    return [_measure_row(m, today) for m in measures.order_by("due_on", "plan_id", "number")]


@dataclass(frozen=True)
class MeasurePage:
    row: MeasureRow
    entries: list[Any]
    events: list[Event]
    documents: list[Document]
    can_edit: bool


def measure_page(user: Any, measure_id: int, *, today: dt.date) -> MeasurePage:
    measure = _get(
        measures_visible_to(user).select_related("responsible", "concept_measure"),
        measure_id,
        "No such measure.",
    )
    return MeasurePage(
        row=_measure_row(measure, today),
        entries=list(measure.entries.select_related("event", "recorded_by")),
        events=list(measure.events.select_related("unit")),
        documents=list(measure.documents.all()),
        can_edit=may_edit_measure(user, measure),
    )


def may_edit_measure(user: Any, measure: Measure) -> bool:
    """The chief of the plan's unit or of the responsible unit, or a coordinator."""
    return may_edit_unit(user, measure.plan.unit_id) or may_edit_unit(
        user, measure.responsible_unit_id
    )


def measures_to_fulfil(user: Any, *, today: dt.date) -> QuerySet[Measure]:
    """The measures an event recorded by `user` may fulfil: open ones the user may edit."""
    measures = measures_visible_to(user).filter(status__in=OPEN_WORK)
    staff = _staff(user)
    if staff is None or staff.role not in (Role.COORDINATOR, Role.CHIEF):
        return measures.none()
    if staff.role == Role.CHIEF:
        measures = measures.filter(
            Q(plan__unit_id=staff.unit_id) | Q(responsible_unit_id=staff.unit_id)
        )
    return measures.filter(plan__period_end__gte=today - dt.timedelta(days=366)).order_by(
        "responsible_unit__code", "due_on", "number"
    )


# --- events ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class EventFilters:
    unit: str = ""
    kind: str = ""
    since: dt.date | None = None
    until: dt.date | None = None


def event_list(user: Any, filters: EventFilters) -> QuerySet[Event]:
    events = events_visible_to(user)
    if filters.unit:
        events = events.filter(unit__code=filters.unit)
    if filters.kind:
        events = events.filter(kind=filters.kind)
    if filters.since:
        events = events.filter(held_on__gte=filters.since)
    if filters.until:
        events = events.filter(held_on__lte=filters.until)
    return events.prefetch_related("attendance").order_by("-held_on", "-pk")


def participants_total(event: Event) -> int:
    """All participants of an event (from prefetched attendance rows)."""
    return sum(row.count for row in event.attendance.all())


@dataclass(frozen=True)
class EventPage:
    event: Event
    attendance: list[Attendance]
    staff: list[Any]
    documents: list[Document]
    total: int


def event_page(user: Any, event_id: int) -> EventPage:
    event = _get(
        events_visible_to(user).select_related("measure__plan", "recorded_by"),
        event_id,
        "No such event.",
    )
    order = list(ParticipantCategory.values)
    attendance = sorted(event.attendance.all(), key=lambda a: order.index(a.category))
    return EventPage(
        event=event,
        attendance=attendance,
        staff=list(event.staff_participants.select_related("staff__unit").order_by("last_name")),
        documents=list(event.documents.all()),
        total=sum(a.count for a in attendance),
    )


# --- commissions ----------------------------------------------------------------------------


@dataclass(frozen=True)
class CommissionFilters:
    unit: str = ""
    level: str = ""


def commission_list(user: Any, filters: CommissionFilters) -> QuerySet[Commission]:
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
    members: list[Any]
    meetings: list[Any]
    can_edit: bool


def commission_page(user: Any, commission_id: int) -> CommissionPage:
    commission = _get(commissions_visible_to(user), commission_id, "No such commission.")
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


def meeting_page(user: Any, meeting_id: int, *, today: dt.date) -> MeetingPage:
    meeting = _get(meetings_visible_to(user), meeting_id, "No such meeting.")
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
    user: Any, filters: ResolutionFilters, *, today: dt.date
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


def resolution_page(user: Any, resolution_id: int, *, today: dt.date) -> tuple[ResolutionRow, bool]:
    """The resolution (with whether it is overdue) and whether `user` may follow it up."""
    resolution = _get(resolutions_visible_to(user), resolution_id, "No such resolution.")
    can_edit = may_edit_unit(user, resolution.meeting.commission.unit_id)
    return ResolutionRow(resolution, is_overdue(resolution.status, resolution.due_on, today)), (
        can_edit
    )


# --- risks ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RiskFilters:
    unit: str = ""
    process: str = ""
    risk_map: str = ""
    band: str = ""
    status: str = ""


def _filtered_risks(user: Any, filters: RiskFilters) -> QuerySet[CorruptionRisk]:
    risks = risks_visible_to(user).annotate(score=F("likelihood") * F("impact"))
    if filters.unit:
        risks = risks.filter(unit__code=filters.unit)
    if filters.process:
        risks = risks.filter(process=filters.process)
    if filters.risk_map:
        risks = risks.filter(risk_map=filters.risk_map)
    if filters.band:
        low, high = band_score_range(filters.band)
        risks = risks.filter(score__gte=low, score__lte=high)
    if filters.status:
        risks = risks.filter(status=filters.status)
    return risks


@dataclass(frozen=True)
class RiskRow:
    risk: CorruptionRisk
    band: Band
    score: int


def risk_list(user: Any, filters: RiskFilters) -> list[RiskRow]:
    risks = _filtered_risks(user, filters).order_by("-score", "unit__code", "title")
    return [RiskRow(r, risk_band(r.likelihood, r.impact), r.likelihood * r.impact) for r in risks]


@dataclass(frozen=True)
class HeatCell:
    likelihood: int
    impact: int
    count: int
    band: Band


@dataclass(frozen=True)
class HeatMap:
    """Rows from likelihood 5 (top) to 1, columns impact 1 to 5, counting active risks."""

    rows: list[tuple[int, list[HeatCell]]]
    total: int
    by_band: dict[str, int] = field(default_factory=dict)


def risk_heat_map(user: Any, filters: RiskFilters) -> HeatMap:
    """Active risks counted by likelihood x impact (closed risks are left out)."""
    active = RiskFilters(**{**filters.__dict__, "status": CorruptionRisk.Status.ACTIVE})
    counts = {
        (row["likelihood"], row["impact"]): row["n"]
        for row in _filtered_risks(user, active)
        .order_by()
        .values("likelihood", "impact")
        .annotate(n=Count("pk"))
    }
    rows = [
        (
            likelihood,
            [
                HeatCell(
                    likelihood,
                    impact,
                    counts.get((likelihood, impact), 0),
                    risk_band(likelihood, impact),
                )
                for impact in range(1, 6)
            ],
        )
        for likelihood in range(5, 0, -1)
    ]
    by_band = {band.value: 0 for _ceiling, band in BAND_CEILINGS}
    for (likelihood, impact), n in counts.items():
        by_band[risk_band(likelihood, impact).value] += n
    return HeatMap(rows=rows, total=sum(counts.values()), by_band=by_band)


@dataclass(frozen=True)
class RiskPage:
    row: RiskRow
    reviews: list[Any]
    actions: list[tuple[Any, bool]]
    cases: list[Any]
    can_edit: bool


def risk_page(user: Any, risk_id: int, *, today: dt.date) -> RiskPage:
    risk = _get(risks_visible_to(user), risk_id, "No such risk.")
    reviews = list(risk.reviews.select_related("reviewed_by"))
    actions = [
        (a, is_overdue(a.status, a.due_on, today))
        for a in risk.actions.select_related("responsible")
    ]
    # Only the linked cases this user may see: the case visibility rule holds here too.
    cases = list(
        cases_visible_to(user)
        .filter(pk__in=risk.cases.values("pk"))
        .select_related("appeal")
        .order_by("appeal__number")
    )
    return RiskPage(
        row=RiskRow(risk, risk_band(risk.likelihood, risk.impact), risk.likelihood * risk.impact),
        reviews=reviews,
        actions=actions,
        cases=cases,
        can_edit=may_edit_unit(user, risk.unit_id),
    )


# --- the concept ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ConceptFilters:
    status: str = ""
    unit: str = ""


def concept_list(user: Any, filters: ConceptFilters) -> list[ConceptObjective]:
    """Objectives with their measures, the units responsible and the linked plan measures."""
    measures = ConceptMeasure.objects.prefetch_related(
        "units",
        Prefetch(
            "plan_measures",
            queryset=measures_visible_to(user).order_by("due_on"),
            to_attr="visible_plan_measures",
        ),
    ).order_by("number")
    if filters.status:
        measures = measures.filter(status=filters.status)
    if filters.unit:
        measures = measures.filter(units__code=filters.unit).distinct()
    return list(
        concept_visible_to(user).prefetch_related(
            Prefetch("measures", queryset=measures, to_attr="shown_measures")
        )
    )


def concept_measure_get(user: Any, measure_id: int) -> ConceptMeasure:
    rows = ConceptMeasure.objects.select_related("objective").prefetch_related(
        "units",
        Prefetch(
            "plan_measures",
            queryset=measures_visible_to(user).order_by("due_on"),
            to_attr="visible_plan_measures",
        ),
    )
    if not is_staff_member(user):
        rows = rows.none()
    return _get(rows, measure_id, "No such measure.")


def concept_measure_choices() -> QuerySet[ConceptMeasure]:
    return ConceptMeasure.objects.select_related("objective").order_by("number")


# --- GRECO ----------------------------------------------------------------------------------


def greco_round_list(user: Any) -> QuerySet[GrecoRound]:
    return greco_visible_to(user).annotate(
        report_count=Count("reports", distinct=True),
        recommendation_count=Count("recommendations", distinct=True),
    )


@dataclass(frozen=True)
class GrecoRow:
    """A recommendation with its status in each report of the round (None: not rated)."""

    recommendation: GrecoRecommendation
    statuses: list[GrecoAssessment | None]

    @property
    def latest(self) -> GrecoAssessment | None:
        rated = [s for s in self.statuses if s is not None]
        return rated[-1] if rated else None


@dataclass(frozen=True)
class GrecoRoundPage:
    round: GrecoRound
    reports: list[GrecoReport]
    rows: list[GrecoRow]
    # Per report: (status, how many recommendations had it), in the order of the statuses.
    tallies: list[tuple[GrecoReport, list[tuple[str, int]]]]
    can_edit: bool


@dataclass(frozen=True)
class GrecoFilters:
    status: str = ""
    unit: str = ""


def greco_round_page(user: Any, round_id: int, filters: GrecoFilters) -> GrecoRoundPage:
    found = _get(greco_visible_to(user), round_id, "No such round.")
    reports = list(found.reports.order_by("adopted_on"))
    recommendations = found.recommendations.select_related("owner_unit", "owner").prefetch_related(
        Prefetch("assessments", queryset=GrecoAssessment.objects.order_by("report__adopted_on"))
    )
    if filters.unit:
        recommendations = recommendations.filter(owner_unit__code=filters.unit)
    rows = []
    for rec in recommendations.order_by("position"):
        by_report = {a.report_id: a for a in rec.assessments.all()}
        rows.append(GrecoRow(rec, [by_report.get(r.pk) for r in reports]))
    if filters.status:
        rows = [r for r in rows if r.latest is not None and r.latest.status == filters.status]
    tallies = []
    for index, report in enumerate(reports):
        tally: dict[str, int] = {}
        for row in rows:
            status = row.statuses[index]
            if status is not None:
                tally[status.status] = tally.get(status.status, 0) + 1
        counted = [(str(s.label), tally[s.value]) for s in GrecoStatus if tally.get(s.value)]
        tallies.append((report, counted))
    return GrecoRoundPage(found, reports, rows, tallies, may_edit_central(user))


@dataclass(frozen=True)
class GrecoRecommendationPage:
    recommendation: GrecoRecommendation
    history: list[tuple[GrecoReport, GrecoAssessment | None]]
    can_edit: bool


def greco_recommendation_page(user: Any, recommendation_id: int) -> GrecoRecommendationPage:
    rows = GrecoRecommendation.objects.select_related("round", "owner_unit", "owner")
    if not is_staff_member(user):
        rows = rows.none()
    rec = _get(rows, recommendation_id, "No such recommendation.")
    assessments = {
        a.report_id: a
        for a in rec.assessments.select_related("recorded_by").prefetch_related("documents")
    }
    history = [(r, assessments.get(r.pk)) for r in rec.round.reports.order_by("adopted_on")]
    return GrecoRecommendationPage(rec, history, may_edit_central(user))


# --- files ----------------------------------------------------------------------------------


def document_visible(user: Any, document_id: int) -> Document:
    """A file if `user` may see what it belongs to; NotFound otherwise."""
    document = Document.objects.filter(pk=document_id).first()
    if document is not None:
        owners: list[tuple[int | None, QuerySet[Any]]] = [
            (document.measure_id, measures_visible_to(user)),
            (document.event_id, events_visible_to(user)),
            (document.meeting_id, meetings_visible_to(user)),
            (
                document.greco_assessment_id,
                GrecoAssessment.objects.all()
                if is_staff_member(user)
                else GrecoAssessment.objects.none(),
            ),
        ]
        for owner_id, visible in owners:
            if owner_id is not None and visible.filter(pk=owner_id).exists():
                return document
    raise NotFound("No such file.")


# --- the overview and the home page ---------------------------------------------------------


@dataclass(frozen=True)
class Overview:
    plans: int
    measures_open: int
    measures_overdue: int
    events_this_year: int
    participants_this_year: int
    commissions: int
    resolutions_open: int
    resolutions_overdue: int
    risks_by_band: dict[str, int]
    greco_rounds: int
    concept_measures: int


def prevention_overview(user: Any, *, today: dt.date) -> Overview:
    measures = measures_visible_to(user).aggregate(
        open=Count("pk", filter=Q(status__in=OPEN_WORK)),
        overdue=Count("pk", filter=Q(status__in=OPEN_WORK, due_on__lt=today)),
    )
    events = events_visible_to(user).filter(held_on__year=today.year)
    participants = Attendance.objects.filter(event__in=events.values("pk")).aggregate(
        n=Sum("count")
    )["n"]
    resolutions = resolutions_visible_to(user).aggregate(
        open=Count("pk", filter=Q(status__in=OPEN_WORK)),
        overdue=Count("pk", filter=Q(status__in=OPEN_WORK, due_on__lt=today)),
    )
    return Overview(
        plans=plans_visible_to(user).count(),
        measures_open=measures["open"],
        measures_overdue=measures["overdue"],
        events_this_year=events.count(),
        participants_this_year=participants or 0,
        commissions=commissions_visible_to(user).count(),
        resolutions_open=resolutions["open"],
        resolutions_overdue=resolutions["overdue"],
        risks_by_band=risk_heat_map(user, RiskFilters()).by_band,
        greco_rounds=greco_visible_to(user).count(),
        concept_measures=ConceptMeasure.objects.count() if is_staff_member(user) else 0,
    )


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


def prevention_home(user: Any, *, today: dt.date) -> HomePanel:
    """Overdue measures and resolutions (for chiefs and coordinators: their scope's), and the
    person's unread reminders whose item is still overdue."""
    staff = _staff(user)
    leads = staff is not None and staff.role in (Role.CHIEF, Role.COORDINATOR)
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
    reminders = (
        PreventionReminder.objects.filter(user=user, read_at__isnull=True)
        .filter(
            Q(
                Exists(still_overdue_measure),
                kind=PreventionReminder.Kind.MEASURE_OVERDUE,
            )
            | Q(
                Exists(still_overdue_resolution),
                kind=PreventionReminder.Kind.RESOLUTION_OVERDUE,
            )
        )
        .order_by("-created_at")[:HOME_ROWS]
    )
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
