"""Plans and measures: create a plan, add its measures, report progress, change a status.

Each is one transaction with its validation and its audit entry. A territorial chief changes
their own unit's plans, a central coordinator every unit's (see `access`).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from senim.core import clock
from senim.core.audit import audit
from senim.core.errors import DomainError, PermissionDenied
from senim.organization.models import Unit
from senim.prevention import files as prevention_files
from senim.prevention.access import (
    may_edit_measure,
    may_edit_unit,
    measures_visible_to,
    plans_visible_to,
    require_edit_unit,
)
from senim.prevention.checks import choice, locked, required_text, staff_member
from senim.prevention.documents.services import documents_attach
from senim.prevention.files import RawFiles
from senim.prevention.lifecycle import MEASURES, check
from senim.prevention.models import ConceptMeasure, Measure, Plan, ProgressEntry, WorkStatus
from senim.prevention.rules import status_after_progress

if TYPE_CHECKING:
    from senim.accounts.models import User


@transaction.atomic
def plan_create(
    *,
    user: User,
    unit: Unit,
    kind: str,
    title: str,
    period_start: dt.date,
    period_end: dt.date,
) -> Plan:
    """A unit's plan for a period; one plan of each kind per unit and period start."""
    require_edit_unit(user, unit.pk)
    choice(kind, Plan.Kind, _("Choose the kind of plan."))
    title = required_text(title, _("Give the plan a title."))
    if period_end < period_start:
        raise DomainError(_("The period cannot end before it starts."))
    if Plan.objects.filter(unit=unit, kind=kind, period_start=period_start).exists():
        raise DomainError(_("This unit already has a plan of this kind for that period."))
    plan = Plan.objects.create(
        unit=unit,
        kind=kind,
        title=title,
        period_start=period_start,
        period_end=period_end,
        created_by=user,
        created_at=clock.now(),
    )
    audit(
        action="prevention.plan_created",
        actor=user,
        object_type="plan",
        object_id=plan.pk,
        detail={"unit": unit.code, "kind": kind},
    )
    return plan


@transaction.atomic
def measure_add(
    *,
    user: User,
    plan_id: int,
    title: str,
    responsible_unit: Unit,
    due_on: dt.date,
    target_label: str,
    target: int,
    counts: str,
    number: str = "",
    responsible: User | None = None,
    concept_measure: ConceptMeasure | None = None,
) -> Measure:
    """A measure of a plan. A chief gives measures to their own unit; a coordinator to any.
    The responsible person works in the responsible unit; the due date is in the plan's period."""
    plan = locked(plans_visible_to(user), plan_id, _("No such plan."))
    require_edit_unit(user, plan.unit_id)
    if not may_edit_unit(user, responsible_unit.pk):
        raise PermissionDenied(_("You may give measures only to your own unit."))
    if responsible is not None:
        staff_member(
            responsible,
            responsible_unit.pk,
            _("The responsible person must work in the responsible unit."),
        )
    title = required_text(title, _("Describe the measure."))
    target_label = required_text(
        target_label, _("Say what the target counts, e.g. officials trained.")
    )
    choice(counts, Measure.Counts, _("Choose what counts as progress."))
    if target < 1:
        raise DomainError(_("The target must be at least 1."))
    if not plan.period_start <= due_on <= plan.period_end:
        raise DomainError(_("The due date must fall within the plan's period."))
    number = (number or "").strip() or str(plan.measures.count() + 1)
    if plan.measures.filter(number=number).exists():
        raise DomainError(_("The plan already has a measure with this number."))
    measure = Measure.objects.create(
        plan=plan,
        number=number,
        title=title,
        responsible_unit=responsible_unit,
        responsible=responsible,
        due_on=due_on,
        target_label=target_label,
        target=target,
        counts=counts,
        concept_measure=concept_measure,
    )
    audit(
        action="prevention.measure_added",
        actor=user,
        object_type="measure",
        object_id=measure.pk,
        detail={"plan": plan.pk, "unit": responsible_unit.code, "target": target},
    )
    return measure


def measure_progress_add(measure: Measure, amount: int, *, user: User) -> None:
    """Add to a measure's progress and move its status on (see `rules`: moves the lifecycle's
    table allows); the caller holds the transaction and the measure's lock."""
    measure.progress += amount
    status = status_after_progress(measure.status, measure.progress, measure.target)
    if status != measure.status:
        check(MEASURES, user, source=measure.status, target=status)
        if status == WorkStatus.DONE:
            measure.completed_on = clock.today()
    measure.status = status
    measure.save(update_fields=["progress", "status", "completed_on"])


@transaction.atomic
def measure_report(
    *, user: User, measure_id: int, amount: int, note: str = "", files: RawFiles | None = None
) -> Measure:
    """Progress reported by hand, with evidence files; it moves the status on (`rules`)."""
    measure = locked(measures_visible_to(user), measure_id, _("No such measure."))
    if not may_edit_measure(user, measure):
        raise PermissionDenied(_("Only the responsible unit's chief or a coordinator reports."))
    if measure.status == WorkStatus.CANCELLED:
        raise DomainError(_("The measure has been cancelled."))
    if amount < 0:
        raise DomainError(_("Progress cannot be negative."))
    cleaned = prevention_files.clean(files or [])
    note = (note or "").strip()
    if amount == 0 and not cleaned and not note:
        raise DomainError(_("Report some progress, a note or an evidence file."))
    with prevention_files.stored(cleaned) as stored:
        ProgressEntry.objects.create(
            measure=measure, amount=amount, note=note, recorded_by=user, recorded_at=clock.now()
        )
        documents_attach(stored, user=user, measure=measure)
        if amount:
            measure_progress_add(measure, amount, user=user)
    audit(
        action="prevention.measure_reported",
        actor=user,
        object_type="measure",
        object_id=measure.pk,
        detail={"amount": amount, "files": len(cleaned), "progress": measure.progress},
    )
    return measure


@transaction.atomic
def measure_status_set(*, user: User, measure_id: int, status: str, note: str = "") -> Measure:
    """Move a measure along its lifecycle (`lifecycle.MEASURES`): start it, mark it done,
    cancel it (with a reason), or, for the central department, reopen done work (with a
    reason). The note is kept in the progress history."""
    measure = locked(measures_visible_to(user), measure_id, _("No such measure."))
    if not may_edit_measure(user, measure):
        raise PermissionDenied(_("Only the responsible unit's chief or a coordinator reports."))
    note = (note or "").strip()
    check(MEASURES, user, source=measure.status, target=status, reason=note)
    previous = measure.status
    measure.status = status
    measure.completed_on = clock.today() if status == WorkStatus.DONE else None
    measure.save(update_fields=["status", "completed_on"])
    if note:
        ProgressEntry.objects.create(
            measure=measure, amount=0, note=note, recorded_by=user, recorded_at=clock.now()
        )
    audit(
        action="prevention.measure_status",
        actor=user,
        object_type="measure",
        object_id=measure.pk,
        detail={"from": previous, "to": status},
    )
    return measure
