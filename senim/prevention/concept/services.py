"""The concept's objectives and measures, kept by the central coordinators."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from senim.core.audit import audit
from senim.core.errors import DomainError
from senim.organization.models import Unit
from senim.prevention.access import require_edit_central
from senim.prevention.checks import locked, required_text
from senim.prevention.lifecycle import CONCEPT_MEASURES, check
from senim.prevention.models import ConceptMeasure, ConceptObjective

if TYPE_CHECKING:
    from senim.accounts.models import User


@transaction.atomic
def concept_objective_add(
    *, user: User, number: str, title_kk: str, title_ru: str, title_en: str
) -> ConceptObjective:
    require_edit_central(user)
    number = required_text(number, _("Give the number."))
    titles = {
        code: required_text(value, _("Give the text in Kazakh, Russian and English."))
        for code, value in (("kk", title_kk), ("ru", title_ru), ("en", title_en))
    }
    if ConceptObjective.objects.filter(number=number).exists():
        raise DomainError(_("This number is already used."))
    objective = ConceptObjective.objects.create(
        number=number, **{f"title_{code}": value for code, value in titles.items()}
    )
    audit(
        action="prevention.concept_objective_added",
        actor=user,
        object_type="concept_objective",
        object_id=objective.pk,
    )
    return objective


@transaction.atomic
def concept_measure_add(
    *,
    user: User,
    objective: ConceptObjective,
    number: str,
    text_kk: str,
    text_ru: str,
    text_en: str,
    units: list[Unit],
    due_on: dt.date | None = None,
) -> ConceptMeasure:
    require_edit_central(user)
    number = required_text(number, _("Give the number."))
    texts = {
        code: required_text(value, _("Give the text in Kazakh, Russian and English."))
        for code, value in (("kk", text_kk), ("ru", text_ru), ("en", text_en))
    }
    if ConceptMeasure.objects.filter(number=number).exists():
        raise DomainError(_("This number is already used."))
    measure = ConceptMeasure.objects.create(
        objective=objective,
        number=number,
        due_on=due_on,
        **{f"text_{code}": value for code, value in texts.items()},
    )
    measure.units.set(units)
    audit(
        action="prevention.concept_measure_added",
        actor=user,
        object_type="concept_measure",
        object_id=measure.pk,
    )
    return measure


@transaction.atomic
def concept_measure_update(
    *, user: User, measure_id: int, status: str, note: str, units: list[Unit]
) -> ConceptMeasure:
    """The status of a concept measure (a move of `lifecycle.CONCEPT_MEASURES`: cancelling or
    reopening needs the note to give the reason), the units responsible and a note on its
    progress."""
    require_edit_central(user)
    measure = locked(ConceptMeasure.objects.all(), measure_id, _("No such measure."))
    note = (note or "").strip()
    check(CONCEPT_MEASURES, user, source=measure.status, target=status, reason=note)
    previous = measure.status
    measure.status, measure.note = status, note
    measure.save(update_fields=["status", "note"])
    measure.units.set(units)
    audit(
        action="prevention.concept_measure_updated",
        actor=user,
        object_type="concept_measure",
        object_id=measure.pk,
        detail={"from": previous, "to": status, "units": sorted(u.code for u in units)},
    )
    return measure
