"""`make bench`'s 100k vs 1M lines (bench/scale.py): each run's p50 over its own baseline,
compared; requests a person waits for are judged against 1.3, batch steps only reported."""

from __future__ import annotations

import json
from pathlib import Path

from bench import scale


def _run(cases: int, rows: dict[str, tuple[float, float]]) -> dict[str, object]:
    """A results file: the baseline at 2 ms p50, and each row's (x_baseline, p95)."""
    results: list[dict[str, object]] = [
        {"scenario": "baseline", "baseline": True, "x_baseline": None, "p95_ms": 3.0, "errors": 0}
    ]
    results += [
        {"scenario": name, "baseline": False, "x_baseline": x, "p95_ms": p95, "errors": 0}
        for name, (x, p95) in rows.items()
    ]
    return {"generation": {"cases_total": cases}, "results": results}


def test_flat_rows_are_met_growing_ones_not_and_batch_steps_are_reported(tmp_path: Path) -> None:
    # The batch rows as bench.run names them: the sweep, the hotspot step, the raw SQL count.
    hotspots = "triage: hotspot step, 30-day window, the default thresholds"
    count = "raw SQL: count a unit's cases in investigation"
    small = _run(
        100_000,
        {
            "queue": (10.0, 40.0),
            "case page": (8.0, 30.0),
            "sweep: one day": (50.0, 900.0),
            hotspots: (19.0, 30.0),
            count: (0.09, 0.2),
        },
    )
    large = _run(
        1_000_000,
        {
            "queue": (12.0, 45.0),
            "case page": (16.0, 70.0),
            "sweep: one day": (400.0, 8000.0),
            hotspots: (200.0, 300.0),
            count: (0.13, 0.3),
        },
    )
    out = scale.lines(small, large)
    assert out[0].startswith("100,000 vs 1,000,000 cases")
    assert any(line.strip().startswith("queue:") and line.endswith("1.20 met") for line in out)
    assert any(
        line.strip().startswith("case page:") and line.endswith("2.00 NOT MET") for line in out
    )
    for batch in ("sweep: one day", hotspots, count):
        assert any(batch in line and line.endswith("grows with the data") for line in out), batch
    assert out[-1].strip() == "flat from 100,000 to 1,000,000: 1 of 2 met"

    # The command reads two results files in either order.
    paths = [tmp_path / "large.json", tmp_path / "small.json"]
    for path, document in zip(paths, (large, small), strict=True):
        path.write_text(json.dumps(document))
    assert scale.main([str(p) for p in paths]) == 0
