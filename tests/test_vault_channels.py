"""A stolen database and storage hold no identity, key or address, whatever the channel.

test_vault.py covers a portal report. These cover the other ways an identity comes in (a
trust-line call, a reception booking on the portal, the chief's reception protocol), the key
material next to the vault, the addresses reporters' requests come from, and a notice to a
named reporter that fails to go out.

The search is that of tests/stolen_copy.py (the SQLite file and its WAL, or a pg_dump; the storage
folder), plus what the database keeps encoded rather than in plain text: the cache table's
values (base64 of a pickle) and the staff sessions (signed, compressed JSON).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import io
import json
import logging
import re
import smtplib
from collections.abc import Iterator, Sequence
from typing import Any

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from senim.cases.models import Case
from senim.intake import vault
from senim.intake.checks import iin_is_valid
from senim.intake.models import Appeal, ReceptionSlot, ReporterIdentity
from senim.intake.receipts import grouped
from senim.intake.reception import reception_slots_open
from senim.organization.models import Role, Unit
from tests.intake_helpers import coupon_of, new_call, report_data
from tests.stolen_copy import database_bytes, storage_bytes

# Who calls the trust line.
CALLER = {
    "full_name": "Aigerim Serikovna Zhumabekova-Leaktest",
    "surname": "Zhumabekova",
    "iin": "880317451234",
    "phone": "+7 701 555 12 34",
    "email": "leak.test@example.kz",
    # Cyrillic on purpose: a JSON column on SQLite would hold it as \u escapes.
    "address": "пр. Абая 150, кв. 77, Leaktest-Алматы",
}
# Who books a reception on the portal and then meets the chief.
VISITOR = {
    "full_name": "Dana Muratovna Tokayeva-Leaktest",
    "surname": "Tokayeva",
    "iin": "911122304564",
    "phone": "+7 702 555 23 45",
    "email": "visitor.leaktest@example.kz",
    "address": "Zhetysu-Leaktest street 9, apt 12",
}
VISITOR_BOOKED_AS = "Dana Tokayeva-Leaktest"  # the name typed into the booking form
FILE_MARKER = b"PROTOCOL-EVIDENCE-CONTENT-c41d7e"

CALL_SUBJECT = "Visible call subject 9d1f: bailiff at the entrance"
CALL_SUMMARY = "Visible call summary 9d1f: the caller describes the bailiff."
BOOKING_TOPIC = "Visible booking topic 5e8a: fees at the registry"
PROTOCOL_SUBJECT = "Visible protocol subject 5e8a: fees at the registry"
REPORT_SUBJECT = "Visible report subject 2c7b: not secret"

ADDRESS = "203.0.113.77"
FORWARDED = "198.51.100.23"


# --- Searching what a thief would hold ---------------------------------------------------


def _decoded_bytes() -> bytes:
    """What the database holds encoded: a raw search would miss a leak in these.

    The database cache keeps each value as base64 of its pickle (pickled strings are UTF-8);
    a session row is signed, compressed, base64 JSON.
    """
    found = []
    backend = settings.CACHES["default"]
    if backend["BACKEND"] == "django.core.cache.backends.db.DatabaseCache":
        table = connection.ops.quote_name(backend["LOCATION"])
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT cache_key, value FROM {table}")  # noqa: S608 (a setting)
            for key, value in cursor.fetchall():
                found += [str(key).encode(), base64.b64decode(value)]
    for session in Session.objects.all():
        found.append(json.dumps(session.get_decoded(), ensure_ascii=False, default=str).encode())
    return b"\n".join(found)


def _stolen() -> bytes:
    """The database (raw and decoded) and the storage folder, as one haystack."""
    return b"\n".join([database_bytes(), _decoded_bytes(), storage_bytes()])


def _text_variants(value: str) -> list[bytes]:
    """As typed, and as a JSON column escapes it (SQLite keeps JSON with ASCII escapes)."""
    return list(dict.fromkeys([value.encode(), json.dumps(value)[1:-1].encode()]))


def _phone_variants(phone: str) -> list[bytes]:
    digits = re.sub(r"\D", "", phone)
    n = digits[-10:]  # the national number, 701 555 12 34
    spellings = [
        phone,
        phone.replace(" ", ""),
        digits,
        n,
        f"+{digits}",
        f"8{n}",
        f"{n[:3]} {n[3:6]} {n[6:8]} {n[8:]}",
        f"{n[:3]}-{n[3:6]}-{n[6:8]}-{n[8:]}",
        f"({n[:3]}) {n[3:6]}-{n[6:8]}-{n[8:]}",
        f"{n[3:6]}-{n[6:8]}-{n[8:]}",
        f"{n[3:6]} {n[6:8]} {n[8:]}",
    ]
    return [s.encode() for s in dict.fromkeys(spellings)]


def _unkeyed_hashes(value: str) -> list[bytes]:
    """An unkeyed hash of an IIN or a phone is as good as the value: they are few enough to
    try them all."""
    data = value.encode()
    return [
        hashlib.md5(data, usedforsecurity=False).hexdigest().encode(),
        hashlib.sha1(data, usedforsecurity=False).hexdigest().encode(),
        hashlib.sha256(data).hexdigest().encode(),
    ]


def _identity_needles(person: dict[str, str], who: str) -> dict[str, list[bytes]]:
    digits = re.sub(r"\D", "", person["phone"])
    return {
        f"{who}'s full name": _text_variants(person["full_name"]),
        f"{who}'s surname": _text_variants(person["surname"]),
        f"{who}'s IIN": [person["iin"].encode(), *_unkeyed_hashes(person["iin"])],
        f"{who}'s phone": [*_phone_variants(person["phone"]), *_unkeyed_hashes(digits)],
        f"{who}'s e-mail": [person["email"].encode(), *_unkeyed_hashes(person["email"])],
        f"{who}'s address": _text_variants(person["address"]),
    }


def _leaks(haystack: bytes, needles: dict[str, list[bytes]]) -> list[str]:
    """What was found, ignoring ASCII case (full-text indexes keep words lower-cased)."""
    lowered = haystack.lower()
    return [
        f"{what}: {needle!r}"
        for what, variants in needles.items()
        for needle in variants
        if needle.lower() in lowered
    ]


def _codes(code: str) -> list[bytes]:
    return [code.encode(), grouped(code).encode()]


def _as_int(address: str) -> int:
    value = 0
    for part in address.split("."):
        value = value * 256 + int(part)
    return value


def _throttle_keys() -> list[str]:
    backend: dict[str, Any] = settings.CACHES["default"]
    assert backend["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    table = connection.ops.quote_name(backend["LOCATION"])
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT cache_key FROM {table}")  # noqa: S608 (a setting)
        return [str(key) for (key,) in cursor.fetchall() if "follow-up:" in str(key)]


# --- Driving the channels ------------------------------------------------------------------


def _call_ending_in_a_report(operator: Client, contact_by: str = "email") -> tuple[str, str]:
    data = report_data(
        started=new_call(operator),
        outcome="report",
        recording_consent="on",
        summary=CALL_SUMMARY,
        subject=CALL_SUBJECT,
        court="DST-71-05",
        identity="named",
        full_name=CALLER["full_name"],
        iin=CALLER["iin"],
        phone=CALLER["phone"],
        email=CALLER["email"],
        address=CALLER["address"],
        contact_by=contact_by,
    )
    response = operator.post("/office/trust-line/call/", data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    return coupon_of(response.content.decode())


def _reception_open(unit: Unit) -> ReceptionSlot:
    start = timezone.localdate() + dt.timedelta(days=1)
    reception_slots_open(
        unit=unit, first_day=start, last_day=start + dt.timedelta(days=6),
        times=[dt.time(10, 0)], minutes=30, capacity=2, location="Room 101",
    )  # fmt: skip
    slot = ReceptionSlot.objects.filter(unit=unit).order_by("starts_at").first()
    assert slot is not None
    return slot


def _booking_number(html: str) -> str:
    number = re.search(r'class="booking-number">([^<]+)<', html)
    assert number, "no booking on the page"
    return number.group(1)


@pytest.fixture
def every_log_record(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    """caplog with every record at DEBUG, the loggers that do not reach the root included.

    Django's own loggers sit at INFO ("django") or ERROR ("django.request", which does not
    propagate): raised to DEBUG for the test, with caplog's handler on those that keep their
    records to themselves.
    """
    caplog.set_level(logging.DEBUG)
    loggers = [
        logger
        for logger in logging.root.manager.loggerDict.values()
        if isinstance(logger, logging.Logger)
    ]
    saved = [(logger, logger.level) for logger in loggers]
    for logger in loggers:
        if logger.level > logging.DEBUG:
            logger.setLevel(logging.DEBUG)
        if not logger.propagate:
            logger.addHandler(caplog.handler)
    yield caplog
    for logger, level in saved:
        logger.setLevel(level)
        if caplog.handler in logger.handlers:
            logger.removeHandler(caplog.handler)


# --- The tests -------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_stolen_database_reveals_no_caller_booker_or_visitor(
    registry, make_staff, login, every_log_record
) -> None:
    assert iin_is_valid(CALLER["iin"]) and iin_is_valid(VISITOR["iin"])
    caller_needles = _identity_needles(CALLER, "caller")
    visitor_needles = _identity_needles(VISITOR, "visitor")
    booked_as = {"visitor's booking name": _text_variants(VISITOR_BOOKED_AS)}
    file_needles = {
        "protocol evidence": [FILE_MARKER],
        "protocol evidence's name": _text_variants(f"{VISITOR['surname']}_explanation"),
    }

    # A trust-line call that ends in a named report, registered through the console.
    operator = login(make_staff(Role.OPERATOR, username="operator-leak"))
    call_number, call_code = _call_ending_in_a_report(operator)
    stolen = _stolen()
    assert CALL_SUBJECT.encode() in stolen and CALL_SUMMARY.encode() in stolen, "positive control"
    assert call_number.encode() in stolen
    assert _leaks(stolen, caller_needles) == []
    assert _leaks(stolen, {"call's receipt code": _codes(call_code)}) == []

    # The citizen books a reception on the portal with name and phone.
    almaty = Unit.objects.get(court__code="REG-75")
    slot = _reception_open(almaty)
    booked = Client().post(
        f"/reception/{almaty.code}/",
        {"slot": slot.pk, "name": VISITOR_BOOKED_AS, "phone": VISITOR["phone"],
         "topic": BOOKING_TOPIC, "language": "ru"},
        HTTP_ACCEPT_LANGUAGE="en",
    )  # fmt: skip
    booking = _booking_number(booked.content.decode())
    stolen = _stolen()
    assert BOOKING_TOPIC.encode() in stolen and booking.encode() in stolen, "positive control"
    assert _leaks(stolen, {**visitor_needles, **booked_as}) == []

    # The chief meets them and types their full identity into the protocol, with a file.
    chief = login(make_staff(Role.CHIEF, "REG-75", username="chief-leak"))
    day = timezone.localtime(slot.starts_at).date().isoformat()
    schedule = chief.get(f"/office/reception/?day={day}", HTTP_ACCEPT_LANGUAGE="en")
    assert VISITOR_BOOKED_AS in schedule.content.decode()  # the vault opens for the chief
    chief.post(f"/office/reception/{booking}/attended/")
    blank = chief.get(f"/office/reception/{booking}/protocol/", HTTP_ACCEPT_LANGUAGE="en")
    assert VISITOR["phone"] in blank.content.decode()  # prefilled from the booking
    protocol = {
        "kind": "violation", "category": "red_tape", "court": "DST-75-04",
        "subject": PROTOCOL_SUBJECT, "text": "Protocol of an oral appeal: fees demanded.",
        "identity": "named", "full_name": VISITOR["full_name"], "iin": VISITOR["iin"],
        "phone": VISITOR["phone"], "email": VISITOR["email"], "address": VISITOR["address"],
        "language": "ru", "reporter_confirmed": "on",
        "evidence": SimpleUploadedFile(
            f"{VISITOR['surname']}_explanation.txt", b"Explanation: " + FILE_MARKER
        ),
    }  # fmt: skip
    done = chief.post(f"/office/reception/{booking}/protocol/", protocol)
    protocol_number, protocol_code = coupon_of(done.content.decode())
    appeal = Appeal.objects.get(number=protocol_number)
    assert appeal.channel == "reception" and appeal.attachments.count() == 1

    stolen = _stolen()
    assert PROTOCOL_SUBJECT.encode() in stolen and protocol_number.encode() in stolen
    assert storage_bytes(), "positive control: the sealed file is in the storage searched"
    assert ReporterIdentity.objects.count() == 2  # both identities are there, sealed
    everything = {**caller_needles, **visitor_needles, **booked_as, **file_needles}
    codes = {"receipt codes": _codes(call_code) + _codes(protocol_code)}
    assert _leaks(stolen, {**everything, **codes}) == []

    # Nor in anything logged on the way.
    assert every_log_record.records, "positive control: the requests were logged"
    assert _leaks(every_log_record.text.encode(), everything) == []


@pytest.mark.django_db(transaction=True)
def test_no_key_material_or_receipt_code_in_the_database(registry, make_staff, login) -> None:
    client = Client()
    data = report_data(
        identity="named",
        full_name=CALLER["full_name"],
        iin=CALLER["iin"],
        phone=CALLER["phone"],
        email=CALLER["email"],
        subject=REPORT_SUBJECT,
    )
    data["evidence"] = SimpleUploadedFile("scan.txt", b"Scan: " + FILE_MARKER)
    number, code = coupon_of(client.post("/report/", data).content.decode())
    assert client.post("/follow-up/", {"code": grouped(code)}).status_code == 302
    # A second named registration through the console: its code must not be kept either.
    _number, call_code = _call_ending_in_a_report(login(make_staff(Role.OPERATOR)))

    stolen = _stolen()
    lowered = stolen.lower()
    assert REPORT_SUBJECT.encode() in stolen, "positive control: plain text is found"
    # Positive control for bytes: a sealed identity is found, raw (SQLite) or hex (pg_dump).
    sealed = bytes(ReporterIdentity.objects.get(appeal__number=number).sealed)
    assert sealed in stolen or sealed.hex().encode() in lowered

    private = bytes(vault._private_key(settings.SENIM_VAULT_KEY))
    assert len(private) == 32
    needles = {
        name: [value.encode(), value[:20].encode()]
        for name, value in [
            ("SENIM_VAULT_KEY", settings.SENIM_VAULT_KEY),
            ("SENIM_RECEIPT_PEPPER", settings.SENIM_RECEIPT_PEPPER),
            ("SECRET_KEY", settings.SECRET_KEY),
        ]
    }
    needles["the vault's private key"] = [
        private,
        private.hex().encode(),
        base64.b64encode(private),
        base64.urlsafe_b64encode(private).rstrip(b"="),
    ]
    needles["the portal report's receipt code"] = _codes(code)
    needles["the call's receipt code"] = _codes(call_code)
    assert _leaks(stolen, needles) == []


@pytest.mark.parametrize("behind_proxy", [False, True], ids=["direct", "behind-proxy"])
@pytest.mark.django_db(transaction=True)
def test_no_reporter_ip_address_is_logged_or_stored(
    behind_proxy, registry, settings, every_log_record
) -> None:
    settings.SENIM_BEHIND_PROXY = behind_proxy
    cache.clear()  # only this test's throttle entries, for the positive control below
    almaty = Unit.objects.get(court__code="REG-75")
    slot = _reception_open(almaty)
    client = Client()
    with CaptureQueriesContext(connection) as queries:
        # CaptureQueriesContext also makes every query a DEBUG record with its parameters.
        report = client.post(
            "/report/",
            report_data(subject=REPORT_SUBJECT),
            REMOTE_ADDR=ADDRESS,
            HTTP_X_FORWARDED_FOR=FORWARDED,
        )
        number, code = coupon_of(report.content.decode())
        wrong = client.post(
            "/follow-up/",
            {"code": "1111 2222 3333 4444"},
            HTTP_ACCEPT_LANGUAGE="en",
            REMOTE_ADDR=ADDRESS,
            HTTP_X_FORWARDED_FOR=FORWARDED,
        )
        assert "No report matches this code" in wrong.content.decode()  # counted, too
        right = client.post(
            "/follow-up/", {"code": code}, REMOTE_ADDR=ADDRESS, HTTP_X_FORWARDED_FOR=FORWARDED
        )
        assert right.status_code == 302
        client.post(
            "/follow-up/mailbox/",
            {"body": "One more detail from the reporter."},
            REMOTE_ADDR=ADDRESS,
            HTTP_X_FORWARDED_FOR=FORWARDED,
        )
        booked = client.post(
            f"/reception/{almaty.code}/",
            {"slot": slot.pk, "name": VISITOR_BOOKED_AS, "phone": VISITOR["phone"],
             "topic": BOOKING_TOPIC, "language": "ru"},
            REMOTE_ADDR=ADDRESS,
            HTTP_X_FORWARDED_FOR=FORWARDED,
        )  # fmt: skip
        booking = _booking_number(booked.content.decode())
        client.post(
            "/reception/cancel/",
            {"number": booking, "code": "00000000"},
            REMOTE_ADDR=ADDRESS,
            HTTP_X_FORWARDED_FOR=FORWARDED,
        )

    addresses = {
        "the client's address": [ADDRESS.encode(), str(_as_int(ADDRESS)).encode()],
        "the forwarded address": [FORWARDED.encode(), str(_as_int(FORWARDED)).encode()],
    }
    # The logs: positive control first, the logged SQL carries what the requests stored.
    records = every_log_record.records
    assert records, "positive control: the requests were logged"
    logged = "\n".join([every_log_record.text, *(r.getMessage() for r in records)])
    assert REPORT_SUBJECT in logged, "positive control: the appeal's INSERT was logged"
    assert _leaks(logged.encode(), addresses) == []
    # Every statement sent to the database.
    sent = "\n".join(q["sql"] for q in queries.captured_queries)
    assert REPORT_SUBJECT in sent
    assert _leaks(sent.encode(), addresses) == []

    # The database (the cache table decoded too) and the storage folder.
    stolen = _stolen()
    assert REPORT_SUBJECT.encode() in stolen and number.encode() in stolen, "positive control"
    assert b"One more detail from the reporter." in stolen
    throttled = _throttle_keys()
    assert throttled, (
        "positive control: the wrong code was counted for this client, in the cache searched"
    )
    assert all(key.encode() in stolen for key in throttled)
    assert _leaks(stolen, addresses) == []


class RefusingMailServer(BaseEmailBackend):
    """A mail server that refuses the recipient: what Django's SMTP backend raises then."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        refused = {to: (550, b"5.1.1 Mailbox unavailable") for m in email_messages for to in m.to}
        raise smtplib.SMTPRecipientsRefused(refused)


