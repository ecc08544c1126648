"""A small server-side SVG chart for the public statistics: monthly bars with a line.

Drawn on the server so that the page needs no script and loads nothing from elsewhere; the
page puts the same figures in a table beside it for screen readers and keyboard users. Colours
are the stylesheet's and meet the 3:1 contrast WCAG asks of graphics; every text is escaped.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT = 720, 300
LEFT, RIGHT, TOP, BOTTOM = 48, 12, 40, 40
INK, MUTED, LINE = "#1a1f2b", "#4a5363", "#c9d0db"
BAR_COLOUR, LINE_COLOUR = "#0b4f8a", "#c25e00"


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float | None]  # None: not shown (suppressed)
    marks: Sequence[str]  # what the table shows for each value ("12", "<5", "x")


def nice_top(value: float) -> tuple[float, float]:
    """A round top for the axis at or above `value`, and its tick step (1, 2 or 5 x 10^n)."""
    if value <= 0:
        return 1.0, 1.0
    raw = value / 4
    power = 10 ** math.floor(math.log10(raw))
    step = next(s * power for s in (1, 2, 5, 10) if s * power >= raw)
    step = max(step, 1.0)
    return math.ceil(value / step) * step, step


def _number(value: float) -> str:
    return f"{value:g}"


def bar_line_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    labels: Sequence[str],
    bars: Series,
    line: Series | None = None,
) -> SafeString:
    """Bars for one series and a line for another over the same months, as inline SVG."""
    cid = escape(chart_id)
    count = len(labels)
    shown = [v for s in (bars, line) if s for v in s.values if v is not None]
    top, step = nice_top(max(shown, default=0.0))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    base = TOP + plot_h
    band = plot_w / max(count, 1)

    def y(value: float) -> float:
        return base - value / top * plot_h

    def x(index: int) -> float:
        return LEFT + band * index + band / 2

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" '
        f'role="img" aria-labelledby="{cid}-title {cid}-desc" class="chart" '
        f'font-family="DejaVu Sans, Noto Sans, Arial, sans-serif" font-size="11">',
        f'<title id="{cid}-title">{escape(title)}</title>',
        f'<desc id="{cid}-desc">{escape(description)}</desc>',
    ]
    # Horizontal grid and the axis figures.
    tick = 0.0
    while tick <= top + step / 2:
        ty = y(tick)
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{ty:.1f}" y2="{ty:.1f}" '
            f'stroke="{LINE}" stroke-width="1"/>'
            f'<text x="{LEFT - 6}" y="{ty + 4:.1f}" text-anchor="end" fill="{MUTED}">'
            f"{_number(tick)}</text>"
        )
        tick += step
    # Month labels: at most about twelve, so that they never overlap.
    every = max(1, math.ceil(count / 12))
    for index, label in enumerate(labels):
        if index % every == 0:
            parts.append(
                f'<text x="{x(index):.1f}" y="{base + 16}" text-anchor="middle" fill="{MUTED}">'
                f"{escape(label)}</text>"
            )
    # Bars; a hidden value has no bar, only its mark on the axis.
    width = band * 0.6
    for index, (value, mark) in enumerate(zip(bars.values, bars.marks, strict=True)):
        tip = escape(f"{labels[index]}: {bars.name} {mark}")
        if value is None:
            parts.append(
                f'<text x="{x(index):.1f}" y="{base - 4}" text-anchor="middle" '
                f'font-size="9" fill="{MUTED}"><title>{tip}</title>{escape(mark)}</text>'
            )
            continue
        parts.append(
            f'<rect x="{x(index) - width / 2:.1f}" y="{y(value):.1f}" width="{width:.1f}" '
            f'height="{base - y(value):.1f}" fill="{BAR_COLOUR}"><title>{tip}</title></rect>'
        )
    # The line, broken where a value is hidden.
    if line is not None:
        segment: list[str] = []
        segments: list[list[str]] = []
        for index, value in enumerate(line.values):
            if value is None:
                if segment:
                    segments.append(segment)
                segment = []
                continue
            segment.append(f"{x(index):.1f},{y(value):.1f}")
        if segment:
            segments.append(segment)
        for points in segments:
            parts.append(
                f'<polyline points="{" ".join(points)}" fill="none" stroke="{LINE_COLOUR}" '
                f'stroke-width="2.5"/>'
            )
        for index, (value, mark) in enumerate(zip(line.values, line.marks, strict=True)):
            if value is not None:
                parts.append(
                    f'<circle cx="{x(index):.1f}" cy="{y(value):.1f}" r="3.5" '
                    f'fill="{LINE_COLOUR}"><title>'
                    f"{escape(f'{labels[index]}: {line.name} {mark}')}</title></circle>"
                )
    # The legend.
    parts.append(
        f'<rect x="{LEFT}" y="10" width="14" height="14" fill="{BAR_COLOUR}"/>'
        f'<text x="{LEFT + 20}" y="21" fill="{INK}">{escape(bars.name)}</text>'
    )
    if line is not None:
        legend_x = LEFT + 40 + 7 * len(bars.name)
        parts.append(
            f'<line x1="{legend_x}" x2="{legend_x + 18}" y1="17" y2="17" '
            f'stroke="{LINE_COLOUR}" stroke-width="2.5"/>'
            f'<circle cx="{legend_x + 9}" cy="17" r="3.5" fill="{LINE_COLOUR}"/>'
            f'<text x="{legend_x + 24}" y="21" fill="{INK}">{escape(line.name)}</text>'
        )
    parts.append("</svg>")
    # Every text above went through escape(); the rest is numbers and constants.
    return mark_safe("".join(parts))  # noqa: S308
