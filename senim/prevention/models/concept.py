"""The anti-corruption policy concept 2022-2026: objectives and measures."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from senim.core.i18n import localized
from senim.organization.models import Unit
from senim.prevention.models.work import WorkStatus, status_known


class ConceptObjective(models.Model):
    number = models.CharField(_("number"), max_length=8, unique=True)
    title_kk = models.CharField(_("objective (Kazakh)"), max_length=500)
    title_ru = models.CharField(_("objective (Russian)"), max_length=500)
    title_en = models.CharField(_("objective (English)"), max_length=500)

    class Meta:
        ordering = ["number"]
        verbose_name = _("concept objective")
        verbose_name_plural = _("concept objectives")

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def title(self) -> str:
        return localized(self, "title")


class ConceptMeasure(models.Model):
    objective = models.ForeignKey(
        ConceptObjective, on_delete=models.CASCADE, related_name="measures"
    )
    number = models.CharField(_("number"), max_length=16, unique=True)
    text_kk = models.TextField(_("measure (Kazakh)"))
    text_ru = models.TextField(_("measure (Russian)"))
    text_en = models.TextField(_("measure (English)"))
    units = models.ManyToManyField(
        Unit, verbose_name=_("units responsible"), blank=True, related_name="+"
    )
    due_on = models.DateField(_("due on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=WorkStatus.choices, default=WorkStatus.PLANNED
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["objective__number", "number"]
        verbose_name = _("concept measure")
        verbose_name_plural = _("concept measures")
        constraints = [status_known("status", WorkStatus, "concept_measure_status_known")]

    def __str__(self) -> str:
        return f"{self.number} {self.text[:60]}"

    @property
    def text(self) -> str:
        return localized(self, "text")
