"""Other systems' records beside Senim's own: e-Otinish's numbers of the appeals it sent and
what must be told back to it, and the call centre's calls with their recordings."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from senim.intake.models import Appeal, Attachment, Call


class ExternalSystem(models.TextChoices):
    E_OTINISH = "e_otinish", _("e-Otinish")


class ExternalAppeal(models.Model):
    """An appeal that came from another system, under that system's number: one appeal per
    number and system, which is what makes importing the same batch twice register nothing."""

    system = models.CharField(_("system"), max_length=16, choices=ExternalSystem.choices)
    number = models.CharField(_("external number"), max_length=64)
    appeal = models.OneToOneField(Appeal, on_delete=models.CASCADE, related_name="external")
    received_at = models.DateTimeField(_("received by the system at"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("appeal from another system")
        verbose_name_plural = _("appeals from other systems")
        constraints = [
            models.UniqueConstraint(fields=["system", "number"], name="external_number_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.system} {self.number}"


class ExternalReport(models.Model):
    """What must be told back to the system an appeal came from (a status, the answer): the
    outbox. Written in the transaction of what it tells of, delivered by the task worker
    through the system's adapter after commit (`senim.integrations.eotinish`)."""

    class Kind(models.TextChoices):
        STATUS = "status", _("status")
        ANSWER = "answer", _("answer")

    class State(models.TextChoices):
        PENDING = "pending", _("waiting to be sent")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")

    link = models.ForeignKey(ExternalAppeal, on_delete=models.CASCADE, related_name="reports")
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    # The case's status when it was written (a status report), or the answer's state.
    status = models.CharField(_("status"), max_length=24)
    state = models.CharField(_("state"), max_length=8, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField()
    # Not before this; a worker that claimed it holds it for the task lease from `attempted_at`.
    next_attempt_at = models.DateTimeField()
    attempted_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # The kind of error only: a connector's own text may quote what it sent.
    failure = models.CharField(max_length=120, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("report to another system")
        verbose_name_plural = _("reports to other systems")
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="external_report_queue")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state__in=["pending", "sent", "failed"]),
                name="external_report_state_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.link_id} {self.kind} {self.status} {self.state}"


class OperatorExtension(models.Model):
    """The call centre's extension of a trust-line operator, as its call events name them."""

    extension = models.CharField(_("extension"), max_length=32, unique=True)
    operator = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="phone_extension"
    )

    class Meta:
        verbose_name = _("operator's extension")
        verbose_name_plural = _("operators' extensions")

    def __str__(self) -> str:
        return self.extension


class PhoneCall(models.Model):
    """A call as the call centre's system announced it (`senim.integrations.telephony`).

    The caller's number is never kept in the clear: `caller_hash` (a keyed hash) recognises a
    caller who calls again; `caller_sealed` holds the number sealed in the vault while the call
    is open, and afterwards only for a call that registered an appeal from a named reporter.
    `record` is the trust line's own record of the call, once the operator has made it.
    """

    class State(models.TextChoices):
        RINGING = "ringing", _("in progress")
        ENDED = "ended", _("ended")

    call_id = models.CharField(_("call id"), max_length=100, unique=True)
    line = models.CharField(_("line"), max_length=64)
    operator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="phone_calls"
    )
    state = models.CharField(_("state"), max_length=8, choices=State.choices, default=State.RINGING)
    started_at = models.DateTimeField(_("call started"))
    ended_at = models.DateTimeField(_("call ended"), null=True, blank=True)
    caller_hash = models.CharField(max_length=64, blank=True, db_index=True)
    caller_sealed = models.BinaryField(null=True, blank=True, editable=False)
    record = models.OneToOneField(
        Call, null=True, blank=True, on_delete=models.SET_NULL, related_name="telephony"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("telephony call")
        verbose_name_plural = _("telephony calls")
        indexes = [models.Index(fields=["operator", "started_at"], name="phone_call_operator")]

    def __str__(self) -> str:
        return self.call_id


class CallRecording(models.Model):
    """A call's recording, sealed in storage like evidence files. When the call registered an
    appeal it is also one of the appeal's files (`attachment`), downloaded from the case page
    by those who may see the case, as any other file is."""

    call = models.OneToOneField(PhoneCall, on_delete=models.CASCADE, related_name="recording")
    storage_name = models.CharField(max_length=200, unique=True)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField(_("size"))
    attachment = models.OneToOneField(
        Attachment, null=True, blank=True, on_delete=models.SET_NULL, related_name="recording"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("call recording")
        verbose_name_plural = _("call recordings")

    def __str__(self) -> str:
        return f"recording of {self.call_id}"
