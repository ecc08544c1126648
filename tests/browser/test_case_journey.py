"""The whole journey in Chromium: a web report, routed to the right territorial department,
assessed, investigated, a question answered through follow-up, concluded, and the answer in the
reporter's language on the follow-up page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from senim.cases.models import Case
from senim.organization.models import Role
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


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


def _follow_up(page, base: str, code: str) -> None:
    page.goto(f"{base}/follow-up/")
    page.get_by_label("Receipt code").fill(code)
    page.get_by_role("button", name="Open").click()


def test_report_to_answer(live_server, browser, page_no_js, make_staff) -> None:
    base = live_server.url
    make_staff(Role.CHIEF, "REG-75", username="chief-journey")
    investigator = make_staff(Role.INVESTIGATOR, "REG-75", username="inv-journey")
    investigator.first_name, investigator.last_name = "Dana", "Investigator"
    investigator.save()

    # 1. A named web report, JavaScript off, in Russian.
    citizen = page_no_js
    citizen.goto(f"{base}/report/")
    citizen.get_by_label("What is it about?").select_option("bribery")
    citizen.get_by_label("Which court is concerned?").select_option("DST-75-03")
    citizen.get_by_label("Short title").fill("Деньги за копию решения")
    citizen.get_by_label("What happened?").fill("Секретарь потребовал 20 000 тенге за копию.")
    citizen.get_by_label("Yes, I give my name").check()
    citizen.get_by_label("Full name").fill("Асель Нурланова")
    citizen.get_by_label("Phone").fill("+7 701 555 12 34")
    citizen.get_by_label("Language of the answer").select_option("ru")
    citizen.get_by_role("button", name="Send the report").click()
    number = citizen.locator(".coupon-number").inner_text()
    code = citizen.locator(".receipt-code").inner_text()
    case = Case.objects.get(appeal__number=number)
    assert case.unit.court.code == "REG-75"  # routed to Almaty City's department

    # 2. The chief finds it in the inbox, assesses and assigns.
    chief = _login(browser, base, "chief-journey")
    chief.get_by_role("link", name="Cases", exact=True).click()
    chief.get_by_role("link", name=number).click()
    chief.get_by_text("Assessment and decision").click()
    chief.get_by_label("Competence").select_option("ours")
    chief.get_by_label("The appeal is complete").check()
    chief.get_by_label("The appeal is relevant").check()
    chief.get_by_label("Risk of retaliation against the reporter").select_option("high")
    chief.get_by_label("open a case").check()
    chief.locator("details", has_text="Assessment and decision").get_by_role(
        "button", name="Save"
    ).click()
    expect(chief.locator("h1 + p")).to_contain_text("Investigation")
    chief.get_by_text("Assign", exact=True).click()
    chief.get_by_label("Responsible investigator").select_option(label="Dana Investigator")
    chief.locator("details", has_text="Responsible investigator").get_by_role(
        "button", name="Save"
    ).click()

    # 3. The investigator asks the reporter a question.
    inv = _login(browser, base, "inv-journey")
    inv.goto(f"{base}/office/cases/{case.pk}/")
    inv.get_by_text("Write to the reporter").click()
    inv.get_by_label("Message to the reporter").fill("Назовите, пожалуйста, номер кабинета.")
    inv.locator("details", has_text="Write to the reporter").get_by_role(
        "button", name="Save"
    ).click()

    # 4. The reporter answers through follow-up.
    _follow_up(citizen, base, code)
    assert "Назовите, пожалуйста, номер кабинета." in citizen.content()
    citizen.get_by_label("Your message").fill("Кабинет 312, третий этаж.")
    citizen.get_by_role("button", name="Send", exact=True).click()

    # 5. The investigator reads it, concludes and drafts the answer.
    inv.reload()
    assert "Кабинет 312, третий этаж." in inv.content()
    inv.get_by_text("Conclude the check").click()
    inv.get_by_label("Outcome").select_option("substantiated")
    inv.get_by_label("Findings").fill("Факт требования денег подтвердился.")
    inv.locator("details", has_text="Conclude the check").get_by_role("button", name="Save").click()
    inv.get_by_role("button", name="Draft the answer from the template").click()
    inv.get_by_role("button", name="Mark as reviewed").click()

    # 6. The chief signs off and issues.
    chief.goto(f"{base}/office/cases/{case.pk}/")
    chief.get_by_role("button", name="Sign off").click()
    chief.get_by_role("button", name="Issue to the reporter and close").click()
    expect(chief.locator("h1 + p")).to_contain_text("Closed")

    # 7. The answer, in Russian, on the follow-up page.
    _follow_up(citizen, base, code)
    answer = citizen.locator(".answer").inner_text()
    assert "Уважаемый(ая)" in answer and "вправе обжаловать" in answer
    assert "Факт требования денег подтвердился." in answer
