"""Who sees and who changes prevention work: the querysets of what a user may see, once per kind
of record, and the checks of what they may change. Built from the capabilities of
`senim.organization.policy`, the one table of who may do what; nothing here names a role.

- Seeing: `PREVENTION_VIEW_ALL` sees every unit's work (the central department);
  `PREVENTION_VIEW_UNIT` their own unit's, and, of another unit's plan, the measures given to
  their unit. The concept and the GRECO tracker are the country's: every member of staff who
  may act (`policy.actor_of`) reads them.
- Changing: `PREVENTION_EDIT_ALL` changes every unit's work, `PREVENTION_EDIT_UNIT` their own
  unit's; `PREVENTION_EDIT_CENTRAL` keeps the concept and GRECO. What a lifecycle's move
  needs besides is in `lifecycle`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from django.db.models import Exists, Model, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from senim.core.errors import NotFound, PermissionDenied
from senim.organization.models import Unit
from senim.organization.policy import Capability, actor_of, may, may_any, units_for
from senim.prevention.models import (
    Commission,
    ConceptObjective,
    CorruptionRisk,
    Event,
    GrecoAssessment,
    GrecoRound,
    Measure,
    Meeting,
    Plan,
    Resolution,
)

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.contrib.auth.models import AnonymousUser

    # Whoever asks: selectors answer anyone, and show nothing to those who may see nothing.
    Viewer = AbstractBaseUser | AnonymousUser

M = TypeVar("M", bound=Model)

VIEW_ALL = Capability.PREVENTION_VIEW_ALL
VIEW_UNIT = Capability.PREVENTION_VIEW_UNIT
EDIT_ALL = Capability.PREVENTION_EDIT_ALL
EDIT_UNIT = Capability.PREVENTION_EDIT_UNIT
EDIT_CENTRAL = Capability.PREVENTION_EDIT_CENTRAL


@dataclass(frozen=True)
class Scope:
    """What a user sees: everything, one unit's work, or nothing."""

    everything: bool = False
    unit_id: int | None = None

    @property
    def nothing(self) -> bool:
        return not self.everything and self.unit_id is None


def scope_of(user: Viewer) -> Scope:
    actor = actor_of(user)
    if actor is None:
        return Scope()
    if actor.may(VIEW_ALL):
        return Scope(everything=True)
    if actor.may(VIEW_UNIT):
        return Scope(unit_id=actor.unit_id)
    return Scope()


def is_staff_member(user: Viewer) -> bool:
    """Who reads the country's concept and GRECO tracker (every member of staff)."""
    actor = actor_of(user)
    return actor is not None and actor.may(Capability.PREVENTION_READ_COMMITMENTS)


def may_edit_unit(user: Viewer, unit_id: int | None) -> bool:
    """Every unit's prevention work for `PREVENTION_EDIT_ALL`, their own unit's for
    `PREVENTION_EDIT_UNIT`."""
    actor = actor_of(user)
    if actor is None:
        return False
    if actor.may(EDIT_ALL):
        return True
    return actor.may(EDIT_UNIT) and unit_id is not None and actor.unit_id == unit_id


def may_edit_central(user: Viewer) -> bool:
    """The concept and the GRECO tracker: `PREVENTION_EDIT_CENTRAL` only."""
    return may(user, EDIT_CENTRAL)


def may_edit_measure(user: Viewer, measure: Measure) -> bool:
    """Whoever edits the plan's unit or the responsible unit."""
    return may_edit_unit(user, measure.plan.unit_id) or may_edit_unit(
        user, measure.responsible_unit_id
    )


def require_edit_unit(user: Viewer, unit_id: int | None) -> None:
    if not may_edit_unit(user, unit_id):
        raise PermissionDenied(
            _("Only the unit's chief or a central coordinator may change its prevention work.")
        )


def require_edit_central(user: Viewer) -> None:
    if not may_edit_central(user):
        raise PermissionDenied(_("Only a central coordinator may change this."))


def editable_units(user: Viewer) -> QuerySet[Unit]:
    return units_for(user, every=EDIT_ALL, own=EDIT_UNIT)


def own_unit_to_edit(user: Viewer) -> int | None:
    """The one unit a user edits (a territorial chief's), to choose it in forms beforehand;
    None for whoever edits every unit, or none."""
    actor = actor_of(user)
    if actor is None or actor.may(EDIT_ALL) or not actor.may(EDIT_UNIT):
        return None
    return actor.unit_id


