"""The text of a PDF page by page, as pypdfium2 extracts it (what a reader can select)."""

from __future__ import annotations

import pypdfium2 as pdfium  # type: ignore[import-untyped]


def pdf_pages(data: bytes) -> list[str]:
    assert data.startswith(b"%PDF-"), data[:200]
    document = pdfium.PdfDocument(data)
    try:
        texts = []
        for index in range(len(document)):
            text_page = document[index].get_textpage()
            texts.append(text_page.get_text_range())
        return texts
    finally:
        document.close()


def pdf_text(data: bytes) -> str:
    """All pages' text with any run of white space (line breaks too) as one space."""
    return " ".join(" ".join(pdf_pages(data)).split())
