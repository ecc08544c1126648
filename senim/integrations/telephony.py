"""Calls announced by the call centre's system (Asterisk's ARI, any CTI): started, ended, and
their recordings; the operator's console offers each started call.

A call event names the operator by extension (`OperatorExtension`) or user name. The caller's
number is kept as a keyed hash (`caller_hash`), which recognises a caller who calls again and
cannot be turned back into the number; the number itself is sealed in the vault while the call
is open and kept, sealed, only when the call registered an appeal from a named reporter
(`on_registered`); otherwise the sealed copy is dropped when the call is recorded, or by the
sweep (`caller_numbers_forget`) when the operator never recorded it.

The console's start token carries the call's start time, so the trust line's record of the call
(`intake.Call`) has the operator and start time of its `PhoneCall`: that is how the two are
linked, in the registration's transaction for a report (`on_registered`), just after it for
any other outcome (`call_link`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import uuid

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Count, Max, OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from senim.accounts.models import User
from senim.core import clock
from senim.core.audit import audit
from senim.core.errors import DomainError, NotFound
from senim.intake import vault
from senim.intake.calls import LONGEST_CALL
from senim.intake.models import Appeal, Attachment, Call
from senim.integrations.models import CallRecording, OperatorExtension, PhoneCall
from senim.organization import policy
from senim.organization.policy import Capability

RECORDINGS_PREFIX = "recordings/"

# A recording is recognised by its content, whatever it is called.
RECORDING_TYPES = {
    "audio/wav": ".wav",
    "audio/ogg": ".ogg",
    "audio/mpeg": ".mp3",
}


# The operator records in the console whether the caller agreed to the call being recorded;
# without that agreement a recording is not kept, whenever it arrives.
NO_CONSENT = gettext_lazy(
    "The caller did not agree to the call being recorded: the recording is not kept."
)


class RecordingExists(DomainError):
    """The call has its recording already; a second one is refused, not stored beside it."""


def caller_hash(number: str) -> str:
    """A keyed hash of the caller's number (its digits, 8 7xx... read as +7 7xx...): the same
    for every call from that number, useless without the key, which is derived from the vault's
    secret and never stored."""
    digits = re.sub(r"\D", "", number)
    if len(digits) == 11 and digits.startswith("8"):
        digits = "7" + digits[1:]
    if not digits:
        return ""
    key = hashlib.blake2b(
        settings.SENIM_VAULT_KEY.encode(), digest_size=32, person=b"senim-caller"
    ).digest()
    return hmac.new(key, digits.encode(), hashlib.sha256).hexdigest()


def operator_find(name: str) -> User:
    """The trust-line operator a call event names, by extension first, then by user name."""
    name = name.strip()
    found = (
        OperatorExtension.objects.filter(extension=name).select_related("operator").first()
        if name
        else None
    )
    user = found.operator if found is not None else User.objects.filter(username=name).first()
    if user is None or not policy.may(user, Capability.TRUST_LINE):
        raise DomainError(_("No trust-line operator has this extension or user name."))
    return user


def _call(call_id: str, *, lock: bool = False) -> PhoneCall:
    calls = PhoneCall.objects.select_for_update() if lock else PhoneCall.objects
    found = calls.filter(call_id=call_id).first()
    if found is None:
        raise NotFound(_("No call has this id."))
    return found


@transaction.atomic
def call_started(
    *,
    actor: User | None,
    call_id: str,
    line: str,
    operator: str,
    started_at: dt.datetime,
    caller_number: str = "",
) -> tuple[PhoneCall, bool]:
    """Record a started call for its operator's console; (call, created). The same call
    announced again (a system retrying) is the same call."""
    existing = PhoneCall.objects.filter(call_id=call_id).first()
    if existing is not None:
        return existing, False
    user = operator_find(operator)
    now = clock.now()
    # A switch's clock a little ahead of ours would make the start "in the future", which the
    # trust line's record refuses; one far behind is a stale event.
    started_at = min(started_at, now)
    if now - started_at > LONGEST_CALL:
        raise DomainError(_("The call's start time is not plausible."))
    call = PhoneCall.objects.create(
        call_id=call_id,
        line=line.strip(),
        operator=user,
        started_at=started_at,
        caller_hash=caller_hash(caller_number),
        caller_sealed=vault.seal(caller_number.encode()) if caller_number.strip() else None,
    )
    audit(
        action="telephony.call_started",
        actor=actor,
        object_type="phone_call",
        object_id=call.pk,
        detail={"line": call.line, "operator": user.pk},
    )
    return call, True


@transaction.atomic
def call_ended(*, actor: User | None, call_id: str, ended_at: dt.datetime) -> PhoneCall:
    """The call is over (said again, nothing changes)."""
    call = _call(call_id, lock=True)
    if call.state == PhoneCall.State.ENDED:
        return call
    call.state = PhoneCall.State.ENDED
    call.ended_at = max(min(ended_at, clock.now()), call.started_at)
    call.save(update_fields=["state", "ended_at"])
    audit(
        action="telephony.call_ended",
        actor=actor,
        object_type="phone_call",
        object_id=call.pk,
        detail={"seconds": int((call.ended_at - call.started_at).total_seconds())},
    )
    return call


def _recording_type(data: bytes) -> str | None:
    if data[:4] == b"RIFF" and data[8:12] == b"WAVE":
        return "audio/wav"
    if data.startswith(b"OggS"):
        return "audio/ogg"
    if data.startswith(b"ID3") or data[:2] in (b"\xff\xfb", b"\xff\xf3", b"\xff\xf2"):
        return "audio/mpeg"
    return None


def recording_too_large(size: int) -> bool:
    return size > settings.SENIM_RECORDING_MAX_BYTES


def recording_check(data: bytes) -> str:
    """The recording's type by its content; refused when empty, too large or not audio."""
    if not data:
        raise DomainError(_("The recording is empty."))
    if recording_too_large(len(data)):
        raise DomainError(
            _("The recording is larger than %(size)d MB.")
            % {"size": settings.SENIM_RECORDING_MAX_BYTES // 2**20}
        )
    content_type = _recording_type(data)
    if content_type is None:
        raise DomainError(_("The recording is not of an accepted type (WAV, Ogg or MP3)."))
    return content_type


def recording_store(*, actor: User | None, call_id: str, data: bytes) -> CallRecording:
    """Check a call's recording, seal it into storage and link it to the call, and to the
    call's appeal when it registered one; audited. Sealing happens before the transaction;
    a refused or failed write deletes the sealed file again."""
    content_type = recording_check(data)
    _call(call_id)  # an unknown call is refused before anything is written
    name = default_storage.save(
        f"{RECORDINGS_PREFIX}{uuid.uuid4().hex}", ContentFile(vault.seal(data))
    )
    try:
        with transaction.atomic():
            call = _call(call_id, lock=True)
            if CallRecording.objects.filter(call=call).exists():
                raise RecordingExists(_("This call's recording has been received already."))
            record = Call.objects.filter(pk=call.record_id).first() if call.record_id else None
            if record is not None and not record.recording_consent:
                raise DomainError(NO_CONSENT)
            recording = CallRecording.objects.create(
                call=call, storage_name=name, content_type=content_type, size=len(data)
            )
            audit(
                action="telephony.recording_stored",
                actor=actor,
                object_type="phone_call",
                object_id=call.pk,
                detail={"size": len(data), "type": content_type},
            )
            if record is not None and record.appeal is not None:
                _attach(recording, record.appeal)
    except BaseException:
        default_storage.delete(name)
        raise
    return recording


def _discard(recording: CallRecording) -> None:
    """The caller did not agree to the recording (the operator recorded it so): it goes, its
    sealed file once the transaction has committed."""
    name = recording.storage_name
    call_pk = recording.call_id
    recording.delete()
    transaction.on_commit(lambda: default_storage.delete(name))
    audit(
        action="telephony.recording_discarded",
        object_type="phone_call",
        object_id=call_pk,
        detail={"reason": "no consent"},
    )


def _attach(recording: CallRecording, appeal: Appeal) -> None:
    """The recording becomes one of the appeal's files, under a name that says nothing of the
    caller; the case page offers it as it offers the others."""
    name = "call-recording" + RECORDING_TYPES[recording.content_type]
    recording.attachment = Attachment.objects.create(
        appeal=appeal,
        storage_name=recording.storage_name,
        name=name,
        sealed_name=vault.seal(name.encode()),
        content_type=recording.content_type,
        size=recording.size,
    )
    recording.save(update_fields=["attachment"])
    audit(
        action="telephony.recording_attached",
        object_type="appeal",
        object_id=appeal.number,
        detail={"call": recording.call_id},
    )


def on_registered(appeal: Appeal) -> None:
    """In the registration's transaction: a trust-line appeal takes the call it came by, that
    call's recording if it has arrived, and keeps the caller's sealed number only when the
    reporter gave their name."""
    record = Call.objects.filter(appeal=appeal).first()
    if record is None:
        return
    call = (
        PhoneCall.objects.select_for_update()
        .filter(operator_id=record.operator_id, started_at=record.started_at, record=None)
        .first()
    )
    if call is None:
        return
    call.record = record
    if appeal.is_anonymous:
        call.caller_sealed = None
    call.save(update_fields=["record", "caller_sealed"])
    recording = CallRecording.objects.filter(call=call, attachment=None).first()
    if recording is not None and record.recording_consent:
        _attach(recording, appeal)
    elif recording is not None:
        _discard(recording)


def on_disposed(appeal: Appeal) -> None:
    """In the disposal's transaction (`senim.cases.retention`): the call's recording goes,
    its sealed file once the transaction has committed, and so does the caller's sealed
    number; the call's times and its keyed hash stay with the minimal record."""
    calls = PhoneCall.objects.filter(record__appeal=appeal)
    names = list(
        CallRecording.objects.filter(call__in=calls).values_list("storage_name", flat=True)
    )
    CallRecording.objects.filter(call__in=calls).delete()
    calls.update(caller_sealed=None)

    def delete_files() -> None:
        for name in names:
            default_storage.delete(name)

    if names:
        transaction.on_commit(delete_files)


@transaction.atomic
def call_link(record: Call) -> PhoneCall | None:
    """A call recorded without an appeal (a consultation, a referral) takes its `PhoneCall`,
    which leaves the console; the caller's number is not kept, even sealed."""
    call = (
        PhoneCall.objects.select_for_update()
        .filter(operator_id=record.operator_id, started_at=record.started_at, record=None)
        .first()
    )
    if call is None:
        return None
    call.record = record
    call.caller_sealed = None
    call.save(update_fields=["record", "caller_sealed"])
    recording = CallRecording.objects.filter(call=call).first()
    if recording is not None and not record.recording_consent:
        _discard(recording)
    return call


def calls_offered(operator: User) -> QuerySet[PhoneCall]:
    """The operator's calls not yet recorded, newest first, each with how often its number
    called before (`earlier_calls`) and when it last did (`last_called_at`)."""
    earlier = PhoneCall.objects.filter(
        caller_hash=OuterRef("caller_hash"), started_at__lt=OuterRef("started_at")
    ).exclude(caller_hash="")
    return (
        PhoneCall.objects.filter(
            operator=operator,
            record=None,
            started_at__gte=clock.now() - LONGEST_CALL,
        )
        .annotate(
            earlier_calls=Subquery(
                earlier.values("caller_hash").annotate(n=Count("pk")).values("n")[:1]
            ),
            last_called_at=Subquery(
                earlier.values("caller_hash").annotate(at=Max("started_at")).values("at")[:1]
            ),
        )
        .order_by("-started_at")[:20]
    )


def call_offered(operator: User, pk: int) -> PhoneCall | None:
    """One of the operator's calls still to be recorded, or None."""
    return (
        PhoneCall.objects.filter(
            pk=pk, operator=operator, record=None, started_at__gte=clock.now() - LONGEST_CALL
        )
        .filter(Q(state=PhoneCall.State.RINGING) | Q(state=PhoneCall.State.ENDED))
        .first()
    )


def caller_numbers_forget() -> int:
    """The sweep: sealed numbers of calls nobody recorded (an operator who never opened the
    call) are dropped once the call could no longer be recorded."""
    return PhoneCall.objects.filter(
        record=None,
        started_at__lt=clock.now() - LONGEST_CALL,
        caller_sealed__isnull=False,
    ).update(caller_sealed=None)


@transaction.atomic
def extension_set(*, extension: str, username: str, actor: User | None = None) -> None:
    """Call events name `username` by `extension` from now on (an extension moves with it)."""
    user = User.objects.filter(username=username).first()
    if user is None or not policy.may(user, Capability.TRUST_LINE):
        raise DomainError(_("No trust-line operator has this user name."))
    extension = extension.strip()
    if not extension:
        raise DomainError(_("Give the extension."))
    OperatorExtension.objects.filter(extension=extension).exclude(operator=user).delete()
    OperatorExtension.objects.update_or_create(operator=user, defaults={"extension": extension})
    audit(
        action="telephony.extension_set",
        actor=actor,
        object_type="user",
        object_id=user.pk,
        detail={"extension": extension},
    )
