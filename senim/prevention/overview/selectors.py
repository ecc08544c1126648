"""The prevention overview: counts across plans, events, commissions, risks, the concept and
GRECO, within what the user may see."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, Q, Sum

from senim.prevention.access import (
    commissions_visible_to,
    events_visible_to,
    greco_visible_to,
    is_staff_member,
    measures_visible_to,
    plans_visible_to,
    resolutions_visible_to,
)
from senim.prevention.models import OPEN_WORK, Attendance, ConceptMeasure
from senim.prevention.risks.selectors import RiskFilters, risk_heat_map

if TYPE_CHECKING:
    from senim.prevention.access import Viewer


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


def prevention_overview(user: Viewer, *, today: dt.date) -> Overview:
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
