"""`bench.run` waits for benchmarks on its own database only (issue 18), not for everyone's."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

from bench.scenarios.analytics import other_benchmarks

OURS = "postgres://postgres@127.0.0.1:5432/senim_bench_mine"
THEIRS = "postgres://postgres@127.0.0.1:5432/senim_bench_someone_else"


@contextmanager
def _benchmark(database_url: str | None) -> Iterator[int]:
    """A process that looks like another benchmark (its command line names bench.run)."""
    env = {k: v for k, v in os.environ.items() if k != "BENCH_DATABASE_URL"}
    if database_url is not None:
        env["BENCH_DATABASE_URL"] = database_url
    # Started through a shell that exits at once, so it is not below this test's process.
    started = subprocess.run(
        [
            "sh",
            "-c",
            f'"{sys.executable}" -c "import time; time.sleep(60)" bench.run'
            " >/dev/null 2>&1 </dev/null & echo $!",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    pid = int(started.stdout.strip())
    try:
        time.sleep(0.3)
        yield pid
    finally:
        os.kill(pid, signal.SIGKILL)


def _pids(found: list[str]) -> set[int]:
    return {int(line.split(":")[0].removeprefix("pid ")) for line in found}


def test_a_benchmark_of_another_database_is_not_waited_for() -> None:
    with _benchmark(THEIRS) as pid:
        assert pid not in _pids(other_benchmarks(OURS))
        assert pid in _pids(other_benchmarks())  # still seen machine-wide


def test_a_benchmark_of_the_same_database_is_waited_for() -> None:
    with _benchmark(OURS) as pid:
        assert pid in _pids(other_benchmarks(OURS))


def test_the_default_database_is_the_one_without_the_variable() -> None:
    with _benchmark(None) as pid:
        assert pid in _pids(other_benchmarks("postgres://postgres@127.0.0.1:5432/senim_bench"))
        assert pid not in _pids(other_benchmarks(OURS))
