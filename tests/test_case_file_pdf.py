"""The case file as PDF: everything the case holds for a prosecutor's referral or the archive;
the reporter's identity only when the reader may read it now, and then every page carries the
reader's name and the time; refused to those the policy does not allow; audited."""

from __future__ import annotations

import html
import time

import pytest
import time_machine
from django.test import Client, override_settings

from senim.cases.models import Case, Status
from senim.core.models import AuditEvent
from senim.intake import vault
from senim.intake.models import PersonConcerned, ReporterIdentity
from senim.organization.models import Role
from tests.pdf_text import pdf_pages, pdf_text
from tests.second_factor_helpers import enrol_totp, password_step, sign_in_with_code, totp

pytestmark = pytest.mark.django_db

REASON = "Prosecutor's request No. 12-34 of 1 March"


def _named(case: Case) -> Case:
    appeal = case.appeal
    appeal.is_anonymous = False
    appeal.text = "Подробности. " * 400  # long enough for several pages
    appeal.save()
    ReporterIdentity.objects.create(
        appeal=appeal,
        sealed=vault.seal_json({"full_name": "Гульнара Сейткали", "phone": "+7 701 111 22 33"}),
    )
    PersonConcerned.objects.create(appeal=appeal, name="Б. Секретарь", position="секретарь")
    return case


@pytest.fixture
def chief(make_staff):
    user = make_staff(Role.CHIEF, "REG-75", username="chief-file")
    user.first_name, user.last_name = "Данияр", "Оспанов"
    user.save()
    return user


@override_settings(SENIM_REVEAL_APPROVAL=False)
def test_the_case_file_holds_the_case_and_no_identity_unless_asked(chief, make_case, login):
    case = _named(make_case("DST-75-02", status=Status.CONCLUDED))
    case.findings = "The clerk demanded money; confirmed by two witnesses."
    case.save()
    client = login(chief)
    page = client.get(f"/office/cases/{case.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f'href="/office/cases/{case.pk}/case-file/"' in page
    form = client.get(f"/office/cases/{case.pk}/case-file/", HTTP_ACCEPT_LANGUAGE="en")
    assert (
        form.status_code == 200 and "Include the reporter&#x27;s identity" in form.content.decode()
    )
    response = client.post(
        f"/office/cases/{case.pk}/case-file/",
        {"purpose": "archive", "reason": REASON},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    text = pdf_text(response.content)
    assert case.appeal.number in text and "Secretary asked for money" in text
    assert "confirmed by two witnesses" in text and "Б. Секретарь" in text
    assert "Timeline" in text and "Assessment" not in text  # none made: no empty section
    assert "Гульнара" not in text and "Read by" not in text
    assert "the identity is not included" in text
    event = AuditEvent.objects.get(action="case.file_exported")
    assert event.object_id == case.appeal.number and event.actor == "chief-file"
    assert event.detail == {"purpose": "archive", "reason": REASON, "identity": False}
    assert not AuditEvent.objects.filter(action="identity.revealed").exists()


@override_settings(SENIM_REVEAL_APPROVAL=False)
def test_with_the_identity_every_page_carries_the_reader_and_the_time(chief, make_case, login):
    case = _named(make_case("DST-75-02"))
    client = login(chief)
    response = client.post(
        f"/office/cases/{case.pk}/case-file/",
        {"purpose": "prosecutor", "reason": REASON, "with_identity": "on"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    pages = [" ".join(p.split()) for p in pdf_pages(response.content)]
    assert len(pages) >= 2
    assert "Гульнара Сейткали" in " ".join(pages)
    for page in pages:
        assert "Read by Данияр Оспанов" in page
    revealed = AuditEvent.objects.get(action="identity.revealed")
    assert revealed.detail["reason"] == REASON
    exported = AuditEvent.objects.get(action="case.file_exported")
    assert exported.detail["identity"] is True and exported.detail["purpose"] == "prosecutor"


@override_settings(SENIM_REVEAL_APPROVAL=True)
def test_without_a_custodians_approval_the_identity_is_refused_and_nothing_made(
    chief, make_case, login
):
    case = _named(make_case("DST-75-02"))
    client = login(chief)
    response = client.post(
        f"/office/cases/{case.pk}/case-file/",
        {"purpose": "prosecutor", "reason": REASON, "with_identity": "on"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    page = html.unescape(response.content.decode())
    assert "no valid approval" in page and REASON in page  # what was typed is kept
    assert not AuditEvent.objects.filter(action="case.file_exported").exists()
    assert not AuditEvent.objects.filter(action="identity.revealed").exists()


def test_only_those_who_handle_cases_and_see_this_one_export(make_staff, make_case, login):
    case = make_case("DST-75-02")
    data = {"purpose": "archive", "reason": REASON}
    url = f"/office/cases/{case.pk}/case-file/"
    investigator = login(make_staff(Role.INVESTIGATOR, "REG-75"))
    assert investigator.post(url, data).status_code == 403
    page = investigator.get(f"/office/cases/{case.pk}/").content.decode()
    assert "case-file" not in page
    other_chief = login(make_staff(Role.CHIEF, "REG-71"))
    assert other_chief.post(url, data).status_code == 404
    analyst = login(make_staff(Role.ANALYST))
    assert analyst.post(url, data).status_code == 403
    coordinator = login(make_staff(Role.COORDINATOR))
    assert coordinator.post(url, data).status_code == 200
    short = login(make_staff(Role.CHIEF, "REG-75")).post(url, {"purpose": "archive", "reason": "x"})
    assert short.status_code == 200 and short["Content-Type"].startswith("text/html")
    assert AuditEvent.objects.filter(action="case.file_exported").count() == 1


@override_settings(SENIM_MFA_ENFORCED=True, SENIM_STEP_UP_MINUTES=5)
def test_the_export_asks_for_a_fresh_second_factor(make_staff, make_case):
    make_staff(Role.CHIEF, "REG-75", username="chief-stepup")
    case = make_case("DST-75-02")
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    password_step(client, "chief-stepup")
    secret, _codes = enrol_totp(client)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    sign_in_with_code(client, "chief-stepup", totp(secret))
    url = f"/office/cases/{case.pk}/case-file/"
    assert client.get(url).status_code == 200
    with time_machine.travel(time.time() + 6 * 60, tick=False):
        stale = client.post(url, {"purpose": "archive", "reason": REASON})
        assert stale.status_code == 302
        assert stale["Location"].startswith("/office/2fa/reauthenticate/?next=%2Foffice%2Fcases%2F")
    assert not AuditEvent.objects.filter(action="case.file_exported").exists()
