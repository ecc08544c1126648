"""Analytics: rebuilding the roll-ups, and the dashboards read from them.

The issue: "the roll-up rebuild time; GET /office/analytics/ as the central department (whole
country, current year) and as a territorial chief, p50/p95 beside the baseline; show that the
dashboard's cost does not grow with the number of cases (the same rows on 100,000 and on
1,000,000 cases). Target: dashboard p95 < 200 ms on 2 cores at 1M."

The generator writes cases with COPY: no signal marks a court-month stale, so its database has
no roll-up rows (or stale ones). `analytics_rebuild` recounts them in this process with
`senim.analytics.rollups.rebuild()`, exactly what ``senim analytics rebuild`` runs, and its
duration is a row. The dashboard rows first check that the roll-ups count every case (the sum
of the ``reports`` metric against the cases table) and rebuild them, unmeasured, when not: run
alone (``--only analytics_dashboard``) they still measure current figures.

``python -m bench.scenarios.analytics`` runs these rows (and the baseline) on the database of
BENCH_DATABASE_URL; ``--compare`` runs them on a 100,000-case and a 1,000,000-case database, one
child process each, and prints the two side by side. Before measuring, it waits until no other
benchmark runs on the machine and no long query runs on the database (another engineer's
benchmark or migration would distort the figures), and says so when it had to wait.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
from psycopg.conninfo import conninfo_to_dict

from bench import DEFAULT_DATABASE_URL, PROJECT_DIR
from bench.report import Row, rows_as_dicts, table, write_json
from bench.scenarios import Context
from bench.scenarios.cases import _dbname, _get, _metered
from bench.scenarios.submission import _machine_cpu, _processes

DASHBOARD = "/office/analytics/"
REBUILD_LABEL = "analytics: roll-up rebuild (rollups.rebuild)"
CENTRAL_LABEL = "analytics dashboard: country, current year (central)"
CHIEF_LABEL = "analytics dashboard: own unit, current year (chief-almaty)"
DASHBOARD_ROWS = (CENTRAL_LABEL, CHIEF_LABEL)
TARGET_MS = 200.0

SMALL_URL = "postgres://postgres@127.0.0.1:5432/senim_bench_100k"
LARGE_URL = "postgres://postgres@127.0.0.1:5432/senim_bench_1m"
SMALL_CASES = 100_000
LARGE_CASES = 1_000_000

# What `--compare` and the standalone run wait for: another benchmark process on the same
# database (its command line names one of bench's modules, its BENCH_DATABASE_URL the database)
# or a query running this long on the database.
OTHER_BENCH = re.compile(r"\bbench\.(run|generate|scenarios)\b|\bbench/(run|generate)\.py\b")
LONG_QUERY_S = 5.0
POLL_S = 15.0
MAX_WAIT_S = 4 * 3600.0  # then measure anyway, and say beside what (--max-wait)

# Filled by the scenarios for `summary`: the rebuild's figures, by row.
_rebuilds: dict[str, dict[str, Any]] = {}


# --- Roll-ups ---------------------------------------------------------------------------------


def rollup_status(database_url: str) -> dict[str, Any]:
    """Cases, roll-up rows (all, and of the current year), cases the roll-ups count, rebuilt."""
    from django.conf import settings

    with psycopg.connect(database_url, autocommit=True) as conn:
        found = conn.execute(
            "SELECT (SELECT count(*) FROM cases_case), "
            "(SELECT count(*) FROM analytics_rollupcount), "
            "(SELECT count(*) FROM analytics_rollupcount WHERE month >= "
            "date_trunc('year', now() AT TIME ZONE %s)::date), "
            "(SELECT coalesce(sum(value), 0) FROM analytics_rollupcount WHERE metric = 'reports'), "
            "(SELECT count(*) FROM analytics_rollupmark), "
            "(SELECT rebuilt_at FROM analytics_rollupstate WHERE id = 1)",
            [settings.TIME_ZONE],
        ).fetchone()
    assert found is not None
    cases, rows, rows_year, counted, marks, rebuilt_at = found
    return {
        "cases": int(cases),
        "rollup_rows": int(rows),
        "rollup_rows_this_year": int(rows_year),
        "cases_counted": int(counted),
        "pending_marks": int(marks),
        "rebuilt_at": rebuilt_at.isoformat(timespec="seconds") if rebuilt_at else None,
        # Every case is registered once: the "reports" metric summed over everything counts
        # every case when the roll-ups are current.
        "current": rebuilt_at is not None and int(counted) == int(cases),
    }


def needs_vacuum(database_url: str) -> bool:
    """The roll-up table has no planner statistics yet, or dead rows from a rebuild."""
    with psycopg.connect(database_url, autocommit=True) as conn:
        found = conn.execute(
            "SELECT n_live_tup, n_dead_tup, coalesce(last_analyze, last_autoanalyze) IS NULL "
            "FROM pg_stat_user_tables WHERE relname = 'analytics_rollupcount'"
        ).fetchone()
    if found is None:
        return True
    live, dead, never_analyzed = found
    return bool(never_analyzed) or dead > max(1000, live // 5)


def vacuum_rollups(database_url: str) -> float:
    """`VACUUM (ANALYZE)` of the roll-up table, as the generator does for the cases; seconds.

    A rebuild deletes every row and writes them again in one transaction: the table then holds
    as many dead rows as live ones and no statistics, until autovacuum passes (it may be off on
    a benchmark server). Timings should not depend on when it does.
    """
    began = time.perf_counter()
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute("VACUUM (ANALYZE) analytics_rollupcount")
    return time.perf_counter() - began


def _rebuild() -> tuple[int, float]:
    """`rollups.rebuild()` in this process (Django is set up on the bench database)."""
    from senim.analytics import rollups

    began = time.perf_counter()
    written = rollups.rebuild()
    return written, time.perf_counter() - began


def ensure_rollups(ctx: Context) -> None:
    """Rebuild the roll-ups, unmeasured, unless they already count every case."""
    status = rollup_status(ctx.database_url)
    if not status["current"]:
        print(
            f"  roll-ups count {status['cases_counted']:,} of {status['cases']:,} cases: "
            "rebuilding them first (unmeasured)",
            flush=True,
        )
        written, seconds = _rebuild()
        print(f"  roll-ups rebuilt: {written:,} rows in {seconds:.1f} s", flush=True)
    if needs_vacuum(ctx.database_url):
        seconds = vacuum_rollups(ctx.database_url)
        print(f"  VACUUM (ANALYZE) analytics_rollupcount: {seconds:.1f} s (unmeasured)", flush=True)


def analytics_rebuild(ctx: Context) -> Row:
    """`rollups.rebuild()`: recount every roll-up row from the cases (`senim analytics rebuild`)."""
    _wait_quiet(ctx.database_url)
    return _metered(ctx, lambda: _rebuild_row(ctx))


def _rebuild_row(ctx: Context) -> Row:
    written, seconds = _rebuild()
    vacuum = vacuum_rollups(ctx.database_url)
    status = rollup_status(ctx.database_url)
    _rebuilds[REBUILD_LABEL] = {"rows": written, "seconds": seconds, "vacuum": vacuum, **status}
    return Row(
        scenario=REBUILD_LABEL,
        clients=1,
        latencies_ms=[seconds * 1000],
        errors=0 if status["current"] else 1,
        elapsed_s=seconds,
        notes=[
            "senim.analytics.rollups.rebuild() in the bench process, as `senim analytics "
            "rebuild` (no start-up): the one request is the whole rebuild, in the p50 column",
            f"{written:,} roll-up rows ({status['rollup_rows_this_year']:,} of the current "
            f"year) from {status['cases']:,} cases",
            f"then VACUUM (ANALYZE) analytics_rollupcount in {vacuum:.1f} s, not in the figure",
            *(
                []
                if status["current"]
                else [
                    f"error: the roll-ups count {status['cases_counted']:,} of "
                    f"{status['cases']:,} cases after the rebuild"
                ]
            ),
        ],
    )


# --- Dashboards -------------------------------------------------------------------------------


@dataclass
class CpuPerRequest:
    """CPU a request cost: in the server's processes and in the bench database's PostgreSQL."""

    server_ms: float
    database_ms: float
    machine_busy: float  # share of the whole machine busy meanwhile, every process
    cpus: int

    @property
    def total_ms(self) -> float:
        return self.server_ms + self.database_ms

    def line(self, clients: int) -> str:
        """The figures, and what they allow on a machine of this size with nothing else on it."""
        floor = clients * self.total_ms / min(clients, self.cpus)
        return (
            f"CPU a request {self.total_ms:.1f} ms (server {self.server_ms:.1f}, PostgreSQL "
            f"{self.database_ms:.1f}): at most {1000 * self.cpus / self.total_ms:,.1f} requests/s "
            f"on {self.cpus} CPUs; {clients} clients in a closed loop wait at least "
            f"{floor:,.0f} ms a request on average, however quiet the machine"
        )


# Filled by the dashboard rows for `summary`, by row.
_cpu: dict[str, CpuPerRequest] = {}


_PARALLEL = re.compile(r"parallel worker for PID (\d+)")


def _title(pid: int) -> str:
    try:
        return (Path("/proc") / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode()
    except (OSError, UnicodeDecodeError):
        return ""


def _leader(pid: int) -> int | None:
    found = _PARALLEL.search(_title(pid))
    return int(found[1]) if found else None


class _CpuMeter:
    """CPU used by the server's processes and the bench database's backends (and their parallel
    workers), from /proc, sampled every SAMPLE_S in a thread.

    Sampling keeps the CPU of processes that end during the row: Django closes a connection
    older than CONN_MAX_AGE (60 s) after a request, and its backend exits with what it used
    (up to the last sample). Backends already busy with a long query when the row starts
    (someone else's work on the same database) are left out: they are not this row's cost.
    """

    SAMPLE_S = 0.5

    def __init__(self, ctx: Context) -> None:
        self.server_pid = ctx.server.process.pid
        self.dbname = _dbname(ctx.database_url)
        with psycopg.connect(ctx.database_url, autocommit=True) as conn:
            self.foreign = {
                int(pid)
                for (pid,) in conn.execute(
                    "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                    "AND state = 'active' AND pid <> pg_backend_pid() "
                    "AND now() - query_start > interval '1 second'"
                )
            }
        self.before = _processes()
        # pid -> (kind, CPU seconds at the last sample); kind "server" or "database".
        self.seen: dict[int, tuple[str, float]] = {}
        self.machine = _machine_cpu()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="bench-cpu-meter", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(self.SAMPLE_S):
            self._sample()

    def _sample(self) -> None:
        now = _processes()
        backends = {
            pid
            for pid, (_parent, name, _cpu) in now.items()
            if name == "postgres"
            and pid not in self.foreign
            and (pid in self.seen or f" {self.dbname} " in _title(pid))
        }
        for pid, (parent, name, cpu) in now.items():
            if pid == self.server_pid or parent == self.server_pid:
                self.seen[pid] = ("server", cpu)
            elif pid in backends:
                self.seen[pid] = ("database", cpu)
            elif name == "postgres" and (pid in self.seen or _leader(pid) in backends):
                # Parallel workers name their leader; shared helpers (WAL writer,
                # checkpointer...) are left out: on a shared machine they mostly work for
                # other databases.
                self.seen[pid] = ("database", cpu)

    def stop(self, requests: int) -> CpuPerRequest:
        self._stop.set()
        self._thread.join(timeout=10)
        self._sample()
        machine = _machine_cpu()
        used = {"server": 0.0, "database": 0.0}
        for pid, (kind, cpu) in self.seen.items():
            earlier = self.before.get(pid)
            used[kind] += cpu - (earlier[2] if earlier else 0.0)
        total = machine[1] - self.machine[1]
        return CpuPerRequest(
            server_ms=1000 * used["server"] / requests,
            database_ms=1000 * used["database"] / requests,
            machine_busy=(machine[0] - self.machine[0]) / total if total > 0 else math.nan,
            cpus=os.cpu_count() or 1,
        )


def _dashboard(ctx: Context, label: str, user: str) -> Row:
    ensure_rollups(ctx)
    ctx.sessions(user, ctx.clients)  # logged in before the meter starts: Argon2 is not the page
    _wait_quiet(ctx.database_url)
    status = rollup_status(ctx.database_url)
    meter = _CpuMeter(ctx) if Path("/proc/stat").exists() else None
    row = _get(ctx, label, DASHBOARD, user=user)
    row.notes.append(
        f"the current year (the page's default period); {status['rollup_rows']:,} roll-up rows "
        f"in all, {status['rollup_rows_this_year']:,} of the current year, "
        f"{status['cases']:,} cases"
    )
    if meter is not None:
        # A load also sent 5 warm-ups per client and one probe request (`_load_or_few`).
        sent = row.requests if row.clients == 1 else row.requests + 5 * row.clients + 1
        _cpu[label] = cpu = meter.stop(sent)
        row.notes.append(cpu.line(row.clients) + f"; machine {cpu.machine_busy:.0%} busy")
    seen = _contention(ctx.database_url)
    if seen:
        row.notes.append("contention seen at the end of the row: " + "; ".join(seen))
    return row


def analytics_dashboard_central(ctx: Context) -> Row:
    """The central department's dashboard: the whole country, the current year, every part."""
    return _dashboard(ctx, CENTRAL_LABEL, "central")


def analytics_dashboard_chief(ctx: Context) -> Row:
    """A territorial chief's dashboard: their unit's own cases and courts (TD-REG-75)."""
    return _dashboard(ctx, CHIEF_LABEL, "chief-almaty")


# --- Other work on the machine ----------------------------------------------------------------


def _family() -> set[int]:
    """This process, its ancestors and every process below it: not "another" benchmark."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                rest = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            parents[int(entry.name)] = int(rest[1])
    family = {os.getpid()}
    pid = os.getpid()
    while pid in parents and parents[pid] > 1:
        pid = parents[pid]
        family.add(pid)
    grew = True
    while grew:
        below = {child for child, parent in parents.items() if parent in family}
        grew = not below <= family
        family |= below
    return family


def _database_of(entry: Path) -> str | None:
    """The benchmark database a bench process works on (its BENCH_DATABASE_URL), None if unknown.

    A process of another user keeps its environment to itself: it is not waited for.
    """
    try:
        environ = (entry / "environ").read_bytes().split(b"\0")
    except OSError:
        return None
    for item in environ:
        if item.startswith(b"BENCH_DATABASE_URL="):
            return item.split(b"=", 1)[1].decode(errors="replace")
    return DEFAULT_DATABASE_URL


def _same_database(url: str | None, database_url: str) -> bool:
    if url is None:
        return False
    try:
        theirs, ours = conninfo_to_dict(url), conninfo_to_dict(database_url)
    except psycopg.ProgrammingError:
        return False
    fields = ("host", "port", "dbname")
    return all(str(theirs.get(f) or "") == str(ours.get(f) or "") for f in fields)


def other_benchmarks(database_url: str | None = None) -> list[str]:
    """Command lines of benchmark processes that are not this run's (Linux /proc).

    With `database_url`, only those on that database: a benchmark of another database (another
    engineer's, the other size of `--compare`) is their own work, and a run used to wait hours
    for it. Their load on the machine shows in the CPU figures and the baseline of the same run.
    """
    if not Path("/proc").exists():
        return []
    ours = _family()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) in ours:
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode().strip()
        except (OSError, UnicodeDecodeError):
            continue
        if not OTHER_BENCH.search(command):
            continue
        if database_url is None or _same_database(_database_of(entry), database_url):
            found.append(f"pid {entry.name}: {command[:120]}")
    return found


def long_queries(database_url: str) -> list[str]:
    """Queries running for over LONG_QUERY_S on the database, not from this connection."""
    try:
        with psycopg.connect(database_url, autocommit=True) as conn:
            rows = conn.execute(
                "SELECT pid, extract(epoch FROM now() - query_start), left(query, 80) "
                "FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' "
                "AND pid <> pg_backend_pid() AND now() - query_start > make_interval(secs => %s)",
                [LONG_QUERY_S],
            ).fetchall()
    except psycopg.OperationalError:
        return []  # no such database yet: the generator creates it
    return [f"backend {pid} for {secs:.0f} s: {' '.join(str(q).split())}" for pid, secs, q in rows]


def _contention(database_url: str) -> list[str]:
    return other_benchmarks(database_url) + long_queries(database_url)


# What each wait found, for `summary` and the results file.
waits: list[str] = []
max_wait_s = MAX_WAIT_S


def _wait_quiet(database_url: str) -> None:
    """Wait (polling) until no other benchmark process uses this run's database and no long query
    holds it (benchmarks of other databases are not waited for)."""
    began = time.monotonic()
    first: list[str] = []
    while seen := _contention(database_url):
        if not first:
            first = seen
            print("  waiting for other work to end: " + "; ".join(seen), flush=True)
        if time.monotonic() - began > max_wait_s:
            waits.append(
                f"gave up waiting after {max_wait_s / 60:.0f} min; measured beside: "
                + "; ".join(seen)
            )
            print(f"  {waits[-1]}", flush=True)
            return
        time.sleep(POLL_S)
    if first:
        waits.append(f"waited {time.monotonic() - began:.0f} s for: " + "; ".join(first))
        print(f"  {waits[-1]}", flush=True)


# --- Targets ----------------------------------------------------------------------------------


def summary(rows: Sequence[Row]) -> list[str]:
    """Lines for under the table: the rebuild, each dashboard against the target, any waits."""
    by_name = {row.scenario: row for row in rows}
    lines = []
    for label, found in _rebuilds.items():
        if label in by_name:
            lines.append(
                f"{label}: {found['seconds']:.1f} s for {found['rows']:,} roll-up rows from "
                f"{found['cases']:,} cases ({found['cases'] / found['seconds']:,.0f} cases/s); "
                f"VACUUM (ANALYZE) after it {found['vacuum']:.1f} s"
            )
    cpus = os.cpu_count() or 1
    for label in DASHBOARD_ROWS:
        row = by_name.get(label)
        if row is None:
            continue
        if row.errors or not row.requests:
            verdict = f"NOT MEASURED ({row.errors} errors in {row.requests} requests)"
        else:
            met = row.p95 < TARGET_MS
            verdict = f"{'met' if met else 'NOT MET'} (p95 {row.p95:,.1f} ms)"
        lines.append(f"target dashboard p95 < {TARGET_MS:.0f} ms ({cpus} CPUs): {label}: {verdict}")
        if label in _cpu:
            lines.append(f"    {_cpu[label].line(row.clients)}")
    lines += [f"contention: {wait}" for wait in waits]
    return lines


# --- On its own, and the comparison of two sizes ----------------------------------------------


def _run_one(args: argparse.Namespace) -> int:
    """The baseline, the rebuild and the dashboards on BENCH_DATABASE_URL's database."""
    from bench import generate, run
    from bench.http import serve
    from bench.scenarios import baseline
    from bench.scenarios import cases as case_scenarios

    os.chdir(PROJECT_DIR)  # settings keep generated secrets under ./var; the server shares it
    url = generate.database_url()
    started_at = dt.datetime.now(dt.UTC)
    print(f"== data: at least {args.cases:,} cases in {generate.display_url(url)}", flush=True)
    _wait_quiet(url)
    generation = generate.generate(url, cases=args.cases)
    print(generation.summary(), flush=True)
    from django.conf import settings

    requests = args.requests or (run.QUICK_REQUESTS if args.quick else run.DEFAULT_REQUESTS)
    seconds = args.seconds or (run.QUICK_SECONDS if args.quick else run.DEFAULT_SECONDS)
    rows: list[Row] = []
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
        scenarios = [baseline.healthz]
        if not args.no_rebuild or not rollup_status(url)["current"]:
            scenarios.append(analytics_rebuild)
        scenarios += [analytics_dashboard_central, analytics_dashboard_chief]
        _wait_quiet(url)
        for scenario in scenarios:
            row = scenario(ctx)
            rows.append(row)
            print(
                f"  {row.scenario}: {row.requests:,} requests, {row.errors} errors, "
                f"p50 {row.p50:.2f} ms, p95 {row.p95:.2f} ms",
                flush=True,
            )
    status = rollup_status(url)
    lines = summary(rows) + case_scenarios.summary(rows)
    meta: dict[str, Any] = {
        "started_at": started_at.isoformat(timespec="seconds"),
        "finished_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "git_commit": run._git_commit(),
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
            "postgres": run._postgres_version(url),
        },
        "database": generate.display_url(url),
        "generation": generation.as_dict(),
        "rollups": status,
        "server": {"kind": "gunicorn gthread", "workers": args.workers, "threads": args.threads},
        "load": {"clients": args.clients, "requests": requests, "max_seconds": seconds},
        "contention": waits,
        "summary": lines,
    }
    path = write_json(rows, meta)
    print()
    print(table(rows))
    print()
    print("\n".join(lines))
    print(f"results: {path.relative_to(PROJECT_DIR)}")
    if args.json:
        document = {**meta, "results": rows_as_dicts(rows)}
        Path(args.json).write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return 1 if any(row.errors or not row.requests for row in rows) else 0


def _cell(value: float | None, digits: int = 1) -> str:
    return "-" if value is None or math.isnan(value) else f"{value:,.{digits}f}"


def compare_table(small: dict[str, Any], large: dict[str, Any]) -> str:
    """scenario, each size's p50/p95 (and × baseline), and the large-to-small p95 ratio."""
    sizes = (f"{small['rollups']['cases']:,}", f"{large['rollups']['cases']:,}")
    header = [
        "scenario",
        f"{sizes[0]}: p50 ms",
        "p95 ms",
        "× baseline",
        f"{sizes[1]}: p50 ms",
        "p95 ms",
        "× baseline",
        "p95 ratio",
    ]
    by_small = {row["scenario"]: row for row in small["results"]}
    by_large = {row["scenario"]: row for row in large["results"]}
    names = [name for name in by_small if name in by_large]
    body = []
    for name in names:
        a, b = by_small[name], by_large[name]
        ratio = b["p95_ms"] / a["p95_ms"] if a["p95_ms"] and b["p95_ms"] else math.nan
        body.append(
            [
                name,
                _cell(a["p50_ms"], 2),
                _cell(a["p95_ms"], 2),
                "baseline" if a["baseline"] else _cell(a["x_baseline"], 2) + "×",
                _cell(b["p50_ms"], 2),
                _cell(b["p95_ms"], 2),
                "baseline" if b["baseline"] else _cell(b["x_baseline"], 2) + "×",
                _cell(ratio, 2) + "×",
            ]
        )
    widths = [max(len(line[i]) for line in [header, *body]) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        first = cells[0].ljust(widths[0])
        rest = [cell.rjust(width) for cell, width in zip(cells[1:], widths[1:], strict=True)]
        return "  ".join([first, *rest]).rstrip()

    rule = "  ".join("-" * width for width in widths)
    return "\n".join([line(header), rule, *(line(cells) for cells in body)])


def _compare(args: argparse.Namespace, passthrough: list[str]) -> int:
    """Run `_run_one` on each database in a child process (Django serves one database per
    process), then print the two side by side."""
    documents = []
    status = 0
    with tempfile.TemporaryDirectory(prefix="senim-bench-analytics-") as directory:
        for url, cases in ((args.small_url, SMALL_CASES), (args.large_url, LARGE_CASES)):
            out = Path(directory) / f"{cases}.json"
            print(f"==== {cases:,} cases", flush=True)
            env = dict(os.environ, BENCH_DATABASE_URL=url)
            done = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "bench.scenarios.analytics",
                    "--cases",
                    str(cases),
                    "--json",
                    str(out),
                    *passthrough,
                ],
                cwd=PROJECT_DIR,
                env=env,
                check=False,
            )
            status = status or done.returncode
            if not out.exists():
                print(f"no results from the {cases:,}-case run", file=sys.stderr)
                return done.returncode or 1
            documents.append(json.loads(out.read_text(encoding="utf-8")))
    small, large = documents
    print()
    print("==== the dashboards on both sizes")
    print(compare_table(small, large))
    print()
    for document in documents:
        rollups = document["rollups"]
        print(
            f"{document['database']}: {rollups['cases']:,} cases, {rollups['rollup_rows']:,} "
            f"roll-up rows ({rollups['rollup_rows_this_year']:,} of the current year)"
        )
        for line in document["summary"]:
            print(f"    {line}")
    return status


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.scenarios.analytics",
        description="The roll-up rebuild and the analytics dashboards; --compare: two sizes.",
    )
    parser.add_argument(
        "--compare",
        action="store_true",
        help=f"run on --small-url ({SMALL_CASES:,} cases) and --large-url ({LARGE_CASES:,}) "
        "and print both",
    )
    parser.add_argument("--small-url", default=SMALL_URL, help="the smaller database")
    parser.add_argument("--large-url", default=LARGE_URL, help="the larger database")
    parser.add_argument(
        "--cases", type=int, default=SMALL_CASES, help="cases wanted in BENCH_DATABASE_URL's"
    )
    parser.add_argument("--quick", action="store_true", help="300 requests, 15 s per row")
    parser.add_argument("--no-rebuild", action="store_true", help="no rebuild row if current")
    parser.add_argument("--clients", type=int, default=4, help="concurrent clients (4)")
    parser.add_argument("--requests", type=int, default=None, help="requests per row (1,000)")
    parser.add_argument("--seconds", type=float, default=None, help="time limit per row (30 s)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker")
    parser.add_argument(
        "--max-wait",
        type=float,
        default=MAX_WAIT_S / 60,
        help="minutes to wait for other benchmarks and long queries before measuring anyway",
    )
    parser.add_argument("--json", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    global max_wait_s
    max_wait_s = max(0.0, args.max_wait * 60)
    if min(args.cases, args.clients, args.workers, args.threads) < 1:
        parser.error("--cases, --clients, --workers and --threads must be positive")
    if args.compare:
        passthrough = [
            *(["--quick"] if args.quick else []),
            *(["--no-rebuild"] if args.no_rebuild else []),
            *("--clients", str(args.clients), "--workers", str(args.workers)),
            *("--threads", str(args.threads), "--max-wait", str(args.max_wait)),
            *(["--requests", str(args.requests)] if args.requests else []),
            *(["--seconds", str(args.seconds)] if args.seconds else []),
        ]
        return _compare(args, passthrough)
    return _run_one(args)


if __name__ == "__main__":
    sys.exit(main())
