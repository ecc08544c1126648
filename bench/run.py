"""The benchmark: generate (or reuse) the data, start the production server, run the scenarios.

``python -m bench.run [--cases N | --quick] [--fresh] [--clients K] [--requests R]``
(``make bench``; see bench/README.md for what the figures mean).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import subprocess
import sys
import time
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import psycopg

from bench import PROJECT_DIR, generate, scale
from bench.http import serve
from bench.report import Row, table, write_json
from bench.scenarios import (
    Context,
    Scenario,
    analytics,
    api,
    baseline,
    office,
    portal,
    submission,
)
from bench.scenarios import cases as case_scenarios
from bench.scenarios import triage as triage_scenarios

# The scenarios, in order. The first one marked baseline is what "× baseline" divides by,
# so it stays first; add new ones at the end (a function in a module under bench/scenarios/).
SCENARIOS: list[Scenario] = [
    baseline.healthz,
    baseline.raw_sql_count,
    office.home_central,
    office.case_list_central,
    # 16 clients whatever --clients says; the SQLite row starts a second server of its own.
    submission.submission_postgresql,
    submission.submission_sqlite,
    submission.submission_kdf_alone,
    # The queue, search and case page against the targets; the sweep last: it writes
    # notifications (and audit entries) that the pages above would otherwise show.
    case_scenarios.cases_queue_central,
    case_scenarios.cases_queue_chief,
    case_scenarios.cases_queue_overdue,
    case_scenarios.cases_queue_narrow,
    case_scenarios.cases_search_common_russian,
    case_scenarios.cases_search_common_kazakh,
    case_scenarios.cases_search_rare_russian,
    case_scenarios.cases_search_rare_kazakh,
    case_scenarios.cases_search_absent_name,
    case_scenarios.cases_page_central,
    case_scenarios.cases_sweep_backlog,
    case_scenarios.cases_sweep_again,
    case_scenarios.cases_sweep_one_day,
    # The roll-ups recounted from the generated cases (COPY marks nothing stale), then the
    # dashboards that read them.
    analytics.analytics_rebuild,
    analytics.analytics_dashboard_central,
    analytics.analytics_dashboard_chief,
    # Triage (issue 16): the labelled set's precision and recall, then (after signing the
    # generated appeals once, not timed) the lookup a registration adds and the hotspot step.
    triage_scenarios.duplicates_eval,
    triage_scenarios.duplicate_lookup,
    triage_scenarios.hotspots_30_days,
    triage_scenarios.hotspots_365_days,
    triage_scenarios.hotspots_30_days_alerts,
    # /api/v1 beside the office's case list and case page and the portal's submissions above.
    api.api_case_list_central,
    api.api_case_detail_central,
    api.api_registration,
    # The portal's pages (issue 18), after the roll-ups above that the statistics page reads.
    portal.portal_report_form,
    portal.portal_statistics,
    portal.portal_home,
    portal.portal_follow_up_form,
    portal.portal_reception_list,
    portal.portal_reception_times,
]

QUICK_CASES = 100_000
DEFAULT_CLIENTS = 4
DEFAULT_REQUESTS = 1000
QUICK_REQUESTS = 300
DEFAULT_SECONDS = 30.0
QUICK_SECONDS = 15.0
SCALE_FROM = 100_000
# Issue 18: a million cases generated in under five minutes (setup, load and VACUUM).
GENERATION_TARGET_S = 300.0


def _git_commit() -> str | None:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=PROJECT_DIR,
            capture_output=True,
            text=True,
            timeout=5,
            check=True,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no"],
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        timeout=5,
        check=False,
    ).stdout.strip()
    return out.stdout.strip() + ("-dirty" if dirty else "")


def _postgres_version(url: str) -> str:
    with psycopg.connect(url) as conn:
        row = conn.execute("SHOW server_version").fetchone()
    return str(row[0]) if row else "?"


def _generation_summary(generation: generate.GenerationReport) -> list[str]:
    if generation.reused or generation.cases_added < generate.DEFAULT_CASES:
        return []
    seconds = generation.setup_seconds + generation.load_seconds + generation.analyze_seconds
    met = "met" if seconds < GENERATION_TARGET_S else "NOT MET"
    return [
        f"target {generation.cases_added:,} cases generated in < {GENERATION_TARGET_S:.0f} s: "
        f"{met} ({seconds:.0f} s: setup {generation.setup_seconds:.0f}, load "
        f"{generation.load_seconds:.0f}, VACUUM (ANALYZE) {generation.analyze_seconds:.0f})"
    ]


def _scale_run(args: argparse.Namespace, url: str, cases: int, large: Path) -> list[str]:
    """The same scenarios on a smaller database, in a child run (Django is set up on this
    run's database), then a line per scenario comparing the two (`bench.scale`)."""
    small_url = generate.database_url_named(url, f"{cases // 1000}k")
    results = large.with_name(f"{large.stem}-{cases // 1000}k.json")
    only = args.only or ",".join(
        s.__name__ for s in SCENARIOS[1:] if s.__name__ not in scale.SIZE_FREE
    )
    command = [
        sys.executable, "-m", "bench.run", "--cases", str(cases), "--scale-from", "0",
        "--clients", str(args.clients), "--workers", str(args.workers),
        "--threads", str(args.threads), "--only", only, "--results-file", str(results),
    ]  # fmt: skip
    for option in ("requests", "seconds"):
        if getattr(args, option) is not None:
            command += [f"--{option}", str(getattr(args, option))]
    print(f"== the same at {cases:,} cases: {generate.display_url(small_url)}", flush=True)
    child = subprocess.run(
        command, env={**os.environ, "BENCH_DATABASE_URL": small_url}, check=False
    )
    if child.returncode != 0 or not results.exists():
        return [f"{cases:,} vs {generation_cases(large):,} cases: the smaller run failed"]
    return scale.lines(scale.load(results), scale.load(large))


def generation_cases(path: Path) -> int:
    return int(scale.load(path).get("generation", {}).get("cases_total", 0))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__)
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--cases", type=int, default=None, help="cases in the database (1,000,000)")
    size.add_argument(
        "--quick", action="store_true", help=f"{QUICK_CASES:,} cases and smaller budgets"
    )
    parser.add_argument("--fresh", action="store_true", help="drop and regenerate the database")
    parser.add_argument("--clients", type=int, default=DEFAULT_CLIENTS, help="concurrent clients")
    parser.add_argument("--requests", type=int, default=None, help="requests per scenario")
    parser.add_argument("--seconds", type=float, default=None, help="time limit per scenario")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker")
    parser.add_argument(
        "--scale-from",
        type=int,
        default=None,
        help="after the run, the same scenarios on a database of this many cases, and a line "
        f"per scenario comparing the two (default {SCALE_FROM:,} for a full run; 0: none)",
    )
    parser.add_argument("--results-file", default=None, help=argparse.SUPPRESS)
    parser.add_argument(
        "--only",
        default="",
        help="run only scenarios whose name contains this, or one of these comma-separated "
        "texts (and the baseline)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    cases = QUICK_CASES if args.quick else (args.cases or generate.DEFAULT_CASES)
    requests = args.requests or (QUICK_REQUESTS if args.quick else DEFAULT_REQUESTS)
    seconds = args.seconds or (QUICK_SECONDS if args.quick else DEFAULT_SECONDS)
    only = [text.strip() for text in args.only.split(",") if text.strip()]
    if min(cases, args.clients, requests, args.workers, args.threads) < 1 or seconds <= 0:
        raise SystemExit("bench: --cases, --clients, --requests, --workers, --threads > 0")
    os.chdir(PROJECT_DIR)  # settings keep generated secrets under ./var; the server shares it
    url = generate.database_url()
    started_at = dt.datetime.now(dt.UTC)

    print(f"== data: {cases:,} cases in {generate.display_url(url)}", flush=True)
    generation = generate.generate(url, cases=cases, fresh=args.fresh)
    print(generation.summary(), flush=True)

    from django.conf import settings  # set up by generate() on the benchmark database

    rows: list[Row] = []
    failures: list[dict[str, str]] = []
    print(
        f"== server: gunicorn gthread, {args.workers} workers x {args.threads} threads; "
        f"{args.clients} clients, {requests:,} requests or {seconds:.0f} s per scenario",
        flush=True,
    )
    with serve(url, workers=args.workers, threads=args.threads) as server:
        ctx = Context(
            server=server,
            database_url=url,
            clients=args.clients,
            requests=requests,
            max_seconds=seconds,
            password=settings.SENIM_DEMO_PASSWORD,
            quick=args.quick,
        )
        for scenario in SCENARIOS:
            label = scenario.__name__
            if only and not any(text in label for text in only) and scenario is not SCENARIOS[0]:
                continue
            began = time.perf_counter()
            try:
                row = scenario(ctx)
            except Exception as problem:  # noqa: BLE001 - one failed scenario must not end the run
                failures.append({"scenario": label, "error": repr(problem)})
                print(f"  {label}: FAILED: {problem!r}", file=sys.stderr, flush=True)
                traceback.print_exc()
                continue
            rows.append(row)
            print(
                f"  {row.scenario}: {row.requests:,} requests, {row.errors} errors, "
                f"p50 {row.p50:.2f} ms ({time.perf_counter() - began:.1f} s)",
                flush=True,
            )
        if failures:
            print(f"server log (last lines):\n{server.log_tail()}", file=sys.stderr)
    # The submission rows against the KDF floor, the case rows and sweep runs against the
    # issues' targets (nothing for rows not run).
    summary = (
        _generation_summary(generation)
        + submission.summary(rows)
        + case_scenarios.summary(rows)
        + analytics.summary(rows)
        + triage_scenarios.summary(rows)
        + api.summary(rows)
        + portal.summary(rows)
    )

    meta: dict[str, Any] = {
        "started_at": started_at.isoformat(timespec="seconds"),
        "finished_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "git_commit": _git_commit(),
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
            "postgres": _postgres_version(url),
        },
        "generation": generation.as_dict(),
        "server": {"kind": "gunicorn gthread", "workers": args.workers, "threads": args.threads},
        "load": {"clients": args.clients, "requests": requests, "max_seconds": seconds},
        "failures": failures,
        "summary": summary,
    }
    path = write_json(rows, meta, path=Path(args.results_file) if args.results_file else None)
    scale_from = (
        args.scale_from if args.scale_from is not None else (0 if args.quick else SCALE_FROM)
    )
    scale_lines: list[str] = []
    if 0 < scale_from < generation.cases_total:
        scale_lines = _scale_run(args, url, scale_from, path)

    print()
    print(generation.summary())
    print()
    print(table(rows))
    print()
    if summary:
        print("\n".join(summary))
        print()
    if scale_lines:
        print("\n".join(scale_lines))
        print()
    print(f"results: {path.relative_to(PROJECT_DIR)}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
