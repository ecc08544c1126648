"""The register of appeals: every channel writes here, every appeal has a coupon number."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from senim.core.models import TimeStampedModel
from senim.organization.models import Court


class Channel(models.TextChoices):
    TRUST_LINE = "trust_line", _("trust line")
    RECEPTION = "reception", _("daily reception")
    PORTAL = "portal", _("web portal")
    POST = "post", _("written / post")
    EMAIL = "email", _("e-mail")
    REFERRAL = "referral", _("referral from another body")
    E_OTINISH = "e_otinish", _("e-Otinish")


class AppealKind(models.TextChoices):
    STATEMENT = "statement", _("statement")
    COMPLAINT = "complaint", _("complaint")
    SUGGESTION = "suggestion", _("suggestion")
    REQUEST = "request", _("request")
    RESPONSE = "response", _("response")
    VIOLATION = "violation", _("report of a violation by a court official")


class Category(models.TextChoices):
    BRIBERY = "bribery", _("bribery or extortion")
    ABUSE = "abuse", _("abuse of office")
    CONFLICT = "conflict", _("conflict of interest")
    PROCEDURE = "procedure", _("procedural violation by court staff")
    ETHICS = "ethics", _("breach of judicial ethics")
    RED_TAPE = "red_tape", _("red tape or extortion of fees")
    RETALIATION = "retaliation", _("retaliation against a reporter")
    OTHER = "other", _("other")


class Language(models.TextChoices):
    KAZAKH = "kk", _("Kazakh")
    RUSSIAN = "ru", _("Russian")
    ENGLISH = "en", _("English")


class AnonymousPolicy(models.TextChoices):
    KAZAKHSTAN = "kz", _("Kazakhstan: not considered unless it reports an offence")
    ISO_37002 = "iso", _("ISO 37002: anonymous follow-up")


class RegistrationCounter(models.Model):
    """The last registration number issued in a year: one row locked per registration."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


class Appeal(TimeStampedModel):
    number = models.CharField(_("registration number"), max_length=24, unique=True)
    registered_at = models.DateTimeField(_("registered at"), db_index=True)
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    kind = models.CharField(_("kind"), max_length=16, choices=AppealKind.choices)
    category = models.CharField(_("category"), max_length=16, choices=Category.choices)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    court = models.ForeignKey(
        Court, verbose_name=_("court concerned"), on_delete=models.PROTECT, related_name="appeals"
    )
    is_anonymous = models.BooleanField(_("anonymous"), default=True)
    anonymous_policy = models.CharField(
        _("anonymous-appeal policy applied"),
        max_length=4,
        choices=AnonymousPolicy.choices,
        blank=True,
    )
    subject = models.CharField(_("subject"), max_length=300)
    text = models.TextField(_("what happened"))
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("received by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="received_appeals",
    )

    class Meta:
        ordering = ["-registered_at"]
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")
        indexes = [models.Index(fields=["court", "registered_at"], name="appeal_court_time")]

    def __str__(self) -> str:
        return self.number
