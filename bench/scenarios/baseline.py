"""The reference rows: what the stack costs before any real page work."""

from __future__ import annotations

import time

import psycopg

from bench.report import Row
from bench.scenarios import Context

RAW_SQL = "SELECT count(*) FROM cases_case WHERE unit_id = %s AND status = 'investigation'"
RAW_SQL_RUNS = 200
RAW_SQL_WARMUP = 20


def healthz(ctx: Context) -> Row:
    """THE baseline: routing, middleware, one trivial view and SELECT 1 under gunicorn."""
    return ctx.get("baseline: trivial view + SELECT 1", "/healthz", baseline=True)


def raw_sql_count(ctx: Context) -> Row:
    """One indexed count, in this process, no HTTP and no Django: the database's own share.

    Run on the unit with the most cases (the worst case of a chief's home page). Sent
    unprepared, as Django's psycopg backend sends queries, so planning is included.
    """
    with psycopg.connect(ctx.database_url, autocommit=True) as conn:
        found = conn.execute(
            "SELECT unit_id FROM cases_case GROUP BY unit_id ORDER BY count(*) DESC, unit_id "
            "LIMIT 1"
        ).fetchone()
        if found is None:
            raise RuntimeError("no cases in the benchmark database")
        unit_id = found[0]
        for _ in range(RAW_SQL_WARMUP):
            conn.execute(RAW_SQL, [unit_id], prepare=False).fetchone()
        latencies: list[float] = []
        started = time.perf_counter()
        for _ in range(RAW_SQL_RUNS):
            began = time.perf_counter()
            conn.execute(RAW_SQL, [unit_id], prepare=False).fetchone()
            latencies.append((time.perf_counter() - began) * 1000)
        elapsed = time.perf_counter() - started
    return Row(
        scenario="raw SQL: count a unit's cases in investigation",
        clients=1,
        latencies_ms=latencies,
        errors=0,
        elapsed_s=elapsed,
        notes=[f"in-process psycopg, unit_id={unit_id}, {RAW_SQL_RUNS} sequential runs"],
    )
