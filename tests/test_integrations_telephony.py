"""Telephony: the call centre's system announces a call through the API, the operator's console
offers it (no script), the operator registers the report from it, the call ends, the recording
arrives and is sealed onto the case, which offers it to the unit's chief and to nobody outside
the unit; the caller's number is nowhere in the database in the clear."""

from __future__ import annotations

import datetime as dt
import re
import struct
from typing import Any

import pytest
from django.apps import apps
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, models
from django.test import Client

from senim.cases import retention
from senim.cases.models import Case, DisposalBatch
from senim.core import clock
from senim.core.models import AuditEvent
from senim.integrations.models import CallRecording, PhoneCall
from senim.organization.models import Role
from tests.api_helpers import client_for, is_problem
from tests.intake_helpers import coupon_of, report_data

pytestmark = [pytest.mark.django_db(transaction=True)]

NUMBER = "+7 701 999 88 77"
DIGITS = ("7019998877", "77019998877", "701 999 88 77")
OPERATIONS = ["telephony.call_started", "telephony.call_ended", "telephony.recording_upload"]


def wav(seconds: float = 0.2) -> bytes:
    """A real (silent) 8 kHz 16-bit mono WAV file."""
    frames = b"\x00\x00" * int(8000 * seconds)
    header = b"RIFF" + struct.pack("<I", 36 + len(frames)) + b"WAVE"
    fmt = b"fmt " + struct.pack("<IHHIIHH", 16, 1, 1, 8000, 16000, 2, 16)
    return header + fmt + b"data" + struct.pack("<I", len(frames)) + frames


def _clear_anywhere() -> list[str]:
    """Every stored value, of every model, that holds the caller's number in the clear."""
    found = []
    tables = set(connection.introspection.table_names())
    for model in apps.get_models():
        if model._meta.db_table not in tables:
            continue  # a model of work in progress elsewhere, not migrated yet
        fields = [
            f.attname
            for f in model._meta.concrete_fields
            if isinstance(
                f, models.CharField | models.TextField | models.JSONField | models.BinaryField
            )
        ]
        if not fields:
            continue
        for row in model._default_manager.values_list(*fields):
            for value in row:
                text = (
                    bytes(value).decode("latin-1")
                    if isinstance(value, bytes | memoryview)
                    else str(value)
                )
                if any(digits in re.sub(r"[^\d ]", "", text) for digits in DIGITS):
                    found.append(f"{model._meta.label}: {text[:60]}")
    return found


