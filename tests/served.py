"""Senim served by a real gunicorn, as `senim serve` starts it, against the test database.

For tests that need what only a real server shows: many processes and threads at once, the
client's address as the socket gives it, bodies sent in chunks. The test must use the database
with `transaction=True`, so that what it writes is committed and the server sees it.
"""

from __future__ import annotations

import http.client
import os
import re
import signal
import subprocess
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.db import connection

from senim.cli import _gunicorn
from tests.ports import free_port

ROOT = Path(__file__).resolve().parent.parent


def _database_url() -> str:
    """The URL of the database this test runs against (the test database, not the real one)."""
    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{db['NAME']}"
    user = urllib.parse.quote(db.get("USER") or "")
    password = urllib.parse.quote(db.get("PASSWORD") or "")
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    return f"postgres://{credentials}{db.get('HOST') or ''}:{db.get('PORT') or 5432}/{db['NAME']}"


@dataclass
class Server:
    host: str
    port: int
    log: Path

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")


@contextmanager
def gunicorn(tmp_path: Path, **env: str) -> Iterator[Server]:
    """Start gunicorn (2 workers of 4 threads, `senim demo`'s) on a free 127.0.0.1 port."""
    connection.close()  # SQLite: nothing of ours held open while the server writes
    port = free_port()
    environment = {**os.environ, "DATABASE_URL": _database_url(), "SENIM_ENV": "development"}
    environment.update(env)
    log_path = tmp_path / "gunicorn.log"
    with log_path.open("w") as log:
        process = subprocess.Popen(
            _gunicorn(f"127.0.0.1:{port}", workers=2, threads=4),
            cwd=ROOT,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            _wait_until_healthy(port, process, log_path)
            yield Server("127.0.0.1", port, log_path)
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)


def _wait_until_healthy(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"gunicorn exited: {log.read_text()}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"gunicorn did not answer in time: {log.read_text()}")


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: str


class Browser:
    """One visitor from one source address (any 127/8 address is ours on Linux's loopback),
    with the CSRF cookie a browser would keep. A new connection per request, as a crowd of
    separate people has."""

    def __init__(self, server: Server, source: str, language: str = "en") -> None:
        self.server = server
        self.source = source
        self.language = language
        self.cookies: dict[str, str] = {}
        self.token = ""

    def request(
        self, method: str, path: str, fields: dict[str, str] | None = None, timeout: float = 60
    ) -> Answer:
        conn = http.client.HTTPConnection(
            self.server.host, self.server.port, timeout=timeout, source_address=(self.source, 0)
        )
        headers = {"Accept-Language": self.language, "Connection": "close"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if fields is not None:
            body = urllib.parse.urlencode({**fields, "csrfmiddlewaretoken": self.token})
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            answer = Answer(response.status, response.headers, response.read().decode())
        finally:
            conn.close()
        for cookie in answer.headers.get_all("Set-Cookie") or []:
            name, _, rest = cookie.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return answer

    def open_form(self, path: str) -> Answer:
        """GET a page with a form, keeping its CSRF token for the posts that follow."""
        answer = self.request("GET", path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', answer.body)
        assert answer.status == 200 and token, f"no form at {path}: {answer.status}"
        self.token = token.group(1)
        return answer
