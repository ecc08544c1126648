"""Cases: an appeal being handled by a unit, through the lifecycle of ISO 37002."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from senim.core.models import TimeStampedModel
from senim.intake.models import Appeal
from senim.organization.models import Unit


class Status(models.TextChoices):
    RECEIVED = "received", _("received")
    ASSESSMENT = "assessment", _("assessment")
    INVESTIGATION = "investigation", _("investigation")
    CONCLUDED = "concluded", _("concluded")
    CLOSED = "closed", _("closed")


class Outcome(models.TextChoices):
    SUBSTANTIATED = "substantiated", _("substantiated")
    PARTLY = "partly", _("partly substantiated")
    NOT_SUBSTANTIATED = "not_substantiated", _("not substantiated")
    REFERRED_ACS = "referred_acs", _("referred to the anti-corruption service")
    REFERRED_PROSECUTOR = "referred_prosecutor", _("referred to the prosecutor")
    REFERRED_DISCIPLINARY = (
        "referred_disciplinary",
        _("referred to the disciplinary commission of judges"),
    )
    FORWARDED = "forwarded", _("forwarded to the competent body")
    NOT_SUBJECT = "not_subject", _("not subject to consideration")
    CONSULTATION = "consultation", _("consultation")


class Case(TimeStampedModel):
    appeal = models.OneToOneField(
        Appeal, verbose_name=_("appeal"), on_delete=models.PROTECT, related_name="case"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("responsible unit"), on_delete=models.PROTECT, related_name="cases"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.RECEIVED
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible investigator"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assigned_cases",
    )
    due_on = models.DateField(_("due on"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=24, choices=Outcome.choices, blank=True)
    concluded_at = models.DateTimeField(_("concluded at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        indexes = [
            models.Index(fields=["unit", "status", "due_on"], name="case_unit_status_due"),
            models.Index(fields=["assignee", "status"], name="case_assignee_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["concluded", "closed"]) | Q(outcome=""),
                name="case_outcome_only_when_concluded",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["concluded", "closed"]) | ~Q(outcome=""),
                name="case_concluded_has_outcome",
            ),
        ]

    def __str__(self) -> str:
        return self.appeal.number


class CaseExclusion(models.Model):
    """Conflict of interest: this person may not see this case anywhere."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="exclusions")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="case_exclusions"
    )
    reason = models.CharField(_("reason"), max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "user"], name="case_exclusion_unique")
        ]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.user_id}"
