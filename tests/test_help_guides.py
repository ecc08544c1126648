"""The office's help menu: each reader's guide in their language, the others a click away, the
guides' screenshots, and nothing in a guide rendered as markup it did not mean."""

from __future__ import annotations

import pytest
from django.test import Client

from senim.office.guides import render_guide
from senim.organization.models import Role

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "language", "title"),
    [
        (Role.OPERATOR, "ru", "Оператор телефона доверия"),
        (Role.CHIEF, "kk", "Аумақтық бөлімнің бастығы"),
        (Role.AUDITOR, "en", "Auditor"),
        (Role.CUSTODIAN, "en", "Central coordinator"),
    ],
)
def test_the_help_menu_opens_the_readers_guide_in_their_language(
    make_staff, login, role, language, title
):
    client = login(make_staff(role, "REG-75" if role == Role.CHIEF else "SC"))
    home = client.get("/office/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert 'href="/office/help/"' in home
    page = client.get("/office/help/", HTTP_ACCEPT_LANGUAGE=language)
    assert page.status_code == 200
    html = page.content.decode()
    assert f'<h1 id="guide-title">{title}</h1>' in html
    assert f'<article class="guide" lang="{language}"' in html
    # Every other guide and the other languages are listed.
    for other in ("citizen", "operator", "investigator", "administrator"):
        assert f"/office/help/{language}/{other}/" in html or f"{other}/" in html
    assert html.count('hreflang="') == 2


def test_a_guide_shows_its_screenshots_and_links_to_real_pages(make_staff, login):
    client = login(make_staff(Role.OPERATOR))
    html = client.get("/office/help/en/operator/").content.decode()
    assert '<img src="/office/help/img/en/call.png" alt="A call being registered"' in html
    assert '<a href="/office/trust-line/">Trust line</a>' in html
    assert "<ol>" in html and "<strong>End the call and save</strong>" in html
    image = client.get("/office/help/img/en/call.png")
    assert image.status_code == 200 and image["Content-Type"] == "image/png"
    assert image.content.startswith(b"\x89PNG")


def test_unknown_guides_and_paths_outside_the_guides_are_not_found(make_staff, login):
    client = login(make_staff(Role.OPERATOR))
    assert client.get("/office/help/de/operator/").status_code == 404
    assert client.get("/office/help/en/root/").status_code == 404
    assert client.get("/office/help/img/en/..%2F..%2Frunbook.md").status_code == 404
    assert client.get("/office/help/img/en/missing.png").status_code == 404
    assert Client().get("/office/help/").status_code == 302  # staff only


def test_a_guide_cannot_carry_markup_or_send_readers_elsewhere():
    html = render_guide(
        "# T\n\n<script>alert(1)</script> **bold** [out](https://evil.example/) "
        "[in](/office/cases/) [js](javascript:alert(1)) [x](//evil.example/)\n\n"
        "![shot](img/../../secret.png)\n\n- a <b>b</b>\n1. one"
    )
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<strong>bold</strong>" in html
    assert 'href="https://evil.example/"' not in html and 'href="//evil.example/"' not in html
    assert "javascript:" not in html.split("[js]")[0] and 'href="javascript' not in html
    assert '<a href="/office/cases/">in</a>' in html
    assert "<img" not in html  # a screenshot outside img/<language>/ is not shown
    assert "<li>a &lt;b&gt;b&lt;/b&gt;</li>" in html and "<ol>\n<li>one</li>" in html
