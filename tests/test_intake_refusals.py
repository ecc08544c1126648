"""Every intake channel refuses bad input clearly, keeps what was typed, and half-saves nothing.

Refusals are checked as the user meets them (the message on the page, not a 500, the typed
values still in the form) and as the database and the storage see them (no new row, no new
sealed file under MEDIA_ROOT/vault).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.utils.html import escape

from senim.cases.models import Case
from senim.cases.registration import appeal_register
from senim.cases.services import identity_reveal
from senim.core.errors import DomainError
from senim.core.models import AuditEvent
from senim.intake import attachments, registration
from senim.intake.anonymity import AnonymousPolicy
from senim.intake.drafts import AppealDraft
from senim.intake.models import (
    Appeal,
    Attachment,
    BookingStatus,
    Call,
    Channel,
    Mailbox,
    MailboxMessage,
    ReceptionBooking,
    ReceptionSlot,
    ReporterIdentity,
)
from senim.intake.reception import reception_slots_open, reception_walk_in
from senim.organization.models import Court, Role, Unit
from tests.intake_helpers import coupon_of, gps_of, jpeg_with_gps, new_call, report_data

pytestmark = pytest.mark.django_db

# A Thursday morning in Almaty; the reception slot is on the Friday.
TODAY = dt.datetime(2026, 3, 19, 9, 0, tzinfo=dt.UTC)
SLOT_DAY = dt.date(2026, 3, 20)
SCRIPT = "<script>alert(1)</script>"
SCRIPT_ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"
SQL = "'); DROP TABLE intake_appeal;--"
SQL_ESCAPED = "&#x27;); DROP TABLE intake_appeal;--"
REQUIRED = "This field is required."
CORRECT = "Please correct the marked fields."
# A Linux executable's header: what a "photo" really is when someone disguises a program.
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + b"\x02\x00\x3e\x00\x01\x00\x00\x00" + b"\x00" * 40


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Path) -> Path:
    """A storage of this test's own: files other tests (or xdist workers) leave behind cannot
    hide a file this one left, nor be counted as one."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return Path(settings.MEDIA_ROOT)


def _vault_files() -> set[str]:
    """The sealed files in storage, as anyone listing the folder would see them."""
    folder = Path(settings.MEDIA_ROOT) / "vault"
    return {p.name for p in folder.iterdir()} if folder.exists() else set()


# Fields marked in error on a page rendered by senim/field.html: text inputs by their label's
# id, check boxes by theirs, radio groups by their legend.
_MARKED = re.compile(
    r'<div class="field has-error">\s*(?:<label (?:class="choice" )?for="id_(?P<id>\w+)"'
    r"|<fieldset>\s*<legend>(?P<legend>[^<]+)</legend>)"
)


def _marked(html: str) -> set[str]:
    return {m.group("id") or m.group("legend") for m in _MARKED.finditer(html)}


