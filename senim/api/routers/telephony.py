"""The call centre's system (Asterisk's ARI, any CTI) tells Senim of calls: started, ended, and
their recordings (docs/telephony.md). Client credentials with these operations allowed."""

from __future__ import annotations

import datetime as dt
import re

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import File, Router, Schema, Status
from ninja.files import UploadedFile
from pydantic import Field

from senim.api.auth import require
from senim.api.errors import Problem
from senim.core.errors import NotFound
from senim.integrations import telephony
from senim.integrations.models import PhoneCall
from senim.organization.policy import Capability

router = Router(tags=["telephony"])

CALL_ID = r"^[A-Za-z0-9._:@-]{1,100}$"
# Printable text only: no column takes a null character, and a line or a name has no controls.
PRINTABLE = r"^[^\x00-\x1f\x7f]*$"


class CallStartedIn(Schema):
    call_id: str = Field(pattern=CALL_ID, description="The switch's id of the call (unique)")
    line: str = Field(
        min_length=1, max_length=64, pattern=PRINTABLE, description="The line the caller dialled"
    )
    operator: str = Field(
        min_length=1,
        max_length=150,
        pattern=PRINTABLE,
        description="The operator's extension or user name",
    )
    started_at: dt.datetime = Field(description="When the call started, with its UTC offset")
    caller_number: str = Field(
        default="",
        max_length=32,
        pattern=PRINTABLE,
        description="The caller's number; never stored in the clear (a keyed hash)",
    )


class CallEndedIn(Schema):
    ended_at: dt.datetime = Field(description="When the call ended, with its UTC offset")


class CallOut(Schema):
    call_id: str
    line: str
    state: str
    started_at: dt.datetime
    ended_at: dt.datetime | None
    recorded: bool  # the operator has recorded the call in the console
    has_recording: bool


class RecordingOut(Schema):
    call_id: str
    content_type: str
    size: int
    on_case: bool  # the call registered an appeal, whose case now offers the recording


def _out(call: PhoneCall) -> CallOut:
    return CallOut(
        call_id=call.call_id,
        line=call.line,
        state=call.state,
        started_at=call.started_at,
        ended_at=call.ended_at,
        recorded=call.record_id is not None,
        has_recording=hasattr(call, "recording"),
    )


def _aware(moment: dt.datetime) -> dt.datetime:
    """The moment in UTC; refused without its offset, or at the edge of the calendar (year 1
    at +14:00), which has no UTC equivalent."""
    try:
        if moment.tzinfo is None:
            raise OverflowError
        return moment.astimezone(dt.UTC)
    except OverflowError:
        raise Problem(
            "validation_failed", _("Give the time with its UTC offset, e.g. +05:00.")
        ) from None


def _known(call_id: str) -> str:
    """A call id as the switch writes them; anything else names no call."""
    if not re.fullmatch(CALL_ID, call_id):
        raise NotFound(_("No call has this id."))
    return call_id


@router.post(
    "/calls",
    response={200: CallOut, 201: CallOut},
    summary="A call started: the operator's console offers it",
)
def call_started(request: HttpRequest, payload: CallStartedIn) -> Status[CallOut]:
    caller = require(request, capability=Capability.TRUST_LINE)
    call, created = telephony.call_started(
        actor=caller.user,
        call_id=payload.call_id,
        line=payload.line,
        operator=payload.operator,
        started_at=_aware(payload.started_at),
        caller_number=payload.caller_number,
    )
    return Status(201 if created else 200, _out(call))


@router.post("/calls/{call_id}/end", response=CallOut, summary="A call ended")
def call_ended(request: HttpRequest, call_id: str, payload: CallEndedIn) -> CallOut:
    caller = require(request, capability=Capability.TRUST_LINE)
    call = telephony.call_ended(
        actor=caller.user, call_id=_known(call_id), ended_at=_aware(payload.ended_at)
    )
    return _out(call)


@router.post(
    "/calls/{call_id}/recording",
    response={201: RecordingOut},
    summary="A call's recording (WAV, Ogg or MP3): sealed into the vault",
)
def recording_upload(
    request: HttpRequest, call_id: str, file: File[UploadedFile]
) -> Status[RecordingOut]:
    caller = require(request, capability=Capability.TRUST_LINE)
    if telephony.recording_too_large(file.size or 0):
        raise Problem("payload_too_large", _("The recording is too large."))
    recording = telephony.recording_store(
        actor=caller.user, call_id=_known(call_id), data=file.read()
    )
    return Status(
        201,
        RecordingOut(
            call_id=call_id,
            content_type=recording.content_type,
            size=recording.size,
            on_case=recording.attachment_id is not None,
        ),
    )
