"""The corruption-risk register: enter a risk, review it, add and follow mitigation actions,
link the cases that revealed it.

Each is one transaction with its validation and its audit entry; the unit's chief or a central
coordinator changes a unit's register (see `access`).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from senim.cases.selectors import cases_visible_to
from senim.core import clock
from senim.core.audit import audit
from senim.core.errors import DomainError, NotFound
from senim.organization.models import Court, Unit
from senim.organization.selectors import unit_for_court
from senim.prevention.access import require_edit_unit, risks_visible_to
from senim.prevention.checks import choice, locked, required_text, staff_member
from senim.prevention.lifecycle import RISK_ACTIONS, RISKS, check
from senim.prevention.models import (
    CorruptionRisk,
    RiskAction,
    RiskMap,
    RiskProcess,
    RiskReview,
    WorkStatus,
)

if TYPE_CHECKING:
    from senim.accounts.models import User


def _scores(likelihood: int, impact: int) -> None:
    if not (1 <= likelihood <= 5 and 1 <= impact <= 5):
        raise DomainError(_("Likelihood and impact are rated from 1 to 5."))


@transaction.atomic
def risk_create(
    *,
    user: User,
    unit: Unit,
    title: str,
    process: str,
    risk_map: str,
    likelihood: int,
    impact: int,
    identified_on: dt.date,
    description: str = "",
    court: Court | None = None,
    owner: User | None = None,
) -> CorruptionRisk:
    """A risk in a unit's register, with its first assessment in the review history."""
    require_edit_unit(user, unit.pk)
    title = required_text(title, _("Name the risk."))
    choice(process, RiskProcess, _("Choose the process."))
    choice(risk_map, RiskMap, _("Choose the map: legislative or organisational."))
    _scores(likelihood, impact)
    if court is not None and not unit.is_central and unit_for_court(court).pk != unit.pk:
        raise DomainError(_("The court is not in this unit's territory."))
    if owner is not None:
        staff_member(owner, None, _("The owner must be a member of staff."))
    if identified_on > clock.today():
        raise DomainError(_("The date cannot be in the future."))
    risk = CorruptionRisk.objects.create(
        unit=unit,
        court=court,
        title=title,
        description=(description or "").strip(),
        process=process,
        risk_map=risk_map,
        likelihood=likelihood,
        impact=impact,
        owner=owner,
        identified_on=identified_on,
        created_by=user,
        created_at=clock.now(),
    )
    RiskReview.objects.create(
        risk=risk,
        reviewed_on=identified_on,
        likelihood=likelihood,
        impact=impact,
        note=_("Identified."),
        reviewed_by=user,
        recorded_at=clock.now(),
    )
    audit(
        action="prevention.risk_created",
        actor=user,
        object_type="risk",
        object_id=risk.pk,
        detail={"unit": unit.code, "likelihood": likelihood, "impact": impact},
    )
    return risk


@transaction.atomic
def risk_review(
    *,
    user: User,
    risk_id: int,
    likelihood: int,
    impact: int,
    note: str,
    status: str = CorruptionRisk.Status.ACTIVE,
) -> CorruptionRisk:
    """A new assessment of a risk (added to its history), and whether it stays active."""
    risk = locked(risks_visible_to(user), risk_id, _("No such risk."))
    require_edit_unit(user, risk.unit_id)
    _scores(likelihood, impact)
    check(RISKS, user, source=risk.status, target=status)
    note = required_text(note, _("Say what the review found."))
    previous = (risk.likelihood, risk.impact, risk.status)
    RiskReview.objects.create(
        risk=risk,
        reviewed_on=clock.today(),
        likelihood=likelihood,
        impact=impact,
        note=note,
        reviewed_by=user,
        recorded_at=clock.now(),
    )
    risk.likelihood, risk.impact, risk.status = likelihood, impact, status
    risk.save(update_fields=["likelihood", "impact", "status"])
    audit(
        action="prevention.risk_reviewed",
        actor=user,
        object_type="risk",
        object_id=risk.pk,
        detail={"from": list(previous), "to": [likelihood, impact, status]},
    )
    return risk


@transaction.atomic
def risk_action_add(
    *, user: User, risk_id: int, description: str, due_on: dt.date, responsible: User | None = None
) -> RiskAction:
    risk = locked(risks_visible_to(user), risk_id, _("No such risk."))
    require_edit_unit(user, risk.unit_id)
    description = required_text(description, _("Describe the mitigation action."))
    if responsible is not None:
        staff_member(responsible, None, _("The responsible person must be a member of staff."))
    if due_on < clock.today():
        raise DomainError(_("The due date cannot be in the past."))
    action = RiskAction.objects.create(
        risk=risk, description=description, due_on=due_on, responsible=responsible
    )
    audit(
        action="prevention.risk_action_added",
        actor=user,
        object_type="risk",
        object_id=risk.pk,
        detail={"action": action.pk, "due_on": str(due_on)},
    )
    return action


@transaction.atomic
def risk_action_status(*, user: User, action_id: int, status: str) -> RiskAction:
    """Move a mitigation action along its lifecycle (`lifecycle.RISK_ACTIONS`); keeping its
    status changes nothing."""
    action = (
        RiskAction.objects.select_for_update(of=("self",))
        .filter(pk=action_id, risk__in=risks_visible_to(user))
        .select_related("risk")
        .first()
    )
    if action is None:
        raise NotFound(_("No such action."))
    require_edit_unit(user, action.risk.unit_id)
    if check(RISK_ACTIONS, user, source=action.status, target=status) is None:
        return action
    previous = action.status
    action.status = status
    action.completed_on = clock.today() if status == WorkStatus.DONE else None
    action.save(update_fields=["status", "completed_on"])
    audit(
        action="prevention.risk_action_status",
        actor=user,
        object_type="risk",
        object_id=action.risk_id,
        detail={"action": action.pk, "from": previous, "to": status},
    )
    return action


@transaction.atomic
def risk_case_link(*, user: User, risk_id: int, case_number: str) -> CorruptionRisk:
    """Link a risk to a case that revealed it; the user must be able to see the case."""
    risk = locked(risks_visible_to(user), risk_id, _("No such risk."))
    require_edit_unit(user, risk.unit_id)
    case = cases_visible_to(user).filter(appeal__number=(case_number or "").strip()).first()
    if case is None:
        raise DomainError(_("No case with this registration number is open to you."))
    if risk.cases.filter(pk=case.pk).exists():
        raise DomainError(_("The risk is already linked to this case."))
    risk.cases.add(case)
    audit(
        action="prevention.risk_case_linked",
        actor=user,
        object_type="risk",
        object_id=risk.pk,
        detail={"case": case.appeal.number},
    )
    return risk