def _submit_report(client: Client, **overrides: Any) -> tuple[str, str]:
    response = client.post("/report/", report_data(**overrides), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    return coupon_of(response.content.decode())


# --- 1. Booking a reception on the portal ------------------------------------------------


@pytest.fixture
def almaty(unit: Callable[[str], Unit]) -> Unit:
    return unit("REG-75")


@pytest.fixture
def slot(almaty: Unit) -> Iterator[ReceptionSlot]:
    """One free reception time tomorrow; the test runs on TODAY."""
    with time_machine.travel(TODAY, tick=False):
        reception_slots_open(
            unit=almaty, first_day=SLOT_DAY, last_day=SLOT_DAY, times=[dt.time(10, 0)],
            minutes=30, capacity=2, location="Room 101",
        )  # fmt: skip
        yield ReceptionSlot.objects.get()


def _booking(slot: ReceptionSlot, **overrides: Any) -> dict[str, Any]:
    data = {
        "slot": slot.pk,
        "name": "Дина Қасымова",
        "phone": "+7 701 555 01 01",
        "topic": "Поборы в канцелярии суда",
        "language": "kk",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("overrides", "field"),
    [({"name": ""}, "name"), ({"name": "   "}, "name"), ({"phone": ""}, "phone")],
)
def test_a_booking_without_name_or_phone_is_refused_and_keeps_what_was_typed(
    slot, almaty, overrides, field
) -> None:
    data = _booking(slot, **overrides)
    response = Client().post(f"/reception/{almaty.code}/", data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    html = response.content.decode()
    assert CORRECT in html and REQUIRED in html
    assert _marked(html) == {field}
    for kept in ("name", "phone", "topic"):
        if data[kept].strip():
            assert f'value="{data[kept]}"' in html, kept
    assert f'value="{slot.pk}" checked' in html  # the chosen time stays chosen
    assert ReceptionBooking.objects.count() == 0


@pytest.mark.parametrize(
    "phone", ["not a phone number", "call me at home", "+7 701 23", "<b>+7 701 234 56 78</b>"]
)
def test_a_phone_that_is_not_a_phone_is_refused(slot, almaty, phone) -> None:
    data = _booking(slot, phone=phone)
    response = Client().post(f"/reception/{almaty.code}/", data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    html = response.content.decode()
    assert ReceptionBooking.objects.count() == 0
    assert CORRECT in html and _marked(html) == {"phone"}
    assert "Enter a phone number with its code" in html
    assert f'value="{escape(phone)}"' in html  # kept as typed, escaped


@pytest.mark.parametrize(("hostile", "escaped"), [(SCRIPT, SCRIPT_ESCAPED), (SQL, SQL_ESCAPED)])
def test_hostile_topic_is_kept_escaped_when_the_form_is_shown_again(
    slot, almaty, hostile, escaped
) -> None:
    data = _booking(slot, name="", topic=hostile)
    response = Client().post(f"/reception/{almaty.code}/", data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    html = response.content.decode()
    assert _marked(html) == {"name"}
    assert f'value="{escaped}"' in html and hostile not in html
    assert ReceptionBooking.objects.count() == 0


@pytest.mark.parametrize(("hostile", "escaped"), [(SCRIPT, SCRIPT_ESCAPED), (SQL, SQL_ESCAPED)])
def test_hostile_topic_is_booked_verbatim_and_shown_escaped(
    slot, almaty, make_staff, login, hostile, escaped
) -> None:
    response = Client().post(
        f"/reception/{almaty.code}/", _booking(slot, topic=hostile), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    number = re.search(r'class="booking-number">([^<]+)<', response.content.decode())
    assert number, "no booking on the page"
    booking = ReceptionBooking.objects.get(number=number.group(1))
    assert booking.topic == hostile
    assert Appeal.objects.count() == 0  # the table the text names is still there
    chief = login(make_staff(Role.CHIEF, "REG-75"))
    day = chief.get(f"/office/reception/?day={SLOT_DAY.isoformat()}", HTTP_ACCEPT_LANGUAGE="en")
    form = chief.get(f"/office/reception/{booking.number}/protocol/", HTTP_ACCEPT_LANGUAGE="en")
    for page in (day, form):
        assert page.status_code == 200
        html = page.content.decode()
        assert booking.number in html
        assert escaped in html and hostile not in html


# --- 2. Cancelling a booking -------------------------------------------------------------


def _book(client: Client, almaty: Unit, slot: ReceptionSlot) -> tuple[str, str]:
    html = client.post(f"/reception/{almaty.code}/", _booking(slot)).content.decode()
    number = re.search(r'class="booking-number">([^<]+)<', html)
    code = re.search(r'class="cancel-code">([^<]+)<', html)
    assert number and code, "no booking on the page"
    return number.group(1), code.group(1)


def test_a_wrong_cancellation_code_changes_nothing(slot, almaty) -> None:
    client = Client()
    number, code = _book(client, almaty, slot)
    wrong = "00000000" if code != "00000000" else "11111111"
    response = client.post(
        "/reception/cancel/", {"number": number, "code": wrong}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "No booking matches this number and code." in html
    assert f'value="{number}"' in html
    booking = ReceptionBooking.objects.get(number=number)
    assert booking.status == BookingStatus.BOOKED
    assert not AuditEvent.objects.filter(action="reception.cancelled").exists()


@override_settings(SENIM_FOLLOW_UP_ATTEMPTS=3)
def test_repeated_wrong_cancellation_codes_end_in_too_many_attempts(slot, almaty) -> None:
    client = Client()
    number, code = _book(client, almaty, slot)
    for _ in range(3):
        wrong = client.post(
            "/reception/cancel/", {"number": number, "code": "99999999"}, HTTP_ACCEPT_LANGUAGE="en"
        )
        assert "No booking matches this number and code." in wrong.content.decode()
    # Even the right code is not tried now: guessing would otherwise go on without end.
    blocked = client.post(
        "/reception/cancel/", {"number": number, "code": code}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert blocked.status_code < 500
    assert "Too many attempts. Wait a few minutes and try again." in blocked.content.decode()
    assert ReceptionBooking.objects.get(number=number).status == BookingStatus.BOOKED


# --- 3. The reporter's mailbox -----------------------------------------------------------


def _open_mailbox(client: Client) -> str:
    number, code = _submit_report(client)
    assert client.post("/follow-up/", {"code": code}).status_code == 302
    return number


@pytest.mark.parametrize("body", ["", "   \n  "])
def test_an_empty_mailbox_reply_is_refused(registry, client, body) -> None:
    _open_mailbox(client)
    response = client.post("/follow-up/mailbox/", {"body": body}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Write a message or attach a file." in html and CORRECT in html
    assert MailboxMessage.objects.count() == 0


@pytest.mark.parametrize(
    "content", [ELF, b"<?php system($_GET['c']); ?>"], ids=["elf-binary", "php-script"]
)
def test_a_disguised_file_in_a_mailbox_reply_is_refused(registry, client, content) -> None:
    _open_mailbox(client)
    before = _vault_files()
    typed = "Вот фото кабинета, где это случилось."
    response = client.post(
        "/follow-up/mailbox/",
        {"body": typed, "evidence": SimpleUploadedFile("photo.jpg", content)},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "The file photo.jpg is not of an accepted type" in html
    assert "attach them again" in html  # files cannot be kept: the page says so
    assert typed in html
    assert MailboxMessage.objects.count() == 0
    assert Attachment.objects.filter(message__isnull=False).count() == 0
    assert _vault_files() == before


# --- 4. The trust-line console -----------------------------------------------------------


def _call(client: Client, **overrides: Any) -> dict[str, Any]:
    data = report_data(
        started=new_call(client),
        outcome="report",
        summary="Звонящий говорит: пристав взял деньги у входа.",
        identity="named",
        full_name="Серік Ахметов",
        phone="+7 777 000 11 22",
        court="DST-71-05",
    )
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"iin": "900101300028"}, "iin", "This IIN is not valid: check the 12 digits."),
        ({"iin": "12345"}, "iin", "This IIN is not valid: check the 12 digits."),
        ({"outcome": None}, "Outcome of the call", REQUIRED),
        ({"language": None}, "language", REQUIRED),
    ],
)
def test_a_call_with_bad_input_is_refused_and_keeps_what_was_typed(
    make_staff, login, overrides, field, message
) -> None:
    client = login(make_staff(Role.OPERATOR))
    data = _call(client, **overrides)
    response = client.post("/office/trust-line/call/", data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html and CORRECT in html
    assert _marked(html) == {field}
    assert "Серік Ахметов" in html and "+7 777 000 11 22" in html
    assert "Звонящий говорит: пристав взял деньги у входа." in html
    if "iin" in overrides:
        assert f'value="{overrides["iin"]}"' in html
    assert Call.objects.count() == 0 and Appeal.objects.count() == 0
    assert ReporterIdentity.objects.count() == 0


def test_hostile_call_summary_is_stored_verbatim_and_shown_escaped(make_staff, login) -> None:
    operator = login(make_staff(Role.OPERATOR))
    hostile = f"{SCRIPT} {SQL}"
    # Refused first (no outcome): the console shows the summary again, escaped.
    refused = operator.post(
        "/office/trust-line/call/",
        _call(operator, summary=hostile, outcome=None),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    html = refused.content.decode()
    assert refused.status_code == 200 and CORRECT in html
    assert SCRIPT_ESCAPED in html and SQL_ESCAPED in html and SCRIPT not in html
    assert Call.objects.count() == 0
    # Then registered: stored as typed, and the case page shows the report's text escaped.
    done = operator.post(
        "/office/trust-line/call/",
        _call(operator, summary=hostile, text=hostile),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    number, _code = coupon_of(done.content.decode())
    assert SCRIPT not in done.content.decode()
    call = Call.objects.get(appeal__number=number)
    assert call.summary == hostile and call.appeal.text == hostile
    chief = login(make_staff(Role.CHIEF, "REG-71"))
    page = chief.get(f"/office/cases/{call.appeal.case.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    case_html = page.content.decode()
    assert SCRIPT_ESCAPED in case_html and SCRIPT not in case_html
    assert SQL not in case_html


# --- 5. The reception protocol -----------------------------------------------------------


def _draft(**overrides: Any) -> AppealDraft:
    """An appeal as a channel collected it, before registration."""
    fields: dict[str, Any] = {
        "channel": Channel.PORTAL,
        "kind": "violation",
        "category": "bribery",
        "language": "ru",
        "court": Court.objects.get(code="DST-75-02"),
        "subject": "Money demanded for a copy of the judgment",
        "text": "The clerk asked for 20 000 tenge.",
    }
    fields.update(overrides)
    return AppealDraft(**fields)


def _protocol(**overrides: Any) -> dict[str, Any]:
    data = {
        "kind": "violation", "category": "red_tape", "court": "DST-75-04",
        "subject": "Поборы в канцелярии", "text": "Протокол устного обращения: просили деньги.",
        "identity": "named", "full_name": "Марат Бекенов", "phone": "+7 701 200 30 40",
        "language": "ru", "reporter_confirmed": "on",
    }  # fmt: skip
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"reporter_confirmed": None}, "reporter_confirmed", REQUIRED),
        ({"iin": "900101300028"}, "iin", "This IIN is not valid: check the 12 digits."),
    ],
)
def test_a_protocol_without_confirmation_or_with_a_bad_iin_is_refused(
    almaty, make_staff, login, overrides, field, message
) -> None:
    chief = make_staff(Role.CHIEF, "REG-75")
    booking = reception_walk_in(
        unit=almaty, name="Марат Бекенов", phone="+7 701 200 30 40", topic="Поборы",
        language="ru", chief=chief,
    )  # fmt: skip
    data = _protocol(**overrides)
    response = login(chief).post(
        f"/office/reception/{booking.number}/protocol/", data, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html and CORRECT in html
    assert _marked(html) == {field}
    assert data["text"] in html and "Марат Бекенов" in html
    assert Appeal.objects.count() == 0 and Case.objects.count() == 0
    booking.refresh_from_db()
    assert booking.appeal is None


def test_the_protocol_service_refuses_an_unconfirmed_protocol(almaty, make_staff) -> None:
    chief = make_staff(Role.CHIEF, "REG-75")
    booking = reception_walk_in(
        unit=almaty, name="Марат", phone="", topic="Поборы", language="ru", chief=chief
    )
    draft = _draft(channel=Channel.RECEPTION, reporter_confirmed=False)
    with pytest.raises(DomainError, match=r"The citizen must read and confirm the protocol\."):
        appeal_register(draft=draft, actor=chief, booking=booking)
    assert Appeal.objects.count() == 0


# --- 6. A registration that fails after sealing its files --------------------------------


def test_a_registration_that_fails_after_sealing_leaves_no_file(registry, monkeypatch) -> None:
    evidence = [("receipt.txt", "Квитанция: 20 000 тенге".encode())]
    before = _vault_files()
    # Positive control: the same draft, registered, adds exactly one sealed file.
    appeal_register(draft=_draft(files=tuple(evidence)))
    added = _vault_files() - before
    assert len(added) == 1
    appeals = Appeal.objects.count()

    def audit_fails(*_args: Any, **_kwargs: Any) -> None:
        raise RuntimeError("the audit chain is unavailable")

    monkeypatch.setattr(registration, "appeal_registered_audit", audit_fails)
    with pytest.raises(RuntimeError, match="audit chain"):
        appeal_register(draft=_draft(subject="Second", files=tuple(evidence)))
    assert Appeal.objects.count() == appeals
    assert Case.objects.count() == appeals and Mailbox.objects.count() == appeals
    assert Attachment.objects.count() == 1
    assert _vault_files() == before | added


# --- 7. The sweep removes orphaned sealed files ------------------------------------------


def _age(name: str, hours: float) -> None:
    path = Path(settings.MEDIA_ROOT) / "vault" / name
    then = time.time() - hours * 3600
    os.utime(path, (then, then))


def test_the_sweep_prunes_old_orphans_only(registry, client) -> None:
    data = report_data()
    data["evidence"] = SimpleUploadedFile("scan.pdf", b"%PDF-1.4 evidence")
    number, _code = coupon_of(client.post("/report/", data).content.decode())
    attached = Attachment.objects.get(appeal__number=number).storage_name.split("/")[-1]
    old_orphan = attachments.store_sealed(b"left by a rolled-back registration").split("/")[-1]
    fresh_orphan = attachments.store_sealed(b"a registration still running").split("/")[-1]
    _age(attached, 7)
    _age(old_orphan, 7)
    _age(fresh_orphan, 1)
    assert _vault_files() == {attached, old_orphan, fresh_orphan}

    assert attachments.attachments_orphans_prune() == 1
    assert _vault_files() == {attached, fresh_orphan}
    # Running it again changes nothing.
    assert attachments.attachments_orphans_prune() == 0
    assert _vault_files() == {attached, fresh_orphan}


def test_the_sweep_prunes_a_fresh_orphan_once_it_is_old(registry) -> None:
    orphan = attachments.store_sealed(b"orphan").split("/")[-1]
    assert attachments.attachments_orphans_prune() == 0
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(hours=6, minutes=1)):
        assert attachments.attachments_orphans_prune() == 1
    assert orphan not in _vault_files()


# --- 8. The anonymous-appeal policy ------------------------------------------------------


@pytest.mark.parametrize("policy", list(AnonymousPolicy))
def test_an_anonymous_report_records_the_policy_in_force(registry, client, policy) -> None:
    with override_settings(SENIM_ANONYMOUS_POLICY=policy):
        number, _code = _submit_report(client)
    appeal = Appeal.objects.get(number=number)
    assert appeal.is_anonymous and appeal.anonymous_policy == policy


@pytest.mark.parametrize("policy", list(AnonymousPolicy))
def test_a_named_report_records_no_anonymous_policy(registry, client, policy) -> None:
    with override_settings(SENIM_ANONYMOUS_POLICY=policy):
        number, _code = _submit_report(
            client, identity="named", full_name="Айгерім Сапарова", phone="+7 701 555 0101"
        )
    appeal = Appeal.objects.get(number=number)
    assert not appeal.is_anonymous and appeal.anonymous_policy == ""


# --- 9. Roles that may not read an identity ----------------------------------------------

SECRET_NAME = "Гульмира Жанабаевна Секретова"
REASON = "Need to invite the reporter to give an explanation"


@pytest.mark.parametrize(
    ("role", "court"),
    [
        (Role.ANALYST, "SC"),
        (Role.AUDITOR, "SC"),
        (Role.OPERATOR, "SC"),
        (Role.ADMINISTRATOR, "SC"),
        (Role.OPERATOR, "REG-75"),
    ],
)
def test_roles_without_need_to_know_cannot_reveal_an_identity(
    registry, client, make_staff, login, role, court
) -> None:
    number, _code = _submit_report(
        client, identity="named", full_name=SECRET_NAME, phone="+7 701 987 65 43"
    )
    case = Case.objects.get(appeal__number=number)
    staff = make_staff(role, court)
    response = login(staff).post(
        f"/office/cases/{case.pk}/", {"reason": REASON}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 403
    assert SECRET_NAME not in response.content.decode()
    with pytest.raises(DomainError):
        identity_reveal(user=staff, case_id=case.pk, reason=REASON)
    assert not AuditEvent.objects.filter(action="identity.revealed").exists()
    # Positive control: the unit's chief, with the same reason, does read it.
    chief = login(make_staff(Role.CHIEF, "REG-75"))
    shown = chief.post(f"/office/cases/{case.pk}/", {"reason": REASON}, HTTP_ACCEPT_LANGUAGE="en")
    assert SECRET_NAME in shown.content.decode()
    assert AuditEvent.objects.filter(action="identity.revealed").count() == 1


# --- 10. The coupon ----------------------------------------------------------------------


@time_machine.travel(dt.datetime(2026, 6, 2, 5, 30, tzinfo=dt.UTC), tick=False)
def test_the_coupon_shows_number_time_channel_and_deadline(registry, client) -> None:
    """Registered on Tuesday 2 June 2026 at 10:30 in Almaty; 15 working days later (no
    holidays in between) is Tuesday 23 June."""
    response = client.post("/report/", report_data(), HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    number, _code = coupon_of(html)
    assert re.fullmatch(r"2026-\d{6}", number)
    facts = re.search(r'<dl class="facts">(.*?)</dl>', html, re.DOTALL)
    assert facts
    shown = dict(re.findall(r"<dt>([^<]+)</dt><dd>(?:<strong[^>]*>)?([^<]+)<", facts.group(1)))
    assert shown == {
        "Registration number": number,
        "Registered": "June 2, 2026, 10:30 a.m.",
        "Channel": "web portal",
        "Registered by": "web portal",  # no officer: the reporter registered it
        "Answer due by": "June 23, 2026",
    }
    assert Case.objects.get(appeal__number=number).due_on == dt.date(2026, 6, 23)


# --- The photo's metadata ----------------------------------------------------------------


def test_a_photo_carries_gps_before_upload_and_none_once_stored(registry, client) -> None:
    photo = jpeg_with_gps()
    # Positive control: the helper's photo really has a GPS block, found by Pillow and by bytes.
    gps = gps_of(photo)
    assert gps[1] == "N" and gps[2] == (43.0, 15.0, 0.0) and gps[4] == (76.0, 57.0, 0.0)
    assert b"GPS" in photo and b"SecretCam" in photo and b"Owner Name" in photo
    data = report_data()
    data["evidence"] = SimpleUploadedFile("IMG_0001.jpg", photo)
    number, _code = coupon_of(client.post("/report/", data).content.decode())
    attachment = Attachment.objects.get(appeal__number=number)
    stored = attachments.read_sealed(attachment.storage_name)
    assert stored.startswith(b"\xff\xd8\xff")  # still a JPEG
    assert gps_of(stored) == {}
    assert b"GPS" not in stored and b"SecretCam" not in stored and b"Owner Name" not in stored
