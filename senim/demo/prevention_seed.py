"""Demo data for prevention and oversight: the concept, plans and measures, events with their
participants, public-council commissions, the corruption-risk register and the GRECO round.

Everything is invented for the demo except the frame of Kazakhstan's joint First and Second
Round GRECO evaluation (27 recommendations, report adopted on 25 March 2022, compliance report
adopted in March 2024), whose recommendation texts and ratings are placeholders, marked as such.
Guarded by its own seed state and drawn from a fixed random seed: a second run adds nothing.

Each part is in its own module (`prevention_concept`, `prevention_plans`, `prevention_events`,
`prevention_commissions`, `prevention_risks`, `prevention_greco`); they all draw, in the order
set here, from the one generator this module seeds.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db import transaction

from senim.core import clock
from senim.demo.models import SeedState
from senim.demo.prevention_commissions import commissions_create
from senim.demo.prevention_concept import concept_create
from senim.demo.prevention_events import events_create, photos_add
from senim.demo.prevention_greco import greco_create
from senim.demo.prevention_plans import central_plan_create, plans_create
from senim.demo.prevention_risks import risks_create
from senim.organization.models import Role, StaffMember, Unit
from senim.prevention.models import GrecoRound, Plan

if TYPE_CHECKING:
    from senim.accounts.models import User

SEED = 2026
STATE_KEY = "prevention"


def _people() -> tuple[dict[int, User], dict[int, list[User]], User | None]:
    chiefs: dict[int, User] = {}
    staff: dict[int, list[User]] = {}
    for member in StaffMember.objects.select_related("user").order_by("unit_id", "role", "pk"):
        staff.setdefault(member.unit_id, []).append(member.user)
        if member.role == Role.CHIEF:
            chiefs.setdefault(member.unit_id, member.user)
    coordinator = (
        get_user_model().objects.filter(staff__role=Role.COORDINATOR).order_by("pk").first()
    )
    return chiefs, staff, coordinator


def prevention_ensure() -> None:
    """Plans, events, commissions, risks and the GRECO round for the demo; idempotent."""
    state, _ = SeedState.objects.get_or_create(key=STATE_KEY)
    if state.value:
        return
    if GrecoRound.objects.exists() or Plan.objects.exists():
        # Prevention work is already there (an earlier seed whose state was reset, or entered
        # by hand): it is left alone.
        state.value = 1
        state.save(update_fields=["value"])
        return
    rng = random.Random(f"{SEED}:prevention")
    today = clock.today()
    with transaction.atomic():
        concept = concept_create()
        chiefs, staff, coordinator = _people()
        central = Unit.objects.get(kind=Unit.Kind.CENTRAL)
        territorial = list(Unit.objects.filter(kind=Unit.Kind.TERRITORIAL).order_by("code"))
        for unit in territorial:
            measures = plans_create(rng, unit, today, concept, chiefs.get(unit.pk))
            events_create(rng, unit, today, measures, staff.get(unit.pk, []), chiefs.get(unit.pk))
        central_plan_create(today, central, territorial, concept, coordinator)
        for index, unit in enumerate(territorial):
            commissions_create(rng, unit, index, today, chiefs.get(unit.pk) or coordinator)
            risks_create(rng, unit, today, chiefs.get(unit.pk) or coordinator)
        greco_create(rng, today, central, coordinator)
        photos_add(today)
        state.value = 1
        state.save(update_fields=["value"])
