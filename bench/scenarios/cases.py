"""The case queue, full-text search, the case page and the sweep, on the generated cases.

The issue: "`make bench` with 1,000,000 cases on PostgreSQL reports p50/p95 for the queue's first
page, a filtered page, a full-text search and the case page, and the duration of `senim sweep`,
each beside the baseline. Targets on 2 cores: queue and case page p95 under 100 ms, search p95
under 250 ms, sweep under 30 s."

HTTP rows are closed-loop loads like the office rows (`Context.get`), logged in as the demo
accounts: ``central`` (the coordinator, sees every case) and ``chief-almaty`` (the chief of
TD-REG-75, sees that unit's cases). The case page asks for a different random case each time.

The sweep rows run the steps of `senim.sweep.STEPS` in a child process, as ``senim sweep``
does (Django start-up included), three times: after clearing the deadline notifications of
earlier runs (the whole backlog of overdue and due-soon cases), again at once (nothing new:
what a sweep every minute costs) and after clearing only the notifications a day brings (what
a daily sweep finds). Each row has one "request": the run's duration, in the p50 column.
"""

from __future__ import annotations

import http.client
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import psycopg
from psycopg.conninfo import conninfo_to_dict

from bench import PROJECT_DIR
from bench.http import (
    Call,
    cookie_header,
    load_calls,
    request,
    server_environment,
    status_check,
)
from bench.report import Row
from bench.scenarios import Context
from bench.scenarios.submission import BUSY_MACHINE, _machine_cpu, _processes, _serves
from senim.core import wordforms

QUEUE = "/office/cases/"
OVERDUE = QUEUE + "?" + urlencode({"deadline": "overdue", "sort": "due"})
NARROW = (
    QUEUE + "?" + urlencode({"region": "KZ-75", "category": "bribery", "status": "investigation"})
)
# Words of the demo texts (senim.demo.texts): in how many of its 40 reports per language. The
# corpus is small, so a word of one report is still in 2% of the appeals; the name (a surname
# of senim.demo.seed) is in none of them: the search for a person not in the data.
SEARCH_WORDS = (
    ("common Russian word", "прошу"),  # 17 of the 40 Russian reports: 21% of the appeals
    ("common Kazakh word", "туралы"),  # 19 of the 40 Kazakh reports: 20%
    ("rare Russian word", "отблагодарю"),  # 1 report: 2%
    ("rare Kazakh word", "конвертке"),  # 1 report: 2%
    ("name found nowhere", "Жақсылықов"),  # none
)
CASE_SAMPLE = 5000  # random case ids drawn once; each request asks for one of them
SEED = 37002

QUEUE_TARGET_MS = 100.0
SEARCH_TARGET_MS = 250.0
SWEEP_TARGET_S = 30.0
SWEEP_TIMEOUT_S = 3600.0
SWEEP_KINDS = ("due_soon", "overdue")

# A page slower than this on its first request gets a few sequential requests, not the load:
# 4 clients x 5 warm-ups of a page that takes minutes under load would take an hour, and
# requests abandoned at the client's timeout would keep the database busy for the next rows.
SLOW_MS = 5000.0
SLOW_REQUESTS = 3
SLOW_TIMEOUT_S = 600.0

SWEEP_BACKLOG = "sweep: first run, the whole backlog"
SWEEP_AGAIN = "sweep: second run, nothing new"
SWEEP_DAY = "sweep: a day's work"


def search_label(kind: str, word: str) -> str:
    return f"full-text search, {kind} «{word}» (central)"


# The share of the machine's CPU other processes used during each row, by row.
_others: dict[str, float] = {}


def _metered(ctx: Context, measure: Callable[[], Row]) -> Row:
    """`measure()`, noting what share of the machine other processes took meanwhile (Linux).

    Others are every process but the server and its workers, this process and its children
    (the sweep) and the bench database's PostgreSQL processes, counted from /proc when the row
    ends: their CPU time since it began (all of it for those started meanwhile). Counting the
    others rather than ours matters: PostgreSQL's parallel workers and the sweep's backend
    are gone by then, and their CPU would otherwise look like someone else's.
    """
    if not Path("/proc/stat").exists():
        return measure()
    before = _processes()
    machine = _machine_cpu()
    row = measure()
    after = _processes()
    total = _machine_cpu()[1] - machine[1]
    ours = _descendants(after, {ctx.server.process.pid, os.getpid()})
    dbname = _dbname(ctx.database_url)
    others = sum(
        cpu - (before[pid][2] if pid in before else 0.0)
        for pid, (_parent, name, cpu) in after.items()
        if pid not in ours and not (name == "postgres" and _serves(pid, dbname))
    )
    share = max(0.0, others) / total if total > 0 else 0.0
    _others[row.scenario] = share
    row.notes.append(f"other processes {share:.0%} of the machine's CPU meanwhile")
    return row


