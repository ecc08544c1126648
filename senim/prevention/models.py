"""Prevention and oversight: plans, events, commissions, the risk register, the concept, GRECO.

Models stay thin: fields, choices, constraints. The rules (progress, completion, the risk band,
what is overdue) live in `rules.py`; who may see what in `selectors.py`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from senim.cases.models import Case
from senim.core import clock
from senim.core.i18n import localized
from senim.organization.models import Court, Unit


class WorkStatus(models.TextChoices):
    """The state of a piece of work: a plan measure, a resolution, an action, a concept measure."""

    PLANNED = "planned", _("planned")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")
    # A context of its own: "cancelled" is also a reception booking's status, which Russian and
    # Kazakh word differently.
    CANCELLED = "cancelled", pgettext_lazy("work status", "cancelled")


# Work still to be done: only this can be overdue.
OPEN_WORK = (WorkStatus.PLANNED, WorkStatus.IN_PROGRESS)


def _status_known(
    field: str, choices: type[models.TextChoices], name: str
) -> models.CheckConstraint:
    return models.CheckConstraint(condition=Q(**{f"{field}__in": choices.values}), name=name)


def _one_to_five(field: str, name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(**{f"{field}__gte": 1, f"{field}__lte": 5}), name=name
    )


# --- plans, measures, events ----------------------------------------------------------------


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
            _status_known("kind", PlanKind, "plan_kind_known"),
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
            _status_known("status", WorkStatus, "measure_status_known"),
            _status_known("counts", MeasureCounts, "measure_counts_known"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"


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
        constraints = [_status_known("kind", EventKind, "event_kind_known")]

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
            _status_known("category", ParticipantCategory, "attendance_category_known"),
        ]

    def __str__(self) -> str:
        return f"{self.category}: {self.count}"


class ProgressEntry(models.Model):
    """A step of a measure's progress: from an event, or reported by hand with evidence."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="entries")
    event = models.ForeignKey(
        Event, null=True, blank=True, on_delete=models.CASCADE, related_name="progress_entries"
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


# --- public-council commissions -----------------------------------------------------------


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
            _status_known("level", CommissionLevel, "commission_level_known"),
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
        constraints = [_status_known("role", MemberRole, "member_role_known")]

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
            _status_known("status", WorkStatus, "resolution_status_known"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.text[:60]}"


# --- the corruption-risk register -----------------------------------------------------------


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
            _one_to_five("likelihood", "risk_likelihood_1_to_5"),
            _one_to_five("impact", "risk_impact_1_to_5"),
            _status_known("process", RiskProcess, "risk_process_known"),
            _status_known("risk_map", RiskMap, "risk_map_known"),
            _status_known("status", RiskStatus, "risk_status_known"),
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
            _one_to_five("likelihood", "review_likelihood_1_to_5"),
            _one_to_five("impact", "review_impact_1_to_5"),
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
        constraints = [_status_known("status", WorkStatus, "risk_action_status_known")]

    def __str__(self) -> str:
        return self.description[:60]


# --- the anti-corruption policy concept 2022-2026 -------------------------------------------


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
        constraints = [_status_known("status", WorkStatus, "concept_measure_status_known")]

    def __str__(self) -> str:
        return f"{self.number} {self.text[:60]}"

    @property
    def text(self) -> str:
        return localized(self, "text")


# --- GRECO ----------------------------------------------------------------------------------


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
            _status_known("kind", GrecoReportKind, "greco_report_kind_known"),
            _status_known("country_assessment", CountryAssessment, "greco_assessment_known"),
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
            _status_known("status", GrecoStatus, "greco_status_known"),
        ]

    def __str__(self) -> str:
        return f"{self.recommendation_id}/{self.report_id}: {self.status}"


# --- files and reminders --------------------------------------------------------------------

_OWNERS = ("measure", "event", "meeting", "greco_assessment")


def _exactly_one_owner() -> Q:
    condition = Q()
    for owner in _OWNERS:
        one = Q(**{f"{owner}__isnull": False})
        for other in _OWNERS:
            if other != owner:
                one &= Q(**{f"{other}__isnull": True})
        condition |= one
    return condition


class Document(models.Model):
    """Evidence, materials and photos: checked by content, image metadata stripped.

    They are not identities, so they are stored in the clear under a random name; staff get
    them only as downloads.
    """

    measure = models.ForeignKey(
        Measure, null=True, blank=True, on_delete=models.CASCADE, related_name="documents"
    )
    event = models.ForeignKey(
        Event, null=True, blank=True, on_delete=models.CASCADE, related_name="documents"
    )
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.CASCADE, related_name="documents"
    )
    greco_assessment = models.ForeignKey(
        GrecoAssessment, null=True, blank=True, on_delete=models.CASCADE, related_name="documents"
    )
    name = models.CharField(_("file name"), max_length=120)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    storage_name = models.CharField(max_length=200, unique=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=_exactly_one_owner(), name="document_one_owner")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


class ReminderKind(models.TextChoices):
    MEASURE_OVERDUE = "measure_overdue", _("plan measure overdue")
    RESOLUTION_OVERDUE = "resolution_overdue", _("commission resolution overdue")


class PreventionReminder(models.Model):
    """The sweep's reminder of an overdue measure or resolution; once per person, item and
    due date, so the sweep can run any number of times."""

    Kind = ReminderKind

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="prevention_reminders"
    )
    kind = models.CharField(max_length=24, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField()
    due_on = models.DateField()
    created_at = models.DateTimeField(default=clock.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "object_id", "due_on"], name="prevention_reminder_once"
            ),
            _status_known("kind", ReminderKind, "prevention_reminder_kind_known"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id} for {self.user_id}"
