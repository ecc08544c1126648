"""Who sees which figures: the central department the country, a territorial unit its own.

Aggregates are not case files: analysts and auditors see every figure, but the cases behind a
figure are listed only through the one visibility rule (`cases_visible_to`). Who holds which
reach is the policy's (`ANALYTICS_COUNTRY`, `ANALYTICS_UNIT`); a unit's reach applies only to a
territorial unit, whose courts are its figures.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from senim.analytics.indicators import Scope, scope_courts
from senim.organization import policy
from senim.organization.models import Unit
from senim.organization.policy import Capability

if TYPE_CHECKING:
    from senim.accounts.models import Requester


def may_see_country(user: Requester | None) -> bool:
    return policy.may(user, Capability.ANALYTICS_COUNTRY)


def may_see_analytics(user: Requester | None) -> bool:
    actor = policy.actor_of(user)
    if actor is None:
        return False
    if actor.may(Capability.ANALYTICS_COUNTRY):
        return True
    return actor.may(Capability.ANALYTICS_UNIT) and actor.staff.unit.kind == Unit.Kind.TERRITORIAL


def scope_for(
    user: Requester | None, *, region_id: int | None = None, court_id: int | None = None
) -> Scope:
    """The scope asked for, narrowed to what the user may see (a territorial unit: its own).

    Someone who may see no figures gets a scope that matches nothing (an empty unit's)."""
    actor = policy.actor_of(user)
    if actor is not None and actor.may(Capability.ANALYTICS_COUNTRY):
        return Scope(region_id=region_id, court_id=court_id)
    if actor is None or not actor.may(Capability.ANALYTICS_UNIT):
        return Scope(unit_id=0)
    own = Scope(unit_id=actor.unit_id)
    if court_id is not None and court_id in scope_courts(own):
        return Scope(unit_id=actor.unit_id, court_id=court_id)
    return own
