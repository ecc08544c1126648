"""Commissions: register one, add members, record meetings, their resolutions and follow-up.

Each is one transaction with its validation and its audit entry; the unit's chief or a
central coordinator changes a commission's work (see `access`).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from senim.core import clock
from senim.core.audit import audit
from senim.core.errors import DomainError
from senim.organization.models import Court, Unit
from senim.organization.selectors import unit_for_court
from senim.prevention import files as prevention_files
from senim.prevention.access import (
    commissions_visible_to,
    meetings_visible_to,
    require_edit_unit,
    resolutions_visible_to,
)
from senim.prevention.checks import choice, locked, required_text, staff_member
from senim.prevention.documents.services import documents_attach
from senim.prevention.files import RawFiles
from senim.prevention.lifecycle import RESOLUTIONS, check
from senim.prevention.models import (
    Commission,
    CommissionMember,
    Meeting,
    Resolution,
    WorkStatus,
)

if TYPE_CHECKING:
    from senim.accounts.models import User


@transaction.atomic
def commission_create(
    *,
    user: User,
    unit: Unit,
    level: str,
    name: str,
    court: Court | None = None,
    established_on: dt.date | None = None,
) -> Commission:
    """A public-council commission of a unit; a district commission names its court."""
    require_edit_unit(user, unit.pk)
    choice(level, Commission.Level, _("Choose the level of the commission."))
    name = required_text(name, _("Give the commission's name."))
    if level == Commission.Level.DISTRICT and court is None:
        raise DomainError(_("Name the court of a district commission."))
    if court is not None and not unit.is_central and unit_for_court(court).pk != unit.pk:
        raise DomainError(_("The court is not in this unit's territory."))
    if Commission.objects.filter(unit=unit, name=name).exists():
        raise DomainError(_("The unit already has a commission with this name."))
    commission = Commission.objects.create(
        unit=unit,
        level=level,
        name=name,
        court=court,
        established_on=established_on,
        created_by=user,
        created_at=clock.now(),
    )
    audit(
        action="prevention.commission_created",
        actor=user,
        object_type="commission",
        object_id=commission.pk,
        detail={"unit": unit.code, "level": level},
    )
    return commission


@transaction.atomic
def commission_member_add(
    *,
    user: User,
    commission_id: int,
    full_name: str,
    role: str,
    affiliation: str = "",
    since: dt.date | None = None,
) -> CommissionMember:
    """A member of a commission in one of its roles; a commission has one chair."""
    commission = locked(commissions_visible_to(user), commission_id, _("No such commission."))
    require_edit_unit(user, commission.unit_id)
    full_name = required_text(full_name, _("Give the member's full name."))
    choice(role, CommissionMember.Role, _("Choose the member's role."))
    if role == CommissionMember.Role.CHAIR and commission.members.filter(role=role).exists():
        raise DomainError(_("The commission already has a chair."))
    member = CommissionMember.objects.create(
        commission=commission,
        full_name=full_name,
        role=role,
        affiliation=(affiliation or "").strip(),
        since=since,
    )
    audit(
        action="prevention.commission_member_added",
        actor=user,
        object_type="commission",
        object_id=commission.pk,
        detail={"role": role},
    )
    return member


@transaction.atomic
def meeting_record(
    *,
    user: User,
    commission_id: int,
    held_on: dt.date,
    agenda: str,
    place: str = "",
    minutes: str = "",
    files: RawFiles | None = None,
) -> Meeting:
    """A meeting of a commission, numbered in turn, with its agenda, minutes and documents."""
    commission = locked(commissions_visible_to(user), commission_id, _("No such commission."))
    require_edit_unit(user, commission.unit_id)
    agenda = required_text(agenda, _("Write the agenda."))
    cleaned = prevention_files.clean(files or [])
    number = (commission.meetings.aggregate(n=Max("number"))["n"] or 0) + 1
    with prevention_files.stored(cleaned) as stored:
        meeting = Meeting.objects.create(
            commission=commission,
            number=number,
            held_on=held_on,
            place=(place or "").strip(),
            agenda=agenda,
            minutes=(minutes or "").strip(),
            recorded_by=user,
            recorded_at=clock.now(),
        )
        documents_attach(stored, user=user, meeting=meeting)
    audit(
        action="prevention.meeting_recorded",
        actor=user,
        object_type="meeting",
        object_id=meeting.pk,
        detail={"commission": commission.pk, "number": number},
    )
    return meeting


@transaction.atomic
def resolution_add(
    *, user: User, meeting_id: int, text: str, owner: User | None, due_on: dt.date
) -> Resolution:
    """A resolution of a meeting; it has an owner on the staff and a due date after the
    meeting."""
    meeting = locked(meetings_visible_to(user), meeting_id, _("No such meeting."))
    require_edit_unit(user, meeting.commission.unit_id)
    text = required_text(text, _("Write the resolution."))
    if owner is None:
        raise DomainError(_("Name the owner of the resolution."))
    staff_member(owner, None, _("The owner must be a member of staff."))
    if due_on < meeting.held_on:
        raise DomainError(_("The due date cannot be before the meeting."))
    number = f"{meeting.number}.{meeting.resolutions.count() + 1}"
    resolution = Resolution.objects.create(
        meeting=meeting, number=number, text=text, owner=owner, due_on=due_on
    )
    audit(
        action="prevention.resolution_added",
        actor=user,
        object_type="resolution",
        object_id=resolution.pk,
        detail={"meeting": meeting.pk, "due_on": str(due_on)},
    )
    return resolution


@transaction.atomic
def resolution_follow_up(
    *, user: User, resolution_id: int, status: str, follow_up: str
) -> Resolution:
    """Record how a resolution is being followed up, and move it along its lifecycle
    (`lifecycle.RESOLUTIONS`): done or cancelled needs an account of it, reopening done work
    (the central department) a reason. Keeping the status records the follow-up alone."""
    resolution = locked(resolutions_visible_to(user), resolution_id, _("No such resolution."))
    require_edit_unit(user, resolution.meeting.commission.unit_id)
    follow_up = (follow_up or "").strip()
    moved = check(RESOLUTIONS, user, source=resolution.status, target=status, reason=follow_up)
    previous = resolution.status
    if follow_up:
        resolution.follow_up = follow_up
    if moved is not None:
        resolution.status = status
        resolution.completed_on = clock.today() if status == WorkStatus.DONE else None
    resolution.save(update_fields=["status", "follow_up", "completed_on"])
    audit(
        action="prevention.resolution_followed_up",
        actor=user,
        object_type="resolution",
        object_id=resolution.pk,
        detail={"from": previous, "to": status},
    )
    return resolution