def _descendants(processes: dict[int, tuple[int, str, float]], roots: set[int]) -> set[int]:
    """`roots` and every process below them."""
    found = set(roots)
    grew = True
    while grew:
        below = {pid for pid, (parent, _n, _c) in processes.items() if parent in found}
        grew = not below <= found
        found |= below
    return found


def _get(ctx: Context, scenario: str, path: str, *, user: str) -> Row:
    """`_load_or_few`, with the share of the machine other processes took meanwhile."""
    return _metered(ctx, lambda: _load_or_few(ctx, scenario, path, user=user))


def _load_or_few(ctx: Context, scenario: str, path: str, *, user: str) -> Row:
    """`Context.get`, unless the first request shows the page far too slow for a load."""
    cookies = ctx.sessions(user, ctx.clients)
    headers = {"Cookie": cookie_header(cookies[0])}
    latencies: list[float] = []
    errors: list[str] = []
    began = time.perf_counter()
    while len(latencies) < SLOW_REQUESTS:
        sent = time.perf_counter()
        try:
            status, _cookies, _body = request(
                ctx.server.port, "GET", path, headers=headers, timeout=SLOW_TIMEOUT_S
            )
        except (OSError, http.client.HTTPException) as problem:
            errors.append(f"{type(problem).__name__}: {problem}")
        else:
            if status != 200:
                errors.append(f"HTTP {status}")
        latencies.append((time.perf_counter() - sent) * 1000)
        if latencies[0] < SLOW_MS:
            return ctx.get(scenario, path, user=user)
    return Row(
        scenario=scenario,
        clients=1,
        latencies_ms=latencies,
        errors=len(errors),
        elapsed_s=time.perf_counter() - began,
        notes=[
            f"GET {path} as {user}",
            f"too slow for the load (first request {latencies[0] / 1000:.1f} s, over "
            f"{SLOW_MS / 1000:.0f} s): {SLOW_REQUESTS} sequential requests instead",
            *(f"error: {error}" for error in errors[:5]),
        ],
    )


# --- The queue ------------------------------------------------------------------------------


def cases_queue_central(ctx: Context) -> Row:
    """The coordinator's queue, first page: every case, newest first."""
    return _get(ctx, "queue page 1 (central)", QUEUE, user="central")


def cases_queue_chief(ctx: Context) -> Row:
    """A territorial chief's queue, first page: the cases of their unit (TD-REG-75)."""
    return _get(ctx, "queue page 1 (chief-almaty)", QUEUE, user="chief-almaty")


def cases_queue_overdue(ctx: Context) -> Row:
    """Open cases past their deadline, the longest overdue first."""
    return _get(ctx, "queue filtered: overdue, by deadline (central)", OVERDUE, user="central")


def cases_queue_narrow(ctx: Context) -> Row:
    """Three filters at once: region (through the court), category and status."""
    return _get(
        ctx, "queue filtered: KZ-75, bribery, investigation (central)", NARROW, user="central"
    )


# --- Full-text search -----------------------------------------------------------------------

# The appeal's stored search vector (of its stems) and its GIN index (migration cases 0011);
# the word's stems in each language as the application's query (senim.cases.search).
_MATCHES = """
SELECT count(*) FROM intake_appeal WHERE search @@ to_tsquery('simple'::regconfig, %(q)s)
"""


def _stems_query(text: str) -> str:
    return " & ".join(
        "(" + " | ".join(f"'{stem}'" for stem in wordforms.stems(word)) + ")"
        for word in wordforms.words(text)
    )


def _search(ctx: Context, kind: str, word: str) -> Row:
    with psycopg.connect(ctx.database_url, autocommit=True) as conn:
        # Enough memory for an exact bitmap: a lossy one recomputes the vectors of whole pages.
        conn.execute("SET work_mem = '64MB'")
        conn.execute("SET jit = off")
        found = conn.execute(_MATCHES, {"q": _stems_query(word)}).fetchone()
    matches = int(found[0]) if found else 0
    path = QUEUE + "?" + urlencode({"q": word})
    row = _get(ctx, search_label(kind, word), path, user="central")
    row.notes.append(f"{matches:,} appeals match «{word}» (any of its forms, kk/ru/en)")
    return row


