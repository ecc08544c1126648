"""Events (trainings, briefings, visits, open days, media, meetings) and their attendance."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from senim.core import clock
from senim.organization.models import Unit
from senim.prevention.models.plans import Measure
from senim.prevention.models.work import status_known


class EventKind(models.TextChoices):
    TRAINING = "training", _("training of officials")
    BRIEFING = "briefing", _("briefing of officials")
    DETENTION_VISIT = "detention_visit", _("visit to a pre-trial detention centre")
    OPEN_DAY = "open_day", _("open day")
    MEDIA = "media", _("media appearance")
    PUBLIC_MEETING = "public_meeting", _("meeting with the public")


class Event(models.Model):
    """A training, briefing, visit, open day, media appearance or meeting with the public."""

    Kind = EventKind

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="prevention_events"
    )
    kind = models.CharField(_("kind of event"), max_length=16, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=300)
    organisers = models.CharField(_("organisers"), max_length=500, blank=True)
    measure = models.ForeignKey(
        Measure,
        verbose_name=_("plan measure it fulfils"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
    )
    result = models.TextField(_("result"), blank=True)
    staff_participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("staff taking part"), blank=True, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("prevention event")
        verbose_name_plural = _("prevention events")
        indexes = [models.Index(fields=["unit", "held_on"], name="event_unit_date")]
        constraints = [status_known("kind", EventKind, "event_kind_known")]

    def __str__(self) -> str:
        return self.title


class ParticipantCategory(models.TextChoices):
    JUDGES = "judges", _("judges")
    COURT_STAFF = "court_staff", _("court staff")
    OFFICIALS = "officials", _("officials of other bodies")
    DETAINEES = "detainees", _("persons held in detention")
    PUBLIC = "public", _("members of the public")
    JOURNALISTS = "journalists", _("journalists")
    STUDENTS = "students", _("students")


class Attendance(models.Model):
    """How many people of one category took part in an event."""

    Category = ParticipantCategory

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="attendance")
    category = models.CharField(_("category"), max_length=16, choices=Category.choices)
    count = models.PositiveIntegerField(_("number of people"))

    class Meta:
        ordering = ["event", "category"]
        constraints = [
            models.UniqueConstraint(fields=["event", "category"], name="attendance_unique"),
            models.CheckConstraint(condition=Q(count__gte=1), name="attendance_positive"),
            status_known("category", ParticipantCategory, "attendance_category_known"),
        ]

    def __str__(self) -> str:
        return f"{self.category}: {self.count}"
