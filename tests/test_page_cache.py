"""Portal pages rendered once per language and state (senim/core/page_cache.py), over HTTP.

A cached page must be the bytes an uncached render gives (apart from the CSRF token), in every
language; each visitor gets their own token; a bound form with errors is never cached.
"""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.utils import timezone

from senim.analytics.models import RollupState
from senim.core import page_cache
from senim.portal import statistics
from tests.intake_helpers import report_data

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(autouse=True)
def _fresh_cache():
    page_cache.clear()
    yield
    page_cache.clear()


def _get(client: Client, url: str, language: str) -> str:
    client.cookies["django_language"] = language
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def _without_tokens(html: str) -> str:
    return TOKEN.sub('name="csrfmiddlewaretoken" value="-"', html)


PAGES = [
    "/report/",
    "/statistics/",
    "/statistics/?period=nonsense",
    "/follow-up/",
    "/reception/",
    "/reception/TD-REG-75/",
]


@pytest.mark.parametrize("url", PAGES)
@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_cached_page_is_the_rendered_page(registry, client, settings, url, language) -> None:
    settings.SENIM_PAGE_CACHE = False
    rendered = _get(client, url, language)
    settings.SENIM_PAGE_CACHE = True
    first = _get(client, url, language)  # rendered and kept
    second = _get(client, url, language)  # from the process's copy
    assert f'<html lang="{language}">' in second
    assert TOKEN.findall(second)  # both forms (the page's and the language switcher's) have one
    assert _without_tokens(first) == _without_tokens(rendered)
    assert _without_tokens(second) == _without_tokens(rendered)


def test_each_visitor_gets_their_own_token_and_it_works(registry) -> None:
    alice, bob = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    alice_page = _get(alice, "/report/", "en")
    bob_page = _get(bob, "/report/", "en")
    (alice_token,) = set(TOKEN.findall(alice_page))
    (bob_token,) = set(TOKEN.findall(bob_page))
    assert alice_token not in bob_page and bob_token not in alice_page
    # Bob's own token passes the CSRF check (the form comes back with its errors, not 403)...
    answer = bob.post("/report/", {"csrfmiddlewaretoken": bob_token, "subject": "x"})
    assert answer.status_code == 200
    # ...and Alice's token is refused with Bob's cookie.
    assert bob.post("/report/", {"csrfmiddlewaretoken": alice_token}).status_code == 403


def test_a_form_with_errors_keeps_what_was_typed(registry, client) -> None:
    _get(client, "/report/", "en")  # the empty form is cached first
    data = report_data(text="")
    data["subject"] = "Money demanded for a copy of the judgment, typed by me"
    client.cookies["django_language"] = "en"
    response = client.post("/report/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Money demanded for a copy of the judgment, typed by me" in html
    assert "This field is required." in html
    # And the empty form after it is still empty.
    assert "typed by me" not in _get(client, "/report/", "en")


def test_the_language_switch_returns_to_the_page_asked_for(registry, client) -> None:
    html = _get(client, "/statistics/?period=nonsense", "ru")
    assert 'name="next" type="hidden" value="/statistics/?period=nonsense"' in html
    assert 'name="next" type="hidden" value="/statistics/"' in _get(client, "/statistics/", "ru")
    response = client.post("/i18n/setlang/", {"language": "kk", "next": "/report/"})
    assert response.status_code == 302
    assert '<html lang="kk">' in client.get("/report/").content.decode()


def test_the_statistics_page_is_rendered_again_when_the_roll_ups_change(registry, client) -> None:
    _get(client, "/statistics/", "en")
    _get(client, "/statistics/", "en")
    assert len(page_cache._pages) == 1
    RollupState.objects.update_or_create(pk=1, defaults={"refreshed_at": timezone.now()})
    # The roll-ups' state is looked up again at most every TABLE_KEY_SECONDS: within them the
    # page served is the one kept...
    _get(client, "/statistics/", "en")
    assert len(page_cache._pages) == 1
    # ...and after them, it is rendered again.
    for name, (at, value) in list(page_cache._remembered.items()):
        page_cache._remembered[name] = (at - statistics.TABLE_KEY_SECONDS - 1, value)
    _get(client, "/statistics/", "en")
    assert len(page_cache._pages) == 2
