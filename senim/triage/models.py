"""Triage's own records: signatures of appeals, suggested matches, links between cases,
hotspots, and the central department's rules.

Nothing here copies a name or a report's text: an appeal's signature is a MinHash of its
normalised words, a person named is a keyed hash of the normalised name (`senim.triage.
signatures`), so a copy of these tables tells nobody who was named or what was written.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from senim.cases.models import Case, Priority
from senim.intake.models import Appeal
from senim.organization.models import Court, Unit


class AppealSignature(models.Model):
    """The MinHash signature of one appeal's words (what its bands were cut from)."""

    appeal = models.OneToOneField(
        Appeal, primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    # NUM_PERM unsigned 32-bit values, little-endian.
    minhash = models.BinaryField()
    # Repeated from the appeal so that the candidates' facts come with their signature.
    registered_at = models.DateTimeField()
    court = models.ForeignKey(Court, on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return f"signature of {self.appeal_id}"


class SignatureBand(models.Model):
    """One LSH band of an appeal's signature: appeals sharing a band's key are candidates.

    The key is a 63-bit hash of (band number, the band's values), so one index on (key,
    registered_at) answers a lookup with one short range scan per band, newest first."""

    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, related_name="+")
    key = models.BigIntegerField()
    registered_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["key", "-registered_at"], name="triage_band_key")]

    def __str__(self) -> str:
        return f"{self.appeal_id}: {self.key}"


class NamedPerson(models.Model):
    """A person an appeal names, as a keyed hash of the normalised name (no plaintext)."""

    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=32)
    registered_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["key", "-registered_at"], name="triage_person_key")]

    def __str__(self) -> str:
        return f"{self.appeal_id}: {self.key[:8]}"


