"""The corruption-risk register: risks, their reviews and mitigation actions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from senim.cases.models import Case
from senim.core import clock
from senim.organization.models import Court, Unit
from senim.prevention.models.work import (
    WorkStatus,
    completed_when_done,
    one_to_five,
    status_known,
)


class RiskProcess(models.TextChoices):
    CASE_ALLOCATION = "case_allocation", _("case allocation")
    HR = "hr", _("human resources")
    PROCUREMENT = "procurement", _("procurement")
    COURT_FEES = "court_fees", _("court fees")
    ENFORCEMENT = "enforcement", _("enforcement")
    CASE_FILES = "case_files", _("access to case files and copies")
    RECEPTION = "reception", _("reception of citizens")
    OTHER = "other", _("other")


class RiskMap(models.TextChoices):
    LEGISLATIVE = "legislative", _("legislative")
    ORGANISATIONAL = "organisational", _("organisational")


class RiskStatus(models.TextChoices):
    ACTIVE = "active", _("active")
    CLOSED = "closed", _("closed")


class CorruptionRisk(models.Model):
    """An entry of the internal analysis of corruption risks (anti-corruption law, art. 8)."""

    Status = RiskStatus

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="corruption_risks"
    )
    court = models.ForeignKey(
        Court, verbose_name=_("court"), null=True, blank=True, on_delete=models.PROTECT
    )
    title = models.CharField(_("risk"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    process = models.CharField(_("process"), max_length=16, choices=RiskProcess.choices)
    risk_map = models.CharField(_("map"), max_length=16, choices=RiskMap.choices)
    likelihood = models.PositiveSmallIntegerField(_("likelihood (1-5)"))
    impact = models.PositiveSmallIntegerField(_("impact (1-5)"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=RiskStatus.ACTIVE
    )
    identified_on = models.DateField(_("identified on"))
    cases = models.ManyToManyField(
        Case, verbose_name=_("cases that revealed it"), blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["unit__code", "-identified_on"]
        verbose_name = _("corruption risk")
        verbose_name_plural = _("corruption risks")
        constraints = [
            one_to_five("likelihood", "risk_likelihood_1_to_5"),
            one_to_five("impact", "risk_impact_1_to_5"),
            status_known("process", RiskProcess, "risk_process_known"),
            status_known("risk_map", RiskMap, "risk_map_known"),
            status_known("status", RiskStatus, "risk_status_known"),
        ]

    def __str__(self) -> str:
        return self.title


class RiskReview(models.Model):
    """One assessment of a risk: the register keeps every one, newest last."""

    risk = models.ForeignKey(CorruptionRisk, on_delete=models.CASCADE, related_name="reviews")
    reviewed_on = models.DateField(_("reviewed on"))
    likelihood = models.PositiveSmallIntegerField(_("likelihood (1-5)"))
    impact = models.PositiveSmallIntegerField(_("impact (1-5)"))
    note = models.TextField(_("note"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["risk", "reviewed_on", "recorded_at"]
        constraints = [
            one_to_five("likelihood", "review_likelihood_1_to_5"),
            one_to_five("impact", "review_impact_1_to_5"),
        ]

    def __str__(self) -> str:
        return f"{self.reviewed_on}: {self.likelihood}x{self.impact}"


class RiskAction(models.Model):
    """A mitigation action with its due date and status."""

    risk = models.ForeignKey(CorruptionRisk, on_delete=models.CASCADE, related_name="actions")
    description = models.TextField(_("mitigation action"))
    due_on = models.DateField(_("due on"))
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=WorkStatus.choices, default=WorkStatus.PLANNED
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True)

    class Meta:
        ordering = ["risk", "due_on", "pk"]
        constraints = [
            status_known("status", WorkStatus, "risk_action_status_known"),
            completed_when_done("risk_action_completed_when_done"),
        ]

    def __str__(self) -> str:
        return self.description[:60]
