"""Reads over the corruption-risk register: the list, the heat map, a risk's page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Count, F, QuerySet

from senim.cases.models import Case
from senim.cases.selectors import cases_visible_to
from senim.prevention.access import may_edit_unit, one_of, risks_visible_to
from senim.prevention.lifecycle import RISK_ACTIONS, RISKS, choices
from senim.prevention.models import CorruptionRisk, RiskAction, RiskReview
from senim.prevention.rules import BAND_CEILINGS, Band, band_score_range, is_overdue, risk_band

if TYPE_CHECKING:
    from senim.prevention.access import Viewer


@dataclass(frozen=True)
class RiskFilters:
    unit: str = ""
    process: str = ""
    risk_map: str = ""
    band: str = ""
    status: str = ""


def _filtered_risks(user: Viewer, filters: RiskFilters) -> QuerySet[CorruptionRisk]:
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


def risk_list(user: Viewer, filters: RiskFilters) -> list[RiskRow]:
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


def risk_heat_map(user: Viewer, filters: RiskFilters) -> HeatMap:
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
class ActionRow:
    action: RiskAction
    overdue: bool
    moves: list[tuple[str, str]]  # the statuses the user may move it to now


@dataclass(frozen=True)
class RiskPage:
    row: RiskRow
    reviews: list[RiskReview]
    actions: list[ActionRow]
    cases: list[Case]
    can_edit: bool
    moves: list[tuple[str, str]]  # the risk's own: active <-> closed


def risk_page(user: Viewer, risk_id: int, *, today: dt.date) -> RiskPage:
    risk = one_of(risks_visible_to(user), risk_id, "No such risk.")
    reviews = list(risk.reviews.select_related("reviewed_by"))
    can_edit = may_edit_unit(user, risk.unit_id)
    actions = [
        ActionRow(
            a,
            is_overdue(a.status, a.due_on, today),
            choices(RISK_ACTIONS, user, a.status) if can_edit else [],
        )
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
        can_edit=can_edit,
        moves=choices(RISKS, user, risk.status) if can_edit else [],
    )
