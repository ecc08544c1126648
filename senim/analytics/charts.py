"""Charts drawn on the server as SVG: no script, no third-party request, printable.

Each chart is an image with a title and a description for assistive technology; the page puts
the same numbers in a table next to it (the table is the accessible form of the chart).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

# Colours with at least 3:1 contrast against white (WCAG 1.4.11 for graphics).
SERIES_COLOURS = ("#1f5fa8", "#b3261e", "#2e7d32", "#6a3d9a", "#8a5a00")
HEAT = ("#e8f0f8", "#b9d0ea", "#7eaad6", "#3f7fbf", "#1f5fa8", "#0b3a6e")


@dataclass(frozen=True)
class Series:
    label: str
    values: Sequence[float | None]


def _closed(parts: list[SafeString]) -> SafeString:
    # Every part came from format_html (escaped); joining them keeps them escaped once.
    return format_html("{}</svg>", format_html_join("", "{}", ((part,) for part in parts)))


def _n(value: float) -> str:
    # format_html escapes its arguments into strings first: numbers are formatted before.
    return f"{value:.1f}"


def _nice_max(value: float) -> float:
    """The axis top: the value rounded up to 1, 2, 2.5 or 5 times a power of ten."""
    if value <= 0:
        return 1.0
    magnitude = float(10 ** (len(str(int(value))) - 1))
    for step in (1.0, 2.0, 2.5, 5.0, 10.0):
        if value <= step * magnitude:
            return step * magnitude
    return 10.0 * magnitude


def line_chart(
    title: str, labels: Sequence[str], series: Sequence[Series], *, width: int = 640
) -> SafeString:
    """Lines over months; gaps where a value is unknown."""
    height, left, right, top, bottom = 220, 48, 28, 16, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    known = [v for s in series for v in s.values if v is not None]
    top_value = _nice_max(max(known, default=0))
    count = max(len(labels), 1)

    def x(i: int) -> float:
        return left + (plot_w * i / (count - 1) if count > 1 else plot_w / 2)

    def y(v: float) -> float:
        return top + plot_h - plot_h * v / top_value

    parts = [
        format_html(
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" role="img" '
            'aria-label="{}" class="chart"><title>{}</title>',
            width,
            height,
            title,
            title,
        )
    ]
    for tick in range(5):
        tick_value = top_value * tick / 4
        parts.append(
            format_html(
                '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#d0d4da"/>'
                '<text x="{}" y="{}" text-anchor="end" font-size="11" fill="#333">{}</text>',
                left,
                width - right,
                _n(y(tick_value)),
                _n(y(tick_value)),
                left - 4,
                _n(y(tick_value) + 4),
                f"{tick_value:g}",
            )
        )
    step = max(1, count // 8)
    for i, label in enumerate(labels):
        if i % step == 0 or i == count - 1:
            parts.append(
                format_html(
                    '<text x="{}" y="{}" text-anchor="middle" font-size="11" fill="#333">{}</text>',
                    _n(x(i)),
                    height - bottom + 16,
                    label,
                )
            )
    for index, one in enumerate(series):
        colour = SERIES_COLOURS[index % len(SERIES_COLOURS)]
        path, pen_up = [], True
        for i, value in enumerate(one.values):
            if value is None:
                pen_up = True
                continue
            path.append(f"{'M' if pen_up else 'L'}{_n(x(i))},{_n(y(value))}")
            pen_up = False
        if path:
            parts.append(
                format_html(
                    '<path d="{}" fill="none" stroke="{}" stroke-width="2"/>',
                    " ".join(path),
                    colour,
                )
            )
        parts.append(
            format_html(
                '<rect x="{}" y="{}" width="10" height="10" fill="{}"/>'
                '<text x="{}" y="{}" font-size="11" fill="#333">{}</text>',
                left + index * 160,
                height - 14,
                colour,
                left + index * 160 + 14,
                height - 5,
                one.label,
            )
        )
    return _closed(parts)


def bar_chart(title: str, rows: Sequence[tuple[str, float]], *, width: int = 640) -> SafeString:
    """Horizontal bars, one per row, longest first as given."""
    bar_h, gap, label_w = 18, 6, 220
    height = max(1, len(rows)) * (bar_h + gap) + 8
    top_value = max((v for _label, v in rows), default=0) or 1
    parts = [
        format_html(
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" role="img" '
            'aria-label="{}" class="chart"><title>{}</title>',
            width,
            height,
            title,
            title,
        )
    ]
    for i, (label, value) in enumerate(rows):
        y = 4 + i * (bar_h + gap)
        length = (width - label_w - 60) * value / top_value
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="end" font-size="12" fill="#222">{}</text>'
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>'
                '<text x="{}" y="{}" font-size="12" fill="#222">{}</text>',
                label_w - 6,
                y + 13,
                label[:34],
                label_w,
                y,
                _n(length),
                bar_h,
                SERIES_COLOURS[0],
                _n(label_w + length + 4),
                y + 13,
                f"{value:g}",
            )
        )
    return _closed(parts)


# Kazakhstan's regions on a grid, roughly where they lie (west to east, north to south): a
# cartogram gives every region the same area, so small cities are as visible as the steppe.
REGION_GRID: dict[str, tuple[int, int]] = {
    "KZ-39": (2, 0),  # Kostanay
    "KZ-59": (3, 0),  # North Kazakhstan
    "KZ-55": (4, 0),  # Pavlodar
    "KZ-27": (0, 1),  # West Kazakhstan
    "KZ-15": (1, 1),  # Aktobe
    "KZ-11": (2, 1),  # Akmola
    "KZ-71": (3, 1),  # Astana
    "KZ-10": (4, 1),  # Abai
    "KZ-63": (5, 1),  # East Kazakhstan
    "KZ-23": (0, 2),  # Atyrau
    "KZ-62": (1, 2),  # Ulytau
    "KZ-35": (2, 2),  # Karaganda
    "KZ-33": (4, 2),  # Zhetysu
    "KZ-47": (0, 3),  # Mangystau
    "KZ-43": (1, 3),  # Kyzylorda
    "KZ-61": (2, 3),  # Turkistan
    "KZ-31": (3, 3),  # Zhambyl
    "KZ-19": (4, 3),  # Almaty Region
    "KZ-75": (5, 3),  # Almaty
    "KZ-79": (2, 4),  # Shymkent
}


@dataclass(frozen=True)
class Tile:
    code: str
    name: str
    value: float | None
    display: str
    href: str
    selected: bool = False


def cartogram(title: str, tiles: Sequence[Tile]) -> SafeString:
    """Regions as equal tiles shaded by value; each tile links to that region's figures."""
    size, gap = 96, 6
    known = [t.value for t in tiles if t.value is not None]
    low, high = min(known, default=0.0), max(known, default=0.0)
    spare_row = 5
    positions: dict[str, tuple[int, int]] = {}
    spare = 0
    for tile in tiles:
        if tile.code in REGION_GRID:
            positions[tile.code] = REGION_GRID[tile.code]
        else:
            positions[tile.code] = (spare % 6, spare_row + spare // 6)
            spare += 1
    rows = max((r for _c, r in positions.values()), default=0) + 1
    width, height = 6 * (size + gap), rows * (size + gap)
    parts = [
        format_html(
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" role="img" '
            'aria-label="{}" class="chart cartogram"><title>{}</title>',
            width,
            height,
            title,
            title,
        )
    ]
    for tile in tiles:
        column, row = positions[tile.code]
        if tile.value is None or high == low:
            shade = 0 if tile.value is None else 2
        else:
            shade = round((tile.value - low) / (high - low) * (len(HEAT) - 1))
        fill = HEAT[shade]
        ink = "#ffffff" if shade >= 3 else "#111111"
        x, y = column * (size + gap), row * (size + gap)
        parts.append(
            format_html(
                '<a href="{}" aria-label="{}: {}"><rect x="{}" y="{}" width="{}" height="{}" '
                'rx="6" fill="{}" stroke="{}" stroke-width="{}"/>'
                '<text x="{}" y="{}" text-anchor="middle" font-size="11" fill="{}">{}</text>'
                '<text x="{}" y="{}" text-anchor="middle" font-size="11" fill="{}">{}</text>'
                '<text x="{}" y="{}" text-anchor="middle" font-size="16" font-weight="bold" '
                'fill="{}">{}</text></a>',
                tile.href,
                tile.name,
                tile.display,
                x,
                y,
                size,
                size,
                fill,
                "#b3261e" if tile.selected else "#5a6470",
                4 if tile.selected else 1,
                x + size / 2,
                y + 22,
                ink,
                _lines(tile.name)[0],
                x + size / 2,
                y + 36,
                ink,
                _lines(tile.name)[1],
                x + size / 2,
                y + 66,
                ink,
                tile.display,
            )
        )
    return _closed(parts)


def _lines(name: str, width: int = 14) -> tuple[str, str]:
    """A region's name on two short lines ("Almaty" / "Region" is not the city "Almaty")."""
    lines = ["", ""]
    line = 0
    for word in name.split():
        candidate = f"{lines[line]} {word}".strip()
        if len(candidate) <= width or not lines[line]:
            lines[line] = candidate[: width + 2]
        elif line == 0:
            line, lines[1] = 1, word[: width + 2]
        else:
            break
    return lines[0], lines[1]
