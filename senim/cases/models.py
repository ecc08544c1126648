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
    # Spam (a flood of fabricated reports) is not an appeal considered on the merits: it has
    # no outcome, no deadline running, no answer, and it is left out of every indicator.
    SPAM = "spam", _("closed as spam")


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
            # A status in id order ("new, oldest first" on the home page): without it the
            # planner walked the primary key from the oldest case, through the closed ones.
            models.Index(fields=["status", "id"], name="case_status_id"),
            # The home page's counts by status and deadline, from the index alone (with the id
            # for the exclusions' anti-join), for the statuses counted, not the closed rows.
            models.Index(fields=["status", "due_on", "id"], name="case_status_due"),
            # The cases whose keeping has run out (senim.cases.retention), oldest closing first.
            models.Index(fields=["status", "closed_at"], name="case_status_closed"),
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
                    status__in=[
                        "received",
                        "assessment",
                        "investigation",
                        "concluded",
                        "closed",
                        "spam",
                    ]
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

    class Meta:
        # What the lifecycle table (`senim.cases.answers.ANSWER_STEPS`) implies for the row.
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state__in=["draft", "reviewed", "signed", "issued"]),
                name="answer_state_known",
            ),
            models.CheckConstraint(
                condition=~models.Q(state__in=["reviewed", "signed", "issued"])
                | models.Q(reviewed_by__isnull=False),
                name="answer_reviewed_has_reviewer",
            ),
            models.CheckConstraint(
                condition=~models.Q(state__in=["signed", "issued"])
                | models.Q(signed_by__isnull=False, signed_at__isnull=False),
                name="answer_signed_has_signer",
            ),
            models.CheckConstraint(
                condition=~models.Q(state="issued") | models.Q(issued_at__isnull=False),
                name="answer_issued_has_date",
            ),
        ]

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
        SURGE = "surge", _("surge of reports")
        REVEAL_WAITING = "reveal_waiting", _("identity reveal waiting for a custodian")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.CASCADE)
    task = models.ForeignKey("cases.CentralTask", null=True, blank=True, on_delete=models.CASCADE)
    surge = models.ForeignKey("cases.Surge", null=True, blank=True, on_delete=models.CASCADE)
    # A request to read a reporter's identity left waiting (`senim.cases.reveals`): no case,
    # since a custodian does not see cases; the notice names the request.
    reveal = models.ForeignKey(
        "cases.RevealRequest", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
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
            models.UniqueConstraint(
                fields=["user", "surge", "kind", "due_on"],
                condition=Q(surge__isnull=False),
                name="notification_once_per_surge",
            ),
            models.UniqueConstraint(
                fields=["user", "reveal", "kind"],
                condition=Q(reveal__isnull=False),
                name="notification_once_per_reveal",
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


class Surge(models.Model):
    """An abnormal number of registrations in one window, in a unit, a court or the country.

    Recorded by the sweep (`senim.cases.surges`) once per scope and window: a flood that goes
    on into the next window extends the open surge rather than making another.
    """

    class Scope(models.TextChoices):
        UNIT = "unit", _("territorial unit")
        COURT = "court", _("court")
        GLOBAL = "global", _("all courts")

    class State(models.TextChoices):
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")

    scope = models.CharField(_("scope"), max_length=8, choices=Scope.choices)
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT)
    court = models.ForeignKey("organization.Court", null=True, blank=True, on_delete=models.PROTECT)
    window_start = models.DateTimeField(_("from"))
    window_end = models.DateTimeField(_("until"))
    count = models.PositiveIntegerField(_("reports registered"))
    baseline = models.FloatField(_("usual number in such a window"))
    threshold = models.PositiveIntegerField(_("threshold"))
    detected_at = models.DateTimeField(_("detected at"))
    state = models.CharField(_("state"), max_length=8, choices=State.choices, default="open")
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    close_note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["-window_start", "pk"]
        # NULLs are distinct in unique indexes: one partial index per kind of scope. Two
        # sweeps (or two hosts) recording the same surge collide here.
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "window_start"],
                condition=Q(scope="unit"),
                name="surge_once_per_unit_window",
            ),
            models.UniqueConstraint(
                fields=["court", "window_start"],
                condition=Q(scope="court"),
                name="surge_once_per_court_window",
            ),
            models.UniqueConstraint(
                fields=["window_start"],
                condition=Q(scope="global"),
                name="surge_once_per_global_window",
            ),
            models.CheckConstraint(
                condition=Q(scope="unit", unit__isnull=False, court__isnull=True)
                | Q(scope="court", unit__isnull=True, court__isnull=False)
                | Q(scope="global", unit__isnull=True, court__isnull=True),
                name="surge_scope_names_its_place",
            ),
            models.CheckConstraint(
                condition=Q(window_end__gt=models.F("window_start")), name="surge_window_forward"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.scope} {self.window_start:%Y-%m-%d %H:%M}"


