"""XLSX exports of the prevention lists: what the list shows, to whom it is shown; audited."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook  # type: ignore[import-untyped]

from senim.core.audit import audit
from senim.core.spreadsheet import as_text
from senim.prevention.commissions.selectors import (
    CommissionFilters,
    ResolutionFilters,
    commission_list,
    resolution_list,
)
from senim.prevention.concept.selectors import ConceptFilters, concept_list
from senim.prevention.events.selectors import EventFilters, event_list, participants_total
from senim.prevention.greco.selectors import GrecoFilters, greco_round_page
from senim.prevention.plans.selectors import MeasureFilters, PlanFilters, measure_list, plan_list
from senim.prevention.risks.selectors import RiskFilters, risk_list

if TYPE_CHECKING:
    from senim.accounts.models import User

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, dt.date | int | float):
        return value
    text = str(value)
    return as_text(text)


@transaction.atomic
def workbook(
    *, user: User, name: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]
) -> bytes:
    """One sheet: a header row, then the rows; the export is an audited event."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=name[:31])
    sheet.append([str(h) for h in headers])
    count = 0
    for row in rows:
        sheet.append([_cell(v) for v in row])
        count += 1
    out = io.BytesIO()
    book.save(out)
    audit(
        action="prevention.exported",
        actor=user,
        object_type="export",
        object_id=name,
        detail={"rows": count},
    )
    return out.getvalue()


def _person(user: User | None) -> str:
    return (user.get_full_name() or user.username) if user is not None else ""


def plans_xlsx(user: User, filters: PlanFilters, *, today: dt.date) -> bytes:
    rows = plan_list(user, filters, today=today)
    return workbook(
        user=user,
        name="plans",
        headers=[
            _("Unit"),
            _("Kind of plan"),
            _("Title"),
            _("Period from"),
            _("Period to"),
            _("Measures"),
            _("Done"),
            _("Overdue"),
            _("Completion, %"),
        ],
        rows=(
            [
                r.plan.unit.name,
                r.plan.get_kind_display(),
                r.plan.title,
                r.plan.period_start,
                r.plan.period_end,
                r.completion.counted,
                r.completion.done,
                r.completion.overdue,
                r.completion.percent,
            ]
            for r in rows
        ),
    )


def measures_xlsx(user: User, filters: MeasureFilters, *, today: dt.date) -> bytes:
    rows = measure_list(user, filters, today=today)
    return workbook(
        user=user,
        name="measures",
        headers=[
            _("Plan"),
            _("Number"),
            _("Measure"),
            _("Responsible unit"),
            _("Responsible person"),
            _("Due on"),
            _("Target"),
            _("Target value"),
            _("Progress"),
            _("Completion, %"),
            _("Status"),
            _("Overdue"),
        ],
        rows=(
            [
                r.measure.plan.title,
                r.measure.number,
                r.measure.title,
                r.measure.responsible_unit.name,
                _person(r.measure.responsible),
                r.measure.due_on,
                r.measure.target_label,
                r.measure.target,
                r.measure.progress,
                r.percent,
                r.measure.get_status_display(),
                r.overdue,
            ]
            for r in rows
        ),
    )


def events_xlsx(user: User, filters: EventFilters) -> bytes:
    events = event_list(user, filters)
    return workbook(
        user=user,
        name="events",
        headers=[
            _("Date"),
            _("Unit"),
            _("Kind of event"),
            _("Title"),
            _("Place"),
            _("Organisers"),
            _("Participants"),
            _("Plan measure"),
            _("Result"),
        ],
        rows=(
            [
                e.held_on,
                e.unit.name,
                e.get_kind_display(),
                e.title,
                e.place,
                e.organisers,
                participants_total(e),
                e.measure.title if e.measure else "",
                e.result,
            ]
            for e in events
        ),
    )


def commissions_xlsx(user: User, filters: CommissionFilters) -> bytes:
    commissions = commission_list(user, filters)
    return workbook(
        user=user,
        name="commissions",
        headers=[_("Unit"), _("Level"), _("Name"), _("Court"), _("Members"), _("Meetings")],
        rows=(
            [
                c.unit.name,
                c.get_level_display(),
                c.name,
                c.court.name if c.court else "",
                c.member_count,  # type: ignore[attr-defined]
                c.meeting_count,  # type: ignore[attr-defined]
            ]
            for c in commissions
        ),
    )


def resolutions_xlsx(user: User, filters: ResolutionFilters, *, today: dt.date) -> bytes:
    rows = resolution_list(user, filters, today=today)
    return workbook(
        user=user,
        name="resolutions",
        headers=[
            _("Commission"),
            _("Meeting date"),
            _("Number"),
            _("Resolution"),
            _("Owner"),
            _("Due on"),
            _("Follow-up status"),
            _("Follow-up"),
            _("Overdue"),
        ],
        rows=(
            [
                r.resolution.meeting.commission.name,
                r.resolution.meeting.held_on,
                r.resolution.number,
                r.resolution.text,
                _person(r.resolution.owner),
                r.resolution.due_on,
                r.resolution.get_status_display(),
                r.resolution.follow_up,
                r.overdue,
            ]
            for r in rows
        ),
    )


def risks_xlsx(user: User, filters: RiskFilters) -> bytes:
    rows = risk_list(user, filters)
    return workbook(
        user=user,
        name="risks",
        headers=[
            _("Unit"),
            _("Court"),
            _("Risk"),
            _("Process"),
            _("Map"),
            _("Likelihood"),
            _("Impact"),
            _("Score"),
            _("Band"),
            _("Owner"),
            _("Status"),
            _("Identified on"),
        ],
        rows=(
            [
                r.risk.unit.name,
                r.risk.court.name if r.risk.court else "",
                r.risk.title,
                r.risk.get_process_display(),
                r.risk.get_risk_map_display(),
                r.risk.likelihood,
                r.risk.impact,
                r.score,
                r.band.label,
                _person(r.risk.owner),
                r.risk.get_status_display(),
                r.risk.identified_on,
            ]
            for r in rows
        ),
    )


def concept_xlsx(user: User, filters: ConceptFilters) -> bytes:
    objectives = concept_list(user, filters)
    return workbook(
        user=user,
        name="concept",
        headers=[
            _("Objective"),
            _("Number"),
            _("Measure"),
            _("Units responsible"),
            _("Due on"),
            _("Status"),
            _("Linked plan measures"),
        ],
        rows=(
            [
                objective.title,
                m.number,
                m.text,
                ", ".join(u.name for u in m.units.all()),
                m.due_on,
                m.get_status_display(),
                len(m.visible_plan_measures),
            ]
            for objective in objectives
            for m in objective.shown_measures  # type: ignore[attr-defined]
        ),
    )


def greco_xlsx(user: User, round_id: int, filters: GrecoFilters) -> bytes:
    page = greco_round_page(user, round_id, filters)
    report_headers = [f"{r.get_kind_display()} ({r.adopted_on:%Y-%m-%d})" for r in page.reports]
    return workbook(
        user=user,
        name="greco",
        headers=[
            _("Number"),
            _("Recommendation"),
            _("Unit responsible"),
            _("Owner"),
            _("Next situation report due"),
            *report_headers,
        ],
        rows=(
            [
                row.recommendation.label,
                row.recommendation.text,
                row.recommendation.owner_unit.name if row.recommendation.owner_unit else "",
                _person(row.recommendation.owner),
                row.recommendation.next_report_due,
                *[s.get_status_display() if s else "" for s in row.statuses],
            ]
            for row in page.rows
        ),
    )
