"""The font the server draws text with into images it makes (previews' "no preview" tiles, the
demo's pictures): Debian's DejaVu Sans when installed (it has Kazakh and Russian letters),
otherwise Pillow's built-in bitmap font. Nothing is downloaded."""

from __future__ import annotations

from PIL import ImageFont

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    try:
        return ImageFont.truetype(FONT, size)
    except OSError:
        return ImageFont.load_default()
