"""Portal submission under load, on PostgreSQL and on SQLite, against its floor: the receipt KDF.

Sixteen clients each fetch the report form once (CSRF cookie and token), then POST complete
reports as multipart/form-data, with one small evidence file, as fast as the answers come back.
Only a 200 carrying the coupon (``class="coupon-number"``) counts as a success. The floor is
the Argon2id receipt-code KDF (`senim.intake.receipts.lookup_key`), which every submission
runs once: timed in-process, one call at a time in each of two processes (one per core).

Three rows for `bench.run` (``--only submission`` selects them), or on their own, without
generating the million cases (the PostgreSQL bench database is created and migrated if need
be)::

    .venv/bin/python -m bench.scenarios.submission [--quick] [--per-client N] [--seconds S]

Each run adds its submissions to the PostgreSQL bench database (appeals, cases, audit entries,
sealed files under ./var/media), as the real portal would; the SQLite run uses a throwaway
database and var directory under the system's temporary directory, removed afterwards.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import math
import multiprocessing
import os
import platform
import re
import resource
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Event
from pathlib import Path
from typing import Any

from psycopg.conninfo import conninfo_to_dict

from bench import PROJECT_DIR
from bench.http import (
    Call,
    LoadResult,
    Prepare,
    Server,
    cookie_header,
    csrf_form,
    load_calls,
    serve,
    server_environment,
)
from bench.report import Row, percentile, table, write_json
from bench.scenarios import Context

REPORT_PATH = "/report/"
CLIENTS = 16
PER_CLIENT = 25  # 16 x 25 = 400 measured submissions
QUICK_PER_CLIENT = 10
WARMUP = 1  # unmeasured submissions per client: first connection, templates, code paths
TARGET_PER_SECOND = 50.0
# Issue 18: a submission on PostgreSQL at >= 0.7x the rate of the receipt-code KDF alone (the
# floor of its cost), with the same processes and clients.
TARGET_KDF_SHARE = 0.7
COUPON = b'class="coupon-number"'

KDF_PROCESSES = 2  # one per core of the reference machine
KDF_CALLS = 200  # per process
QUICK_KDF_CALLS = 50
KDF_SEQUENTIAL = 100  # single calls in this process, one after the other
QUICK_KDF_SEQUENTIAL = 30
KDF_WARMUP = 5

POSTGRESQL_LABEL = "portal submission (PostgreSQL, {clients} clients)"
SQLITE_LABEL = "portal submission (SQLite, {clients} clients)"
KDF_LABEL = "receipt-code KDF alone"

# The valid portal report of tests/intake_helpers.report_data(), copied: bench does not import
# the tests. The subject is made unique per submission.
REPORT_DATA: dict[str, str] = {
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


def _evidence(size: int = 2048) -> bytes:
    """A plain-text evidence file of exactly `size` bytes (accepted as text/plain by content)."""
    lines = (
        f"Note {n:03d}: the clerk asked again for money before releasing the copy.\n"
        for n in itertools.count(1)
    )
    text = "".join(itertools.islice(lines, size // 40 + 1)).encode()
    return text[: size - 1] + b"\n"


EVIDENCE = _evidence()

# Figures `summary` prints that have no column, by row name: set when a row is measured.
_extras: dict[str, dict[str, float]] = {}


def multipart(
    fields: Mapping[str, str], files: Sequence[tuple[str, str, str, bytes]]
) -> tuple[bytes, str]:
    """A multipart/form-data body and its Content-Type; files are (field, name, type, data)."""
    boundary = f"----senim-bench-{secrets.token_hex(12)}"
    parts: list[bytes] = []
    for name, value in fields.items():
        head = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
        parts += [head.encode(), value.encode(), b"\r\n"]
    for name, filename, content_type, data in files:
        head = (
            f"--{boundary}\r\n"
            f'Content-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            f"Content-Type: {content_type}\r\n\r\n"
        )
        parts += [head.encode(), data, b"\r\n"]
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def _submitter(port: int, tag: str) -> Prepare:
    """Each client: the form once for its CSRF cookie and token, then one report per call."""

    def prepare(index: int) -> Callable[[], Call]:
        cookies, token = csrf_form(port, REPORT_PATH)
        cookie = cookie_header(cookies)
        numbers = itertools.count(1)

        def next_call() -> Call:
            fields = {
                **REPORT_DATA,
                "subject": f"Bench submission {tag} client {index:02d} #{next(numbers)}",
                "csrfmiddlewaretoken": token,
            }
            body, content_type = multipart(
                fields, [("evidence", "evidence.txt", "text/plain", EVIDENCE)]
            )
            return Call("POST", REPORT_PATH, body, {"Cookie": cookie, "Content-Type": content_type})

        return next_call

    return prepare


_ERRORLIST = re.compile(rb'class="errorlist[^"]*"[^>]*>(.*?)</ul>', re.DOTALL)
_TAGS = re.compile(r"<[^>]+>")


def coupon_check(status: int, body: bytes) -> str | None:
    """A submission succeeded when it answers 200 with the coupon; else a short reason."""
    if status == 200 and COUPON in body:
        return None
    if status != 200:
        return f"HTTP {status}"
    found = _ERRORLIST.search(body)
    why = _TAGS.sub(" ", found.group(1).decode("utf-8", "replace")) if found else "?"
    return f"HTTP 200 without a coupon (form errors: {' '.join(why.split())[:200]})"


# A PostgreSQL backend's process title names its client: "... 127.0.0.1(54321) idle".
_BACKEND_CLIENT = re.compile(r" (?:\d{1,3}\.){3}\d{1,3}\(\d+\)| \[local\]| [0-9a-f:]+\(\d+\)")
# Helpers that work for one backend or one database, and say which in their title.
_PARALLEL_WORKER = re.compile(r"parallel worker for PID (\d+)")
_AUTOVACUUM_WORKER = "autovacuum worker"


def _processes() -> dict[int, tuple[int, str, float]]:
    """Every process: pid -> (parent pid, command name, CPU seconds so far, user + system)."""
    tick = os.sysconf("SC_CLK_TCK")
    found = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                name, rest = (entry / "stat").read_text().split(" (", 1)[1].rsplit(")", 1)
            except (OSError, ValueError, IndexError):
                continue  # gone meanwhile
            fields = rest.split()
            found[int(entry.name)] = (
                int(fields[1]),
                name,
                (int(fields[11]) + int(fields[12])) / tick,
            )
    return found


def _machine_cpu() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine, all CPUs, since boot."""
    jiffies = [int(n) for n in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    tick = os.sysconf("SC_CLK_TCK")
    # Busy is everything but idle and iowait.
    return (sum(jiffies) - jiffies[3] - jiffies[4]) / tick, sum(jiffies) / tick


def _title(pid: int) -> str:
    try:
        return (Path("/proc") / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def _serves(pid: int, dbname: str) -> bool:
    """A PostgreSQL process working for `dbname`: its backends, their parallel workers and its
    autovacuum workers, and the shared helpers (WAL writer, checkpointer...) that our commits
    keep busy; not other databases' backends, nor their parallel or autovacuum workers (which
    name no client, and were counted as ours while another benchmark ran beside this one)."""
    title = _title(pid)
    if not title:
        return False
    leader = _PARALLEL_WORKER.search(title)
    if leader:
        return f" {dbname} " in _title(int(leader.group(1)))
    if _AUTOVACUUM_WORKER in title:
        return title.rstrip().endswith(f" {dbname}")
    return f" {dbname} " in title or not _BACKEND_CLIENT.search(title)


@dataclass(frozen=True)
class CpuUse:
    """CPU seconds one load cost: the server's processes, the database's, this process's."""

    server: float
    database: float
    client: float
    machine_busy: float  # all processes, the whole machine
    machine_total: float  # busy or not: the window's length times the CPU count


class CpuMeter:
    """Measures `CpuUse` between `__init__` and `stop`, from /proc (Linux only).

    Processes that start meanwhile (a worker thread's first database connection) count whole.
    """

    def __init__(self, server: Server, dbname: str | None) -> None:
        self.server_pid = server.process.pid
        self.dbname = dbname
        self.own = self._own()
        self.processes = _processes()
        self.machine = _machine_cpu()

    @staticmethod
    def _own() -> float:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        return usage.ru_utime + usage.ru_stime

    def stop(self) -> CpuUse:
        processes = _processes()
        machine = _machine_cpu()

        def used(pid: int) -> float:
            before = self.processes.get(pid)
            return processes[pid][2] - (before[2] if before else 0.0)

        server = [self.server_pid] + [
            pid for pid, (parent, _name, _cpu) in processes.items() if parent == self.server_pid
        ]
        database = [
            pid
            for pid, (_parent, name, _cpu) in processes.items()
            if self.dbname and name == "postgres" and _serves(pid, self.dbname)
        ]
        return CpuUse(
            server=sum(used(pid) for pid in server if pid in processes),
            database=sum(used(pid) for pid in database),
            client=self._own() - self.own,
            machine_busy=machine[0] - self.machine[0],
            machine_total=machine[1] - self.machine[1],
        )


def measure_submissions(
    server: Server,
    label: str,
    *,
    clients: int,
    per_client: int,
    max_seconds: float,
    dbname: str | None,
) -> Row:
    """`clients` x `per_client` submissions (or `max_seconds`) against `server`, as a row.

    Also what each submission cost in CPU (Linux only): in the server's processes, in
    PostgreSQL's for database `dbname` (None: SQLite, inside the server) and in the load
    generator, and what other processes used meanwhile. Measured over the whole load, warm-ups
    included, and divided accordingly.
    """
    tag = f"{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%S}-{secrets.token_hex(3)}"
    meter = CpuMeter(server, dbname) if Path("/proc/stat").exists() else None
    result: LoadResult = load_calls(
        server.port,
        REPORT_PATH,
        _submitter(server.port, tag),
        check=coupon_check,
        clients=clients,
        requests=clients * per_client,
        max_seconds=max_seconds,
        warmup=WARMUP,
        sources=[f"127.0.1.{i + 1}" for i in range(clients)],
    )
    notes = [
        f"POST {REPORT_PATH} multipart: report_data() with a unique subject and one "
        f"{len(EVIDENCE):,}-byte text file in evidence; success = 200 with the coupon",
        f"{clients} clients, {clients * per_client} submissions asked, {WARMUP} warm-up each; "
        f"gunicorn gthread {server.workers} x {server.threads}; subjects tagged {tag}",
    ]
    name = label.format(clients=clients)
    if meter is not None:
        use = meter.stop()
        done = result.requests + clients * WARMUP
        ours = use.server + use.database + use.client
        total = use.machine_total or math.nan
        extras = {
            "server_ms": 1000 * use.server / done,
            "database_ms": 1000 * use.database / done,
            "client_ms": 1000 * use.client / done,
            "busy_share": use.machine_busy / total,
            "others_share": max(0.0, use.machine_busy - ours) / total,
        }
        _extras[name] = extras
        database = f"PostgreSQL {extras['database_ms']:.1f} ms, " if dbname else ""
        notes.append(
            f"CPU per submission (warm-ups included): server {extras['server_ms']:.1f} ms, "
            f"{database}load generator {extras['client_ms']:.1f} ms; machine busy "
            f"{extras['busy_share']:.0%}, other processes {extras['others_share']:.0%}"
        )
    notes += [f"error: {sample}" for sample in result.error_samples]
    return Row(
        scenario=name,
        clients=clients,
        latencies_ms=result.latencies_ms,
        errors=result.errors,
        elapsed_s=result.elapsed_s,
        notes=notes,
    )


def _senim_cli(args: Sequence[str], env: Mapping[str, str]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "senim.cli", *args],
        cwd=PROJECT_DIR,
        env=dict(env),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if done.returncode != 0:
        output = (done.stdout + done.stderr).strip().splitlines()[-20:]
        raise RuntimeError(f"senim {' '.join(args)} failed:\n" + "\n".join(output))


@contextmanager
def sqlite_server(*, workers: int, threads: int) -> Iterator[Server]:
    """gunicorn on a fresh SQLite database (migrated, court registry loaded) in a temp dir.

    Its own SENIM_VAR_DIR too (generated secrets, sealed files); all removed afterwards.
    """
    directory = Path(tempfile.mkdtemp(prefix="senim-bench-sqlite-"))
    try:
        url = f"sqlite:///{directory / 'bench.sqlite3'}"
        extra = {"SENIM_VAR_DIR": str(directory)}
        env = server_environment(url, extra)
        began = time.perf_counter()
        print(f"  · SQLite: migrating a fresh database in {directory}", flush=True)
        _senim_cli(["manage", "migrate", "--no-input", "--verbosity", "0"], env)
        _senim_cli(["manage", "createcachetable"], env)
        _senim_cli(["load-courts"], env)
        print(f"  · SQLite: ready in {time.perf_counter() - began:.1f} s", flush=True)
        with serve(url, workers=workers, threads=threads, env=extra) as server:
            yield server
    finally:
        shutil.rmtree(directory, ignore_errors=True)


def _kdf_worker(calls: int, ready: Queue[int], start: Event, results: Queue[Any]) -> None:
    """In a spawned process: `calls` receipt-code KDFs one after the other, timed each."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "senim.settings")
    os.environ.setdefault("SENIM_ENV", "development")
    import django

    django.setup()
    from senim.intake.receipts import lookup_key, new_code

    codes = [new_code() for _ in range(calls + KDF_WARMUP)]
    for code in codes[:KDF_WARMUP]:
        lookup_key(code)
    ready.put(os.getpid())
    if not start.wait(timeout=300):
        results.put(([], 0.0))
        return
    spans = []
    cpu_began = time.process_time()
    for code in codes[KDF_WARMUP:]:
        began = time.perf_counter()  # CLOCK_MONOTONIC: comparable between processes
        lookup_key(code)
        spans.append((began, time.perf_counter()))
    results.put((spans, time.process_time() - cpu_began))


def _kdf_sequential(calls: int) -> list[float]:
    """Single KDF calls in this process (Django already set up), one after the other, in ms."""
    from senim.intake.receipts import lookup_key, new_code

    for _ in range(KDF_WARMUP):
        lookup_key(new_code())
    latencies = []
    for _ in range(calls):
        code = new_code()
        began = time.perf_counter()
        lookup_key(code)
        latencies.append((time.perf_counter() - began) * 1000)
    return latencies


def kdf_alone(*, quick: bool, processes: int = KDF_PROCESSES) -> Row:
    """The floor: `lookup_key` alone, one call at a time in each of `processes` processes.

    The processes are spawned and set up (Django, warm-up) before a common start signal; the
    window runs from the first call to the last. A one-process sequential p50 is kept too.
    """
    sequential = _kdf_sequential(QUICK_KDF_SEQUENTIAL if quick else KDF_SEQUENTIAL)
    calls = QUICK_KDF_CALLS if quick else KDF_CALLS
    mp = multiprocessing.get_context("spawn")
    ready: Queue[int] = mp.Queue()
    results: Queue[Any] = mp.Queue()
    start = mp.Event()
    workers = [
        mp.Process(target=_kdf_worker, args=(calls, ready, start, results), daemon=True)
        for _ in range(processes)
    ]
    for worker in workers:
        worker.start()
    try:
        for _ in workers:
            ready.get(timeout=120)
        machine_before = _machine_cpu() if Path("/proc/stat").exists() else None
        start.set()
        spans: list[tuple[float, float]] = []
        cpu = 0.0
        for _ in workers:
            worker_spans, worker_cpu = results.get(timeout=600)
            spans += worker_spans
            cpu += worker_cpu
        machine_after = _machine_cpu() if machine_before else None
    finally:
        for worker in workers:
            worker.join(timeout=30)
            if worker.is_alive():
                worker.terminate()  # only the processes started above
                worker.join(timeout=10)
    if len(spans) != calls * processes:
        raise RuntimeError(f"KDF workers returned {len(spans)} timings, not {calls * processes}")
    from django.conf import settings

    extras = {"sequential_p50_ms": percentile(sequential, 50), "cpu_ms": 1000 * cpu / len(spans)}
    notes = [
        f"senim.intake.receipts.lookup_key in-process, no HTTP: {processes} processes x "
        f"{calls} calls, one at a time each; Argon2id opslimit "
        f"{settings.SENIM_RECEIPT_KDF_OPSLIMIT}, memlimit "
        f"{settings.SENIM_RECEIPT_KDF_MEMLIMIT // 2**20} MiB",
        f"CPU per call {extras['cpu_ms']:.2f} ms; 1 process alone, {len(sequential)} "
        f"sequential calls: p50 {extras['sequential_p50_ms']:.2f} ms, p99 "
        f"{percentile(sequential, 99):.2f} ms",
    ]
    if machine_before and machine_after:
        total = machine_after[1] - machine_before[1]
        others = max(0.0, machine_after[0] - machine_before[0] - cpu)
        extras["others_share"] = others / total if total > 0 else math.nan
        notes.append(f"other processes {extras['others_share']:.0%} of the machine's CPU")
    _extras[KDF_LABEL] = extras
    return Row(
        scenario=KDF_LABEL,
        clients=processes,
        latencies_ms=[(end - began) * 1000 for began, end in spans],
        errors=0,
        elapsed_s=max(end for _, end in spans) - min(began for began, _ in spans),
        notes=notes,
    )


def _dbname(url: str) -> str | None:
    name = conninfo_to_dict(url).get("dbname")
    return str(name) if name else None


# --- The three scenarios of bench.run -----------------------------------------------------


def submission_postgresql(ctx: Context) -> Row:
    """16 clients submitting reports to the server on the bench PostgreSQL database."""
    return measure_submissions(
        ctx.server,
        POSTGRESQL_LABEL,
        clients=CLIENTS,
        per_client=QUICK_PER_CLIENT if ctx.quick else PER_CLIENT,
        max_seconds=ctx.max_seconds,
        dbname=_dbname(ctx.database_url),
    )


def submission_sqlite(ctx: Context) -> Row:
    """The same load against a second server on a fresh SQLite database."""
    with sqlite_server(workers=ctx.server.workers, threads=ctx.server.threads) as server:
        return measure_submissions(
            server,
            SQLITE_LABEL,
            clients=CLIENTS,
            per_client=QUICK_PER_CLIENT if ctx.quick else PER_CLIENT,
            max_seconds=ctx.max_seconds,
            dbname=None,
        )


def submission_kdf_alone(ctx: Context) -> Row:
    """The receipt-code KDF alone: what every submission costs at the very least."""
    return kdf_alone(quick=ctx.quick)


# Above this share of the machine used by other processes during a load, `summary` warns.
BUSY_MACHINE = 0.05


def summary(rows: Sequence[Row]) -> list[str]:
    """Lines for under the table: the submissions against the KDF, their CPU, the target."""
    submissions = [row for row in rows if row.scenario.startswith("portal submission (")]
    if not submissions:
        return []
    cpus = os.cpu_count() or 1
    kdf = next((row for row in rows if row.scenario == KDF_LABEL and row.requests), None)
    kdf_extras = _extras.get(KDF_LABEL, {})
    kdf_cpu = kdf_extras.get("cpu_ms", math.nan)
    lines = []
    if kdf is not None:
        alone = kdf_extras.get("sequential_p50_ms", math.nan)
        lines.append(
            f"{KDF_LABEL}: p50 {kdf.p50:.2f} ms ({alone:.2f} ms in 1 process alone), "
            f"{kdf_cpu:.2f} ms CPU a call, {kdf.rate:,.1f} ops/s with {kdf.clients} processes"
        )
    for row in submissions:
        line = f"{row.scenario}:"
        if kdf is not None:
            line += (
                f" p50 {row.p50 / kdf.p50:.1f}× the KDF's p50; {row.rate:,.1f}/s = "
                f"{row.rate / kdf.rate:.2f}× the KDF's ops/s"
            )
        lines.append(line)
        cpu = _extras.get(row.scenario)
        if cpu is not None:
            spent = cpu["server_ms"] + cpu["database_ms"] + cpu["client_ms"]
            database = (
                f", PostgreSQL {cpu['database_ms']:.1f}" if "PostgreSQL" in row.scenario else ""
            )
            floor = (
                ""
                if math.isnan(kdf_cpu)
                else f" (KDF alone ~{kdf_cpu:.1f} = {kdf_cpu / spent:.0%})"
            )
            lines.append(
                f"    CPU a submission {spent:.1f} ms: server {cpu['server_ms']:.1f}{floor}"
                f"{database}, load generator {cpu['client_ms']:.1f}: at most "
                f"{1000 * cpus / spent:,.0f}/s on {cpus} CPUs; the CPUs were "
                f"{cpu['busy_share']:.0%} busy"
            )
    for name, extras in _extras.items():
        share = extras.get("others_share", 0.0)
        if share >= BUSY_MACHINE:
            lines.append(
                f"warning: other processes took {share:.0%} of the machine's CPU during {name}: "
                "its figures are low; run again on a quiet machine"
            )
    postgresql = next((row for row in submissions if "PostgreSQL" in row.scenario), None)
    if postgresql is None:
        lines.append("target (PostgreSQL): not measured")
    else:
        met = postgresql.rate >= TARGET_PER_SECOND and postgresql.errors == 0
        lines.append(
            f"target ≥ {TARGET_PER_SECOND:.0f} submissions/s with 0 errors on PostgreSQL "
            f"({postgresql.clients} clients, {cpus} CPUs): {'MET' if met else 'NOT MET'} "
            f"({postgresql.rate:,.1f}/s, {postgresql.errors} errors)"
        )
        if kdf is not None and kdf.rate:
            share = postgresql.rate / kdf.rate
            met = share >= TARGET_KDF_SHARE and postgresql.errors == 0
            lines.append(
                f"target ≥ {TARGET_KDF_SHARE}× the KDF-only rate on PostgreSQL: "
                f"{'MET' if met else 'NOT MET'} ({share:.2f}×)"
            )
    return lines


# --- On its own -----------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.scenarios.submission",
        description="Portal submission under load on PostgreSQL and SQLite, and the KDF floor.",
    )
    parser.add_argument("--quick", action="store_true", help="fewer submissions and KDF calls")
    parser.add_argument("--clients", type=int, default=CLIENTS, help="concurrent clients (16)")
    parser.add_argument("--per-client", type=int, default=None, help="submissions per client")
    parser.add_argument(
        "--seconds", type=float, default=None, help="time limit per load (30 s, 15 s quick)"
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker")
    args = parser.parse_args(argv)
    # Imported here: bench.run imports this module for its scenario list.
    from bench import generate, run
    from bench.scenarios import baseline

    per_client = args.per_client or (QUICK_PER_CLIENT if args.quick else PER_CLIENT)
    seconds = args.seconds or (run.QUICK_SECONDS if args.quick else run.DEFAULT_SECONDS)
    if min(args.clients, per_client, args.workers, args.threads) < 1 or seconds <= 0:
        parser.error("--clients, --per-client, --workers, --threads and --seconds must be > 0")

    os.chdir(PROJECT_DIR)  # settings keep generated secrets under ./var; the server shares it
    url = generate.database_url()
    started_at = dt.datetime.now(dt.UTC)
    print(f"== data: schema and court registry in {generate.display_url(url)}", flush=True)
    generate.database_ensure(url, fresh=False)
    generate.prepare(url)
    from django.conf import settings

    rows: list[Row] = []
    with serve(url, workers=args.workers, threads=args.threads) as server:
        ctx = Context(
            server=server,
            database_url=url,
            clients=4,
            requests=run.QUICK_REQUESTS if args.quick else run.DEFAULT_REQUESTS,
            max_seconds=seconds,
            password=settings.SENIM_DEMO_PASSWORD,
            quick=args.quick,
        )
        print("== baseline", flush=True)
        rows.append(baseline.healthz(ctx))
        print("== PostgreSQL", flush=True)
        rows.append(
            measure_submissions(
                server,
                POSTGRESQL_LABEL,
                clients=args.clients,
                per_client=per_client,
                max_seconds=seconds,
                dbname=_dbname(url),
            )
        )
    print("== SQLite", flush=True)
    with sqlite_server(workers=args.workers, threads=args.threads) as server:
        rows.append(
            measure_submissions(
                server,
                SQLITE_LABEL,
                clients=args.clients,
                per_client=per_client,
                max_seconds=seconds,
                dbname=None,
            )
        )
    print("== receipt-code KDF alone", flush=True)
    rows.append(kdf_alone(quick=args.quick))

    lines = summary(rows)
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
        "server": {"kind": "gunicorn gthread", "workers": args.workers, "threads": args.threads},
        "load": {"clients": args.clients, "per_client": per_client, "max_seconds": seconds},
        "summary": lines,
    }
    path = write_json(rows, meta)
    print()
    print(table(rows))
    print()
    print("\n".join(lines))
    print(f"results: {path.relative_to(PROJECT_DIR)}")
    bad = [row for row in rows if row.errors or not row.requests]
    for row in bad:
        samples = [note for note in row.notes if note.startswith("error:")]
        print(f"{row.scenario}: {row.errors} errors; {samples}", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
