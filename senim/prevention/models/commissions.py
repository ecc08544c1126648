"""Public-council anti-corruption commissions: members, meetings and their resolutions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from senim.core import clock
from senim.organization.models import Court, Unit
from senim.prevention.models.work import WorkStatus, completed_when_done, status_known


class CommissionLevel(models.TextChoices):
    REGIONAL = "regional", _("regional")
    DISTRICT = "district", _("district")


class Commission(models.Model):
    """A public-council anti-corruption commission (regional or district)."""

    Level = CommissionLevel

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="commissions"
    )
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    name = models.CharField(_("name"), max_length=300)
    court = models.ForeignKey(
        Court, verbose_name=_("court"), null=True, blank=True, on_delete=models.PROTECT
    )
    established_on = models.DateField(_("established on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["unit__code", "level", "name"]
        verbose_name = _("anti-corruption commission")
        verbose_name_plural = _("anti-corruption commissions")
        constraints = [
            models.UniqueConstraint(fields=["unit", "name"], name="commission_name_unique"),
            status_known("level", CommissionLevel, "commission_level_known"),
        ]

    def __str__(self) -> str:
        return self.name


class MemberRole(models.TextChoices):
    CHAIR = "chair", _("chair")
    DEPUTY = "deputy", _("deputy chair")
    SECRETARY = "secretary", _("secretary")
    MEMBER = "member", _("member")


class CommissionMember(models.Model):
    Role = MemberRole

    commission = models.ForeignKey(Commission, on_delete=models.CASCADE, related_name="members")
    full_name = models.CharField(_("full name"), max_length=200)
    role = models.CharField(_("role in the commission"), max_length=16, choices=Role.choices)
    affiliation = models.CharField(_("organisation or position"), max_length=300, blank=True)
    since = models.DateField(_("member since"), null=True, blank=True)

    class Meta:
        ordering = ["commission", "role", "full_name"]
        constraints = [status_known("role", MemberRole, "member_role_known")]

    def __str__(self) -> str:
        return self.full_name


class Meeting(models.Model):
    """A commission meeting: agenda, minutes, and the resolutions it took."""

    commission = models.ForeignKey(Commission, on_delete=models.CASCADE, related_name="meetings")
    number = models.PositiveIntegerField(_("number"))
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    agenda = models.TextField(_("agenda"))
    minutes = models.TextField(_("minutes"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["commission", "-held_on"]
        constraints = [
            models.UniqueConstraint(fields=["commission", "number"], name="meeting_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.commission} #{self.number}"


class Resolution(models.Model):
    """A resolution of a meeting: an owner, a due date and its follow-up."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="resolutions")
    number = models.CharField(_("number"), max_length=16)
    text = models.TextField(_("resolution"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    due_on = models.DateField(_("due on"))
    status = models.CharField(
        _("follow-up status"), max_length=16, choices=WorkStatus.choices, default=WorkStatus.PLANNED
    )
    follow_up = models.TextField(_("follow-up"), blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("resolution")
        verbose_name_plural = _("resolutions")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="resolution_number_unique"),
            status_known("status", WorkStatus, "resolution_status_known"),
            completed_when_done("resolution_completed_when_done"),
            # Done or cancelled, a resolution says how it was carried out, or why not.
            models.CheckConstraint(
                condition=~Q(status__in=[WorkStatus.DONE, WorkStatus.CANCELLED]) | ~Q(follow_up=""),
                name="resolution_closed_with_follow_up",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.text[:60]}"
