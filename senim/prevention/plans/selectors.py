"""Reads over plans and measures: lists with their completion, a plan's page, a measure's."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Prefetch, Q

from senim.prevention.access import (
    may_edit_measure,
    may_edit_unit,
    measures_visible_to,
    one_of,
    plans_visible_to,
)
from senim.prevention.lifecycle import MEASURES, choices
from senim.prevention.models import OPEN_WORK, Document, Event, Measure, Plan, ProgressEntry
from senim.prevention.rules import (
    Completion,
    is_overdue,
    measure_ratio,
    percent_of,
    plan_completion,
)

if TYPE_CHECKING:
    from senim.prevention.access import Viewer


@dataclass(frozen=True)
class PlanFilters:
    unit: str = ""
    year: int | None = None
    kind: str = ""


@dataclass(frozen=True)
class PlanRow:
    plan: Plan
    completion: Completion


def plan_list(user: Viewer, filters: PlanFilters, *, today: dt.date) -> list[PlanRow]:
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


def measure_row(measure: Measure, today: dt.date) -> MeasureRow:
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


def plan_page(user: Viewer, plan_id: int, *, today: dt.date) -> PlanPage:
    plan = one_of(plans_visible_to(user), plan_id, "No such plan.")
    measures = list(
        measures_visible_to(user)
        .filter(plan=plan)
        .select_related("responsible", "concept_measure")
        .order_by("number")
    )
    return PlanPage(
        plan=plan,
        rows=[measure_row(m, today) for m in measures],
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


def measure_list(user: Viewer, filters: MeasureFilters, *, today: dt.date) -> list[MeasureRow]:
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
    return [measure_row(m, today) for m in measures.order_by("due_on", "plan_id", "number")]


@dataclass(frozen=True)
class MeasurePage:
    row: MeasureRow
    entries: list[ProgressEntry]
    events: list[Event]
    documents: list[Document]
    can_edit: bool
    # The statuses the user may move the measure to now (value, label): the status select.
    moves: list[tuple[str, str]]


def measure_page(user: Viewer, measure_id: int, *, today: dt.date) -> MeasurePage:
    measure = one_of(
        measures_visible_to(user).select_related("responsible", "concept_measure"),
        measure_id,
        "No such measure.",
    )
    can_edit = may_edit_measure(user, measure)
    return MeasurePage(
        row=measure_row(measure, today),
        entries=list(measure.entries.select_related("event", "recorded_by")),
        events=list(measure.events.select_related("unit")),
        documents=list(measure.documents.all()),
        can_edit=can_edit,
        moves=choices(MEASURES, user, measure.status) if can_edit else [],
    )
