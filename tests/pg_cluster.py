"""A throwaway PostgreSQL primary and its streaming replica, from Debian's binaries.

The primary listens on 127.0.0.1 and the replica on 127.0.0.2, on one port, as two hosts of a
real installation would (Linux answers on all of 127/8). Run as root, PostgreSQL's commands run
as the postgres user. The replica is a base backup of the primary (`pg_basebackup -R`) with
application_name=senim_replica, which deploy/postgresql/primary.conf names as synchronous.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.ports import free_port

ROOT = Path(__file__).resolve().parent.parent
PRIMARY_HOST, REPLICA_HOST = "127.0.0.1", "127.0.0.2"


def pg_bin() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_basebackup"))
    return found[-1].parent if found else None


def _as_pg(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.getuid() == 0 else command


def _run(command: list[str], **env: str) -> str:
    environment = {**os.environ, **env}
    return subprocess.run(
        _as_pg(command), check=True, capture_output=True, text=True, env=environment
    ).stdout


@dataclass
class Cluster:
    base: Path
    port: int
    bin: Path

    @property
    def primary_data(self) -> Path:
        return self.base / "primary"

    @property
    def replica_data(self) -> Path:
        return self.base / "replica"

    def url(self, host: str, database: str = "senim", **options: str) -> str:
        query = "&".join(f"{k}={v}" for k, v in options.items())
        return f"postgres://postgres@{host}:{self.port}/{database}" + (f"?{query}" if query else "")

    def psql(self, host: str, sql: str, database: str = "senim", **env: str) -> str:
        return _run(
            [str(self.bin / "psql"), "-h", host, "-p", str(self.port), "-U", "postgres", "-Atqc",
             sql, database],
            **env,
        ).strip()  # fmt: skip

    def start(self, data: Path, host: str) -> None:
        try:
            self._start(data, host)
        except subprocess.CalledProcessError:
            log = data / "log"
            raise AssertionError(log.read_text() if log.exists() else "no log") from None

    def _sockets(self, data: Path) -> Path:
        """Its Unix socket's directory: outside the data directory, which a base backup
        copies (a copied socket lock would stop the replica from starting)."""
        sockets = self.base / f"{data.name}-socket"
        if not sockets.exists():
            _run(["mkdir", "-p", str(sockets)])
        return sockets

    def _start(self, data: Path, host: str) -> None:
        _run(
            [str(self.bin / "pg_ctl"), "-D", str(data), "-l", str(data / "log"), "-w", "start",
             "-o", f"-h {host} -p {self.port} -k {self._sockets(data)}"]
        )  # fmt: skip

    def stop(self, data: Path) -> None:
        subprocess.run(
            _as_pg([str(self.bin / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"]),
            capture_output=True,
        )


@contextmanager
def primary_and_replica() -> Iterator[Cluster]:
    binaries = pg_bin()
    assert binaries, "PostgreSQL's binaries are needed (Debian's postgresql package)"
    # Not under pytest's temporary directory: the postgres user may not enter root's.
    base = Path(tempfile.mkdtemp(prefix="senim-cluster-"))
    if os.getuid() == 0:
        shutil.chown(base, "postgres")
    cluster = Cluster(base, free_port(), binaries)
    primary = cluster.primary_data
    _run([str(binaries / "initdb"), "-D", str(primary), "-A", "trust", "-U", "postgres",
          "-E", "UTF8"])  # fmt: skip
    with (primary / "pg_hba.conf").open("a") as hba:
        hba.write("host all all 127.0.0.0/8 trust\nhost replication all 127.0.0.0/8 trust\n")
    shipped = (ROOT / "deploy" / "postgresql" / "primary.conf").read_text()
    with (primary / "postgresql.conf").open("a") as conf:
        conf.write(shipped + "\nfsync = off\nfull_page_writes = off\n")
    try:
        cluster.start(primary, PRIMARY_HOST)
        # Before the replica exists nothing could be confirmed by it: this commit is local.
        cluster.psql(
            PRIMARY_HOST,
            "CREATE DATABASE senim",
            database="postgres",
            PGOPTIONS="-c synchronous_commit=local",
        )
        _run(
            [str(binaries / "pg_basebackup"), "-D", str(cluster.replica_data), "-R", "-X",
             "stream", "--checkpoint=fast", "-d",
             f"host={PRIMARY_HOST} port={cluster.port} user=postgres "
             "application_name=senim_replica"]
        )  # fmt: skip
        # Promoted, the replica must not wait for a standby of its own: it has none.
        with (cluster.replica_data / "postgresql.conf").open("a") as conf:
            conf.write("synchronous_standby_names = ''\n")
        cluster.start(cluster.replica_data, REPLICA_HOST)
        deadline = time.monotonic() + 30
        while cluster.psql(PRIMARY_HOST, "SELECT count(*) FROM pg_stat_replication "
                           "WHERE sync_state = 'sync'", database="postgres") != "1":  # fmt: skip
            assert time.monotonic() < deadline, "the replica did not connect"
            time.sleep(0.1)
        yield cluster
    finally:
        cluster.stop(cluster.replica_data)
        cluster.stop(primary)
        shutil.rmtree(base, ignore_errors=True)
