"""Senim's benchmarks: a large PostgreSQL database, the production server, timed scenarios.

Run everything with ``python -m bench.run`` (``make bench``); see bench/README.md.
"""

from __future__ import annotations

from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BENCH_DIR.parent
RESULTS_DIR = BENCH_DIR / "results"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/senim_bench"