class SpamDecision(models.Model):
    """One reasoned decision of the central department on a set of cases: closing them as
    spam, or reopening cases that were closed as spam by mistake."""

    class Action(models.TextChoices):
        CLOSE = "close", _("closed as spam")
        REOPEN = "reopen", _("reopened")

    action = models.CharField(_("decision"), max_length=8, choices=Action.choices)
    surge = models.ForeignKey(
        Surge, null=True, blank=True, on_delete=models.PROTECT, related_name="decisions"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"))
    reason = models.TextField(_("reasons"))
    count = models.PositiveIntegerField(_("cases"))
    skipped = models.PositiveIntegerField(_("selected cases left as they were"), default=0)

    class Meta:
        ordering = ["-decided_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.action} {self.count} ({self.decided_at:%Y-%m-%d %H:%M})"


class SpamDecisionCase(models.Model):
    """A case a spam decision moved (its history reads it), and what reopening restores."""

    decision = models.ForeignKey(SpamDecision, on_delete=models.PROTECT, related_name="entries")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="spam_entries")
    from_status = models.CharField(max_length=16)
    to_status = models.CharField(max_length=16)
    # Working days that were left to the deadline when the case was closed as spam (None when
    # it was already overdue): reopening gives them back, counted from the reopening, since
    # the department could not work on a case it had closed.
    days_left = models.SmallIntegerField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["decision", "case"], name="spam_decision_case_once")
        ]

    def __str__(self) -> str:
        return f"{self.decision_id}: {self.case_id}"


