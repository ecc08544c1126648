"""axe-core (the copy shipped in axe-playwright-python) on the pages of the intake journeys.

Each page is checked as a citizen, an operator and a chief reach it, in Kazakh and Russian,
against WCAG 2.1 A and AA and axe's best practices: labels, contrast, landmarks, headings,
language, keyboard focus order. A first test plants two faults in a page to show that the
checks run at all (a run that silently checks nothing would pass every page).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from senim.intake.reception import reception_slots_open
from senim.organization.models import Role
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RULES = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}


def _violations(page: Any) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    found = Axe().run(page, options=RULES).response["violations"]
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in found
    ]


def _check(page: Any, where: str) -> None:
    assert _violations(page) == [], where


@pytest.fixture
def page_in(browser) -> Any:
    contexts = []

    def make(language: str) -> Any:
        context = browser.new_context(extra_http_headers={"Accept-Language": language})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    yield make
    for context in contexts:
        context.close()


def test_the_checks_find_planted_faults(live_server, page_in, registry) -> None:
    page = page_in("kk")
    page.goto(f"{live_server.url}/report/")
    page.evaluate(
        """() => {
        const main = document.querySelector('main');
        main.appendChild(document.createElement('input'));  // no label
        const faint = document.createElement('p');
        faint.style.color = '#d0d0d0';  // on white
        faint.textContent = 'faint text';
        main.appendChild(faint);
        }"""
    )
    found = " ".join(_violations(page))
    assert "label" in found and "color-contrast" in found


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_portal_journey_is_accessible(live_server, page_in, unit, language) -> None:
    almaty = unit("REG-75")
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    reception_slots_open(
        unit=almaty, first_day=tomorrow, last_day=tomorrow + dt.timedelta(days=7),
        times=[dt.time(10, 0)], minutes=30, capacity=2, location="Room 204",
    )  # fmt: skip
    page = page_in(language)
    base = live_server.url
    for path in ["/", "/report/", "/follow-up/", "/reception/", "/reception/cancel/"]:
        page.goto(base + path)
        _check(page, path)

    page.goto(f"{base}/report/")
    page.locator("form[enctype] button[type=submit]").click()  # nothing filled in
    expect(page.locator(".errorlist").first).to_be_visible()
    _check(page, "the report form with its errors")

    page.locator("#id_court").select_option("DST-75-03")
    page.locator("#id_subject").fill("Деньги за копию решения")
    page.locator("#id_text").fill("Секретарь попросил 20 000 тенге.")
    page.locator("form[enctype] button[type=submit]").click()
    code = page.locator(".receipt-code").inner_text()
    _check(page, "the coupon")

    page.goto(f"{base}/follow-up/")
    page.locator("#id_code").fill(code)
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".case-status")).to_have_count(1)
    _check(page, "the mailbox")

    page.goto(f"{base}/reception/{almaty.code}/")
    _check(page, "the booking form")
    page.locator("input[name=slot]").first.check()
    page.locator("#id_name").fill("Жанар Т.")
    page.locator("#id_phone").fill("+7 701 111 22 33")
    page.locator("#id_topic").fill("Плата в канцелярии")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".booking-number")).to_have_count(1)
    _check(page, "the booking made")


def _logged_in(page: Any, base: str, username: str) -> Any:
    page.goto(f"{base}/office/login/")
    _check(page, "the login page")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{base}/office/")
    return page


def test_the_office_intake_pages_are_accessible(
    live_server, page_in, make_staff, make_case
) -> None:
    case = make_case("DST-75-02")
    make_staff(Role.OPERATOR, username="operator-a11y")
    make_staff(Role.CHIEF, "REG-75", username="chief-a11y")
    base = live_server.url
    operator = _logged_in(page_in("ru"), base, "operator-a11y")
    for path in ["/office/", "/office/trust-line/", "/office/trust-line/call/"]:
        operator.goto(base + path)
        _check(operator, path)
    operator.locator("#id_outcome_0").check()  # a report, with nothing else filled in
    operator.locator("main form button[type=submit]").last.click()
    expect(operator.locator(".errorlist").first).to_be_visible()
    _check(operator, "the call console with its errors")

    chief = _logged_in(page_in("kk"), base, "chief-a11y")
    for path in ["/office/", "/office/cases/", "/office/reception/", f"/office/cases/{case.pk}/"]:
        chief.goto(base + path)
        _check(chief, path)


def _virtual_key(page: Any) -> None:
    """A security key in Chromium itself (DevTools' virtual authenticator), touched at once."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "usb",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )


def _password_step(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/office/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("input[name=password]").press("Enter")  # the first form is the language's


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_sign_in_security_pages_are_accessible(
    live_server, page_in, make_staff, settings, language
) -> None:
    """An administrator must enrol: the enrolment notice, the authenticator app's page, a
    security key added and used (through allauth's script and Senim's), the recovery codes,
    the second step of the next sign-in, and another person's sign-in security."""
    settings.SENIM_MFA_ENFORCED = True
    make_staff(Role.ADMINISTRATOR, username="admin-a11y")
    other = make_staff(Role.INVESTIGATOR, "REG-75", username="investigator-a11y")
    base = live_server.url
    page = page_in(language)
    _virtual_key(page)

    _password_step(page, base, "admin-a11y")
    page.wait_for_url(f"{base}/office/security/enrol/")
    assert page.locator("main [role=alert]").count() == 1  # the role needs a second factor
    _check(page, "the enrolment page")

    page.goto(f"{base}/office/2fa/totp/activate/")
    if page.locator("input[name=password]").count():  # confirming with the password first
        _check(page, "the password confirmation")
        page.locator("input[name=password]").fill(PASSWORD)
        page.locator("input[name=password]").press("Enter")
        page.wait_for_url(f"{base}/office/2fa/totp/activate/")
    assert page.locator("main img[alt]").count() == 1  # the QR code, described
    _check(page, "the authenticator app's page")

    page.goto(f"{base}/office/2fa/webauthn/add/")
    _check(page, "adding a security key")
    page.locator("#webauthn-button").click()
    page.wait_for_url(f"{base}/office/2fa/recovery-codes/")
    assert page.locator("main ol li").count() == 10
    _check(page, "the recovery codes")
    for path in [
        "/office/security/",
        "/office/2fa/webauthn/",
        "/office/2fa/recovery-codes/generate/",
    ]:
        page.goto(base + path)
        _check(page, path)

    page.locator("form[action='/office/logout/'] button").click()
    _password_step(page, base, "admin-a11y")
    page.wait_for_url(f"{base}/office/2fa/authenticate/")
    _check(page, "the second step of signing in")
    page.locator("#webauthn-button").click()
    page.wait_for_url(f"{base}/office/")

    page.goto(f"{base}/office/staff/{other.pk}/security/")  # just confirmed: no step-up
    _check(page, "another person's sign-in security")
    page.locator("form:has(input[name=act][value=reset]) button[type=submit]").click()
    expect(page.locator("main .errorlist").first).to_be_visible()
    _check(page, "another person's sign-in security with an error")
