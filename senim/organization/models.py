"""The court registry, the department's units and its staff.

Courts are created, merged and renamed by decree, so a court's names are periods
(`CourtName`) and a court has validity dates: history is added to, never rewritten.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from senim.core.i18n import localized


class Region(models.Model):
    class Kind(models.TextChoices):
        OBLAST = "oblast", _("region")
        CITY = "city", _("city of republican significance")

    code = models.CharField(_("ISO 3166-2 code"), max_length=8, unique=True)
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=200)
    name_ru = models.CharField(_("name (Russian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localized(self, "name")


class Court(models.Model):
    class Level(models.TextChoices):
        SUPREME = "supreme", _("Supreme Court")
        CASSATION = "cassation", _("cassation court")
        REGIONAL = "regional", _("regional court")
        DISTRICT = "district", _("district court")

    class Specialisation(models.TextChoices):
        GENERAL = "general", _("general jurisdiction")
        CIVIL = "civil", _("civil cases")
        CRIMINAL = "criminal", _("criminal cases")
        ADMINISTRATIVE = "administrative", _("administrative cases")
        ECONOMIC = "economic", _("economic cases")
        MILITARY = "military", _("military")
        JUVENILE = "juvenile", _("juvenile cases")

    code = models.CharField(_("code"), max_length=32, unique=True)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("higher court"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    region = models.ForeignKey(
        Region, verbose_name=_("region"), null=True, blank=True, on_delete=models.PROTECT
    )
    city = models.CharField(_("city"), max_length=100, blank=True)
    specialisation = models.CharField(
        _("specialisation"), max_length=16, choices=Specialisation.choices, default="general"
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_from",
    )
    # The name in force today, kept in step with CourtName by the registry services so that
    # lists of courts need no date lookup; history lives in CourtName.
    name_kk = models.CharField(_("name (Kazakh)"), max_length=300)
    name_ru = models.CharField(_("name (Russian)"), max_length=300)
    name_en = models.CharField(_("name (English)"), max_length=300)
    # Where the registry learnt of the court (a legal act's number and date, or a URL), and the
    # act that closed it or merged it into another: every row of the registry names its source.
    source = models.CharField(_("source"), max_length=500, blank=True)
    closing_basis = models.CharField(_("legal basis of the closing"), max_length=500, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("court")
        verbose_name_plural = _("courts")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="court_validity_ordered",
            ),
            models.CheckConstraint(
                condition=Q(level="supreme") | Q(parent__isnull=False),
                name="court_has_parent_unless_supreme",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localized(self, "name")


class CourtName(models.Model):
    """A court's name for a period. A case shows the name in force on the day it was reported."""

    court = models.ForeignKey(Court, on_delete=models.CASCADE, related_name="names")
    name_kk = models.CharField(_("name (Kazakh)"), max_length=300)
    name_ru = models.CharField(_("name (Russian)"), max_length=300)
    name_en = models.CharField(_("name (English)"), max_length=300)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    basis = models.CharField(_("legal basis"), max_length=300, blank=True)

    class Meta:
        ordering = ["court", "valid_from"]
        verbose_name = _("court name")
        verbose_name_plural = _("court names")
        constraints = [
            models.UniqueConstraint(fields=["court", "valid_from"], name="court_name_unique_start"),
            models.UniqueConstraint(
                fields=["court"], condition=Q(valid_to__isnull=True), name="court_one_current_name"
            ),
        ]

    def __str__(self) -> str:
        return localized(self, "name")

    @property
    def name(self) -> str:
        return localized(self, "name")


class HeadCount(models.Model):
    """Judges and staff of a court from a date on: the denominator of per-100-staff indicators."""

    court = models.ForeignKey(Court, on_delete=models.CASCADE, related_name="head_counts")
    period_start = models.DateField(_("from"))
    judges = models.PositiveIntegerField(_("judges"))
    staff = models.PositiveIntegerField(_("staff"))

    class Meta:
        ordering = ["court", "-period_start"]
        verbose_name = _("head-count")
        verbose_name_plural = _("head-counts")
        constraints = [
            models.UniqueConstraint(fields=["court", "period_start"], name="headcount_unique"),
            models.CheckConstraint(
                condition=Q(staff__gte=models.F("judges")), name="headcount_staff_includes_judges"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.court_id} {self.period_start}: {self.judges}/{self.staff}"


class Unit(models.Model):
    """The central department, or the territorial department in a regional-level court."""

    class Kind(models.TextChoices):
        CENTRAL = "central", _("central department")
        TERRITORIAL = "territorial", _("territorial department")

    code = models.CharField(_("code"), max_length=32, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    # The court whose registry the unit sits in; a territorial unit covers it and its children.
    court = models.OneToOneField(
        Court, verbose_name=_("court"), on_delete=models.PROTECT, related_name="unit"
    )
    name_kk = models.CharField(_("name (Kazakh)"), max_length=300)
    name_ru = models.CharField(_("name (Russian)"), max_length=300)
    name_en = models.CharField(_("name (English)"), max_length=300)

    class Meta:
        ordering = ["kind", "code"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        constraints = [
            models.UniqueConstraint(
                fields=["kind"], condition=Q(kind="central"), name="unit_single_central"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localized(self, "name")

    @property
    def is_central(self) -> bool:
        return self.kind == self.Kind.CENTRAL


class Role(models.TextChoices):
    OPERATOR = "operator", _("trust-line operator")
    INVESTIGATOR = "investigator", _("investigator")
    CHIEF = "chief", _("territorial chief")
    COORDINATOR = "coordinator", _("central coordinator")
    ANALYST = "analyst", _("analyst")
    AUDITOR = "auditor", _("auditor")
    ADMINISTRATOR = "administrator", _("administrator")
    # Approves or refuses staff's requests to read a reporter's identity; handles no case.
    CUSTODIAN = "custodian", _("custodian of identities")
    # Not a person: the service account of an integration client (`IntegrationClient`).
    INTEGRATION = "integration", _("integration client")


# The roles a person may be given (the office's staff pages offer these, not INTEGRATION).
PERSON_ROLES = [(value, label) for value, label in Role.choices if value != Role.INTEGRATION]

# Roles that only make sense in the central department.
CENTRAL_ROLES = frozenset(
    {Role.COORDINATOR, Role.ANALYST, Role.AUDITOR, Role.ADMINISTRATOR, Role.CUSTODIAN}
)


class StaffMember(models.Model):
    """A user's place in the department: one unit, one role."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="staff"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="staff"
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    position = models.CharField(_("position"), max_length=200, blank=True)

    class Meta:
        ordering = ["unit", "role"]
        verbose_name = _("staff member")
        verbose_name_plural = _("staff members")

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


class IntegrationClient(models.Model):
    """Another system's key to /api/v1 (telephony, e-Otinish, a unit's ticketing system).

    It acts through a service account of its own (`account`: a staff member of `unit` in the
    role INTEGRATION, with no usable password), so that the one policy answers for it as for a
    person: it sees its unit's cases and registers appeals, never an identity, never another
    unit's case. `operations` narrows it further to the API operations named there (operation
    ids of /api/v1/openapi.json). Only an HMAC of its secret is kept.
    """

    name = models.CharField(_("name"), max_length=100, unique=True)
    client_id = models.CharField(_("client id"), max_length=40, unique=True)
    digest = models.CharField(max_length=64, unique=True)
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="integration_clients"
    )
    account = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="integration_client"
    )
    operations = models.JSONField(_("allowed operations"), default=list, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("integration client")
        verbose_name_plural = _("integration clients")

    def __str__(self) -> str:
        return self.name
