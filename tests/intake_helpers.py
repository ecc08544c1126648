"""Helpers for the intake tests: a valid portal report, and reading the coupon off a page."""

from __future__ import annotations

import io
import re
from typing import Any

from PIL import Image


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
    """A real JPEG carrying EXIF with a GPS block and a camera owner's name."""
    image = Image.new("RGB", (40, 30), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "SecretCam Manufacturer"  # Make
    exif[0xA430] = "Owner Name Surname"  # CameraOwnerName
    exif[0x8825] = {1: "N", 2: (43.0, 15.0, 0.0), 3: "E", 4: (76.0, 53.0, 0.0)}  # GPS
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()
