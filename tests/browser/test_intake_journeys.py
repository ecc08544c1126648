"""Intake journeys in a real Chromium: the portal with JavaScript off, the call console,
the reception booking turned into an appeal by the chief."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from senim.intake.models import Appeal
from senim.intake.reception import reception_slots_open
from senim.organization.models import Role
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, base: str, username: str) -> None:
    page.goto(f"{base}/office/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base}/office/")


def test_web_report_with_javascript_off_then_follow_up(live_server, page_no_js, registry) -> None:
    page = page_no_js
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Write a report").click()
    page.get_by_label("report of a violation by a court official").check()
    page.get_by_label("What is it about?").select_option("bribery")
    page.get_by_label("Which court is concerned?").select_option("DST-75-03")
    page.get_by_label("Short title").fill("Money for scheduling a hearing")
    page.get_by_label("What happened?").fill("The secretary asked for 50 000 tenge.")
    page.get_by_label("No, I stay anonymous").check()
    page.get_by_role("button", name="Send the report").click()

    expect(page.locator("h1")).to_have_text("Your report is registered")
    number = page.locator(".coupon-number").inner_text()
    code = page.locator(".receipt-code").inner_text()
    assert re.fullmatch(r"\d{4} \d{4} \d{4} \d{4}", code)
    assert Appeal.objects.filter(number=number, channel="portal").exists()

    page.goto(f"{live_server.url}/follow-up/")
    page.get_by_label("Receipt code").fill(code)
    page.get_by_role("button", name="Open").click()
    expect(page.locator("h1")).to_contain_text(number)
    expect(page.locator(".case-status")).to_have_text("Received")


def test_operator_registers_a_call_and_the_coupon_appears(live_server, page, make_staff) -> None:
    make_staff(Role.OPERATOR, username="operator-browser")
    _login(page, live_server.url, "operator-browser")
    page.get_by_role("link", name="Trust line").first.click()
    page.get_by_role("link", name="New call").click()
    page.get_by_label("The caller agrees to the call being recorded").check()
    page.get_by_label("report registered").check()
    page.get_by_label("What is it about?").select_option("abuse")
    page.get_by_label("Which court is concerned?").select_option("DST-79-03")
    page.get_by_label("Short title").fill("Judge's assistant pressured a witness")
    page.get_by_label("What happened?").fill("Caller says the assistant demanded silence.")
    page.get_by_label("No, I stay anonymous").check()
    page.get_by_role("button", name="End the call and save").click()
    expect(page.locator("h1")).to_have_text("Report registered")
    number = page.locator(".coupon-number").inner_text()
    assert re.fullmatch(r"\d{4}-\d{6}", number)
    assert re.fullmatch(r"\d{4} \d{4} \d{4} \d{4}", page.locator(".receipt-code").inner_text())
    assert Appeal.objects.get(number=number).channel == "trust_line"


def test_citizen_books_and_the_chief_turns_the_meeting_into_an_appeal(
    live_server, page, make_staff, unit
) -> None:
    almaty = unit("REG-75")
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    reception_slots_open(
        unit=almaty, first_day=tomorrow, last_day=tomorrow + dt.timedelta(days=7),
        times=[dt.time(10, 0)], minutes=30, capacity=1, location="Room 204",
    )  # fmt: skip
    make_staff(Role.CHIEF, "REG-75", username="chief-browser")

    page.goto(f"{live_server.url}/reception/")
    page.get_by_role("link", name="Almaty City Court").click()
    page.locator("input[name=slot]").first.check()
    page.get_by_label("Your name").fill("Жанар Т.")
    page.get_by_label("Phone").fill("+7 701 111 22 33")
    page.get_by_label("What do you want to discuss?").fill("Fees demanded by the office")
    page.get_by_role("button", name="Book").click()
    expect(page.locator("h1")).to_have_text("Your reception is booked")
    number = page.locator(".booking-number").inner_text()
    day = page.locator("dd").nth(1).inner_text()
    assert "Room 204" in page.content() and day

    from senim.intake.models import ReceptionBooking

    booking_day = ReceptionBooking.objects.get(number=number).day.isoformat()
    _login(page, live_server.url, "chief-browser")
    page.goto(f"{live_server.url}/office/reception/?day={booking_day}")
    row = page.locator("tr", has_text=number)
    assert "Жанар Т." in row.inner_text()
    row.get_by_role("button", name="Attended").click()
    page.locator("tr", has_text=number).get_by_role("link", name="Write the protocol").click()
    page.get_by_label("What is it about?").select_option("red_tape")
    page.get_by_label("What happened?").fill("Протокол: сотрудник канцелярии требовал плату.")
    page.get_by_label("The citizen has read the protocol and confirmed it is correct").check()
    page.get_by_role("button", name="Register the appeal").click()
    expect(page.locator("h1")).to_have_text("Appeal registered")
    appeal = Appeal.objects.get(number=page.locator(".coupon-number").inner_text())
    assert appeal.channel == "reception" and appeal.reporter_confirmed
    assert ReceptionBooking.objects.get(number=number).appeal == appeal