def cases_search_common_russian(ctx: Context) -> Row:
    return _search(ctx, *SEARCH_WORDS[0])


def cases_search_common_kazakh(ctx: Context) -> Row:
    return _search(ctx, *SEARCH_WORDS[1])


def cases_search_rare_russian(ctx: Context) -> Row:
    return _search(ctx, *SEARCH_WORDS[2])


def cases_search_rare_kazakh(ctx: Context) -> Row:
    return _search(ctx, *SEARCH_WORDS[3])


def cases_search_absent_name(ctx: Context) -> Row:
    return _search(ctx, *SEARCH_WORDS[4])


# --- The case page --------------------------------------------------------------------------


def _case_ids(database_url: str, count: int) -> list[int]:
    """`count` case ids drawn uniformly from the whole table (or all of them, if fewer)."""
    with psycopg.connect(database_url, autocommit=True) as conn:
        total_row = conn.execute("SELECT count(*) FROM cases_case").fetchone()
        total = int(total_row[0]) if total_row else 0
        if total == 0:
            raise RuntimeError("no cases in the benchmark database")
        share = min(100.0, 100.0 * 2 * count / total)
        ids = [
            int(found[0])
            for found in conn.execute(
                "SELECT id FROM cases_case TABLESAMPLE BERNOULLI (%s) REPEATABLE (%s)",
                [share, SEED],
            )
        ]
    random.Random(SEED).shuffle(ids)
    return ids[:count]


def cases_page_central(ctx: Context) -> Row:
    """GET /office/cases/<id>/ as the coordinator, a random case of the table each time."""
    return _metered(ctx, lambda: _case_pages(ctx))


def _case_pages(ctx: Context) -> Row:
    ids = _case_ids(ctx.database_url, CASE_SAMPLE)
    sessions = ctx.sessions("central", ctx.clients)

    def prepare(index: int) -> Callable[[], Call]:
        rng = random.Random(f"{SEED}:{index}")
        headers = {"Cookie": cookie_header(sessions[index % len(sessions)])}
        return lambda: Call("GET", f"{QUEUE}{rng.choice(ids)}/", None, headers)

    result = load_calls(
        ctx.server.port,
        f"{QUEUE}<id>/",
        prepare,
        check=status_check(frozenset({200})),
        clients=ctx.clients,
        requests=ctx.requests,
        max_seconds=ctx.max_seconds,
    )
    notes = [
        f"GET {QUEUE}<id>/ as central, ids drawn from {len(ids):,} random cases "
        f"({min(ids):,}..{max(ids):,})"
    ]
    notes += [f"error: {sample}" for sample in result.error_samples]
    return Row(
        scenario="case page (central)",
        clients=ctx.clients,
        latencies_ms=result.latencies_ms,
        errors=result.errors,
        elapsed_s=result.elapsed_s,
        notes=notes,
    )


# --- The sweep ------------------------------------------------------------------------------

# What `senim sweep` does (senim.cli.cmd_sweep), each step timed; written to argv[1] as JSON.
_SWEEP_CHILD = """
import json, sys, time
import django
django.setup()
from senim.sweep import STEPS
steps = []
for name, step in STEPS:
    began = time.perf_counter()
    handled = step()
    steps.append([name, handled, time.perf_counter() - began])
with open(sys.argv[1], "w", encoding="utf-8") as out:
    json.dump(steps, out)
"""


@dataclass(frozen=True)
class SweepRun:
    label: str
    seconds: float  # the child process, start to exit: what cron or the worker waits for
    steps: list[tuple[str, int, float]]  # (step, handled, seconds)
    cleared: int  # notifications deleted just before, so that the run has them to make
    notifications: int  # notifications in the database after the run
    open_cases: int
    overdue_cases: int

    @property
    def handled(self) -> int:
        return sum(handled for _name, handled, _seconds in self.steps)

    def line(self) -> str:
        steps = ", ".join(f"{name} {n:,} in {s:.2f} s" for name, n, s in self.steps)
        return f"{self.label}: {self.seconds:.1f} s; {steps}"


# Filled by the sweep scenarios for `summary`: the runs of this process, by label.
_sweeps: dict[str, SweepRun] = {}


