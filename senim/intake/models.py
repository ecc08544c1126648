"""The register of appeals: every channel writes here, every appeal has a coupon number."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from senim.core import wordforms
from senim.core.models import TimeStampedModel
from senim.intake.anonymity import AnonymousPolicy
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


class ContactBy(models.TextChoices):
    MAILBOX = "mailbox", _("only through the mailbox with my receipt code")
    EMAIL = "email", _("also by e-mail")
    SMS = "sms", _("also by SMS")


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
    occurred_when = models.CharField(_("when it happened"), max_length=200, blank=True)
    occurred_where = models.CharField(_("where it happened"), max_length=300, blank=True)
    how_known = models.TextField(_("how the reporter knows"), blank=True)
    disclosure_consent = models.BooleanField(_("consents to identity disclosure"), default=False)
    contact_by = models.CharField(
        _("how the reporter wants to be told of messages"),
        max_length=8,
        choices=ContactBy.choices,
        default=ContactBy.MAILBOX,
    )
    # Oral appeals (calls, receptions): the reporter heard or read the record and confirmed it.
    reporter_confirmed = models.BooleanField(_("record confirmed by the reporter"), default=False)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("received by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="received_appeals",
    )
    # The stems of the searchable fields and of the people concerned (senim.core.wordforms):
    # what full-text search indexes on both databases (migration cases 0011). Kept by `save`
    # and, once the people are written, by `search_text_refresh`.
    search_text = models.TextField(editable=False, blank=True, default="")

    class Meta:
        ordering = ["-registered_at"]
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")
        indexes = [models.Index(fields=["court", "registered_at"], name="appeal_court_time")]

    def __str__(self) -> str:
        return self.number

    SEARCHED_FIELDS = frozenset({"subject", "text", "occurred_where"})

    def search_text_compute(self, people: list[str] | None = None) -> str:
        if people is None:
            people = []
            if self.pk is not None:
                for name, position in self.people.values_list("name", "position"):
                    people += [name, position]
        return wordforms.index_text([self.subject, self.text, self.occurred_where, *people])

    def save(self, *args: Any, **kwargs: Any) -> None:
        fields = kwargs.get("update_fields")
        if self._state.adding and self.search_text:
            pass  # computed by the caller with the people it is about to write
        elif fields is None or self.SEARCHED_FIELDS & set(fields):
            self.search_text = self.search_text_compute()
            if fields is not None:
                kwargs["update_fields"] = {*fields, "search_text"}
        super().save(*args, **kwargs)

    def search_text_refresh(self) -> None:
        """Recompute the stored search text after the appeal's people changed."""
        self.search_text = self.search_text_compute()
        Appeal.objects.filter(pk=self.pk).update(search_text=self.search_text)


