"""A PostgreSQL primary and its synchronous streaming replica (real servers, throwaway data
directories), with Senim served by gunicorn against both:

- the analytics reads marked for the replica come from it (they lag while its replay is
  paused), other reads and any read inside a transaction from the primary;
- the failover drill (scripts/pg-failover-drill.sh): the primary stops as a lost host, the
  replica is promoted, the same Senim processes go on registering reports without a restart,
  and every report acknowledged before the stop is there exactly once.

The cluster is its own, so the test runs once: in the PostgreSQL half of `make test`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.intake_helpers import coupon_of, report_data
from tests.pg_cluster import PRIMARY_HOST, REPLICA_HOST, pg_bin, primary_and_replica
from tests.served import Browser, Server, gunicorn

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))
    or pg_bin() is None,
    reason="runs once, in the PostgreSQL half of `make test` (it starts its own cluster)",
)


def _report(server: Server, n: int) -> str:
    visitor = Browser(server, source=f"127.0.{n // 200 + 10}.{n % 200 + 10}")
    visitor.open_form("/report/")
    fields = {k: str(v) for k, v in report_data(subject=f"Failover drill report {n}").items()}
    answer = visitor.request("POST", "/report/", fields)
    assert answer.status == 200, answer.status
    number, _code = coupon_of(answer.body)
    return number


def _run(env: dict[str, str], *command: str) -> str:
    done = subprocess.run(
        list(command), cwd=ROOT, env={**os.environ, **env}, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_replica_reads_and_a_failover_that_loses_nothing(tmp_path: Path) -> None:
    with primary_and_replica() as cluster:
        env = {
            # Both hosts: libpq takes the one that accepts writes, now and after a failover.
            "DATABASE_URL": cluster.url(
                f"{PRIMARY_HOST},{REPLICA_HOST}", target_session_attrs="read-write"
            ),
            "SENIM_REPLICA_URL": cluster.url(REPLICA_HOST),
            "SENIM_VAR_DIR": str(tmp_path / "var"),
            "SENIM_ENV": "development",
        }
        python = sys.executable
        _run(env, python, "manage.py", "migrate", "--noinput", "-v", "0")
        _run(env, python, "manage.py", "createcachetable")
        _run(env, python, "-m", "senim.cli", "load-courts")
        with gunicorn(tmp_path, **env) as server:
            before = [_report(server, n) for n in range(5)]

            # Replay paused: the replica lags, and the marked reads show it.
            cluster.psql(REPLICA_HOST, "SELECT pg_wal_replay_pause()")
            before.append(_report(server, 5))
            probe = json.loads(_run(env, python, "tests/replica_probe.py"))
            assert probe == {
                "primary": 6,
                "marked": 5,
                "marked_in_transaction": 6,
                "replica_in_recovery": True,
            }
            cluster.psql(REPLICA_HOST, "SELECT pg_wal_replay_resume()")

            drill = _run(
                {},
                "bash",
                "scripts/pg-failover-drill.sh",
                str(cluster.primary_data),
                str(cluster.replica_data),
                REPLICA_HOST,
                str(cluster.port),
            )
            assert f"{REPLICA_HOST}:{cluster.port} is the primary now" in drill

            # The same server processes, no restart: they reconnect to the new primary.
            after = [_report(server, n) for n in range(6, 9)]

        stored = cluster.psql(REPLICA_HOST, "SELECT number FROM intake_appeal").split()
        assert sorted(stored) == sorted(before + after)  # each acknowledged report once
        assert cluster.psql(REPLICA_HOST, "SELECT pg_is_in_recovery()") == "f"
