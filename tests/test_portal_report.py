"""The public report form, the coupon, follow-up with the receipt code, and every bad input."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings

from senim.cases.models import Case, Status
from senim.core.models import AuditEvent
from senim.intake import vault
from senim.intake.anonymity import AnonymousPolicy
from senim.intake.models import Appeal, Attachment, Mailbox, PersonConcerned, ReporterIdentity
from tests.intake_helpers import coupon_of, jpeg_with_gps, report_data

pytestmark = pytest.mark.django_db


def _submit(client: Client, **overrides):
    return client.post("/report/", report_data(**overrides), HTTP_ACCEPT_LANGUAGE="en")


def test_anonymous_report_gets_a_coupon_and_a_sixteen_digit_code(registry, client) -> None:
    response = _submit(client)
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    html = response.content.decode()
    number, code = coupon_of(html)
    assert re.fullmatch(r"\d{16}", code)
    assert re.search(r"\d{4} \d{4} \d{4} \d{4}", html)  # grouped for reading aloud
    assert "Answer due by" in html and "It is shown only once" in html
    appeal = Appeal.objects.get(number=number)
    assert appeal.channel == "portal" and appeal.is_anonymous and appeal.language == "ru"
    assert appeal.anonymous_policy == AnonymousPolicy.KAZAKHSTAN
    assert appeal.received_by is None
    assert PersonConcerned.objects.get(appeal=appeal).position == "office clerk"
    case = Case.objects.get(appeal=appeal)
    assert case.status == Status.RECEIVED and case.unit.court.code == "REG-75"
    assert case.due_on is not None
    assert code not in Mailbox.objects.get(appeal=appeal).lookup  # the code is never stored
    assert AuditEvent.objects.filter(action="appeal.registered", object_id=number).exists()


def test_follow_up_with_the_code_shows_status_and_deadline(registry, client) -> None:
    number, code = coupon_of(_submit(client).content.decode())
    grouped = " ".join(code[i : i + 4] for i in range(0, 16, 4))
    response = client.post("/follow-up/", {"code": grouped})
    assert response.status_code == 302 and response["Location"] == "/follow-up/mailbox/"
    cookie = response.cookies["senim_mailbox"]
    assert cookie["httponly"] and cookie["samesite"] == "Strict"
    page = client.get("/follow-up/mailbox/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert number in page and "Received" in page and "Answer due by" in page


def test_reporter_replies_with_a_file_through_the_mailbox(registry, client) -> None:
    number, code = coupon_of(_submit(client).content.decode())
    client.post("/follow-up/", {"code": code})
    response = client.post(
        "/follow-up/mailbox/",
        {
            "body": "I remembered: it was on 12 March.",
            "evidence": SimpleUploadedFile("receipt.pdf", b"%PDF-1.4 more evidence"),
        },
    )
    assert response.status_code == 302
    appeal = Appeal.objects.get(number=number)
    message = appeal.messages.get()
    assert message.direction == "in" and message.body == "I remembered: it was on 12 March."
    reply_file = message.files.get()
    assert reply_file.name == "file-1.pdf"
    assert vault.vault_open(reply_file.sealed_name or b"") == b"receipt.pdf"
    page = client.get("/follow-up/mailbox/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "I remembered: it was on 12 March." in page


def test_mailbox_without_a_valid_cookie_asks_for_the_code(registry, client) -> None:
    client.cookies["senim_mailbox"] = "1:forged:signature"
    response = client.get("/follow-up/mailbox/")
    assert response.status_code == 302 and response["Location"] == "/follow-up/"


@pytest.mark.parametrize(
    "code", ["1234 5678 9012 3456", "12345", "abcd efgh ijkl mnop", "' OR 1=1 --", "9" * 64]
)
def test_wrong_or_malformed_code_gets_one_generic_answer(registry, client, code) -> None:
    _submit(client)
    response = client.post("/follow-up/", {"code": code}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert (
        "No report matches this code. Check the digits and try again." in response.content.decode()
    )
    assert "senim_mailbox" not in response.cookies


@override_settings(SENIM_FOLLOW_UP_ATTEMPTS=3)
def test_follow_up_attempts_are_throttled(registry, client) -> None:
    _number, code = coupon_of(_submit(client).content.decode())
    for _ in range(3):
        client.post("/follow-up/", {"code": "1111 2222 3333 4444"})
    blocked = client.post("/follow-up/", {"code": code}, HTTP_ACCEPT_LANGUAGE="en")
    assert blocked.status_code == 429
    assert "Too many attempts" in blocked.content.decode()
    assert "senim_mailbox" not in blocked.cookies


@override_settings(SENIM_FOLLOW_UP_ATTEMPTS=2)
def test_an_overlong_code_is_a_wrong_code_and_counts_as_an_attempt(registry, client) -> None:
    _number, code = coupon_of(_submit(client).content.decode())
    for _ in range(2):
        pasted = client.post("/follow-up/", {"code": "1234 " * 100}, HTTP_ACCEPT_LANGUAGE="en")
        assert "No report matches this code." in pasted.content.decode()
    assert client.post("/follow-up/", {"code": code}).status_code == 429


@override_settings(SENIM_FOLLOW_UP_ATTEMPTS=3)
def test_the_coupon_pdf_answers_no_guesses_once_attempts_are_used_up(registry, client) -> None:
    _number, code = coupon_of(_submit(client).content.decode())
    for _ in range(3):
        assert client.post("/coupon.pdf", {"code": "1111 2222 3333 4444"}).status_code == 404
    blocked = client.post("/coupon.pdf", {"code": code}, HTTP_ACCEPT_LANGUAGE="en")
    assert blocked.status_code == 429
    assert "Too many attempts" in blocked.content.decode()
    assert blocked["Content-Type"].startswith("text/html")


@pytest.mark.parametrize("behind_proxy", [False, True])
def test_a_forged_forwarded_address_does_not_reset_the_attempts(
    registry, client, behind_proxy: bool
) -> None:
    """Without a proxy the header is ignored; behind one only the entry the proxy appended
    (the last) counts, so a client writing its own entries before it gains nothing."""
    _number, code = coupon_of(_submit(client).content.decode())
    with override_settings(SENIM_FOLLOW_UP_ATTEMPTS=3, SENIM_BEHIND_PROXY=behind_proxy):
        for n in range(3):
            forged = f"10.0.0.{n}, 203.0.113.7"
            client.post("/follow-up/", {"code": "1111 2222 3333 4444"}, HTTP_X_FORWARDED_FOR=forged)
        again = client.post(
            "/follow-up/", {"code": code}, HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.7"
        )
    assert again.status_code == 429


def test_named_report_seals_the_identity(registry, client) -> None:
    response = _submit(
        client,
        identity="named",
        full_name="Айгерім Сапарова",
        iin="900101300027",
        phone="+7 701 555 0101",
        email="aigerim@example.kz",
        disclosure_consent="on",
    )
    number, _code = coupon_of(response.content.decode())
    appeal = Appeal.objects.get(number=number)
    assert not appeal.is_anonymous and appeal.disclosure_consent and appeal.anonymous_policy == ""
    sealed = bytes(ReporterIdentity.objects.get(appeal=appeal).sealed)
    assert "Сапарова".encode() not in sealed and b"900101300027" not in sealed


@pytest.mark.parametrize(
    ("overrides", "field_error"),
    [
        (
            {"identity": "named", "full_name": "A B", "iin": "900101300028", "phone": "1"},
            "This IIN is not valid",
        ),
        ({"identity": "named", "full_name": "", "phone": "+7 701"}, "Give your full name"),
        ({"identity": "named", "full_name": "A B"}, "Give at least one way to reach you"),
        ({"text": ""}, "This field is required."),
        ({"court": "NO-SUCH-COURT"}, "Select a valid choice"),
        ({"court": ""}, "This field is required."),
        ({"email": "not-an-email", "identity": "named", "full_name": "A B"}, "Enter a valid email"),
        ({"text": "x" * 20001}, "Ensure this value has at most 20000 characters"),
        ({"text": "null byte \x00 here"}, "Null characters are not allowed."),
    ],
)
def test_bad_input_is_refused_clearly_and_keeps_what_was_typed(
    registry, client, overrides, field_error
) -> None:
    data = report_data(subject="Мой заголовок, который не должен пропасть", **overrides)
    response = client.post("/report/", data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    html = response.content.decode()
    assert field_error in html
    assert "Please correct the marked fields." in html
    assert "Мой заголовок, который не должен пропасть" in html
    assert Appeal.objects.count() == 0 and Case.objects.count() == 0


def test_hostile_text_is_stored_as_written_and_shown_escaped(
    registry, client, make_staff, login
) -> None:
    hostile = "<script>alert('x')</script>'; DROP TABLE intake_appeal; --"
    number, _ = coupon_of(_submit(client, text=hostile, subject="<b>bold</b>").content.decode())
    appeal = Appeal.objects.get(number=number)
    assert appeal.text == hostile
    chief = make_staff("chief", "REG-75")
    page = login(chief).get(f"/office/cases/{appeal.case.pk}/").content.decode()
    assert "<script>alert" not in page and "&lt;script&gt;alert(&#x27;x&#x27;)" in page
    assert "<b>bold</b>" not in page


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("photo.jpg", b"MZ\x90\x00 windows executable", "is not of an accepted type"),
        ("report.pdf", b"<?php system($_GET['c']); ?>\x00\x01", "is not of an accepted type"),
        # Text under another type's name: a script, a web page, a drawing that runs code.
        ("photo.jpg", b"<?php system($_GET['c']); ?>", "is not of an accepted type"),
        ("scan.pdf", b"#!/bin/sh\nrm -rf ~\n", "is not of an accepted type"),
        ("page.html", b"<html><script>alert(1)</script></html>", "is not of an accepted type"),
        ("map.svg", b'<svg onload="alert(1)"/>', "is not of an accepted type"),
        ("empty.pdf", b"", "empty"),
        ("huge.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024), "is larger than 10 MB"),
    ],
)
def test_bad_files_are_refused_and_nothing_is_saved(
    registry, client, name, content, message
) -> None:
    data = report_data(subject="Заголовок с файлом")
    data["evidence"] = SimpleUploadedFile(name, content)
    response = client.post("/report/", data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "attach them again" in html  # files cannot be kept: the page says so
    assert "Заголовок с файлом" in html
    assert Appeal.objects.count() == 0 and Attachment.objects.count() == 0


def test_too_many_files_are_refused(registry, client) -> None:
    data = report_data()
    data["evidence"] = [SimpleUploadedFile(f"f{i}.txt", b"text") for i in range(6)]
    response = client.post("/report/", data, HTTP_ACCEPT_LANGUAGE="en")
    assert "At most 5 files can be attached." in response.content.decode()
    assert Appeal.objects.count() == 0


@override_settings(SENIM_ATTACHMENT_MAX_COUNT=2)
def test_the_file_count_limit_is_the_configured_one(registry, client) -> None:
    data = report_data()
    data["evidence"] = [SimpleUploadedFile(f"f{i}.txt", b"text") for i in range(3)]
    response = client.post("/report/", data, HTTP_ACCEPT_LANGUAGE="en")
    assert "At most 2 files can be attached." in response.content.decode()
    assert Appeal.objects.count() == 0


def test_an_oversized_upload_is_refused_before_it_is_read() -> None:
    """Its declared size decides: a spooled gigabyte is never pulled into memory to be measured."""
    from senim.core.errors import DomainError
    from senim.intake.attachments import read_uploads

    class Spooled(SimpleUploadedFile):
        def read(self, *args, **kwargs):
            raise AssertionError("an oversized upload was read")

    huge = Spooled("huge.pdf", b"%PDF-")
    huge.size = 3 * 1024**3
    with pytest.raises(DomainError, match="larger than 10 MB"):
        read_uploads([SimpleUploadedFile("small.txt", b"fine"), huge])


def test_images_lose_their_metadata_and_names_are_cleaned(
    registry, client, make_staff, login
) -> None:
    photo = jpeg_with_gps()
    assert b"SecretCam" in photo and b"Owner Name" in photo
    data = report_data()
    data["evidence"] = SimpleUploadedFile("../../etc/passwd <evil>.jpg", photo)
    number, _ = coupon_of(client.post("/report/", data).content.decode())
    attachment = Attachment.objects.get(appeal__number=number)
    # Listed under a neutral name; the cleaned original is sealed and comes with the download.
    assert attachment.name == "file-1.jpg"
    assert attachment.content_type == "image/jpeg"
    chief = make_staff("chief", "REG-75")
    case = Case.objects.get(appeal__number=number)
    download = login(chief).get(f"/office/cases/{case.pk}/files/{attachment.pk}/")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/octet-stream"
    assert download["Content-Disposition"] == "attachment; filename*=UTF-8''passwd%20_evil.jpg"
    body = download.content
    assert body.startswith(b"\xff\xd8\xff")
    assert b"SecretCam" not in body and b"Owner Name" not in body and b"GPS" not in body
    assert AuditEvent.objects.filter(action="attachment.downloaded").exists()


def test_a_disguised_file_is_typed_by_content(registry, client) -> None:
    data = report_data()
    data["evidence"] = SimpleUploadedFile("notes.exe", b"%PDF-1.7 this is really a PDF")
    number, _ = coupon_of(client.post("/report/", data).content.decode())
    attachment = Attachment.objects.get(appeal__number=number)
    assert attachment.name == "file-1.pdf" and attachment.content_type == "application/pdf"
    assert vault.vault_open(attachment.sealed_name or b"") == b"notes.pdf"


@pytest.mark.parametrize("name", ["notes.txt", "ЗАМЕТКИ.TXT", "calls.csv", "README"])
def test_plain_text_under_a_text_name_is_accepted(registry, client, name) -> None:
    data = report_data()
    data["evidence"] = SimpleUploadedFile(name, "Звонок 12 марта в 10:40.\n".encode())
    number, _ = coupon_of(client.post("/report/", data).content.decode())
    attachment = Attachment.objects.get(appeal__number=number)
    assert attachment.content_type == "text/plain" and attachment.name == "file-1.txt"


def test_coupon_pdf_needs_the_receipt_code(registry, client) -> None:
    number, code = coupon_of(_submit(client).content.decode())
    pdf = client.post("/coupon.pdf", {"code": code})
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert number in pdf["Content-Disposition"]
    assert client.post("/coupon.pdf", {"code": "0000000000000000"}).status_code == 404


def test_report_form_renders_in_every_language_without_javascript(registry, client) -> None:
    for language, word in [("kk", "Жіберу"), ("ru", "Отправить"), ("en", "Send the report")]:
        html = client.get("/report/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
        assert "<script" not in html
        assert 'enctype="multipart/form-data"' in html
        assert "<optgroup" in html  # courts grouped by region
        assert word in html, language


def test_investigator_asks_and_the_reporter_answers_through_the_mailbox(
    registry, client, make_staff, login
) -> None:
    number, code = coupon_of(_submit(client).content.decode())
    case = Case.objects.get(appeal__number=number)
    investigator = make_staff("investigator", "REG-75")
    case.assignee = investigator
    case.save()
    staff_client = login(investigator)
    staff_client.post(
        f"/office/cases/{case.pk}/do/message/", {"body": "Which day did it happen, exactly?"}
    )
    client.post("/follow-up/", {"code": code})
    page = client.get("/follow-up/mailbox/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Which day did it happen, exactly?" in page and "From the department" in page
    client.post("/follow-up/mailbox/", {"body": "On 12 March, at about 11."})
    office = staff_client.get(f"/office/cases/{case.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    assert "On 12 March, at about 11." in office.content.decode()
    # An operator cannot write to reporters, and another unit cannot even find the case.
    other = login(make_staff("chief", "REG-71"))
    assert other.post(f"/office/cases/{case.pk}/do/message/", {"body": "x"}).status_code == 404