class RevealRequest(models.Model):
    """A request to read a reporter's identity, decided by a custodian (not the requester).

    Its lifecycle is `senim.cases.reveals.REVEAL_STEPS`: pending -> approved | refused |
    withdrawn; approved -> expired once `valid_until` has passed. The constraints below are
    what the table implies for a row.
    """

    class State(models.TextChoices):
        PENDING = "pending", _("waiting for a custodian")
        APPROVED = "approved", _("approved")
        REFUSED = "refused", _("refused")
        WITHDRAWN = "withdrawn", _("withdrawn")
        EXPIRED = "expired", _("expired")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="reveal_requests")
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    reason = models.TextField(_("reason"), max_length=500)
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=State.PENDING
    )
    created_at = models.DateTimeField(_("requested at"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decision_reason = models.TextField(_("reason for the decision"), max_length=500, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    valid_until = models.DateTimeField(_("valid until"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("identity reveal request")
        verbose_name_plural = _("identity reveal requests")
        indexes = [
            # The custodians' list and the sweep: the requests waiting, oldest first.
            models.Index(
                fields=["created_at"], condition=Q(state="pending"), name="reveal_pending"
            ),
            # The sweep's expiry: approvals by the end of their validity.
            models.Index(
                fields=["valid_until"], condition=Q(state="approved"), name="reveal_approved"
            ),
            models.Index(fields=["case", "requester"], name="reveal_case_requester"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=["pending", "approved", "refused", "withdrawn", "expired"]),
                name="reveal_state_known",
            ),
            # One request waiting per person and case.
            models.UniqueConstraint(
                fields=["case", "requester"],
                condition=Q(state="pending"),
                name="reveal_one_pending",
            ),
            models.CheckConstraint(
                condition=~Q(state="pending")
                | Q(decided_by__isnull=True, decided_at__isnull=True, valid_until__isnull=True),
                name="reveal_pending_undecided",
            ),
            models.CheckConstraint(
                condition=Q(state="pending")
                | Q(decided_by__isnull=False, decided_at__isnull=False),
                name="reveal_decided_has_decider",
            ),
            models.CheckConstraint(
                condition=~Q(state__in=["approved", "expired"]) | Q(valid_until__isnull=False),
                name="reveal_approved_has_validity",
            ),
            # Nobody decides on their own request; a withdrawal is the requester's own.
            models.CheckConstraint(
                condition=~Q(state__in=["approved", "refused", "expired"])
                | ~Q(decided_by=models.F("requester")),
                name="reveal_not_self_approved",
            ),
            models.CheckConstraint(
                condition=~Q(state="withdrawn") | Q(decided_by=models.F("requester")),
                name="reveal_withdrawn_by_requester",
            ),
        ]

    def __str__(self) -> str:
        return f"reveal request {self.pk} on {self.case_id} ({self.state})"


# --- Records kept and disposed of by rule (`senim.cases.retention`) ---------------------------


class RetentionRule(models.Model):
    """How many years a finished case's content is kept, by category and outcome ("" = any;
    outcome "spam" for cases closed as spam). The most specific rule applies."""

    category = models.CharField(_("category"), max_length=16, blank=True)
    outcome = models.CharField(_("outcome"), max_length=24, blank=True)
    years = models.PositiveSmallIntegerField(_("years kept after closing"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["category", "outcome"], name="retention_rule_once"),
            models.CheckConstraint(condition=Q(years__gte=1), name="retention_at_least_a_year"),
        ]

    def __str__(self) -> str:
        return f"{self.category or '*'}/{self.outcome or '*'}: {self.years}"


class CaseRecord(models.Model):
    """A case's place in its records' life: a legal hold keeps it whatever its period says;
    `disposed_at` marks a case whose content was destroyed (its minimal record stays)."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="record")
    hold_reason = models.TextField(_("legal hold"), blank=True)
    hold_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    hold_at = models.DateTimeField(null=True, blank=True)
    disposed_at = models.DateTimeField(_("content destroyed at"), null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(hold_reason="") | Q(hold_at__isnull=False),
                name="record_hold_dated",
            ),
            models.CheckConstraint(
                condition=Q(disposed_at__isnull=True) | Q(hold_reason=""),
                name="record_held_not_disposed",
            ),
        ]

    def __str__(self) -> str:
        return f"record of {self.case_id}"


class DisposalBatch(models.Model):
    """A list of cases whose periods have run out, waiting for the central department's
    approval; approved, their content is destroyed by the sweep."""

    class State(models.TextChoices):
        PROPOSED = "proposed", _("waiting for approval")
        APPROVED = "approved", _("approved")
        DONE = "done", _("carried out")
        REJECTED = "rejected", _("rejected")

    state = models.CharField(max_length=12, choices=State.choices, default=State.PROPOSED)
    proposed_at = models.DateTimeField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            # One list waits at a time: the next is made when it is decided.
            models.UniqueConstraint(
                fields=["state"], condition=Q(state="proposed"), name="disposal_one_proposed"
            ),
            models.CheckConstraint(
                condition=Q(state="proposed") | Q(decided_by__isnull=False),
                name="disposal_decided_has_decider",
            ),
        ]

    def __str__(self) -> str:
        return f"disposal batch {self.pk} ({self.state})"


class DisposalItem(models.Model):
    batch = models.ForeignKey(DisposalBatch, on_delete=models.CASCADE, related_name="items")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    kept_until = models.DateField()
    rule = models.CharField(max_length=48)
    disposed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["batch", "case"], name="disposal_item_once"),
        ]

    def __str__(self) -> str:
        return f"case {self.case_id} in disposal batch {self.batch_id}"


class TaskReplyFile(models.Model):
    """A file a territorial department sends with its reply to a central task: checked and
    sealed like evidence (`senim.intake.attachments`), listed under a neutral name."""

    task = models.ForeignKey(CentralTask, on_delete=models.CASCADE, related_name="files")
    storage_name = models.CharField(max_length=200, unique=True)
    name = models.CharField(_("file name"), max_length=120)
    sealed_name = models.BinaryField(editable=False)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("size"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("file of a task's reply")
        verbose_name_plural = _("files of tasks' replies")

    def __str__(self) -> str:
        return self.name