class Suggestion(models.Model):
    """An earlier case found likely to be the same matter as a newly registered one."""

    class State(models.TextChoices):
        OPEN = "open", _("to decide")
        RELATED = "related", _("linked as related")
        JOINED = "joined", _("joined as a duplicate")
        DISMISSED = "dismissed", _("dismissed")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    earlier = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    # Estimated Jaccard similarity of the two texts' words (0..1).
    similarity = models.FloatField()
    same_court = models.BooleanField(default=False)
    same_person = models.BooleanField(default=False)
    days_apart = models.PositiveIntegerField(default=0)
    state = models.CharField(max_length=12, choices=State.choices, default=State.OPEN)
    created_at = models.DateTimeField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-similarity", "pk"]
        indexes = [models.Index(fields=["earlier"], name="triage_suggestion_earlier")]
        constraints = [
            models.UniqueConstraint(fields=["case", "earlier"], name="triage_suggestion_once"),
            models.CheckConstraint(
                condition=~Q(case=models.F("earlier")), name="triage_suggestion_not_itself"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} ~ {self.earlier_id} ({self.similarity:.2f})"


class CaseLink(models.Model):
    """Two cases about related matters; stored once (lower id first), shown on both."""

    first = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["second"], name="triage_link_second")]
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="triage_link_once"),
            models.CheckConstraint(
                condition=Q(first__lt=models.F("second")), name="triage_link_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_id} — {self.second_id}"


class HotspotThreshold(models.Model):
    """The central department's threshold for one kind of subject: more reports than
    `threshold` within `window_days` (per 100 staff for a court whose head-count is known)."""

    class Scope(models.TextChoices):
        COURT = "court", _("court")
        UNIT = "unit", _("territorial unit")
        PERSON = "person", _("named official")

    scope = models.CharField(_("subject"), max_length=8, choices=Scope.choices, unique=True)
    threshold = models.FloatField(_("threshold"))
    window_days = models.PositiveIntegerField(_("window in days"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.scope}: {self.threshold}/{self.window_days}d"


class Hotspot(models.Model):
    """A court, a unit or a named official the subject of more reports than the threshold."""

    Scope = HotspotThreshold.Scope

    class State(models.TextChoices):
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")

    scope = models.CharField(_("subject"), max_length=8, choices=Scope.choices)
    court = models.ForeignKey(Court, null=True, blank=True, on_delete=models.PROTECT)
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT)
    person_key = models.CharField(max_length=32, blank=True)
    window_start = models.DateTimeField(_("from"))
    window_end = models.DateTimeField(_("until"))
    count = models.PositiveIntegerField(_("reports"))
    # Reports per 100 staff for a court with a head-count; otherwise the count.
    rate = models.FloatField(_("rate"))
    per_staff = models.BooleanField(default=False)
    threshold = models.FloatField(_("threshold"))
    detected_at = models.DateTimeField(_("detected at"))
    state = models.CharField(_("state"), max_length=8, choices=State.choices, default="open")
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-state", "-detected_at", "pk"]
        # One open alert per subject: the next sweep updates it rather than raising another.
        constraints = [
            # NULLs are distinct in unique indexes: one partial index per kind of subject.
            models.UniqueConstraint(
                fields=["court"],
                condition=Q(state="open", scope="court"),
                name="triage_hotspot_open_court",
            ),
            models.UniqueConstraint(
                fields=["unit"],
                condition=Q(state="open", scope="unit"),
                name="triage_hotspot_open_unit",
            ),
            models.UniqueConstraint(
                fields=["person_key"],
                condition=Q(state="open", scope="person"),
                name="triage_hotspot_open_person",
            ),
            models.CheckConstraint(
                condition=Q(scope="court", court__isnull=False, unit__isnull=True, person_key="")
                | Q(scope="unit", unit__isnull=False, court__isnull=True, person_key="")
                | Q(scope="person", unit__isnull=True, court__isnull=True) & ~Q(person_key=""),
                name="triage_hotspot_names_its_subject",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.scope} hotspot {self.pk}"


class TriageRule(models.Model):
    """A rule of the central department, evaluated when an appeal is registered."""

    class Action(models.TextChoices):
        PRIORITY = "priority", _("raise the priority")
        CENTRAL_REVIEW = "central_review", _("require central review")
        NOTIFY = "notify", _("notify a person")

    name = models.CharField(_("name"), max_length=200)
    # Words, one a line or separated by commas, matched in any of their forms.
    words = models.TextField(_("words (any form)"), blank=True)
    categories = models.CharField(_("categories"), max_length=200, blank=True)
    courts = models.ManyToManyField(Court, verbose_name=_("courts"), blank=True, related_name="+")
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    priority = models.CharField(_("priority"), max_length=8, choices=Priority.choices, blank=True)
    notify = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person to notify"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-active", "name", "pk"]

    def __str__(self) -> str:
        return self.name


class RuleFiring(models.Model):
    """A rule that fired on a case: shown on the case, audited."""

    rule = models.ForeignKey(TriageRule, on_delete=models.PROTECT, related_name="firings")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    action = models.CharField(max_length=16, choices=TriageRule.Action.choices)
    # Why: which of the rule's words, category or court matched (no text of the report).
    matched = models.JSONField(default=dict)
    fired_at = models.DateTimeField()
    # For central review: who reviewed it, when.
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["fired_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["rule", "case"], name="triage_rule_fires_once")
        ]

    def __str__(self) -> str:
        return f"{self.rule_id} on {self.case_id}"


class TriageNotice(models.Model):
    """A notice for one person: a hotspot raised, or a rule asking to notify them.

    (`cases.Notification` has a closed list of kinds and targets, which cannot grow without a
    migration of that app; the home page lists these beside it.)"""

    class Kind(models.TextChoices):
        HOTSPOT = "hotspot", _("hotspot of reports")
        RULE = "rule", _("triage rule fired")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="triage_notices"
    )
    kind = models.CharField(max_length=8, choices=Kind.choices)
    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.CASCADE)
    hotspot = models.ForeignKey(Hotspot, null=True, blank=True, on_delete=models.CASCADE)
    created_at = models.DateTimeField()
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(
                fields=["user", "-created_at"],
                condition=Q(read_at__isnull=True),
                name="triage_notice_unread",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} for {self.user_id}"
