"""Helpers for the intake tests: a valid portal report, and reading the coupon off a page."""

from __future__ import annotations

import io
import re
from typing import Any

from django.test import Client
from PIL import Image

GPS_IFD = 0x8825  # the EXIF pointer to the GPS block


def report_data(**overrides: Any) -> dict[str, Any]:
    data = {
        "kind": "violation",
        "category": "bribery",
        "court": "DST-75-02",
        "subject": "Money demanded for a copy of the judgment",
        "text": "The clerk on the 3rd floor asked for 20 000 tenge to release the copy.",
        "occurred_when": "March 2026",
        "occurred_where": "Almaly District Court, room 312",
        "how_known": "It happened to me.",
        "person_1_name": "B. clerk",
        "person_1_position": "office clerk",
        "identity": "anonymous",
        "language": "ru",
    }
    data.update(overrides)
    return data


def coupon_of(html: str) -> tuple[str, str]:
    """(registration number, receipt code digits) from a coupon page."""
    number = re.search(r'class="coupon-number">([^<]+)<', html)
    code = re.search(r'class="receipt-code"[^>]*>(?:<span>)?([0-9 ]+)<', html)
    assert number and code, "no coupon on the page"
    return number.group(1), code.group(1).replace(" ", "")


def jpeg_with_gps() -> bytes:
    """A real JPEG carrying EXIF with a GPS block and a camera owner's name.

    The GPS IFD's entries are numbers and single letters, so on their own they leave no
    recognisable bytes: a GPSProcessingMethod entry (``ASCII`` + ``GPS``, as phones write it)
    puts ``b"GPS"`` in the file, which lets a byte search tell whether the block survived.
    Reading the result back with Pillow finds the GPS IFD (`gps_of`).
    """
    image = Image.new("RGB", (40, 30), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "SecretCam Manufacturer"  # Make
    exif[0xA430] = "Owner Name Surname"  # CameraOwnerName
    gps = exif.get_ifd(GPS_IFD)
    gps.update(
        {
            1: "N",  # GPSLatitudeRef
            2: (43.0, 15.0, 0.0),  # GPSLatitude: Almaty
            3: "E",  # GPSLongitudeRef
            4: (76.0, 57.0, 0.0),  # GPSLongitude
            27: b"ASCII\x00\x00\x00GPS",  # GPSProcessingMethod
        }
    )
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    data = out.getvalue()
    assert gps_of(data).get(2) == (43.0, 15.0, 0.0), "Pillow wrote no GPS IFD"
    return data


def gps_of(data: bytes) -> dict[int, Any]:
    """The GPS IFD of an image as Pillow reads it back; empty when the image has none."""
    with Image.open(io.BytesIO(data)) as image:
        return dict(image.getexif().get_ifd(GPS_IFD))


def new_call(client: Client) -> str:
    """Open the call console as an operator does: the signed start of the call it hands out."""
    page = client.get("/office/trust-line/call/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    token = re.search(r'name="started" value="([^"]+)"', page)
    assert token
    return token.group(1)
