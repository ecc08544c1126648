"""The role guides' screenshots, made by Chromium from the running system so that they stay
current, and the guides' references checked.

    SENIM_GUIDE_SCREENSHOTS=1 pytest tests/browser/test_guide_screenshots.py

writes docs/guide/img/<language>/<shot>.png for every shot in every language. Without the
variable the browser is not started; the other tests check that each guide exists in kk, ru and
en, that every screenshot a guide shows exists and is one this test makes, and that every page a
guide links to is a page of the system.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import Resolver404, resolve

from senim.cases.models import Status
from senim.organization.models import Role

GUIDE_DIR = Path(__file__).resolve().parents[2] / "docs" / "guide"
LANGUAGES = ("kk", "ru", "en")
ROLES = (
    "citizen", "operator", "chief", "investigator", "coordinator", "analyst", "auditor",
    "administrator",
)  # fmt: skip
# shot -> (who looks: a staff role, or None for a citizen on the portal; the page)
SHOTS: dict[str, tuple[str | None, str]] = {
    "report": (None, "/report/"),
    "follow-up": (None, "/follow-up/"),
    "call": (Role.OPERATOR, "/office/trust-line/call/"),
    "queue": (Role.CHIEF, "/office/cases/"),
    "case": (Role.CHIEF, "/office/cases/{case}/"),
    "tasks": (Role.COORDINATOR, "/office/tasks/"),
    "analytics": (Role.ANALYST, "/office/analytics/"),
    "audit": (Role.AUDITOR, "/office/audit/"),
    "staff": (Role.ADMINISTRATOR, "/office/staff/"),
}
_IMAGE = re.compile(r"!\[[^\]]*\]\(img/([a-z]{2})/([a-z0-9-]+)\.png\)")
_LINK = re.compile(r"(?<!!)\[[^\]]+\]\(([^)\s]+)\)")


def _guides() -> list[tuple[str, str, str]]:
    return [
        (language, role, (GUIDE_DIR / language / f"{role}.md").read_text(encoding="utf-8"))
        for language in LANGUAGES
        for role in ROLES
    ]


def test_every_role_has_a_guide_in_every_language() -> None:
    found = sorted(p.relative_to(GUIDE_DIR).as_posix() for p in GUIDE_DIR.glob("*/*.md"))
    assert found == sorted(f"{lang}/{role}.md" for lang in LANGUAGES for role in ROLES)
    for language, role, text in _guides():
        assert text.startswith("# "), f"{language}/{role}: a title first"
        assert len(text.split()) > 80, f"{language}/{role}: too short to be a guide"


def test_every_screenshot_a_guide_shows_exists_in_its_language() -> None:
    for language, role, text in _guides():
        shots = _IMAGE.findall(text)
        assert shots, f"{language}/{role} shows no screenshot"
        for shot_language, shot in shots:
            assert shot_language == language, f"{language}/{role}: {shot} in {shot_language}"
            assert shot in SHOTS, f"{language}/{role}: {shot} is not made by this test"
            path = GUIDE_DIR / "img" / language / f"{shot}.png"
            assert path.is_file(), f"{path} is missing: run with SENIM_GUIDE_SCREENSHOTS=1"
            assert path.read_bytes().startswith(b"\x89PNG")


def test_every_page_a_guide_links_to_exists() -> None:
    for language, role, text in _guides():
        for target in _LINK.findall(text):
            assert target.startswith("/"), f"{language}/{role}: {target} is not a page here"
            try:
                resolve(target)
            except Resolver404:
                pytest.fail(f"{language}/{role} links to {target}, which is no page")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    not os.environ.get("SENIM_GUIDE_SCREENSHOTS"),
    reason="writes the guides' screenshots only when SENIM_GUIDE_SCREENSHOTS is set",
)
def test_make_the_screenshots(live_server: Any, browser: Any, make_staff: Any, make_case: Any):
    base = live_server.url
    people = {}
    for role in {who for who, _path in SHOTS.values() if who}:
        user = make_staff(role, "REG-75" if role == Role.CHIEF else "SC", username=f"guide-{role}")
        user.first_name, user.last_name = "Aruzhan", "Demo"
        user.save()
        people[role] = user
    case = make_case("DST-75-02", status=Status.INVESTIGATION)
    for language in LANGUAGES:
        folder = GUIDE_DIR / "img" / language
        folder.mkdir(parents=True, exist_ok=True)
        for shot, (who, path) in SHOTS.items():
            context = browser.new_context(
                locale={"kk": "kk-KZ", "ru": "ru-RU", "en": "en-GB"}[language],
                viewport={"width": 1100, "height": 760},
            )
            if who is not None:
                client = Client()
                client.force_login(people[who])
                cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
                context.add_cookies(
                    [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": base}]
                )
            page = context.new_page()
            page.set_default_timeout(20_000)
            response = page.goto(base + path.format(case=case.pk))
            assert response is not None and response.status == 200, (shot, language)
            assert page.locator("html").get_attribute("lang") == language, (shot, language)
            page.screenshot(path=str(folder / f"{shot}.png"))
            context.close()
