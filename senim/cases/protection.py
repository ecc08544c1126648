"""The protected-person register: reporters who helped expose corruption, and what happens to
them at work. Disciplining, dismissing or transferring them requires an anti-corruption
service representative; an event without one is recorded and flagged, never hidden."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from senim.cases.models import Case, HrEvent, ProtectedPerson
from senim.cases.selectors import access_case, cases_visible_to
from senim.core import clock
from senim.core.audit import audit
from senim.core.calendar import add_months
from senim.core.errors import DomainError
from senim.core.statutory import statutory_periods
from senim.organization import policy
from senim.organization.policy import Capability

if TYPE_CHECKING:
    from senim.accounts.models import Requester, User


def protected_visible_to(user: Requester | None) -> QuerySet[ProtectedPerson]:
    return ProtectedPerson.objects.filter(case__in=cases_visible_to(user)).select_related(
        "case", "case__appeal", "case__unit"
    )


@transaction.atomic
def protection_start(
    *, user: User, case_id: int, since: dt.date, note: str = ""
) -> ProtectedPerson:
    policy.require(
        user,
        Capability.PROTECTION_MANAGE,
        _("Only a chief or the central department registers protection."),
    )
    case = access_case(user, case_id)
    if case.appeal.is_anonymous:
        raise DomainError(_("An anonymous reporter cannot be entered in the register."))
    person, created = ProtectedPerson.objects.get_or_create(
        case=case, defaults={"since": since, "note": note.strip(), "created_by": user}
    )
    if not created:
        raise DomainError(_("This reporter is already protected."))
    if case.closed_at and not case.monitoring_until:
        Case.objects.filter(pk=case.pk).update(
            monitoring_until=add_months(since, statutory_periods().monitoring_months)
        )
    audit(action="protection.started", actor=user, object_type="case", object_id=case.appeal.number)
    return person


@transaction.atomic
def hr_event_record(
    *,
    user: User,
    person_id: int,
    kind: str,
    happened_on: dt.date,
    description: str,
    acs_representative_present: bool | None,
    representative_name: str = "",
) -> HrEvent:
    """Record an HR or disciplinary event; whether the ACS representative took part is required."""
    policy.require(
        user,
        Capability.PROTECTION_MANAGE,
        _("Only a chief or the central department records HR events."),
    )
    person = protected_visible_to(user).filter(pk=person_id).first()
    if person is None:
        raise DomainError(_("No such protected person."))
    if acs_representative_present is None:
        raise DomainError(_("Record whether an anti-corruption service representative took part."))
    if acs_representative_present and not representative_name.strip():
        raise DomainError(_("Name the representative who took part."))
    if not description.strip():
        raise DomainError(_("Describe the event."))
    event = HrEvent.objects.create(
        person=person,
        kind=kind,
        happened_on=happened_on,
        description=description.strip(),
        acs_representative_present=acs_representative_present,
        representative_name=representative_name.strip(),
        recorded_by=user,
        recorded_at=clock.now(),
    )
    audit(
        action="protection.hr_event",
        actor=user,
        object_type="case",
        object_id=person.case.appeal.number,
        detail={"kind": kind, "representative": acs_representative_present},
    )
    return event
