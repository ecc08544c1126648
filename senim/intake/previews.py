"""Previews of evidence files: images and the first pages of PDFs as PNGs made on the server.

The decrypted file is handed to a child process (`senim.intake.preview_render`) under limits
of memory, CPU time and wall-clock time; whatever goes wrong there (a damaged file, a hostile
one, a crash of the parser) is "no preview" here, never an error page. Nothing of the file's
own content runs: images are re-encoded from pixels, PDFs rasterised by pdfium without its
form environment (no JavaScript). The preview is made anew for each request, in memory: no
decrypted copy is left on disk.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass

from django.conf import settings

PREVIEWABLE = {"application/pdf": "pdf", "image/jpeg": "image", "image/png": "image"}


@dataclass(frozen=True)
class Preview:
    png: bytes
    pages: int  # pages of the document that may be previewed (at most SENIM_PREVIEW_MAX_PAGES)


def previewable(content_type: str) -> bool:
    return content_type in PREVIEWABLE


def preview_render(data: bytes, content_type: str, *, page: int = 1) -> Preview | None:
    """A PNG of `page` (images have one), or None when there is no preview to show."""
    kind = PREVIEWABLE.get(content_type)
    max_pages = settings.SENIM_PREVIEW_MAX_PAGES
    if kind is None or not 1 <= page <= max_pages:
        return None
    command = [
        sys.executable,
        "-I",  # isolated: no user site, no environment variables steering Python
        "-m",
        "senim.intake.preview_render",
        kind,
        str(page),
        str(settings.SENIM_PREVIEW_MAX_SIDE),
        str(max_pages),
        str(settings.SENIM_PREVIEW_MAX_MEMORY_MB),
        str(settings.SENIM_PREVIEW_TIMEOUT_SECONDS),
    ]
    try:
        done = subprocess.run(  # noqa: S603 - a fixed command; the file goes on stdin
            command,
            input=data,
            capture_output=True,
            timeout=settings.SENIM_PREVIEW_TIMEOUT_SECONDS + 2,
            check=False,
        )
    except (subprocess.TimeoutExpired, OSError):
        return None
    if done.returncode != 0:
        return None
    header, _newline, png = done.stdout.partition(b"\n")
    try:
        pages = int(json.loads(header)["pages"])
    except (ValueError, KeyError, TypeError):
        return None
    if not png.startswith(b"\x89PNG"):
        return None
    return Preview(png=png, pages=min(pages, max_pages))
