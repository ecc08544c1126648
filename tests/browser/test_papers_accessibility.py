"""axe-core on the pages of issue 17's papers, in Kazakh and Russian: the help menu's guide, a
file's preview page, the case-file form, and the coupon offered after a trust-line call."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from senim.intake import attachments
from senim.intake.models import Attachment
from senim.organization.models import Role
from tests.browser.test_accessibility import _check

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _signed_in(browser: Any, base: str, user: Any, language: str) -> Any:
    client = Client()
    client.force_login(user)
    context = browser.new_context(extra_http_headers={"Accept-Language": language})
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": base,
            }
        ]
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_papers_pages_pass_axe(live_server, browser, make_staff, make_case, language):
    from weasyprint import HTML

    base = live_server.url
    chief = make_staff(Role.CHIEF, "REG-75", username=f"chief-axe-{language}")
    operator = make_staff(Role.OPERATOR, username=f"operator-axe-{language}")
    case = make_case("DST-75-02")
    pdf = bytes(HTML(string="<p>Receipt</p>").write_pdf())
    file = Attachment.objects.create(
        appeal=case.appeal,
        storage_name=attachments.store_sealed(pdf),
        name="file-1.pdf",
        content_type="application/pdf",
        size=len(pdf),
    )
    page = _signed_in(browser, base, chief, language)
    for path in (
        "/office/help/",
        f"/office/cases/{case.pk}/files/{file.pk}/preview/",
        f"/office/cases/{case.pk}/case-file/",
        f"/office/cases/{case.pk}/",
    ):
        response = page.goto(base + path)
        assert response is not None and response.status == 200, path
        _check(page, f"{path} ({language})")
    page.context.close()

    page = _signed_in(browser, base, operator, language)
    page.goto(base + "/office/help/")
    _check(page, f"operator's help ({language})")
    page.context.close()
