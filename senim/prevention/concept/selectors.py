"""Reads over the concept: objectives with their measures and the plan measures that serve them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Prefetch, QuerySet

from senim.prevention.access import (
    concept_visible_to,
    is_staff_member,
    measures_visible_to,
    one_of,
)
from senim.prevention.models import ConceptMeasure, ConceptObjective

if TYPE_CHECKING:
    from senim.prevention.access import Viewer


@dataclass(frozen=True)
class ConceptFilters:
    status: str = ""
    unit: str = ""


def concept_list(user: Viewer, filters: ConceptFilters) -> list[ConceptObjective]:
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


def concept_measure_get(user: Viewer, measure_id: int) -> ConceptMeasure:
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
    return one_of(rows, measure_id, "No such measure.")


def concept_measure_choices() -> QuerySet[ConceptMeasure]:
    return ConceptMeasure.objects.select_related("objective").order_by("number")
