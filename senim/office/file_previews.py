"""Previews of a case's files: page images made on the server, for those who see the case."""

from __future__ import annotations

import io
from functools import lru_cache

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from PIL import Image, ImageDraw

from senim.cases.file_previews import attachment_preview
from senim.core import drawing
from senim.core.errors import NotFound
from senim.office.access import staff_required
from senim.organization.policy import CASE_SIGHT


def _private(response: HttpResponse) -> HttpResponse:
    # The picture of evidence: kept by no shared cache, nor by the browser after the page.
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'"
    return response


@lru_cache(maxsize=8)
def _no_preview_png(text: str) -> bytes:
    """A grey tile saying "No preview", for an <img> whose file cannot be shown."""
    image = Image.new("RGB", (240, 160), (236, 236, 236))
    draw = ImageDraw.Draw(image)
    font = drawing.font(16)
    draw.rectangle((0, 0, 239, 159), outline=(170, 170, 170))
    draw.text((120, 80), text, fill=(80, 80, 80), font=font, anchor="mm")
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


@require_GET
@staff_required(*CASE_SIGHT)
def preview_image(
    request: HttpRequest, case_id: int, attachment_id: int, page: int
) -> HttpResponse:
    """One page of a file as PNG; a "no preview" tile when it cannot be made (never an error:
    a broken or hostile file must not break the case page)."""
    try:
        _file, preview = attachment_preview(request.user, case_id, attachment_id, page=page)
    except NotFound as missing:
        raise Http404 from missing
    data = _no_preview_png(_("No preview")) if preview is None else preview.png
    response = HttpResponse(data, content_type="image/png")
    response["Content-Disposition"] = 'inline; filename="preview.png"'
    return _private(response)


@require_GET
@staff_required(*CASE_SIGHT)
def preview_page(request: HttpRequest, case_id: int, attachment_id: int) -> HttpResponse:
    """A file's previewable pages, one under another, with the download of the original."""
    try:
        found, preview = attachment_preview(request.user, case_id, attachment_id, page=1)
    except NotFound as missing:
        raise Http404 from missing
    pages = range(1, preview.pages + 1) if preview else range(0)
    context = {
        "case_id": case_id,
        "file": found,
        "pages": pages,
        "limit": settings.SENIM_PREVIEW_MAX_PAGES,
    }
    return _private(render(request, "office/file_preview.html", context))
