"""Reads over the GRECO tracker: rounds, a round's table of ratings, a recommendation's history."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, Prefetch, QuerySet

from senim.prevention.access import greco_visible_to, is_staff_member, may_edit_central, one_of
from senim.prevention.models import (
    GrecoAssessment,
    GrecoRecommendation,
    GrecoReport,
    GrecoRound,
    GrecoStatus,
)

if TYPE_CHECKING:
    from senim.prevention.access import Viewer


def greco_round_list(user: Viewer) -> QuerySet[GrecoRound]:
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


def greco_round_page(user: Viewer, round_id: int, filters: GrecoFilters) -> GrecoRoundPage:
    found = one_of(greco_visible_to(user), round_id, "No such round.")
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


def greco_recommendation_page(user: Viewer, recommendation_id: int) -> GrecoRecommendationPage:
    rows = GrecoRecommendation.objects.select_related("round", "owner_unit", "owner")
    if not is_staff_member(user):
        rows = rows.none()
    rec = one_of(rows, recommendation_id, "No such recommendation.")
    assessments = {
        a.report_id: a
        for a in rec.assessments.select_related("recorded_by").prefetch_related("documents")
    }
    history = [(r, assessments.get(r.pk)) for r in rec.round.reports.order_by("adopted_on")]
    return GrecoRecommendationPage(rec, history, may_edit_central(user))
