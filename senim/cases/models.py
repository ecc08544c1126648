"""Cases: an appeal being handled by a unit, through the lifecycle of ISO 37002."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from senim.core.models import TimeStampedModel
from senim.intake.models import Appeal
from senim.organization.models import Unit


class Status(models.TextChoices):
    RECEIVED = "received", _("received")
    ASSESSMENT = "assessment", _("assessment")
    INVESTIGATION = "investigation", _("investigation")
    CONCLUDED = "concluded", _("concluded")
    CLOSED = "closed", _("closed")


class Outcome(models.TextChoices):
    SUBSTANTIATED = "substantiated", _("substantiated")
    PARTLY = "partly", _("partly substantiated")
    NOT_SUBSTANTIATED = "not_substantiated", _("not substantiated")
    REFERRED_ACS = "referred_acs", _("referred to the anti-corruption service")
    REFERRED_PROSECUTOR = "referred_prosecutor", _("referred to the prosecutor")
    REFERRED_DISCIPLINARY = (
        "referred_disciplinary",
        _("referred to the disciplinary commission of judges"),
    )
    FORWARDED = "forwarded", _("forwarded to the competent body")
    NOT_SUBJECT = "not_subject", _("not subject to consideration")
    CONSULTATION = "consultation", _("consultation")
    MERGED = "merged", _("merged into another case (duplicate)")


class Priority(models.TextChoices):
    LOW = "low", _("low")
    NORMAL = "normal", _("normal")
    HIGH = "high", _("high")
    URGENT = "urgent", _("urgent")


class Risk(models.TextChoices):
    LOW = "low", _("low")
    MEDIUM = "medium", _("medium")
    HIGH = "high", _("high")


class Case(TimeStampedModel):
    appeal = models.OneToOneField(
        Appeal, verbose_name=_("appeal"), on_delete=models.PROTECT, related_name="case"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("responsible unit"), on_delete=models.PROTECT, related_name="cases"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.RECEIVED
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible investigator"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assigned_cases",
    )
    collaborators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("collaborators"),
        blank=True,
        related_name="collaborating_cases",
    )
    category = models.CharField(_("category"), max_length=16, blank=True)
    priority = models.CharField(
        _("priority"), max_length=8, choices=Priority.choices, default=Priority.NORMAL
    )
    due_on = models.DateField(_("due on"), null=True, blank=True)
    # The statutory date before any extension: extensions are capped from it.
    original_due_on = models.DateField(_("originally due on"), null=True, blank=True)
    forward_due_on = models.DateField(_("forwarding due on"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=24, choices=Outcome.choices, blank=True)
    findings = models.TextField(_("findings"), blank=True)
    measures = models.TextField(_("measures taken"), blank=True)
    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="duplicates"
    )
    retaliation_for = models.ForeignKey(
        "self",
        verbose_name=_("retaliation against the reporter of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="retaliation_reports",
    )
    monitoring_until = models.DateField(_("post-closure monitoring until"), null=True, blank=True)
    concluded_at = models.DateTimeField(_("concluded at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        indexes = [
            models.Index(fields=["unit", "status", "due_on"], name="case_unit_status_due"),
            models.Index(fields=["assignee", "status"], name="case_assignee_status"),
            # Open cases by deadline: the overdue and due-soon queue pages read it in order,
            # the sweep finds its work in it. Open cases are a few percent of the table.
            models.Index(
                fields=["due_on", "id"],
                condition=Q(status__in=["received", "assessment", "investigation"]),
                name="case_open_due",
            ),
            # The queue narrowed by status and category, newest first, without a sort.
            models.Index(fields=["status", "category", "id"], name="case_status_category"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["concluded", "closed"]) | Q(outcome=""),
                name="case_outcome_only_when_concluded",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["concluded", "closed"]) | ~Q(outcome=""),
                name="case_concluded_has_outcome",
            ),
            models.CheckConstraint(
                condition=Q(
                    status__in=["received", "assessment", "investigation", "concluded", "closed"]
                ),
                name="case_status_known",
            ),
            models.CheckConstraint(
                condition=Q(outcome="merged", duplicate_of__isnull=False)
                | (~Q(outcome="merged") & Q(duplicate_of__isnull=True)),
                name="case_merged_names_its_original",
            ),
        ]

    def __str__(self) -> str:
        return self.appeal.number


class CaseExclusion(models.Model):
    """Conflict of interest: this person may not see this case anywhere."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="exclusions")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="case_exclusions"
    )
    reason = models.CharField(_("reason"), max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "user"], name="case_exclusion_unique")
        ]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.user_id}"


