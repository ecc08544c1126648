"""A reporter's identity read with a custodian's approval, in Chromium: the investigator asks,
the custodian (in a second browser context) approves, the investigator reads it, the approval
expires, and the reporter sees in the follow-up when and why their identity was read."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import expect

from senim.cases.models import Case
from senim.organization.models import Role
from tests.browser.test_accessibility import _check
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REASON = "Нужно перезвонить заявителю"


def _login(browser, base: str, username: str):
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{base}/office/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base}/office/")
    return page


def test_request_approve_read_expire_and_the_reporter_told(
    live_server, browser, page_no_js, make_staff, settings
) -> None:
    settings.SENIM_REVEAL_APPROVAL = True
    settings.SENIM_REVEAL_VALID_MINUTES = 10
    base = live_server.url
    investigator = make_staff(Role.INVESTIGATOR, "REG-75", username="inv-reveal")
    investigator.first_name, investigator.last_name = "Dana", "Investigatorova"
    investigator.save()
    make_staff(Role.CUSTODIAN, "SC", username="custodian-reveal")

    # A named report, JavaScript off; the case is the investigator's.
    citizen = page_no_js
    citizen.goto(f"{base}/report/")
    citizen.get_by_label("What is it about?").select_option("bribery")
    citizen.get_by_label("Which court is concerned?").select_option("DST-75-03")
    citizen.get_by_label("Short title").fill("Деньги за копию решения")
    citizen.get_by_label("What happened?").fill("Секретарь потребовал 20 000 тенге за копию.")
    citizen.get_by_label("Yes, I give my name").check()
    citizen.get_by_label("Full name").fill("Асель Нурланова")
    citizen.get_by_label("Phone").fill("+7 701 555 12 34")
    citizen.get_by_role("button", name="Send the report").click()
    number = citizen.locator(".coupon-number").inner_text()
    code = citizen.locator(".receipt-code").inner_text()
    Case.objects.filter(appeal__number=number).update(assignee=investigator)
    case = Case.objects.get(appeal__number=number)

    # The investigator asks, with a reason.
    inv = _login(browser, base, "inv-reveal")
    inv.goto(f"{base}/office/cases/{case.pk}/")
    inv.get_by_label("Why do you need the reporter's identity?").fill(REASON)
    inv.get_by_role("button", name="Request the identity").click()
    expect(inv.locator("main")).to_contain_text("waiting for a custodian of identities")
    assert "Асель Нурланова" not in inv.content()
    _check(inv, "the case page with a request waiting")

    # The custodian, in a browser of their own, approves.
    keeper = _login(browser, base, "custodian-reveal")
    keeper.get_by_role("link", name="Identity requests").click()
    expect(keeper.locator("main")).to_contain_text(REASON)
    assert REASON in keeper.content() and "Dana Investigatorova" in keeper.content()
    _check(keeper, "the custodian's list")
    keeper.get_by_role("link", name=f"Decide {number}").click()
    _check(keeper, "the custodian's decision")
    keeper.get_by_label("Reason for your decision").fill("Звонок нужен для проверки")
    keeper.get_by_role("button", name="Approve").click()
    expect(keeper.locator("body")).to_contain_text(f"Approved: {number}.")

    # The investigator reads the identity within the approval's time.
    inv.reload()
    inv.get_by_role("button", name="Show the identity").click()
    expect(inv.locator(".identity")).to_contain_text("Асель Нурланова")

    # After it, the page says the approval expired and hides the identity.
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=11), tick=True):
        inv.goto(f"{base}/office/cases/{case.pk}/")
        assert "The approval expired at" in inv.content()
        assert "Асель Нурланова" not in inv.content()
        assert inv.get_by_role("button", name="Request the identity").is_visible()

    # The reporter sees when and why, not by whom (axe runs its script: JavaScript on here).
    reporter = browser.new_context(locale="en-GB").new_page()
    reporter.goto(f"{base}/follow-up/")
    reporter.get_by_label("Receipt code").fill(code)
    reporter.get_by_role("button", name="Open").click()
    expect(reporter.locator(".identity-accesses")).to_contain_text(REASON)
    accesses = reporter.locator(".identity-accesses").inner_text()
    assert "Your identity was read on" in accesses and REASON in accesses
    assert "Dana" not in reporter.content() and "custodian-reveal" not in reporter.content()
    _check(reporter, "the follow-up with the identity's readings")