class FailingSmsGateway:
    """A deployment's SMS gateway whose HTTP client fails naming the URL, number included."""

    def send(self, to: str, text: str) -> None:
        number = re.sub(r"\D", "", to)
        raise ConnectionError(f"400 Bad Request for url: https://sms.example/send?to={number}")


@pytest.mark.parametrize("contact_by", ["email", "sms"])
@pytest.mark.django_db(transaction=True)
def test_a_failed_notice_leaves_no_contact_in_the_task_queue_or_the_logs(
    contact_by, registry, make_staff, login, settings, every_log_record
) -> None:
    settings.EMAIL_BACKEND = f"{__name__}.RefusingMailServer"
    settings.SENIM_SMS_BACKEND = f"{__name__}.FailingSmsGateway"
    body = "Visible question 3a6c: which floor was it?"
    try:  # Only the leak may be the expected failure: a broken set-up is a real one.
        operator = login(make_staff(Role.OPERATOR))
        number, _code = _call_ending_in_a_report(operator, contact_by=contact_by)
        case = Case.objects.get(appeal__number=number)
        chief = login(make_staff(Role.CHIEF, "REG-71"))
        assert chief.post(f"/office/cases/{case.pk}/do/message/", {"body": body}).status_code == 302
    except AssertionError as broken:
        pytest.fail(f"set-up: {broken}")
    # The worker of production, until the queue is empty; verbosity 1 keeps its logging.
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=1, stdout=io.StringIO())

    stolen = _stolen()
    logged = every_log_record.text
    failure = "SMTPRecipientsRefused" if contact_by == "email" else "ConnectionError"
    if body.encode() not in stolen:
        pytest.fail("positive control: plain text is found")
    if failure.encode() not in stolen:
        pytest.fail("positive control: the failed task is kept in the database")
    if failure not in logged:
        pytest.fail("positive control: the failure is logged")
    needles = _identity_needles(CALLER, "caller")
    found = {"database": _leaks(stolen, needles), "logs": _leaks(logged.encode(), needles)}
    assert found == {"database": [], "logs": []}
