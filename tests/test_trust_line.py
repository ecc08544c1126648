"""The trust-line console: a call ends in a report, a consultation or a referral; callbacks."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
import time_machine
from django.test import Client

from senim.cases.models import Case
from senim.intake.models import Appeal, Call, ReporterIdentity
from senim.organization.models import Role
from tests.intake_helpers import coupon_of, new_call, report_data

pytestmark = pytest.mark.django_db


def test_a_call_that_ends_in_a_report_registers_an_appeal(make_staff, login) -> None:
    operator = make_staff(Role.OPERATOR, username="op")
    client = login(operator)
    data = report_data(
        started=new_call(client),
        outcome="report",
        recording_consent="on",
        summary="Caller says the bailiff took money at the entrance.",
        identity="named",
        full_name="Серік Ахметов",
        phone="+7 777 000 11 22",
        court="DST-71-05",
    )
    response = client.post("/office/trust-line/call/", data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    html = response.content.decode()
    number, code = coupon_of(html)
    assert "Read these to the caller now" in html and len(code) == 16
    appeal = Appeal.objects.get(number=number)
    assert appeal.channel == "trust_line" and appeal.received_by == operator
    assert not appeal.is_anonymous
    call = Call.objects.get(appeal=appeal)
    assert call.operator == operator and call.recording_consent and call.ended_at >= call.started_at
    assert Case.objects.get(appeal=appeal).unit.court.code == "REG-71"
    # The operator wrote the identity but cannot read it back: no case page for operators.
    assert ReporterIdentity.objects.filter(appeal=appeal).exists()
    # Operators open no case page at all: the same answer for this case and for none.
    assert client.get(f"/office/cases/{appeal.case.pk}/").status_code == 403
    assert client.get("/office/cases/999999/").status_code == 403
    assert "Серік" not in client.get("/office/trust-line/").content.decode()


def test_the_case_page_shows_the_call_it_came_from(make_staff, login) -> None:
    operator = make_staff(Role.OPERATOR, username="op")
    client = login(operator)
    summary = "Caller says the bailiff took money at the entrance.\n<b>Twice</b>."
    data = report_data(
        started=new_call(client), outcome="report", summary=summary, court="DST-71-05"
    )
    number, _code = coupon_of(client.post("/office/trust-line/call/", data).content.decode())
    case = Case.objects.get(appeal__number=number)
    chief = login(make_staff(Role.CHIEF, "REG-71"))
    page = chief.get(f"/office/cases/{case.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "The trust-line call" in page and "Op" in page  # the operator who took it
    assert "took money at the entrance.<br>&lt;b&gt;Twice&lt;/b&gt;." in page
    assert "Consent to recording</dt><dd>not given" in page
    # A report made on the portal has no call to show.
    web, _code = coupon_of(
        Client().post("/report/", report_data(court="DST-71-05")).content.decode()
    )
    web_case = Case.objects.get(appeal__number=web)
    web_page = chief.get(f"/office/cases/{web_case.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    assert web_page.status_code == 200 and "The trust-line call" not in web_page.content.decode()


def test_a_consultation_records_its_topic_and_opens_no_case(make_staff, login) -> None:
    client = login(make_staff(Role.OPERATOR))
    response = client.post(
        "/office/trust-line/call/",
        {"started": new_call(client), "outcome": "consultation", "topic": "How to appeal",
         "language": "kk", "identity": "anonymous"},
    )  # fmt: skip
    assert response.status_code == 302
    call = Call.objects.get()
    assert call.outcome == "consultation" and call.topic == "How to appeal" and call.appeal is None
    assert Appeal.objects.count() == 0


def test_outside_competence_records_where_the_caller_was_sent(make_staff, login) -> None:
    client = login(make_staff(Role.OPERATOR))
    started = new_call(client)
    missing = client.post(
        "/office/trust-line/call/",
        {"started": started, "outcome": "outside", "language": "ru", "identity": "anonymous"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "Record where the caller was referred." in missing.content.decode()
    client.post(
        "/office/trust-line/call/",
        {"started": started, "outcome": "outside", "referred_to": "Prosecutor's office, 102",
         "language": "ru", "identity": "anonymous"},
    )  # fmt: skip
    assert Call.objects.get().referred_to == "Prosecutor's office, 102"


def test_a_report_call_missing_fields_keeps_what_was_typed(make_staff, login) -> None:
    client = login(make_staff(Role.OPERATOR))
    response = client.post(
        "/office/trust-line/call/",
        {"started": new_call(client), "outcome": "report", "language": "ru",
         "identity": "anonymous", "summary": "Длинная запись разговора, которую жалко потерять"},
        HTTP_ACCEPT_LANGUAGE="en",
    )  # fmt: skip
    html = response.content.decode()
    assert "Needed when the call ends in a report." in html
    assert "Длинная запись разговора, которую жалко потерять" in html
    assert Call.objects.count() == 0 and Appeal.objects.count() == 0


def test_a_forged_start_time_is_refused(make_staff, login) -> None:
    client = login(make_staff(Role.OPERATOR))
    response = client.post(
        "/office/trust-line/call/",
        {"started": "2020-01-01T00:00:00:forged", "outcome": "consultation", "topic": "x",
         "language": "ru", "identity": "anonymous"},
        HTTP_ACCEPT_LANGUAGE="en",
    )  # fmt: skip
    assert "Start a new call" in response.content.decode()
    assert Call.objects.count() == 0


def _proof(page: str) -> str:
    found = re.search(r'name="proof" value="([^"]+)"', page)
    return found.group(1) if found else ""


def test_a_caller_with_the_receipt_code_hears_the_status_and_adds_to_the_appeal(
    registry, make_staff, login
) -> None:
    number, code = coupon_of(Client().post("/report/", report_data()).content.decode())
    client = login(make_staff(Role.OPERATOR))
    by_code = client.post(
        "/office/trust-line/callback/", {"query": code}, HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert number in by_code and "Received" in by_code
    assert code not in by_code  # the code is never written into the page
    client.post(
        "/office/trust-line/callback/note/",
        {"proof": _proof(by_code), "body": "The caller adds: the clerk's room is 312."},
    )
    message = Appeal.objects.get(number=number).messages.get()
    assert message.channel == "trust_line" and message.direction == "in"
    assert message.body == "The caller adds: the clerk's room is 312."


def test_a_coupon_number_alone_adds_nothing_but_offers_a_new_appeal_naming_it(
    registry, make_staff, login
) -> None:
    number, _code = coupon_of(Client().post("/report/", report_data()).content.decode())
    client = login(make_staff(Role.OPERATOR))
    by_number = client.post(
        "/office/trust-line/callback/", {"query": number}, HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "do not tell the status" in by_number and "Received" not in by_number
    assert 'name="proof"' not in by_number  # no form to add to the appeal
    # Posting to the note endpoint anyway, with the number or a forged proof, adds nothing.
    for forged in (number, "eyJhcHBlYWwiOjF9:forged:signature", ""):
        client.post(
            "/office/trust-line/callback/note/", {"proof": forged, "number": number, "body": "x y"}
        )
    assert not Appeal.objects.get(number=number).messages.exists()
    call_page = client.get(
        f"/office/trust-line/call/?addition_to={number}", HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert f"Addition to appeal {number}" in call_page


def test_a_proof_is_the_operators_own_and_expires(registry, make_staff, login) -> None:
    number, code = coupon_of(Client().post("/report/", report_data()).content.decode())
    first = login(make_staff(Role.OPERATOR, username="op-1"))
    proof = _proof(first.post("/office/trust-line/callback/", {"query": code}).content.decode())
    other = login(make_staff(Role.OPERATOR, username="op-2"))
    other.post("/office/trust-line/callback/note/", {"proof": proof, "body": "From another"})
    assert not Appeal.objects.get(number=number).messages.exists()
    with time_machine.travel(dt.timedelta(minutes=31)):
        first.post("/office/trust-line/callback/note/", {"proof": proof, "body": "Too late"})
    assert not Appeal.objects.get(number=number).messages.exists()


@pytest.mark.parametrize("role", [Role.CHIEF, Role.INVESTIGATOR, Role.ANALYST, Role.AUDITOR])
def test_only_operators_and_coordinators_use_the_console(role, make_staff, login) -> None:
    staff = make_staff(role, "REG-75" if role in (Role.CHIEF, Role.INVESTIGATOR) else "SC")
    assert login(staff).get("/office/trust-line/call/").status_code == 403


def test_the_console_tells_the_operator_where_the_callers_name_goes(make_staff, login) -> None:
    client = login(make_staff(Role.OPERATOR))
    for language, words in [
        ("en", "Leave out the caller's name and contacts"),
        ("ru", "Не пишите здесь имя и контакты позвонившего"),
        ("kk", "Қоңырау шалушының аты-жөні мен байланыс деректерін мұнда жазбаңыз"),
    ]:
        page = client.get("/office/trust-line/call/", HTTP_ACCEPT_LANGUAGE=language)
        assert words in html.unescape(page.content.decode()), language
