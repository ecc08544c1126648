"""Prevention indicators: plan completion, officials trained, reception, risks, GRECO.

These read the prevention and reception registers directly: they hold hundreds of rows a year,
not one per case, so their cost does not grow with the number of cases.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, F, Q, Sum

from senim.analytics.periods import Period
from senim.intake.models import BookingStatus, ReceptionBooking
from senim.organization.models import Unit
from senim.prevention.models import (
    Attendance,
    CorruptionRisk,
    EventKind,
    GrecoAssessment,
    GrecoRecommendation,
    Measure,
    ParticipantCategory,
    RiskAction,
    RiskStatus,
    WorkStatus,
)
from senim.prevention.rules import Band, risk_band

TRAINING_KINDS = (EventKind.TRAINING, EventKind.BRIEFING)
OFFICIALS = (
    ParticipantCategory.JUDGES,
    ParticipantCategory.COURT_STAFF,
    ParticipantCategory.OFFICIALS,
)


@dataclass
class PreventionFigures:
    measures_due: int = 0
    measures_done: int = 0
    officials_trained: int = 0
    reception_days: int = 0
    citizens_received: int = 0
    risks_by_band: dict[str, int] = field(default_factory=dict)
    actions_due: int = 0
    actions_on_time: int = 0
    greco_by_status: dict[str, int] = field(default_factory=dict)
    greco_total: int = 0

    @property
    def plan_completion(self) -> float | None:
        return self.measures_done / self.measures_due if self.measures_due else None

    @property
    def actions_on_time_share(self) -> float | None:
        return self.actions_on_time / self.actions_due if self.actions_due else None


def _units(region_id: int | None, unit_id: int | None) -> Q:
    """Units in scope: one unit, the unit of a region's regional court, or all."""
    if unit_id is not None:
        return Q(pk=unit_id)
    if region_id is not None:
        return Q(court__region_id=region_id)
    return Q()


def prevention_figures(
    period: Period, *, region_id: int | None = None, unit_id: int | None = None
) -> PreventionFigures:
    units = list(Unit.objects.filter(_units(region_id, unit_id)).values_list("pk", flat=True))
    result = PreventionFigures()
    measures = Measure.objects.filter(
        plan__unit_id__in=units, due_on__gte=period.start, due_on__lt=period.end
    ).exclude(status=WorkStatus.CANCELLED)
    counted = measures.aggregate(
        due=Count("pk"),
        done=Count("pk", filter=Q(status=WorkStatus.DONE, completed_on__lte=period.last_day)),
    )
    result.measures_due, result.measures_done = counted["due"], counted["done"]
    result.officials_trained = (
        Attendance.objects.filter(
            event__unit_id__in=units,
            event__kind__in=TRAINING_KINDS,
            event__held_on__gte=period.start,
            event__held_on__lt=period.end,
            category__in=OFFICIALS,
        ).aggregate(total=Sum("count"))["total"]
        or 0
    )
    attended = ReceptionBooking.objects.filter(
        unit_id__in=units,
        status=BookingStatus.ATTENDED,
        day__gte=period.start,
        day__lt=period.end,
    )
    reception = attended.aggregate(days=Count("day", distinct=True), people=Count("pk"))
    result.reception_days, result.citizens_received = reception["days"], reception["people"]
    bands = {band.value: 0 for band in Band}
    risks = CorruptionRisk.objects.filter(unit_id__in=units, status=RiskStatus.ACTIVE)
    for likelihood, impact in risks.values_list("likelihood", "impact"):
        bands[risk_band(likelihood, impact)] += 1
    result.risks_by_band = bands
    actions = RiskAction.objects.filter(
        risk__unit_id__in=units, due_on__gte=period.start, due_on__lt=period.end
    ).exclude(status=WorkStatus.CANCELLED)
    done = actions.aggregate(
        due=Count("pk"), on_time=Count("pk", filter=Q(completed_on__lte=F("due_on")))
    )
    result.actions_due, result.actions_on_time = done["due"], done["on_time"]
    result.greco_by_status, result.greco_total = _greco(period.last_day, units, unit_id, region_id)
    return result


def _greco(
    day: dt.date, units: list[int], unit_id: int | None, region_id: int | None
) -> tuple[dict[str, int], int]:
    """Each recommendation's latest rating adopted by `day`; "not rated yet" when none."""
    recommendations = GrecoRecommendation.objects.all()
    if unit_id is not None or region_id is not None:
        recommendations = recommendations.filter(owner_unit_id__in=units)
    ids = list(recommendations.values_list("pk", flat=True))
    latest: dict[int, str] = {}
    rated = (
        GrecoAssessment.objects.filter(recommendation_id__in=ids, report__adopted_on__lte=day)
        .order_by("recommendation_id", "report__adopted_on")
        .values_list("recommendation_id", "status")
    )
    for recommendation_id, status in rated:
        latest[recommendation_id] = status
    counts: dict[str, int] = {}
    for recommendation_id in ids:
        status = latest.get(recommendation_id, "")
        counts[status] = counts.get(status, 0) + 1
    return counts, len(ids)
