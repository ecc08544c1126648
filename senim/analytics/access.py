"""Who sees which figures: the central department the country, a territorial unit its own.

Aggregates are not case files: analysts and auditors see every figure, but the cases behind a
figure are listed only through the one visibility rule (`cases_visible_to`).
"""

from __future__ import annotations

from typing import Any

from senim.analytics.indicators import Scope, scope_courts
from senim.organization.models import CENTRAL_ROLES, Role, Unit

TERRITORIAL_ROLES = frozenset({Role.CHIEF, Role.INVESTIGATOR})


def may_see_country(user: Any) -> bool:
    staff = getattr(user, "staff", None)
    return staff is not None and staff.role in CENTRAL_ROLES


def may_see_analytics(user: Any) -> bool:
    staff = getattr(user, "staff", None)
    if staff is None:
        return False
    if staff.role in CENTRAL_ROLES:
        return True
    return staff.role in TERRITORIAL_ROLES and staff.unit.kind == Unit.Kind.TERRITORIAL


def scope_for(user: Any, *, region_id: int | None = None, court_id: int | None = None) -> Scope:
    """The scope asked for, narrowed to what the user may see (a territorial unit: its own)."""
    staff = user.staff
    if staff.role in CENTRAL_ROLES:
        return Scope(region_id=region_id, court_id=court_id)
    own = Scope(unit_id=staff.unit_id)
    if court_id is not None and court_id in scope_courts(own):
        return Scope(unit_id=staff.unit_id, court_id=court_id)
    return own
