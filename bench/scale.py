"""100k vs 1M: whether a scenario's cost stays flat as the data grows tenfold (issue 18).

`make bench` measures the scenarios on the million-case database, then runs the same ones on
a database of 100,000 cases in a child run (`--scale-from`), and prints a line per scenario:
its p50 divided by the baseline of its own run, at each size, and the ratio of the two. Each
run divides by its own baseline, so a machine busier during one run than the other does not
read as growth. Target: ratio <= 1.3 for every request a person waits for. Batch steps (the
sweep, the roll-up rebuild, the hotspot step) do work in proportion to the data by nature:
their lines are printed for the record, marked "grows with the data", not judged.

`python -m bench.scale SMALL.json LARGE.json` prints the lines for two results files.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

TARGET_RATIO = 1.3
# Rows whose work is the whole data set's (or a growing share of it), not one request's.
# The raw SQL row counts a unit's cases (ten times as many at a million): a reference, not a
# page.
GROWS_WITH_DATA = ("sweep:", "roll-up rebuild", "hotspot step", "labelled set", "raw SQL:")
# Rows that do not read the generated data (the SQLite server has its own fresh database;
# the KDF runs alone): the same at any size, so not run again at the smaller one.
SIZE_FREE = ("submission_sqlite", "submission_kdf_alone", "duplicates_eval")


def _by_scenario(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {row["scenario"]: row for row in document.get("results", [])}


def _cases(document: dict[str, Any]) -> int:
    return int(document.get("generation", {}).get("cases_total", 0))


def lines(small: dict[str, Any], large: dict[str, Any]) -> list[str]:
    """A line per scenario measured in both runs, and a verdict line."""
    small_rows, large_rows = _by_scenario(small), _by_scenario(large)
    small_n, large_n = _cases(small), _cases(large)
    out = [f"{small_n:,} vs {large_n:,} cases (p50 × each run's baseline; target ≤ {TARGET_RATIO})"]
    judged = failed = 0
    for name, big in large_rows.items():
        little = small_rows.get(name)
        if little is None or big.get("baseline"):
            continue
        x_small, x_large = little.get("x_baseline"), big.get("x_baseline")
        if x_small is None or x_large is None or not x_small:
            continue
        growth = x_large / x_small
        if any(marker in name for marker in GROWS_WITH_DATA):
            verdict = "grows with the data"
        else:
            judged += 1
            met = growth <= TARGET_RATIO and not (little["errors"] or big["errors"])
            failed += not met
            verdict = "met" if met else "NOT MET"
        out.append(
            f"  {name}: {x_small:.2f}× → {x_large:.2f}× (p95 {little['p95_ms']:.1f} → "
            f"{big['p95_ms']:.1f} ms): {growth:.2f} {verdict}"
        )
    out.append(f"  flat from {small_n:,} to {large_n:,}: {judged - failed} of {judged} met")
    return out


def load(path: Path) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return document


def main(argv: Sequence[str] | None = None) -> int:
    paths = list(argv if argv is not None else sys.argv[1:])
    if len(paths) != 2:
        print("usage: python -m bench.scale SMALL.json LARGE.json", file=sys.stderr)
        return 2
    small, large = (load(Path(p)) for p in paths)
    if _cases(small) > _cases(large):
        small, large = large, small
    print("\n".join(lines(small, large)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
