"""What a thief holding a copy of the database and the storage folder would see."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from django.conf import settings
from django.db import connection


def database_bytes() -> bytes:
    """Everything the database holds, as an attacker with a copy of it would see it."""
    settings_dict = connection.settings_dict
    if connection.vendor == "sqlite":
        # Read by another process (cat), never opened here: closing a descriptor of the file in
        # this process would drop the POSIX locks SQLite holds on it, and a server or worker
        # process writing the same file could then checkpoint and remove the write-ahead log
        # under this process's feet ("database disk image is malformed" in a later test).
        path = Path(settings_dict["NAME"])
        files = [str(p) for p in [path, Path(f"{path}-wal")] if p.exists()]
        return subprocess.run(["cat", *files], check=True, capture_output=True).stdout
    pg_dump = shutil.which("pg_dump") or next(
        iter(sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_dump"))), None
    )
    assert pg_dump, "pg_dump is needed for the PostgreSQL leak test"
    return subprocess.run(
        [
            str(pg_dump),
            "--data-only",
            "--host", settings_dict["HOST"] or "127.0.0.1",
            "--port", str(settings_dict["PORT"] or 5432),
            "--username", settings_dict["USER"] or "postgres",
            settings_dict["NAME"],
        ],
        check=True,
        capture_output=True,
        env={"PGPASSWORD": settings_dict.get("PASSWORD") or ""},
    ).stdout  # fmt: skip


def storage_bytes() -> bytes:
    root = Path(settings.MEDIA_ROOT)
    return b"".join(p.read_bytes() for p in root.rglob("*") if p.is_file())
