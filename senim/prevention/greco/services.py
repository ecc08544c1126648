"""The GRECO tracker: rounds, reports, recommendations and how each report rated them; kept by
the central coordinators."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from senim.core import clock
from senim.core.audit import audit
from senim.core.errors import DomainError
from senim.organization.models import Unit
from senim.prevention import files as prevention_files
from senim.prevention.access import require_edit_central
from senim.prevention.checks import choice, locked, required_text, staff_member
from senim.prevention.documents.services import documents_attach
from senim.prevention.files import RawFiles
from senim.prevention.models import (
    GrecoAssessment,
    GrecoRecommendation,
    GrecoReport,
    GrecoRound,
    GrecoStatus,
)

if TYPE_CHECKING:
    from senim.accounts.models import User


@transaction.atomic
def greco_round_add(
    *, user: User, code: str, name_kk: str, name_ru: str, name_en: str
) -> GrecoRound:
    require_edit_central(user)
    code = required_text(code, _("Give the code."))
    names = {
        lang: required_text(value, _("Give the text in Kazakh, Russian and English."))
        for lang, value in (("kk", name_kk), ("ru", name_ru), ("en", name_en))
    }
    if GrecoRound.objects.filter(code=code).exists():
        raise DomainError(_("This code is already used."))
    found = GrecoRound.objects.create(
        code=code, **{f"name_{lang}": value for lang, value in names.items()}
    )
    audit(
        action="prevention.greco_round_added",
        actor=user,
        object_type="greco_round",
        object_id=found.pk,
    )
    return found


@transaction.atomic
def greco_report_add(
    *,
    user: User,
    round_id: int,
    kind: str,
    plenary: str,
    adopted_on: dt.date,
    reference: str = "",
    published_on: dt.date | None = None,
    country_assessment: str = "",
    note: str = "",
) -> GrecoReport:
    """A GRECO report of a round, with its plenary and dates; an evaluation report gives no
    country-level assessment."""
    require_edit_central(user)
    found = locked(GrecoRound.objects.all(), round_id, _("No such round."))
    choice(kind, GrecoReport.Kind, _("Choose the kind of report."))
    choice(country_assessment, GrecoReport.CountryAssessment, _("Choose the assessment."))
    plenary = required_text(plenary, _("Give the GRECO plenary meeting that adopted the report."))
    if published_on is not None and published_on < adopted_on:
        raise DomainError(_("A report is published after it is adopted."))
    if kind == GrecoReport.Kind.EVALUATION and country_assessment:
        raise DomainError(_("An evaluation report gives no country-level assessment."))
    if found.reports.filter(adopted_on=adopted_on).exists():
        raise DomainError(_("The round already has a report adopted on that day."))
    report = GrecoReport.objects.create(
        round=found,
        kind=kind,
        plenary=plenary,
        reference=(reference or "").strip(),
        adopted_on=adopted_on,
        published_on=published_on,
        country_assessment=country_assessment,
        note=(note or "").strip(),
    )
    audit(
        action="prevention.greco_report_added",
        actor=user,
        object_type="greco_report",
        object_id=report.pk,
        detail={"round": found.code, "kind": kind, "assessment": country_assessment},
    )
    return report


@transaction.atomic
def greco_recommendation_add(
    *,
    user: User,
    round_id: int,
    label: str,
    text_kk: str,
    text_ru: str,
    text_en: str,
) -> GrecoRecommendation:
    require_edit_central(user)
    found = locked(GrecoRound.objects.all(), round_id, _("No such round."))
    label = required_text(label, _("Give the recommendation's number."))
    if found.recommendations.filter(label=label).exists():
        raise DomainError(_("This number is already used."))
    position = (found.recommendations.aggregate(n=Max("position"))["n"] or 0) + 1
    recommendation = GrecoRecommendation.objects.create(
        round=found,
        label=label,
        position=position,
        **_greco_texts(text_kk, text_ru, text_en),
    )
    audit(
        action="prevention.greco_recommendation_added",
        actor=user,
        object_type="greco_recommendation",
        object_id=recommendation.pk,
    )
    return recommendation


def _greco_texts(text_kk: str, text_ru: str, text_en: str) -> dict[str, str]:
    return {
        f"text_{lang}": required_text(value, _("Give the text in Kazakh, Russian and English."))
        for lang, value in (("kk", text_kk), ("ru", text_ru), ("en", text_en))
    }


@transaction.atomic
def greco_recommendation_update(
    *,
    user: User,
    recommendation_id: int,
    text_kk: str,
    text_ru: str,
    text_en: str,
    owner_unit: Unit | None = None,
    owner: User | None = None,
    next_report_due: dt.date | None = None,
) -> GrecoRecommendation:
    """The texts, the unit and person responsible, and the next situation-report deadline."""
    require_edit_central(user)
    rec = locked(GrecoRecommendation.objects.all(), recommendation_id, _("No such recommendation."))
    if owner is not None:
        staff_member(
            owner,
            owner_unit.pk if owner_unit else None,
            _("The owner must work in the unit responsible."),
        )
    for name, value in _greco_texts(text_kk, text_ru, text_en).items():
        setattr(rec, name, value)
    rec.owner_unit, rec.owner, rec.next_report_due = owner_unit, owner, next_report_due
    rec.save()
    audit(
        action="prevention.greco_recommendation_updated",
        actor=user,
        object_type="greco_recommendation",
        object_id=rec.pk,
        detail={"next_report_due": str(next_report_due) if next_report_due else None},
    )
    return rec


@transaction.atomic
def greco_assess(
    *,
    user: User,
    recommendation_id: int,
    report_id: int,
    status: str,
    note: str = "",
    files: RawFiles | None = None,
) -> GrecoAssessment:
    """How a compliance report (or its addendum) rated a recommendation: one status per
    report, so the statuses across reports are the recommendation's history. Recording it
    again for the same report corrects it (audited with the previous status)."""
    require_edit_central(user)
    rec = locked(GrecoRecommendation.objects.all(), recommendation_id, _("No such recommendation."))
    report = GrecoReport.objects.filter(pk=report_id, round_id=rec.round_id).first()
    if report is None:
        raise DomainError(_("Choose a report of this recommendation's round."))
    if report.kind == GrecoReport.Kind.EVALUATION:
        raise DomainError(_("An evaluation report issues recommendations; it does not rate them."))
    choice(status, GrecoStatus, _("Choose a status."))
    cleaned = prevention_files.clean(files or [])
    assessment = GrecoAssessment.objects.filter(recommendation=rec, report=report).first()
    previous = assessment.status if assessment else None
    with prevention_files.stored(cleaned) as stored:
        if assessment is None:
            assessment = GrecoAssessment.objects.create(
                recommendation=rec,
                report=report,
                status=status,
                note=(note or "").strip(),
                recorded_by=user,
                recorded_at=clock.now(),
            )
        else:
            assessment.status, assessment.recorded_by = status, user
            assessment.recorded_at = clock.now()
            if (note or "").strip():
                assessment.note = note.strip()
            assessment.save()
        documents_attach(stored, user=user, greco_assessment=assessment)
    audit(
        action="prevention.greco_assessed",
        actor=user,
        object_type="greco_recommendation",
        object_id=rec.pk,
        detail={"report": report.pk, "from": previous, "to": status, "files": len(cleaned)},
    )
    return assessment
