"""The GRECO tracker: rounds, reports, recommendations and how each report rated them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from senim.core import clock
from senim.core.i18n import localized
from senim.organization.models import Unit
from senim.prevention.models.work import status_known


class GrecoRound(models.Model):
    code = models.CharField(_("code"), max_length=16, unique=True)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=300)
    name_ru = models.CharField(_("name (Russian)"), max_length=300)
    name_en = models.CharField(_("name (English)"), max_length=300)

    class Meta:
        ordering = ["code"]
        verbose_name = _("GRECO evaluation round")
        verbose_name_plural = _("GRECO evaluation rounds")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localized(self, "name")


class GrecoReportKind(models.TextChoices):
    EVALUATION = "evaluation", _("evaluation report")
    COMPLIANCE = "compliance", _("compliance report")
    ADDENDUM = "addendum", _("addendum to the compliance report")
    SECOND_COMPLIANCE = "second_compliance", _("second compliance report")


class CountryAssessment(models.TextChoices):
    NONE = "", _("no overall assessment")
    GLOBALLY_UNSATISFACTORY = "globally_unsatisfactory", _("globally unsatisfactory")
    NOT_GLOBALLY_UNSATISFACTORY = "not_globally_unsatisfactory", _("not globally unsatisfactory")


class GrecoReport(models.Model):
    Kind = GrecoReportKind
    CountryAssessment = CountryAssessment

    round = models.ForeignKey(GrecoRound, on_delete=models.CASCADE, related_name="reports")
    kind = models.CharField(_("kind of report"), max_length=24, choices=Kind.choices)
    plenary = models.CharField(_("GRECO plenary meeting"), max_length=16)
    reference = models.CharField(_("reference"), max_length=100, blank=True)
    adopted_on = models.DateField(_("adopted on"))
    published_on = models.DateField(_("published on"), null=True, blank=True)
    country_assessment = models.CharField(
        _("country-level assessment"),
        max_length=32,
        choices=CountryAssessment.choices,
        blank=True,
        default="",
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["round", "adopted_on"]
        verbose_name = _("GRECO report")
        verbose_name_plural = _("GRECO reports")
        constraints = [
            models.UniqueConstraint(fields=["round", "adopted_on"], name="greco_report_unique"),
            models.CheckConstraint(
                condition=Q(published_on__isnull=True)
                | Q(published_on__gte=models.F("adopted_on")),
                name="greco_report_published_after_adoption",
            ),
            status_known("kind", GrecoReportKind, "greco_report_kind_known"),
            status_known("country_assessment", CountryAssessment, "greco_assessment_known"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.adopted_on}"


class GrecoRecommendation(models.Model):
    round = models.ForeignKey(GrecoRound, on_delete=models.CASCADE, related_name="recommendations")
    label = models.CharField(_("number"), max_length=8)
    position = models.PositiveSmallIntegerField(_("order"))
    text_kk = models.TextField(_("text (Kazakh)"))
    text_ru = models.TextField(_("text (Russian)"))
    text_en = models.TextField(_("text (English)"))
    owner_unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit responsible"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    next_report_due = models.DateField(_("next situation report due"), null=True, blank=True)

    class Meta:
        ordering = ["round", "position"]
        verbose_name = _("GRECO recommendation")
        verbose_name_plural = _("GRECO recommendations")
        constraints = [
            models.UniqueConstraint(fields=["round", "label"], name="greco_rec_label_unique"),
            models.UniqueConstraint(fields=["round", "position"], name="greco_rec_order_unique"),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def text(self) -> str:
        return localized(self, "text")


class GrecoStatus(models.TextChoices):
    IMPLEMENTED = "implemented", _("implemented satisfactorily")
    DEALT_WITH = "dealt_with", _("dealt with in a satisfactory manner")
    PARTLY = "partly", _("partly implemented")
    NOT_IMPLEMENTED = "not_implemented", _("not implemented")


class GrecoAssessment(models.Model):
    """How one report rated one recommendation; the rows across reports are its history."""

    recommendation = models.ForeignKey(
        GrecoRecommendation, on_delete=models.CASCADE, related_name="assessments"
    )
    report = models.ForeignKey(GrecoReport, on_delete=models.CASCADE, related_name="assessments")
    status = models.CharField(_("status"), max_length=16, choices=GrecoStatus.choices)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["recommendation", "report__adopted_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["recommendation", "report"], name="greco_one_status_per_report"
            ),
            status_known("status", GrecoStatus, "greco_status_known"),
        ]

    def __str__(self) -> str:
        return f"{self.recommendation_id}/{self.report_id}: {self.status}"
