"""Routing at registration: the unit whose inbox receives an appeal, and the staff it names,
who are excluded from it (conflict of interest).

Routing reads only what the appeal is about, the court and the people named (`Concerned`), so
it is decided on the draft, before the registration's transaction, rather than under its locks.
A coordinator re-routes a case afterwards (`handling.case_reroute`).
"""

from __future__ import annotations

import re

from senim.accounts.models import User
from senim.cases.models import Case, CaseExclusion
from senim.core.audit import audit
from senim.intake.drafts import Concerned
from senim.organization.models import Court, StaffMember, Unit
from senim.organization.selectors import unit_for_court

# Positions whose holders' appeals go to the central department (DOMAIN: the chairman of a
# regional court, the chief of the territorial department), in the three languages.
_SENIOR_POSITION = re.compile(
    r"chairm|chairperson|president of the court|председател|төраға|head of the department|"
    r"начальник отдела|бөлім басшысы|chief of the",
    re.IGNORECASE,
)


def _normalise_name(name: str) -> frozenset[str]:
    return frozenset(w for w in re.split(r"[\s.,]+", name.casefold()) if len(w) > 1)


def staff_named(concerned: Concerned) -> list[User]:
    """Staff whose first and last name both appear among the people the appeal names.

    Every registration asks, so the names are read as plain values (no model per member, no
    ordering) and only the users who match are loaded, with their place in the department.
    """
    named = [_normalise_name(person.name) for person in concerned.people]
    if not named:
        return []
    matching = [
        user_id
        for user_id, first_name, last_name in StaffMember.objects.order_by().values_list(
            "user_id", "user__first_name", "user__last_name"
        )
        if _names_match(_normalise_name(f"{first_name} {last_name}"), named)
    ]
    if not matching:
        return []
    return list(User.objects.select_related("staff").filter(pk__in=matching))


def _names_match(words: frozenset[str], named: list[frozenset[str]]) -> bool:
    return len(words) >= 2 and any(words <= person for person in named)


def route(concerned: Concerned, *, named_staff: list[User]) -> Unit:
    """The unit whose inbox receives the appeal.

    The territorial unit covering the court, except appeals about that unit's own staff, a
    regional court's chairman or a chief, which go to the central department.
    """
    court = concerned.court
    unit = unit_for_court(court)
    if unit.is_central:
        return unit
    own_staff = any(getattr(u.staff, "unit_id", None) == unit.pk for u in named_staff)
    senior_court = court.level == Court.Level.REGIONAL or court.pk == unit.court_id
    positions = [person.position or "" for person in concerned.people]
    senior_person = any(_SENIOR_POSITION.search(position) for position in positions) and (
        senior_court or any("chief" in position.casefold() for position in positions)
    )
    # The central unit is read only when the appeal goes there: most appeals do not.
    return Unit.objects.get(kind=Unit.Kind.CENTRAL) if own_staff or senior_person else unit


def conflicts_apply(case: Case, named_staff: list[User]) -> None:
    """Staff named in the appeal never see it: an exclusion each, logged."""
    for user in named_staff:
        _exclusion, made = CaseExclusion.objects.get_or_create(
            case=case, user=user, defaults={"reason": "Named in the appeal"}
        )
        if made:
            audit(
                action="case.excluded",
                object_type="case",
                object_id=case.appeal.number,
                detail={"user": user.username, "reason": "named in the appeal"},
            )
