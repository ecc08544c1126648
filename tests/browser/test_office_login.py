"""A person logs into the office in Chromium, switches language, and logs out."""

from __future__ import annotations

import pytest

from senim.organization.models import Role
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_chief_logs_in_switches_language_and_logs_out(live_server, page, make_staff) -> None:
    make_staff(Role.CHIEF, "REG-75", username="chief-browser")
    page.goto(f"{live_server.url}/office/")
    assert page.locator("h1").inner_text() == "Staff login"
    page.get_by_label("Username").fill("chief-browser")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/office/")
    assert "Almaty City Court" in page.content()

    page.get_by_label("Language").select_option("ru")
    page.get_by_role("button", name="Switch").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "ru"
    assert "Алматинский городской суд" in page.content()

    page.get_by_role("button", name="Выйти").click()
    page.wait_for_url(f"{live_server.url}/office/login/")
    assert page.locator("h1").inner_text() == "Вход для сотрудников"


def test_portal_works_with_javascript_off(live_server, page_no_js) -> None:
    page_no_js.goto(f"{live_server.url}/")
    assert page_no_js.locator("h1").inner_text() == "Report corruption in the courts"
    page_no_js.get_by_label("Language").select_option("kk")
    page_no_js.get_by_role("button", name="Switch").click()
    page_no_js.wait_for_load_state()
    assert page_no_js.locator("html").get_attribute("lang") == "kk"