def visible_units(user: Viewer) -> QuerySet[Unit]:
    return units_for(user, every=VIEW_ALL, own=VIEW_UNIT)


def leads_prevention(user: Viewer) -> bool:
    """Whoever changes a unit's prevention work is shown what is overdue in it."""
    return may_any(user, EDIT_ALL, EDIT_UNIT)


# --- the querysets of what a user sees ------------------------------------------------------


def plans_visible_to(user: Viewer) -> QuerySet[Plan]:
    scope = scope_of(user)
    plans = Plan.objects.select_related("unit")
    if scope.everything:
        return plans
    if scope.nothing:
        return plans.none()
    theirs = Measure.objects.filter(plan=OuterRef("pk"), responsible_unit_id=scope.unit_id)
    return plans.filter(Q(unit_id=scope.unit_id) | Exists(theirs))


def measures_visible_to(user: Viewer) -> QuerySet[Measure]:
    scope = scope_of(user)
    measures = Measure.objects.select_related("plan", "plan__unit", "responsible_unit")
    if scope.everything:
        return measures
    if scope.nothing:
        return measures.none()
    return measures.filter(Q(plan__unit_id=scope.unit_id) | Q(responsible_unit_id=scope.unit_id))


def measures_editable_by(user: Viewer) -> QuerySet[Measure]:
    """The measures `user` may report on: every visible one with `PREVENTION_EDIT_ALL`, with
    `PREVENTION_EDIT_UNIT` those of their unit's plans or given to their unit."""
    measures = measures_visible_to(user)
    actor = actor_of(user)
    if actor is None:
        return measures.none()
    if actor.may(EDIT_ALL):
        return measures
    if actor.may(EDIT_UNIT):
        return measures.filter(
            Q(plan__unit_id=actor.unit_id) | Q(responsible_unit_id=actor.unit_id)
        )
    return measures.none()


def events_visible_to(user: Viewer) -> QuerySet[Event]:
    return _by_unit(user, Event.objects.select_related("unit", "measure"), "unit_id")


def commissions_visible_to(user: Viewer) -> QuerySet[Commission]:
    return _by_unit(user, Commission.objects.select_related("unit", "court"), "unit_id")


def meetings_visible_to(user: Viewer) -> QuerySet[Meeting]:
    return _by_unit(
        user,
        Meeting.objects.select_related("commission", "commission__unit"),
        "commission__unit_id",
    )


def resolutions_visible_to(user: Viewer) -> QuerySet[Resolution]:
    resolutions = Resolution.objects.select_related(
        "meeting", "meeting__commission", "meeting__commission__unit", "owner"
    )
    return _by_unit(user, resolutions, "meeting__commission__unit_id")


def risks_visible_to(user: Viewer) -> QuerySet[CorruptionRisk]:
    return _by_unit(
        user, CorruptionRisk.objects.select_related("unit", "court", "owner"), "unit_id"
    )


def greco_visible_to(user: Viewer) -> QuerySet[GrecoRound]:
    """GRECO is the country's: every member of staff sees it."""
    return GrecoRound.objects.all() if is_staff_member(user) else GrecoRound.objects.none()


def greco_assessments_visible_to(user: Viewer) -> QuerySet[GrecoAssessment]:
    rows = GrecoAssessment.objects.all()
    return rows if is_staff_member(user) else rows.none()


def concept_visible_to(user: Viewer) -> QuerySet[ConceptObjective]:
    """The concept is the country's: every member of staff sees it."""
    objectives = ConceptObjective.objects.all()
    return objectives if is_staff_member(user) else objectives.none()


def _by_unit(user: Viewer, rows: QuerySet[M], unit_field: str) -> QuerySet[M]:
    scope = scope_of(user)
    if scope.everything:
        return rows
    if scope.nothing:
        return rows.none()
    return rows.filter(**{unit_field: scope.unit_id})


def one_of(rows: QuerySet[M], pk: int, message: str) -> M:
    """The row `pk` among those a user may see; NotFound (the same answer for "no such thing"
    and "not yours") otherwise."""
    found = rows.filter(pk=pk).first()
    if found is None:
        raise NotFound(message)
    return found
