"""Render one page of an evidence file as a PNG, in a separate, limited process.

Run as ``python -m senim.intake.preview_render KIND PAGE MAX_SIDE MAX_PAGES MEMORY_MB CPU``
with the decrypted file on standard input; it writes one JSON line ``{"pages": N}`` and the
PNG after it. It imports neither Django nor the project: the file is untrusted, and a parser's
crash or runaway (a hostile PDF, an image that decompresses to gigabytes) ends this process,
not the web worker, under the memory and CPU limits it sets itself before reading the file.

- An image is re-encoded from its pixels only (no EXIF or text chunks), shrunk to MAX_SIDE.
- A PDF page is rasterised by pdfium without a form environment, so none of the document's
  JavaScript or actions run; only the first MAX_PAGES pages are ever rendered.
"""

from __future__ import annotations

import io
import json
import sys

# Pixels an image may decode to before it is refused as a decompression bomb.
MAX_IMAGE_PIXELS = 40_000_000
# Points (1/72 inch) a PDF page may measure on its longer side (A0 is 3370): larger is hostile.
MAX_PAGE_POINTS = 14_400


def _image(data: bytes, max_side: int) -> tuple[int, bytes]:
    from PIL import Image, ImageOps

    Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
    with Image.open(io.BytesIO(data)) as image:
        if image.format not in ("JPEG", "PNG"):
            raise ValueError("not an accepted image")
        if image.width * image.height > MAX_IMAGE_PIXELS:
            raise ValueError("too many pixels")
        image.draft("RGB", (max_side, max_side))  # JPEG: decode at a reduced scale
        upright = ImageOps.exif_transpose(image)
        upright.thumbnail((max_side, max_side))
        pixels = Image.frombytes(upright.mode, upright.size, upright.tobytes())
    return 1, _png(pixels)


def _pdf_page(data: bytes, page_number: int, max_side: int, max_pages: int) -> tuple[int, bytes]:
    import pypdfium2 as pdfium  # type: ignore[import-untyped]

    document = pdfium.PdfDocument(data)  # no init_forms(): no form environment, no scripts
    try:
        pages = len(document)
        if not 1 <= page_number <= min(pages, max_pages):
            raise ValueError("no such page")
        page = document[page_number - 1]
        width, height = page.get_size()
        if not (0 < width <= MAX_PAGE_POINTS and 0 < height <= MAX_PAGE_POINTS):
            raise ValueError("page size out of bounds")
        scale = max_side / max(width, height)
        bitmap = page.render(scale=scale, may_draw_forms=False)
        image = bitmap.to_pil()
        image.thumbnail((max_side, max_side))  # pdfium rounds the size up by a pixel
    finally:
        document.close()
    return pages, _png(image)


def _png(image: object) -> bytes:
    out = io.BytesIO()
    image.convert("RGB").save(out, format="PNG", optimize=True)  # type: ignore[attr-defined]
    return out.getvalue()


def _limit(memory_mb: int, cpu_seconds: int) -> None:
    """Limits on this process before it reads the file (set here, not by the parent between
    fork and exec: that is unsafe in a threaded web server)."""
    import resource

    memory = memory_mb * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # no core dump holding the file


def main(argv: list[str]) -> int:
    kind, page, max_side, max_pages = argv[1], int(argv[2]), int(argv[3]), int(argv[4])
    _limit(int(argv[5]), int(argv[6]))
    data = sys.stdin.buffer.read()
    try:
        if kind == "pdf":
            pages, png = _pdf_page(data, page, max_side, max_pages)
        elif kind == "image":
            pages, png = _image(data, max_side)
        else:
            return 2
    except Exception:  # noqa: BLE001 - whatever a hostile file does, the answer is "no preview"
        return 1
    sys.stdout.buffer.write(json.dumps({"pages": pages}).encode() + b"\n" + png)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
