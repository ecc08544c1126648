"""Result rows, the plain-text table and the JSON results file."""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench import RESULTS_DIR


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100) by linear interpolation between closest ranks.

    The same definition as numpy's default and PostgreSQL's percentile_cont, so figures can be
    checked with either.
    """
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low = math.floor(rank)
    high = math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


@dataclass
class Row:
    """One measured scenario."""

    scenario: str
    clients: int
    latencies_ms: list[float]
    errors: int
    elapsed_s: float
    # The row every other row's p50 is divided by (the first such row in a run).
    baseline: bool = False
    notes: list[str] = field(default_factory=list)

    @property
    def requests(self) -> int:
        return len(self.latencies_ms)

    @property
    def p50(self) -> float:
        return percentile(self.latencies_ms, 50)

    @property
    def p95(self) -> float:
        return percentile(self.latencies_ms, 95)

    @property
    def p99(self) -> float:
        return percentile(self.latencies_ms, 99)

    @property
    def rate(self) -> float:
        """Completed requests per second over the measured window, all clients together."""
        return self.requests / self.elapsed_s if self.elapsed_s > 0 else math.nan


def baseline_p50(rows: Sequence[Row]) -> float:
    for row in rows:
        if row.baseline:
            return row.p50
    return math.nan


def ratio(row: Row, base: float) -> float:
    if not base or math.isnan(base):
        return math.nan
    return row.p50 / base


def _fmt(value: float, digits: int) -> str:
    return "-" if math.isnan(value) else f"{value:,.{digits}f}"


COLUMNS = (
    "scenario",
    "clients",
    "requests",
    "errors",
    "p50 ms",
    "p95 ms",
    "p99 ms",
    "req/s",
    "× baseline",
)


def table(rows: Sequence[Row]) -> str:
    """The rows as an aligned plain-text table (text left, figures right)."""
    base = baseline_p50(rows)
    body = [
        [
            row.scenario,
            str(row.clients),
            f"{row.requests:,}",
            f"{row.errors:,}",
            _fmt(row.p50, 2),
            _fmt(row.p95, 2),
            _fmt(row.p99, 2),
            _fmt(row.rate, 1),
            "baseline" if row.baseline else _fmt(ratio(row, base), 2) + "×",
        ]
        for row in rows
    ]
    widths = [max(len(line[i]) for line in [list(COLUMNS), *body]) for i in range(len(COLUMNS))]

    def line(cells: Sequence[str]) -> str:
        first = cells[0].ljust(widths[0])
        rest = [cell.rjust(width) for cell, width in zip(cells[1:], widths[1:], strict=True)]
        return "  ".join([first, *rest]).rstrip()

    rule = "  ".join("-" * width for width in widths)
    return "\n".join([line(COLUMNS), rule, *(line(cells) for cells in body)])


def rows_as_dicts(rows: Sequence[Row]) -> list[dict[str, Any]]:
    base = baseline_p50(rows)

    def num(value: float) -> float | None:
        return None if math.isnan(value) else round(value, 3)

    return [
        {
            "scenario": row.scenario,
            "clients": row.clients,
            "requests": row.requests,
            "errors": row.errors,
            "p50_ms": num(row.p50),
            "p95_ms": num(row.p95),
            "p99_ms": num(row.p99),
            "requests_per_second": num(row.rate),
            "elapsed_s": num(row.elapsed_s),
            "baseline": row.baseline,
            "x_baseline": None if row.baseline else num(ratio(row, base)),
            "notes": row.notes,
        }
        for row in rows
    ]


def write_json(
    rows: Sequence[Row],
    meta: Mapping[str, Any],
    *,
    directory: Path = RESULTS_DIR,
    path: Path | None = None,
) -> Path:
    """bench/results/<UTC timestamp>.json (or `path`) with the rows and what they were
    measured on."""
    directory.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    path = path or directory / f"{stamp}.json"
    document = {**meta, "results": rows_as_dicts(rows)}
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