def test_a_call_flows_from_the_switch_to_a_case_with_its_recording_sealed(
    make_staff, unit, login
) -> None:
    admin = make_staff(Role.ADMINISTRATOR, "SC", username="admin-t")
    operator = make_staff(Role.OPERATOR, "SC", username="op-t")
    chief = make_staff(Role.CHIEF, "REG-75", username="chief-t")
    stranger = make_staff(Role.CHIEF, "REG-71", username="chief-other")
    switch = client_for(admin, unit("SC"), OPERATIONS, name="asterisk")
    api = Client()
    started = clock.now() - dt.timedelta(seconds=40)

    # 1. The call starts: the switch tells Senim (a retry of the same event is the same call).
    event = {
        "call_id": "1733560000.42",
        "line": "1414",
        "operator": "op-t",
        "started_at": started.isoformat(),
        "caller_number": NUMBER,
    }
    response = api.post(
        "/api/v1/telephony/calls", event, content_type="application/json", headers=switch
    )
    assert response.status_code == 201, response.content
    assert response.json()["state"] == "ringing"
    again = api.post(
        "/api/v1/telephony/calls", event, content_type="application/json", headers=switch
    )
    assert again.status_code == 200 and PhoneCall.objects.count() == 1

    # 2. The operator's console offers it; opening it fills the start time and shows the line.
    console = login(operator)
    page = console.get("/office/trust-line/").content.decode()
    link = re.search(r'href="(/office/trust-line/call/\?telephony=\d+)"', page)
    assert link and "1414" in page
    form_page = console.get(link.group(1)).content.decode()
    assert "1414" in form_page
    token = re.search(r'name="started" value="([^"]+)"', form_page)
    assert token

    # 3. The operator registers the report, naming the caller.
    data = report_data(
        started=token.group(1),
        outcome="report",
        summary="Caller reports a bribe.",
        recording_consent="on",
        identity="named",
        full_name="Ержан Б.",
        phone=NUMBER,
        language="ru",
    )
    registered = console.post("/office/trust-line/call/", data)
    assert registered.status_code == 200
    number, _code = coupon_of(registered.content.decode())
    case = Case.objects.get(appeal__number=number)
    call = PhoneCall.objects.get()
    assert call.record is not None and call.record.appeal_id == case.appeal_id
    assert call.record.started_at == call.started_at
    assert call.caller_sealed  # named: the number kept, sealed
    assert "telephony=" not in console.get("/office/trust-line/").content.decode()

    # 4. The call ends; 5. the recording arrives and is sealed onto the case.
    ended = api.post(
        "/api/v1/telephony/calls/1733560000.42/end",
        {"ended_at": clock.now().isoformat()},
        content_type="application/json",
        headers=switch,
    )
    assert ended.status_code == 200 and ended.json()["state"] == "ended"
    audio = wav()
    upload = api.post(
        "/api/v1/telephony/calls/1733560000.42/recording",
        {"file": SimpleUploadedFile("rec.wav", audio)},
        headers=switch,
    )
    assert upload.status_code == 201, upload.content
    assert upload.json()["on_case"] is True
    recording = CallRecording.objects.get()
    with default_storage.open(recording.storage_name, "rb") as stored:
        assert audio not in stored.read()  # sealed: not the plaintext
    second = api.post(
        "/api/v1/telephony/calls/1733560000.42/recording",
        {"file": SimpleUploadedFile("rec.wav", audio)},
        headers=switch,
    )
    assert is_problem(second, 409, "conflict")

    # The case page offers it to the unit's chief, whose download is audited ...
    chief_client = login(chief)
    case_page = chief_client.get(f"/office/cases/{case.pk}/").content.decode()
    file_link = re.search(
        r'href="(/office/cases/\d+/files/\d+/)"[^>]*>call-recording\.wav<', case_page
    )
    assert file_link, "the recording is not offered on the case page"
    download = chief_client.get(file_link.group(1))
    assert download.status_code == 200 and download.content == audio
    assert AuditEvent.objects.filter(action="attachment.downloaded", actor_id=chief.pk).exists()
    assert AuditEvent.objects.filter(action="telephony.recording_stored").exists()
    # ... and to nobody of another unit.
    other = login(stranger)
    assert other.get(f"/office/cases/{case.pk}/").status_code == 404
    assert other.get(file_link.group(1)).status_code == 404

    # The caller's number is nowhere in the clear.
    assert _clear_anywhere() == []

    # Disposed of when its period has run out, the case takes the recording (its sealed file
    # too) and the caller's sealed number with it.
    long_ago = clock.now() - dt.timedelta(days=365 * 12)
    Case.objects.filter(pk=case.pk).update(
        status="closed", outcome="not_substantiated", closed_at=long_ago
    )
    coordinator = make_staff(Role.COORDINATOR, "SC", username="coord-t")
    assert retention.retention_propose() == 1
    batch = DisposalBatch.objects.get()
    retention.disposal_decide(user=coordinator, batch_id=batch.pk, approve=True, note="")
    assert retention.disposals_carry_out() == 1
    assert not CallRecording.objects.exists()
    assert not default_storage.exists(recording.storage_name)
    assert PhoneCall.objects.get().caller_sealed is None


def test_call_events_are_checked_and_refused_without_the_operation(make_staff, unit) -> None:
    admin = make_staff(Role.ADMINISTRATOR, "SC", username="admin-u")
    make_staff(Role.OPERATOR, "SC", username="op-u")
    make_staff(Role.INVESTIGATOR, "REG-75", username="inv-u")
    allowed = client_for(admin, unit("SC"), OPERATIONS, name="asterisk")
    other = client_for(admin, unit("SC"), ["eotinish.batch_import"], name="eotinish")
    api = Client()
    event = {
        "call_id": "c-1",
        "line": "1414",
        "operator": "op-u",
        "started_at": clock.now().isoformat(),
        "caller_number": NUMBER,
    }

    def post(path: str, body: dict[str, Any], headers: dict[str, str]) -> Any:
        return api.post(path, body, content_type="application/json", headers=headers)

    assert is_problem(post("/api/v1/telephony/calls", event, other), 403, "operation_not_allowed")
    assert PhoneCall.objects.count() == 0
    # Not an operator of the trust line; an unknown call; a time without its offset.
    refused = post("/api/v1/telephony/calls", {**event, "operator": "inv-u"}, allowed)
    assert is_problem(refused, 409, "conflict")
    assert is_problem(
        post("/api/v1/telephony/calls/nope/end", {"ended_at": clock.now().isoformat()}, allowed),
        404,
        "not_found",
    )
    naive = post("/api/v1/telephony/calls", {**event, "started_at": "2026-12-07T10:00:00"}, allowed)
    assert is_problem(naive, 422, "validation_failed")
    # Nothing a database would choke on reaches it: a null character, a time before the
    # calendar's start once in UTC, an id no switch writes.
    for wrong in ({"line": "14\x0014"}, {"started_at": "0001-01-01T00:00:00+14:00"}):
        assert is_problem(
            post("/api/v1/telephony/calls", {**event, **wrong}, allowed), 422, "validation_failed"
        )
    odd = post("/api/v1/telephony/calls/a%00b/end", {"ended_at": clock.now().isoformat()}, allowed)
    assert is_problem(odd, 404, "not_found")
    assert post("/api/v1/telephony/calls", event, allowed).status_code == 201
    # A recording that is not audio is refused, and nothing is kept of it.
    bad = api.post(
        "/api/v1/telephony/calls/c-1/recording",
        {"file": SimpleUploadedFile("rec.wav", b"<html>not audio</html>")},
        headers=allowed,
    )
    assert is_problem(bad, 409, "conflict") and CallRecording.objects.count() == 0
    assert is_problem(
        api.post(
            "/api/v1/telephony/calls/c-1/recording",
            {"file": SimpleUploadedFile("r.wav", wav())},
            headers=other,
        ),
        403,
        "operation_not_allowed",
    )