class Assessment(models.Model):
    """Triage (ISO 37002 "assess"): what the department made of the appeal, and why."""

    class Competence(models.TextChoices):
        OURS = "ours", _("within our competence")
        OTHER = "other", _("another body's competence")

    class Decision(models.TextChoices):
        OPEN = "open", _("open a case")
        CONSULTATION = "consultation", _("consultation only")
        FORWARD = "forward", _("forward to the competent body")
        REDIRECT_ACS = "redirect_acs", _("redirect at once to the anti-corruption service")
        REDIRECT_PROSECUTOR = "redirect_prosecutor", _("redirect at once to the prosecutor")
        NOT_SUBJECT = "not_subject", _("not subject to consideration")
        MERGE = "merge", _("merge into an existing case (duplicate)")

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="assessment")
    competence = models.CharField(_("competence"), max_length=8, choices=Competence.choices)
    complete = models.BooleanField(_("complete"))
    relevant = models.BooleanField(_("relevant"))
    retaliation_risk = models.CharField(
        _("risk of retaliation"), max_length=8, choices=Risk.choices
    )
    offence_signs = models.BooleanField(
        _("signs of a criminal offence or a threat to security"), default=False
    )
    decision = models.CharField(_("decision"), max_length=24, choices=Decision.choices)
    reason = models.TextField(_("reason"), blank=True)
    forwarded_to = models.CharField(_("forwarded to"), max_length=300, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    decided_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.case_id}: {self.decision}"


class Note(models.Model):
    """An internal note: never shown to the reporter."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    body = models.TextField(_("note"))
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"note {self.pk} on {self.case_id}"


class ChecklistItem(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="checklist")
    title = models.CharField(_("step"), max_length=300)
    position = models.PositiveSmallIntegerField(default=0)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT
    )

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title


class Referral(models.Model):
    """A case sent to another body, and what became of it there (fed back for statistics)."""

    class Body(models.TextChoices):
        ACS = "acs", _("anti-corruption service")
        PROSECUTOR = "prosecutor", _("prosecutor")
        DISCIPLINARY = "disciplinary", _("disciplinary commission of judges")
        OTHER = "other", _("other competent body")

    class Result(models.TextChoices):
        PENDING = "pending", _("no answer yet")
        INVESTIGATION = "investigation", _("pre-trial investigation opened")
        REFUSED = "refused", _("investigation refused")
        CONVICTED = "convicted", _("conviction")
        ACQUITTED = "acquitted", _("acquittal")
        SANCTION = "sanction", _("disciplinary sanction")
        NO_SANCTION = "no_sanction", _("no sanction")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="referrals")
    body = models.CharField(_("receiving body"), max_length=16, choices=Body.choices)
    body_name = models.CharField(_("name of the body"), max_length=300, blank=True)
    sent_at = models.DateTimeField(_("sent at"))
    external_number = models.CharField(_("their number"), max_length=100, blank=True)
    result = models.CharField(
        _("result"), max_length=16, choices=Result.choices, default=Result.PENDING
    )
    result_note = models.TextField(_("verdict or sanction"), blank=True)
    result_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.case_id} → {self.body}"


class Extension(models.Model):
    """A chief's reasoned decision to extend the deadline; the reporter must hear of it."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="extensions")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    decided_at = models.DateTimeField()
    reason = models.TextField(_("reasons"))
    previous_due_on = models.DateField()
    new_due_on = models.DateField(_("new deadline"))
    notify_due_on = models.DateField(_("reporter to be notified by"))
    notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["decided_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(new_due_on__gt=models.F("previous_due_on")),
                name="extension_moves_forward",
            )
        ]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.previous_due_on} → {self.new_due_on}"


