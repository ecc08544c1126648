"""HTML to PDF with WeasyPrint, offline: only the project's own stylesheet, no remote fetches."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string


def _no_remote(url: str, timeout: int = 10, ssl_context: Any = None) -> Any:
    raise ValueError(f"PDF rendering does not fetch {url!r}")


def render_pdf(template: str, context: dict[str, Any]) -> bytes:
    from weasyprint import HTML  # imported late: it loads Pango, which only PDFs need

    html = render_to_string(template, context)
    return bytes(HTML(string=html, url_fetcher=_no_remote).write_pdf())
