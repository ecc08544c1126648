"""The identity vault: a copy of the database and storage without the key reveals nothing."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from senim.core.models import AuditEvent
from senim.intake import vault
from senim.organization.models import Role
from tests.intake_helpers import coupon_of, report_data
from tests.stolen_copy import database_bytes, storage_bytes

SECRETS = {
    "name": "Гульмира Жанабаевна Секретова",
    "iin": "850505400127",
    "phone": "+7 701 987 65 43",
    "email": "gulmira.sekretova@example.kz",
    "address": "Абай даңғылы 150, пәтер 77",
}
FILE_MARKER = b"UNIQUE-EVIDENCE-CONTENT-7f3a9c"
SUBJECT = "Visible subject 4b2e: not secret"


def _needles() -> dict[str, list[bytes]]:
    found = {k: [v.encode("utf-8")] for k, v in SECRETS.items()}
    found["phone"].append(b"7019876543")
    found["file"] = [FILE_MARKER]
    found["file name"] = ["Секретова".encode()]
    return found


@pytest.mark.django_db(transaction=True)
def test_a_stolen_database_and_storage_reveal_no_identity_or_file(registry, caplog) -> None:
    client = Client()
    data = report_data(
        identity="named",
        full_name=SECRETS["name"],
        iin=SECRETS["iin"],
        phone=SECRETS["phone"],
        email=SECRETS["email"],
        address=SECRETS["address"],
        subject=SUBJECT,
    )
    # Named after the reporter, as scans often are: the name is sealed like the content.
    data["evidence"] = SimpleUploadedFile("Секретова_жалоба.txt", b"Evidence: " + FILE_MARKER)
    number, code = coupon_of(client.post("/report/", data).content.decode())
    client.post("/follow-up/", {"code": code})
    client.post(
        "/follow-up/mailbox/",
        {"evidence": SimpleUploadedFile("more.txt", b"More: " + FILE_MARKER)},
    )
    dump = database_bytes() + storage_bytes()
    assert SUBJECT.encode() in dump, "the search must see plain data (positive control)"
    assert number.encode() in dump
    for what, variants in _needles().items():
        for needle in variants:
            assert needle not in dump, f"{what} leaked"
    assert code.encode() not in dump
    # Nothing identifying in the logs either.
    logged = caplog.text
    for value in SECRETS.values():
        assert value not in logged
    # Addresses: tests/test_vault_channels.py::test_no_reporter_ip_address_is_logged_or_stored.


@pytest.mark.django_db
def test_reveal_needs_a_role_a_reason_and_leaves_an_audit_entry(
    registry, make_staff, login
) -> None:
    client = Client()
    data = report_data(identity="named", full_name=SECRETS["name"], phone=SECRETS["phone"])
    number, _code = coupon_of(client.post("/report/", data).content.decode())
    from senim.cases.models import Case

    case = Case.objects.get(appeal__number=number)
    chief = login(make_staff(Role.CHIEF, "REG-75", username="chief-reveal"))
    page = chief.get(f"/office/cases/{case.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert SECRETS["name"] not in page and "Reveal the identity" in page

    short = chief.post(f"/office/cases/{case.pk}/", {"reason": "need"}, HTTP_ACCEPT_LANGUAGE="en")
    assert SECRETS["name"] not in short.content.decode()
    assert "State the reason" in short.content.decode()
    assert not AuditEvent.objects.filter(action="identity.revealed").exists()

    reason = "Need to invite the reporter to give an explanation"
    shown = chief.post(f"/office/cases/{case.pk}/", {"reason": reason}, HTTP_ACCEPT_LANGUAGE="en")
    assert SECRETS["name"] in shown.content.decode()
    entry = AuditEvent.objects.get(action="identity.revealed")
    assert entry.actor == "chief-reveal" and entry.detail == {"reason": reason}
    assert entry.object_id == number

    # Another unit's chief: the case does not exist for them.
    other = login(make_staff(Role.CHIEF, "REG-71"))
    assert other.post(f"/office/cases/{case.pk}/", {"reason": reason}).status_code == 404


def test_sealing_needs_only_the_public_key_and_opening_the_secret(settings) -> None:
    sealed = vault.seal(b"identity")
    assert vault.vault_open(sealed) == b"identity"
    settings.SENIM_VAULT_KEY = "another-key-" + "x" * 50
    from nacl.exceptions import CryptoError

    with pytest.raises(CryptoError):
        vault.vault_open(sealed)