class Answer(models.Model):
    """The reasoned answer to the reporter: drafted, reviewed, signed off, issued."""

    class State(models.TextChoices):
        DRAFT = "draft", _("draft")
        REVIEWED = "reviewed", _("reviewed")
        SIGNED = "signed", _("signed off")
        ISSUED = "issued", _("issued")

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="answer")
    language = models.CharField(_("language"), max_length=2)
    body = models.TextField(_("text of the answer"))
    state = models.CharField(_("state"), max_length=8, choices=State.choices, default="draft")
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    signed_at = models.DateTimeField(null=True, blank=True)
    issued_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"answer to {self.case_id} ({self.state})"


class Notification(models.Model):
    """A reminder or an escalation for a person; unique per case, kind and deadline so that
    the sweep can run any number of times."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", _("deadline approaching")
        OVERDUE = "overdue", _("deadline passed")
        NOTIFY_EXTENSION = "notify_extension", _("tell the reporter about the extension")
        NEW_CASE = "new_case", _("new appeal in the inbox")
        TASK_DUE = "task_due", _("central task due")
        ACKNOWLEDGE_DUE = "acknowledge_due", _("acknowledgement due (international timer)")
        FEEDBACK_DUE = "feedback_due", _("feedback to the reporter due (international timer)")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.CASCADE)
    task = models.ForeignKey("cases.CentralTask", null=True, blank=True, on_delete=models.CASCADE)
    kind = models.CharField(max_length=24, choices=Kind.choices)
    due_on = models.DateField()
    created_at = models.DateTimeField()
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        # A person's unread notices, newest first (the home page): a backlog sweep leaves
        # a coordinator tens of thousands of them.
        indexes = [
            models.Index(
                fields=["user", "-created_at"],
                condition=Q(read_at__isnull=True),
                name="notification_unread",
            )
        ]
        # NULLs are distinct in unique indexes, so each target gets its own partial one.
        constraints = [
            models.UniqueConstraint(
                fields=["user", "case", "kind", "due_on"],
                condition=Q(case__isnull=False),
                name="notification_once_per_case",
            ),
            models.UniqueConstraint(
                fields=["user", "task", "kind", "due_on"],
                condition=Q(task__isnull=False),
                name="notification_once_per_task",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} for {self.user_id}"


class CentralTask(models.Model):
    """An instruction from the central department to a territorial unit, with its deadline."""

    class State(models.TextChoices):
        OPEN = "open", _("open")
        RESPONDED = "responded", _("responded")
        ACCEPTED = "accepted", _("accepted")
        RETURNED = "returned", _("returned for more work")

    unit = models.ForeignKey(
        "organization.Unit", on_delete=models.PROTECT, related_name="central_tasks"
    )
    title = models.CharField(_("title"), max_length=300)
    instruction = models.TextField(_("instruction"))
    due_on = models.DateField(_("due on"))
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default="open")
    response = models.TextField(_("response"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()
    responded_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.title


class ProtectedPerson(models.Model):
    """A reporter under protection: HR events about them need an ACS representative."""

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="protection")
    since = models.DateField(_("protected since"))
    until = models.DateField(_("protected until"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)

    def __str__(self) -> str:
        return f"protection on {self.case_id}"


class HrEvent(models.Model):
    """An HR or disciplinary decision about a protected person (EU 2019/1937 art. 19 forms)."""

    class Kind(models.TextChoices):
        DISMISSAL = "dismissal", _("dismissal")
        DEMOTION = "demotion", _("demotion")
        TRANSFER = "transfer", _("transfer")
        PAY_CUT = "pay_cut", _("pay cut")
        APPRAISAL = "appraisal", _("negative appraisal")
        DISCIPLINARY = "disciplinary", _("disciplinary measure")
        COERCION = "coercion", _("coercion or intimidation")
        OSTRACISM = "ostracism", _("ostracism")
        DISCRIMINATION = "discrimination", _("discrimination")
        OTHER = "other", _("other")

    person = models.ForeignKey(ProtectedPerson, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    happened_on = models.DateField(_("date"))
    description = models.TextField(_("description"))
    # Required by law; a yes/no answer must be given, there is no default.
    acs_representative_present = models.BooleanField(
        _("an anti-corruption service representative took part")
    )
    representative_name = models.CharField(_("representative"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["happened_on"]

    def __str__(self) -> str:
        return f"{self.kind} {self.happened_on}"
