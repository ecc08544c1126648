"""One sweep at a time across processes and hosts: `senim sweep` (and the worker's timer)
skips its turn while another process sweeps (a PostgreSQL advisory lock; on SQLite, a lock on
a file beside the database), and sweeps once the other has finished."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.db import connection

from senim.sweep import SWEEP_LOCK
from tests.test_worker_faults import database_url

ROOT = Path(__file__).resolve().parent.parent


@contextmanager
def _another_sweep() -> Iterator[None]:
    """Hold the sweep's lock as a sweeping process on another host would."""
    if connection.vendor == "postgresql":
        db = connection.settings_dict
        with psycopg.connect(
            host=db["HOST"] or "127.0.0.1",
            port=db["PORT"] or 5432,
            user=db["USER"],
            password=db["PASSWORD"] or None,
            dbname=db["NAME"],
            autocommit=True,
        ) as other:
            other.execute("SELECT pg_advisory_lock(%s)", [SWEEP_LOCK])
            yield
        return
    with (Path(settings.VAR_DIR) / "sweep.lock").open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def _sweep_cli() -> str:
    env = {**os.environ, "DATABASE_URL": database_url(), "SENIM_VAR_DIR": str(settings.VAR_DIR)}
    done = subprocess.run(
        [sys.executable, "-m", "senim.cli", "sweep"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.django_db(transaction=True)
def test_a_sweep_waits_its_turn_while_another_process_sweeps(registry) -> None:
    with _another_sweep():
        skipped = _sweep_cli()
    assert "another process is sweeping now; skipped" in skipped
    assert "sweep: sessions_prune" not in skipped
    swept = _sweep_cli()
    assert "sweep: sessions_prune: 0" in swept and "skipped" not in swept
