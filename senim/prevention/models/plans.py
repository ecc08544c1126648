"""Plans and their measures, and the measures' progress."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from senim.core import clock
from senim.organization.models import Unit
from senim.prevention.models.work import WorkStatus, completed_when_done, status_known


class PlanKind(models.TextChoices):
    IMAGE_POLICY = "image_policy", _("image-policy plan")
    PREVENTION = "prevention", _("prevention plan")
    TRAINING = "training", _("training plan")


class Plan(models.Model):
    """A unit's prevention plan for a period (the image-policy plan, and others)."""

    Kind = PlanKind

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="prevention_plans"
    )
    kind = models.CharField(_("kind of plan"), max_length=16, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["-period_start", "unit__code"]
        verbose_name = _("prevention plan")
        verbose_name_plural = _("prevention plans")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")), name="plan_period_ordered"
            ),
            models.UniqueConstraint(
                fields=["unit", "kind", "period_start"], name="plan_one_per_unit_kind_period"
            ),
            status_known("kind", PlanKind, "plan_kind_known"),
        ]

    def __str__(self) -> str:
        return self.title


class MeasureCounts(models.TextChoices):
    PARTICIPANTS = "participants", _("people reached at events")
    EVENTS = "events", _("events held")
    MANUAL = "manual", _("reported by hand")


class Measure(models.Model):
    """One measure of a plan: who, by when, what target, how far."""

    Counts = MeasureCounts

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="measures"
    )
    number = models.CharField(_("number"), max_length=16)
    title = models.CharField(_("measure"), max_length=500)
    responsible_unit = models.ForeignKey(
        Unit, verbose_name=_("responsible unit"), on_delete=models.PROTECT, related_name="+"
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    due_on = models.DateField(_("due on"))
    target_label = models.CharField(_("target"), max_length=200)
    target = models.PositiveIntegerField(_("target value"))
    counts = models.CharField(
        _("progress counts"),
        max_length=16,
        choices=Counts.choices,
        default=MeasureCounts.PARTICIPANTS,
    )
    progress = models.PositiveIntegerField(_("progress"), default=0)
    status = models.CharField(
        _("status"), max_length=16, choices=WorkStatus.choices, default=WorkStatus.PLANNED
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    concept_measure = models.ForeignKey(
        "ConceptMeasure",
        verbose_name=_("concept measure"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plan_measures",
    )

    class Meta:
        ordering = ["plan", "due_on", "number"]
        verbose_name = _("plan measure")
        verbose_name_plural = _("plan measures")
        indexes = [
            models.Index(fields=["responsible_unit", "status", "due_on"], name="measure_unit_due")
        ]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="measure_number_unique"),
            models.CheckConstraint(condition=Q(target__gte=1), name="measure_target_positive"),
            status_known("status", WorkStatus, "measure_status_known"),
            status_known("counts", MeasureCounts, "measure_counts_known"),
            completed_when_done("measure_completed_when_done"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"


class ProgressEntry(models.Model):
    """A step of a measure's progress: from an event, or reported by hand with evidence."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="entries")
    event = models.ForeignKey(
        "Event", null=True, blank=True, on_delete=models.CASCADE, related_name="progress_entries"
    )
    amount = models.PositiveIntegerField(_("progress made"))
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["measure", "recorded_at"]
        constraints = [
            # An event feeds its measure once.
            models.UniqueConstraint(
                fields=["measure", "event"],
                condition=Q(event__isnull=False),
                name="progress_once_per_event",
            ),
        ]

    def __str__(self) -> str:
        return f"+{self.amount}"