@pytest.mark.parametrize("consent", [True, False])
def test_a_recording_that_arrives_first_joins_the_appeal_only_with_the_callers_consent(
    consent: bool, make_staff, unit, login
) -> None:
    admin = make_staff(Role.ADMINISTRATOR, "SC", username="admin-v")
    operator = make_staff(Role.OPERATOR, "SC", username="op-v")
    switch = client_for(admin, unit("SC"), OPERATIONS, name="asterisk")
    api = Client()
    event = {
        "call_id": "c-2",
        "line": "1414",
        "operator": "op-v",
        "started_at": (clock.now() - dt.timedelta(minutes=3)).isoformat(),
        "caller_number": NUMBER,
    }
    assert (
        api.post(
            "/api/v1/telephony/calls", event, content_type="application/json", headers=switch
        ).status_code
        == 201
    )
    upload = api.post(
        "/api/v1/telephony/calls/c-2/recording",
        {"file": SimpleUploadedFile("rec.wav", wav())},
        headers=switch,
    )
    assert upload.status_code == 201 and upload.json()["on_case"] is False
    stored = CallRecording.objects.get().storage_name

    console = login(operator)
    page = console.get("/office/trust-line/").content.decode()
    link = re.search(r'href="(/office/trust-line/call/\?telephony=\d+)"', page)
    assert link
    token = re.search(
        r'name="started" value="([^"]+)"', console.get(link.group(1)).content.decode()
    )
    assert token
    data = report_data(started=token.group(1), outcome="report", language="ru")
    if consent:
        data["recording_consent"] = "on"
    registered = console.post("/office/trust-line/call/", data)
    number, _code = coupon_of(registered.content.decode())
    case = Case.objects.get(appeal__number=number)
    files = list(case.appeal.attachments.values_list("name", flat=True))
    call = PhoneCall.objects.get()
    assert call.caller_sealed is None  # an anonymous caller: not even the sealed number is kept
    if consent:
        assert files == ["call-recording.wav"]
        assert default_storage.exists(stored)
    else:
        assert files == [] and CallRecording.objects.count() == 0
        assert not default_storage.exists(stored)  # the sealed file is gone too
        assert AuditEvent.objects.filter(action="telephony.recording_discarded").exists()
        # A recording sent again now is refused and nothing of it is kept.
        again = api.post(
            "/api/v1/telephony/calls/c-2/recording",
            {"file": SimpleUploadedFile("rec.wav", wav())},
            headers=switch,
        )
        assert is_problem(again, 409, "conflict") and CallRecording.objects.count() == 0


def test_the_console_tells_the_operator_a_number_called_before(make_staff, unit, login) -> None:
    admin = make_staff(Role.ADMINISTRATOR, "SC", username="admin-w")
    operator = make_staff(Role.OPERATOR, "SC", username="op-w")
    switch = client_for(admin, unit("SC"), OPERATIONS, name="asterisk")
    api = Client()
    for call_id, minutes, number in (("w-1", 30, "8 701 999 88 77"), ("w-2", 1, NUMBER)):
        event = {
            "call_id": call_id,
            "line": "1414",
            "operator": "op-w",
            "started_at": (clock.now() - dt.timedelta(minutes=minutes)).isoformat(),
            "caller_number": number,  # the same number, written two ways
        }
        response = api.post(
            "/api/v1/telephony/calls", event, content_type="application/json", headers=switch
        )
        assert response.status_code == 201
    rows = re.findall(
        r'<tr class="offered-call">(.*?)</tr>',
        login(operator).get("/office/trust-line/", HTTP_ACCEPT_LANGUAGE="en").content.decode(),
        re.S,
    )
    assert len(rows) == 2
    assert "1 time, last on" in rows[0] and "1 time" not in rows[1]
    hashes = set(PhoneCall.objects.values_list("caller_hash", flat=True))
    assert len(hashes) == 1 and NUMBER not in hashes.pop()
