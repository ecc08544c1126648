"""The coupon names who registered the appeal, and the operator's and the chief's pages offer
it to print and as PDF right after registering; only the registering officer, holding the
receipt code the page showed once, gets the PDF."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.test import Client

from senim.core.models import AuditEvent
from senim.intake.models import ReceptionSlot
from senim.intake.reception import reception_book, reception_slots_open
from senim.organization.models import Role
from tests.intake_helpers import coupon_of, new_call, report_data
from tests.pdf_text import pdf_text

pytestmark = pytest.mark.django_db


def _form_fields(page: str) -> dict[str, str]:
    form = re.search(r'<form method="post" action="/office/coupon.pdf">(.*?)</form>', page, re.S)
    assert form, "no coupon PDF form on the page"
    return dict(re.findall(r'name="(number|code)" value="([^"]*)"', form.group(1)))


def _registered_call(client: Client) -> str:
    data = report_data(
        started=new_call(client), outcome="report", summary="Caller reports a bribe.",
        court="DST-71-05",
    )  # fmt: skip
    response = client.post("/office/trust-line/call/", data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    return response.content.decode()


def test_the_operator_prints_the_coupon_naming_them_right_after_the_call(make_staff, login):
    operator = make_staff(Role.OPERATOR, username="aigerim")
    operator.first_name, operator.last_name = "Айгерим", "Сапарова"
    operator.save()
    client = login(operator)
    page = _registered_call(client)
    number, code = coupon_of(page)
    assert "Registered by" in page and "Айгерим Сапарова" in page
    assert "Print this page" in page
    fields = _form_fields(page)
    assert fields == {"number": number, "code": code}
    response = client.post("/office/coupon.pdf", fields, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    text = pdf_text(response.content)
    assert number in text and "Айгерим Сапарова" in text
    assert code in text.replace(" ", "")  # printed spaced out, in groups of four
    assert "trust line" in text
    assert AuditEvent.objects.filter(
        action="coupon.printed", actor_id=operator.pk, object_id=number
    ).exists()


def test_only_the_registering_officer_with_the_code_gets_the_coupon(make_staff, login):
    operator = login(make_staff(Role.OPERATOR, username="op-one"))
    number, code = coupon_of(_registered_call(operator))
    colleague = login(make_staff(Role.OPERATOR, username="op-two"))
    assert colleague.post("/office/coupon.pdf", {"number": number, "code": code}).status_code == 404
    wrong = "1" * 16 if code != "1" * 16 else "2" * 16
    assert operator.post("/office/coupon.pdf", {"number": number, "code": wrong}).status_code == 404
    assert (
        operator.post("/office/coupon.pdf", {"number": "2026-999999", "code": code}).status_code
        == 404
    )
    # Staff who register nothing have no such page; nobody gets it by GET.
    analyst = login(make_staff(Role.ANALYST, username="an"))
    assert analyst.post("/office/coupon.pdf", {"number": number, "code": code}).status_code == 403
    assert operator.get("/office/coupon.pdf").status_code == 405
    assert not AuditEvent.objects.filter(action="coupon.printed").exists()


@time_machine.travel(dt.datetime(2026, 3, 19, 9, 0, tzinfo=dt.UTC), tick=False)
def test_the_chief_prints_the_coupon_of_a_reception_protocol(unit, make_staff, login):
    almaty = unit("REG-75")
    reception_slots_open(
        unit=almaty, first_day=dt.date(2026, 3, 19), last_day=dt.date(2026, 3, 19),
        times=[dt.time(15, 0)], minutes=30, capacity=1, location="Room 101",
    )  # fmt: skip
    booking, _code = reception_book(
        slot_id=ReceptionSlot.objects.get().pk, name="Марат Б.", phone="+7 701 200 20 20",
        topic="Extortion at the registry", language="ru",
    )  # fmt: skip
    chief = make_staff(Role.CHIEF, "REG-75", username="chief-almaty")
    chief.first_name, chief.last_name = "Ерлан", "Жумабаев"
    chief.save()
    chief.staff.position = "начальник отдела"
    chief.staff.save()
    client = login(chief)
    client.post(f"/office/reception/{booking.number}/attended/")
    data = {
        "kind": "violation", "category": "red_tape", "court": "DST-75-04",
        "subject": "Extortion at the registry", "text": "Протокол устного обращения: ...",
        "identity": "named", "full_name": "Марат Б.", "phone": "+7 701 200 20 20",
        "language": "ru", "reporter_confirmed": "on",
    }  # fmt: skip
    page = client.post(
        f"/office/reception/{booking.number}/protocol/", data, HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    number, _code = coupon_of(page)
    assert "Ерлан Жумабаев, начальник отдела" in page
    response = client.post("/office/coupon.pdf", _form_fields(page), HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 200
    text = pdf_text(response.content)
    assert number in text and "Ерлан Жумабаев, начальник отдела" in text


def test_a_portal_coupon_says_the_web_portal_registered_it(registry):
    page = Client().post("/report/", report_data(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    number, code = coupon_of(page)
    assert re.search(r"Registered by</dt><dd>web portal<", page)
    response = Client().post("/coupon.pdf", {"code": code}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    text = pdf_text(response.content)
    assert number in text and "web portal" in text