class PersonConcerned(models.Model):
    """A court official the appeal is about (name and position as the reporter gave them)."""

    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, related_name="people")
    name = models.CharField(_("name"), max_length=200)
    position = models.CharField(_("position"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("person concerned")
        verbose_name_plural = _("people concerned")

    def __str__(self) -> str:
        return f"{self.name} ({self.position})" if self.position else self.name


class ReporterIdentity(models.Model):
    """Who reported and how to reach them, sealed in the vault (see `intake.vault`)."""

    appeal = models.OneToOneField(Appeal, on_delete=models.CASCADE, related_name="identity")
    sealed = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"identity of {self.appeal_id}"


class Mailbox(models.Model):
    """The reporter's two-way channel, found only through the receipt code's KDF."""

    appeal = models.OneToOneField(Appeal, on_delete=models.CASCADE, related_name="mailbox")
    lookup = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"mailbox of {self.appeal_id}"


class MessageDirection(models.TextChoices):
    FROM_REPORTER = "in", _("from the reporter")
    TO_REPORTER = "out", _("to the reporter")


class MailboxMessage(models.Model):
    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, related_name="messages")
    direction = models.CharField(_("direction"), max_length=3, choices=MessageDirection.choices)
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    body = models.TextField(_("message"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT
    )
    created_at = models.DateTimeField(_("sent at"))
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")

    def __str__(self) -> str:
        return f"{self.appeal_id} {self.direction} {self.created_at:%Y-%m-%d}"


class Delivery(models.Model):
    """One delivery of a mailbox message to the reporter outside the mailbox (e-mail or SMS).

    The row exists only when the reporter's contact choice allows that channel (see
    `senim.intake.delivery`). Its state says what became of it, so that a worker killed halfway
    leaves a trace: `sending` is written, with the audit entry for reading the identity, before
    anything leaves; a row found still `sending` after the lease is `interrupted` (it may or
    may not have gone out) and is never sent a second time.
    """

    class Kind(models.TextChoices):
        MESSAGE = "message", _("message")
        ANSWER = "answer", _("answer")
        EXTENSION = "extension", _("extension of the deadline")
        FORWARDING = "forwarding", _("forwarding to another body")

    class State(models.TextChoices):
        PENDING = "pending", _("waiting to be sent")
        SENDING = "sending", _("being sent")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")
        INTERRUPTED = "interrupted", _("interrupted, may not have arrived")

    message = models.ForeignKey(MailboxMessage, on_delete=models.CASCADE, related_name="deliveries")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    channel = models.CharField(_("channel"), max_length=8, choices=ContactBy.choices)
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=State.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    # The answer's PDF for an e-mail, sealed in the vault like everything else of the reporter's.
    enclosure = models.BinaryField(blank=True, default=b"")
    created_at = models.DateTimeField()
    enqueued_at = models.DateTimeField(null=True, blank=True)
    attempted_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # The kind of error only (`SMTPRecipientsRefused`): a backend's own text names the address.
    failure = models.CharField(max_length=120, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("delivery to the reporter")
        verbose_name_plural = _("deliveries to the reporter")
        constraints = [
            models.UniqueConstraint(
                fields=["message", "channel"], name="delivery_once_per_channel"
            ),
            # The mailbox is not a delivery: the message itself is there.
            models.CheckConstraint(
                condition=models.Q(channel__in=["email", "sms"]), name="delivery_outside_mailbox"
            ),
            models.CheckConstraint(
                condition=models.Q(
                    state__in=["pending", "sending", "sent", "failed", "interrupted"]
                ),
                name="delivery_state_known",
            ),
        ]
        indexes = [models.Index(fields=["state", "enqueued_at"], name="delivery_state_queue")]

    def __str__(self) -> str:
        return f"{self.message_id} {self.channel} {self.state}"


class Attachment(models.Model):
    """An evidence file: sealed in storage under a random name, served to staff as a download."""

    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, related_name="attachments")
    message = models.ForeignKey(
        MailboxMessage, null=True, blank=True, on_delete=models.CASCADE, related_name="files"
    )
    storage_name = models.CharField(max_length=200, unique=True)
    # The name shown in lists is neutral ("file-1.pdf"): the name the file came with often
    # names its author ("scan_Ivanova.pdf"), so it is sealed like the file and opened only for
    # a download, which is audited.
    name = models.CharField(_("file name"), max_length=120)
    sealed_name = models.BinaryField(null=True, blank=True, editable=False)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("size"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.name


class CallOutcome(models.TextChoices):
    REPORT = "report", _("report registered")
    CONSULTATION = "consultation", _("consultation only")
    OUTSIDE = "outside", _("outside competence (referred elsewhere)")


class Call(models.Model):
    """A trust-line call, whatever came of it; only a report opens an appeal."""

    operator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="calls"
    )
    started_at = models.DateTimeField(_("call started"))
    ended_at = models.DateTimeField(_("call ended"))
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    recording_consent = models.BooleanField(_("consent to recording"), default=False)
    outcome = models.CharField(_("outcome"), max_length=16, choices=CallOutcome.choices)
    topic = models.CharField(_("consultation topic"), max_length=300, blank=True)
    referred_to = models.CharField(_("referred to"), max_length=300, blank=True)
    summary = models.TextField(_("transcript or summary"), blank=True)
    appeal = models.OneToOneField(
        Appeal, null=True, blank=True, on_delete=models.PROTECT, related_name="call"
    )

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_at__gte=models.F("started_at")),
                name="call_ends_after_start",
            ),
            models.CheckConstraint(
                condition=~models.Q(outcome="report") | models.Q(appeal__isnull=False),
                name="call_report_has_appeal",
            ),
        ]

    def __str__(self) -> str:
        return f"call {self.pk} {self.outcome}"


class ReceptionSlot(models.Model):
    """A time at the daily reception of a territorial chief."""

    unit = models.ForeignKey(
        "organization.Unit", on_delete=models.PROTECT, related_name="reception_slots"
    )
    starts_at = models.DateTimeField(_("starts at"))
    minutes = models.PositiveSmallIntegerField(_("length in minutes"), default=30)
    capacity = models.PositiveSmallIntegerField(_("capacity"), default=1)
    location = models.CharField(_("location"), max_length=300)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("reception slot")
        verbose_name_plural = _("reception slots")
        constraints = [
            models.UniqueConstraint(fields=["unit", "starts_at"], name="reception_slot_unique"),
            models.CheckConstraint(condition=models.Q(capacity__gte=1), name="slot_capacity_1"),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.starts_at:%Y-%m-%d %H:%M}"


class BookingStatus(models.TextChoices):
    BOOKED = "booked", _("booked")
    CANCELLED = "cancelled", _("cancelled")
    ATTENDED = "attended", _("attended")
    NO_SHOW = "no_show", _("did not come")


class ReceptionBooking(models.Model):
    """An appointment (or a walk-in) at the daily reception; name and phone are sealed."""

    number = models.CharField(_("booking number"), max_length=24, unique=True)
    slot = models.ForeignKey(
        ReceptionSlot, on_delete=models.PROTECT, related_name="bookings", null=True, blank=True
    )
    unit = models.ForeignKey(
        "organization.Unit", on_delete=models.PROTECT, related_name="reception_bookings"
    )
    day = models.DateField(_("day"))
    walk_in = models.BooleanField(_("walk-in"), default=False)
    sealed_contact = models.BinaryField()
    topic = models.CharField(_("topic"), max_length=300)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=BookingStatus.choices, default=BookingStatus.BOOKED
    )
    # The citizen cancels with this (hashed: it is a bearer secret like a receipt code).
    cancel_lookup = models.CharField(max_length=64, blank=True)
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT
    )
    appeal = models.OneToOneField(
        Appeal, null=True, blank=True, on_delete=models.PROTECT, related_name="reception"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["day", "slot__starts_at", "pk"]
        verbose_name = _("reception booking")
        verbose_name_plural = _("reception bookings")
        indexes = [models.Index(fields=["unit", "day"], name="booking_unit_day")]

    def __str__(self) -> str:
        return self.number
