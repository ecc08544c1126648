"""The API's browsable documentation works in a real browser from Senim's own files: every
operation listed, nothing fetched from elsewhere, nothing refused by the page's CSP."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.mark.django_db(transaction=True)
def test_api_docs_render_from_own_static_files(live_server: Any, page: Any) -> None:
    elsewhere: list[str] = []
    problems: list[str] = []
    page.on(
        "request",
        lambda r: (
            elsewhere.append(r.url) if not r.url.startswith((live_server.url, "data:")) else None
        ),
    )
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    response = page.goto(f"{live_server.url}/api/v1/docs")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_selector(".opblock")
    assert page.locator(".opblock").count() >= 5
    assert "Senim API" in page.locator(".title").first.inner_text()
    assert elsewhere == []
    assert problems == []
