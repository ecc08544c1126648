"""Reads over the registry and the department's structure."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Expression, Q, QuerySet, Subquery

from senim.organization.models import Court, CourtName, HeadCount, Region, Unit


def courts_active_on(day: dt.date) -> QuerySet[Court]:
    return Court.objects.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=day),
        Q(valid_to__isnull=True) | Q(valid_to__gte=day),
    )


def court_name_on(court: Court, day: dt.date) -> CourtName:
    """The name in force on `day`; before the first recorded name, the first name."""
    names = court.names.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day))
    found = names.order_by("-valid_from").first()
    return found or court.names.order_by("valid_from").first() or CourtName(court=court)


def court_name_at(court_ref: Any, day_ref: Expression | Any, language: str) -> Subquery:
    """A subquery for annotating rows with the court name in force on a date column."""
    return Subquery(
        CourtName.objects.filter(court=court_ref)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day_ref))
        .order_by("-valid_from")
        .values(f"name_{language}")[:1]
    )


def court_list(*, include_closed: bool = True) -> QuerySet[Court]:
    courts = Court.objects.select_related("region", "parent", "merged_into")
    if not include_closed:
        courts = courts.filter(valid_to__isnull=True)
    return courts.order_by("level", "region__code", "code")


def court_get(code: str) -> Court:
    return Court.objects.select_related("region", "parent", "merged_into").get(code=code)


def head_count_on(court: Court, day: dt.date) -> HeadCount | None:
    return court.head_counts.filter(period_start__lte=day).order_by("-period_start").first()


def unit_for_court(court: Court) -> Unit:
    """The unit covering a court: the nearest court up the hierarchy that houses a unit.

    District courts belong to their regional court's territorial unit; the Supreme Court and
    the cassation courts to the central department.
    """
    units = {unit.court_id: unit for unit in Unit.objects.all()}
    node: Court | None = court
    while node is not None:
        if node.pk in units:
            return units[node.pk]
        node = node.parent
    return Unit.objects.get(kind=Unit.Kind.CENTRAL)


def units_with_courts() -> QuerySet[Unit]:
    return Unit.objects.select_related("court", "court__region").order_by("kind", "code")


def region_list() -> QuerySet[Region]:
    return Region.objects.all()