def _dbname(url: str) -> str:
    return str(conninfo_to_dict(url).get("dbname") or "")


def _clear(database_url: str, *, latest_only: bool) -> int:
    """Delete the sweep's deadline notifications (all, or those of the latest due dates)."""
    name = _dbname(database_url)
    if "bench" not in name:
        # Notifications are real work items: only ever delete them in a benchmark's database.
        raise RuntimeError(f"refusing to delete notifications in {name!r}: not a bench database")
    with psycopg.connect(database_url, autocommit=True) as conn:
        if not latest_only:
            cursor = conn.execute(
                "DELETE FROM cases_notification WHERE case_id IS NOT NULL AND kind = ANY(%s)",
                [list(SWEEP_KINDS)],
            )
            return cursor.rowcount
        # Each kind's latest due date: the cases that crossed into "due soon" today (due on
        # the horizon) and those that became overdue (due on the last working day).
        cursor = conn.execute(
            "DELETE FROM cases_notification AS n USING (SELECT kind, max(due_on) AS due_on "
            "FROM cases_notification WHERE case_id IS NOT NULL AND kind = ANY(%s) "
            "GROUP BY kind) AS latest "
            "WHERE n.case_id IS NOT NULL AND n.kind = latest.kind AND n.due_on = latest.due_on",
            [list(SWEEP_KINDS)],
        )
        return cursor.rowcount


def _counts(database_url: str) -> tuple[int, int, int]:
    """(notifications, open cases, overdue open cases) now."""
    from django.conf import settings

    with psycopg.connect(database_url, autocommit=True) as conn:
        # "Today" as the application counts it: in the court system's time zone.
        found = conn.execute(
            "SELECT (SELECT count(*) FROM cases_notification), count(*), "
            "count(*) FILTER (WHERE due_on < (now() AT TIME ZONE %s)::date) FROM cases_case "
            "WHERE status IN ('received', 'assessment', 'investigation')",
            [settings.TIME_ZONE],
        ).fetchone()
    return (int(found[0]), int(found[1]), int(found[2])) if found else (0, 0, 0)


@contextmanager
def _sweep_var_dir() -> Iterator[Path]:
    """A throwaway SENIM_VAR_DIR whose sealed-file directory mirrors the bench database's.

    The sweep's last step deletes sealed files that no attachment row names. The project's
    ./var/media is shared with the development database, whose files the bench database does
    not know: the child gets its own media directory holding symbolic links to the files the
    bench database does name (so the step lists and checks as many as it would in production
    and finds no orphan), and its own secrets (the sweep reads none that the data depends on).
    """
    from django.conf import settings

    from senim.intake.attachments import VAULT_PREFIX

    directory = Path(tempfile.mkdtemp(prefix="senim-bench-sweep-"))
    try:
        media = Path(settings.MEDIA_ROOT)
        mirror = directory / "media"
        (mirror / VAULT_PREFIX).mkdir(parents=True)
        from senim.intake.models import Attachment

        for name in Attachment.objects.values_list("storage_name", flat=True).iterator():
            source = media / name
            if name.startswith(VAULT_PREFIX) and source.is_file():
                (mirror / name).symlink_to(source)
        yield directory
    finally:
        import shutil

        shutil.rmtree(directory, ignore_errors=True)


def _sweep(ctx: Context, label: str, *, clear: str | None) -> Row:
    """Clear notifications (`clear`: "all", "latest" or None), then one timed sweep.

    Without `clear="all"` the run is meant to follow a sweep: when the database holds no
    deadline notification yet (a scenario run on its own), one unmeasured sweep goes first.
    """
    if clear != "all" and not _swept(ctx.database_url):
        print(f"  {label}: no deadline notification yet: a first, unmeasured sweep", flush=True)
        _sweep_child(ctx)
    cleared = _clear(ctx.database_url, latest_only=clear == "latest") if clear else 0
    return _metered(ctx, lambda: _sweep_run(ctx, label, cleared))


def _swept(database_url: str) -> bool:
    with psycopg.connect(database_url, autocommit=True) as conn:
        found = conn.execute(
            "SELECT EXISTS (SELECT 1 FROM cases_notification WHERE kind = ANY(%s))",
            [list(SWEEP_KINDS)],
        ).fetchone()
    return bool(found and found[0])


