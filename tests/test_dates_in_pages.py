"""Dates as each language writes them, and date pickers that can read the dates they are given."""

from __future__ import annotations

import re

import pytest
import time_machine
from django.test import Client

from senim.intake.models import Appeal
from senim.organization.models import Role
from tests.intake_helpers import report_data

pytestmark = pytest.mark.django_db

# 12:05 in Almaty.
NOON = "2026-03-19T07:05:00+00:00"


@time_machine.travel(NOON, tick=False)
@pytest.mark.parametrize(
    ("language", "registered", "due"),
    [
        # 15 working days on: Nauryz (21-23 March) and the weekends are not counted.
        ("kk", "19.03.2026, 12:05", "14.04.2026"),  # day first, a 24-hour clock
        ("ru", "19 марта 2026 г. 12:05", "14 апреля 2026 г."),
        ("en", "March 19, 2026, 12:05 p.m.", "April 14, 2026"),
    ],
)
def test_the_coupon_dates_read_as_the_language_writes_them(
    registry, language, registered, due
) -> None:
    html = Client().post("/report/", report_data(), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert 'class="coupon-number"' in html
    assert registered in html and due in html


@time_machine.travel(NOON, tick=False)
@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_a_date_picker_is_given_its_date_in_iso(make_case, make_staff, login, language) -> None:
    case = make_case("DST-75-02")
    # A named reporter: the form to enter them in the protection register, from today.
    Appeal.objects.filter(pk=case.appeal_id).update(is_anonymous=False)
    chief = make_staff(Role.CHIEF, "REG-75")
    page = login(chief).get(f"/office/cases/{case.pk}/", HTTP_ACCEPT_LANGUAGE=language)
    field = re.search(r'<input type="date" name="since"[^>]*>', page.content.decode())
    assert field is not None and 'value="2026-03-19"' in field.group(0)
