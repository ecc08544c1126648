"""Pages in kk, ru and en; the language switcher; UTF-8; health check; no stack traces."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

# The same heading in the three languages: a page that shows these is really translated.
PORTAL_HEADINGS = {
    "kk": "Соттардағы сыбайлас жемқорлық туралы хабарлаңыз",
    "ru": "Сообщите о коррупции в судах",
    "en": "Report corruption in the courts",
}


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_portal_renders_in_each_language(client: Client, language: str) -> None:
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=language)
    body = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert '<meta charset="utf-8">' in body
    assert f'<html lang="{language}">' in body
    assert PORTAL_HEADINGS[language] in body
    for other, heading in PORTAL_HEADINGS.items():
        if other != language:
            assert heading not in body


def test_the_language_switcher_works_without_javascript(client: Client) -> None:
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'action="/i18n/setlang/"' in page and 'name="language"' in page
    response = client.post("/i18n/setlang/", {"language": "ru", "next": "/"})
    assert response.status_code == 302
    assert PORTAL_HEADINGS["ru"] in client.get("/").content.decode()
    client.post("/i18n/setlang/", {"language": "kk", "next": "/"})
    assert PORTAL_HEADINGS["kk"] in client.get("/").content.decode()


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_office_login_renders_in_each_language(client: Client, language: str) -> None:
    expected = {"kk": "Қызметкерлердің кіруі", "ru": "Вход для сотрудников", "en": "Staff login"}
    body = client.get("/office/login/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert expected[language] in body


def test_healthz_answers_ok(client: Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_security_headers_forbid_third_party_content(client: Client) -> None:
    response = client.get("/")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


def test_unknown_page_gives_a_friendly_404(client: Client) -> None:
    response = client.get("/no/such/page", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    assert "There is nothing here, or you may not see it." in response.content.decode()
    assert "Traceback" not in response.content.decode()