def _sweep_run(ctx: Context, label: str, cleared: int) -> Row:
    seconds, steps = _sweep_child(ctx)
    notifications, open_cases, overdue = _counts(ctx.database_url)
    run = SweepRun(label, seconds, steps, cleared, notifications, open_cases, overdue)
    _sweeps[label] = run
    notes = [
        "steps of senim.sweep.STEPS in a child process, as `senim sweep` (start-up included)",
        run.line(),
        f"{cleared:,} notifications cleared before; {notifications:,} after; "
        f"{open_cases:,} open cases, {overdue:,} of them overdue",
    ]
    return Row(
        scenario=label,
        clients=1,
        latencies_ms=[seconds * 1000],
        errors=0,
        elapsed_s=seconds,
        notes=notes,
    )


def _sweep_child(ctx: Context) -> tuple[float, list[tuple[str, int, float]]]:
    """One sweep in a child process: (its seconds, start to exit; (step, handled, seconds))."""
    with _sweep_var_dir() as directory:
        out = directory / "steps.json"
        env = server_environment(ctx.database_url, {"SENIM_VAR_DIR": str(directory)})
        began = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", _SWEEP_CHILD, str(out)],
            cwd=PROJECT_DIR,
            env=env,
            # The development settings print e-mails to the console: not what is measured.
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            timeout=SWEEP_TIMEOUT_S,
            check=False,
        )
        seconds = time.perf_counter() - began
        if done.returncode != 0:
            raise RuntimeError(f"sweep exited with {done.returncode}: {done.stderr[-2000:]}")
        steps = [(str(n), int(h), float(s)) for n, h, s in json.loads(out.read_text())]
    return seconds, steps


def cases_sweep_backlog(ctx: Context) -> Row:
    """Every deadline notification cleared first: the sweep reminds and escalates them all."""
    return _sweep(ctx, SWEEP_BACKLOG, clear="all")


def cases_sweep_again(ctx: Context) -> Row:
    """At once again: every step is idempotent and should find (nearly) nothing."""
    return _sweep(ctx, SWEEP_AGAIN, clear=None)


def cases_sweep_one_day(ctx: Context) -> Row:
    """Only the latest due date's notifications cleared, per kind: what a new day brings."""
    return _sweep(ctx, SWEEP_DAY, clear="latest")


# --- Targets --------------------------------------------------------------------------------

QUEUE_ROWS = (
    "queue page 1 (central)",
    "queue page 1 (chief-almaty)",
    "queue filtered: overdue, by deadline (central)",
    "queue filtered: KZ-75, bribery, investigation (central)",
    "case page (central)",
)
SEARCH_ROWS = tuple(search_label(kind, word) for kind, word in SEARCH_WORDS)


def _verdict(row: Row, limit_ms: float) -> str:
    if row.errors or not row.requests:
        return f"NOT MEASURED ({row.errors} errors in {row.requests} requests)"
    met = row.p95 < limit_ms
    sequential = f", {row.requests} sequential requests: too slow for a load" * (row.clients == 1)
    return f"{'met' if met else 'NOT MET'} (p95 {row.p95:,.1f} ms{sequential})"


def summary(rows: Sequence[Row]) -> list[str]:
    """Lines for under the table: each run of the sweep, and each row against its target."""
    lines = [run.line() for label, run in _sweeps.items() if any(r.scenario == label for r in rows)]
    by_name = {row.scenario: row for row in rows}
    for names, limit, what in (
        (QUEUE_ROWS, QUEUE_TARGET_MS, "queue and case page"),
        (SEARCH_ROWS, SEARCH_TARGET_MS, "search"),
    ):
        measured = [by_name[name] for name in names if name in by_name]
        for row in measured:
            lines.append(
                f"target {what} p95 < {limit:.0f} ms: {row.scenario}: {_verdict(row, limit)}"
            )
    for label, run in _sweeps.items():
        if label in by_name:
            met = run.seconds < SWEEP_TARGET_S
            lines.append(
                f"target sweep < {SWEEP_TARGET_S:.0f} s: {label}: {'met' if met else 'NOT MET'} "
                f"({run.seconds:.1f} s, {run.handled:,} handled)"
            )
    busy = [
        f"{name} ({share:.0%})"
        for name, share in _others.items()
        if name in by_name and share >= BUSY_MACHINE
    ]
    if busy:
        lines.append(
            "warning: other processes took a share of the machine's CPU during "
            + "; ".join(busy)
            + ": those figures are worse than the code's; run again on a quiet machine"
        )
    return lines
