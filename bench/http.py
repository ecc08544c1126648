"""The production server under test, and a small closed-loop HTTP load generator.

Everything here talks to 127.0.0.1 only: the host is a constant, callers pass a port.
"""

from __future__ import annotations

import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

from bench import PROJECT_DIR

HOST = "127.0.0.1"
# Statuses a request may end with and still count as answered: 2xx and 3xx.
DEFAULT_OK = frozenset(range(200, 400))
_CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken"\s+value="([^"]+)"')
# A keep-alive connection the server closed while idle fails on reuse in one of these ways;
# such a request is sent again once on a fresh connection instead of counting as an error.
_STALE_CONNECTION = (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError)


def free_port() -> int:
    """A port the kernel has just handed out on 127.0.0.1 (free unless raced, which is rare)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    port: int
    process: subprocess.Popen[bytes]
    log_path: Path
    workers: int
    threads: int

    def url(self, path: str) -> str:
        return f"http://{HOST}:{self.port}{path}"

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


def server_environment(database_url: str, extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The server's environment; `extra` adds to it (e.g. SENIM_VAR_DIR for a throwaway one)."""
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        SENIM_ENV="development",
        DJANGO_SETTINGS_MODULE="senim.settings",
        SENIM_LOG_LEVEL="WARNING",
        # Load generators send from each client's own 127.x address (`load_calls(sources=)`),
        # more reports than a citizen does in an hour: the per-client limit is still checked
        # on every report (its cost is in the figures) but does not refuse the load. The
        # clients share the requests, and the few connections on the less busy gunicorn
        # worker take more of them: two of 16 clients reached 60 of 416 reports once (HTTP
        # 429), so the allowance is a quarter of a full run's reports and more.
        SENIM_REPORTS_PER_CLIENT="150",
    )
    env.update(extra or {})
    # DEBUG would keep every query in memory and change the timings: make sure it is off.
    env.pop("SENIM_DEBUG", None)
    return env


def gunicorn_command(port: int, workers: int, threads: int) -> list[str]:
    """The command `senim.cli._gunicorn` builds, bound to 127.0.0.1:<port>."""
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "senim.wsgi:application",
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--worker-class",
        "gthread",
        "--graceful-timeout",
        "10",
        "--log-level",
        "warning",
    ]


@contextmanager
def serve(
    database_url: str,
    *,
    workers: int = 2,
    threads: int = 4,
    startup_timeout: float = 60.0,
    env: Mapping[str, str] | None = None,
) -> Iterator[Server]:
    """Run gunicorn on `database_url` until the block ends; yield once /healthz answers 200.

    `env` is added to the server's environment (see `server_environment`).
    """
    port = free_port()
    log = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed in the finally below
        prefix="senim-bench-server-", suffix=".log", delete=False
    )
    process = subprocess.Popen(
        gunicorn_command(port, workers, threads),
        cwd=PROJECT_DIR,  # the same ./var (generated secrets) as the generator used
        env=server_environment(database_url, env),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    server = Server(port, process, Path(log.name), workers, threads)
    try:
        _wait_healthy(server, startup_timeout)
        yield server
    finally:
        _stop(process)
        log.close()


def _wait_healthy(server: Server, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    last = "no answer"
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(
                f"gunicorn exited with {server.process.returncode}:\n{server.log_tail()}"
            )
        try:
            status, _headers, _body = request(server.port, "GET", "/healthz", timeout=5)
        except OSError as problem:
            last = str(problem)
        else:
            if status == 200:
                return
            last = f"HTTP {status}"
        time.sleep(0.2)
    raise RuntimeError(f"the server did not become healthy in {timeout:.0f} s ({last})")


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Stop the server we started (its pid only); SIGTERM lets gunicorn stop its workers."""
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def cookie_header(cookies: Mapping[str, str]) -> str:
    """The value of a Cookie header sending `cookies`."""
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


def _set_cookies(response: http.client.HTTPResponse) -> dict[str, str]:
    jar: SimpleCookie = SimpleCookie()
    for header in response.msg.get_all("Set-Cookie") or []:
        jar.load(header)
    return {name: morsel.value for name, morsel in jar.items()}


def request(
    port: int,
    method: str,
    path: str,
    *,
    body: bytes | None = None,
    headers: Mapping[str, str] | None = None,
    timeout: float = 30.0,
) -> tuple[int, dict[str, str], bytes]:
    """One request on a fresh connection: (status, cookies set, body)."""
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=dict(headers or {}))
        response = conn.getresponse()
        return response.status, _set_cookies(response), response.read()
    finally:
        conn.close()


def csrf_form(port: int, path: str) -> tuple[dict[str, str], str]:
    """GET a page with a form like a browser: (its cookies, the form's CSRF token)."""
    status, cookies, page = request(port, "GET", path)
    found = _CSRF_INPUT.search(page.decode("utf-8", errors="replace"))
    if status != 200 or "csrftoken" not in cookies or found is None:
        raise RuntimeError(f"{path}: HTTP {status}, no CSRF cookie or token")
    return cookies, found.group(1)


def login(port: int, username: str, password: str) -> dict[str, str]:
    """Log in through the office login form like a browser; return the session's cookies."""
    cookies, token = csrf_form(port, "/office/login/")
    form = urlencode(
        {
            "csrfmiddlewaretoken": token,
            "username": username,
            "password": password,
            "next": "",
        }
    ).encode()
    status, new_cookies, _body = request(
        port,
        "POST",
        "/office/login/",
        body=form,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": cookie_header(cookies),
        },
    )
    cookies.update(new_cookies)
    # A successful login redirects; a refused one renders the form again with 200.
    if status != 302 or not any(name.startswith("senim_") for name in new_cookies):
        raise RuntimeError(f"login as {username!r} refused (HTTP {status})")
    return cookies


@dataclass
class LoadResult:
    path: str
    clients: int
    latencies_ms: list[float]
    errors: int
    elapsed_s: float
    error_samples: list[str] = field(default_factory=list)

    @property
    def requests(self) -> int:
        return len(self.latencies_ms)


@dataclass(frozen=True)
class Call:
    """One request a client sends on its connection."""

    method: str
    path: str
    body: bytes | None = None
    headers: Mapping[str, str] = field(default_factory=dict)


# Called once in client `i`'s own thread, before its warm-up (e.g. to fetch a form's CSRF
# token); returns the function that gives that client's next request each time it is called.
Prepare = Callable[[int], Callable[[], Call]]
# The verdict on an answer (status, whole body): None when it counts as a success, else why not.
Check = Callable[[int, bytes], str | None]


def status_check(ok_statuses: frozenset[int]) -> Check:
    """Success is a status in `ok_statuses`, whatever the body."""

    def check(status: int, _body: bytes) -> str | None:
        return None if status in ok_statuses else f"HTTP {status}"

    return check


@dataclass
class _Client:
    """One client's results; only its own thread touches it."""

    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0
    error_samples: list[str] = field(default_factory=list)


class _Tickets:
    """Requests left to send, shared by the clients, with the deadline."""

    def __init__(self, count: int) -> None:
        self._left = count
        self._lock = threading.Lock()
        self.deadline = float("inf")

    def take(self) -> bool:
        if time.perf_counter() >= self.deadline:
            return False
        with self._lock:
            if self._left <= 0:
                return False
            self._left -= 1
            return True


def load(
    port: int,
    path: str,
    *,
    clients: int = 4,
    requests: int = 1000,
    max_seconds: float = 30.0,
    cookies: Sequence[Mapping[str, str]] | None = None,
    ok_statuses: frozenset[int] = DEFAULT_OK,
    warmup: int = 5,
    headers: Mapping[str, str] | None = None,
) -> LoadResult:
    """GET `path` from `clients` threads, each on one keep-alive connection, closed loop.

    Stops after `requests` measured requests in all or `max_seconds`, whichever comes first.
    Each client first sends `warmup` unmeasured requests (connection set-up, the worker's
    first database connection and template loading are not what is being measured). Client
    `i` sends `cookies[i % len(cookies)]`, so scenarios can give each client its own session.
    A request is an error when it raises or ends with a status outside `ok_statuses`.
    """

    def prepare(index: int) -> Callable[[], Call]:
        sent_headers = dict(headers or {})
        if cookies:
            sent_headers["Cookie"] = cookie_header(cookies[index % len(cookies)])
        call = Call("GET", path, None, sent_headers)
        return lambda: call

    return load_calls(
        port,
        path,
        prepare,
        check=status_check(ok_statuses),
        clients=clients,
        requests=requests,
        max_seconds=max_seconds,
        warmup=warmup,
    )


def load_calls(
    port: int,
    label: str,
    prepare: Prepare,
    *,
    check: Check,
    clients: int = 4,
    requests: int = 1000,
    max_seconds: float = 30.0,
    warmup: int = 5,
    sources: Sequence[str] | None = None,
) -> LoadResult:
    """The closed loop of `load` for any requests: each client sends what `prepare` gives it.

    With `sources`, client `i` connects from address `sources[i % len(sources)]` (any 127.x
    address is this machine), as citizens each on their own connection would.

    `requests` measured requests in all (shared by the clients) or `max_seconds`, whichever
    comes first; `warmup` unmeasured ones per client before. A request is an error when it
    raises or `check` finds fault with its answer. A client whose `prepare` raises sends
    nothing and counts one error. `label` names the load in the result (its `path`).
    """
    if clients < 1 or requests < 1 or max_seconds <= 0:
        raise ValueError("clients, requests and max_seconds must be positive")
    tickets = _Tickets(requests)
    state = [_Client() for _ in range(clients)]
    ready = threading.Barrier(clients + 1)
    finished: list[float] = []

    def run(index: int, client: _Client) -> None:
        source = (sources[index % len(sources)], 0) if sources else None
        conn = http.client.HTTPConnection(
            HOST, port, timeout=max(30.0, max_seconds), source_address=source
        )
        try:
            began = time.perf_counter()
            try:
                next_call: Callable[[], Call] | None = prepare(index)
            except Exception as problem:  # noqa: BLE001 - counted as this client's error
                _error(client, f"prepare: {type(problem).__name__}: {problem}", began)
                next_call = None
            if next_call is not None:
                for _ in range(warmup):
                    _one(conn, next_call(), check, _Client())
            ready.wait(timeout=max_seconds + 60)
            while next_call is not None and tickets.take():
                _one(conn, next_call(), check, client)
        finally:
            finished.append(time.perf_counter())
            conn.close()

    threads = [
        threading.Thread(target=run, args=(i, client), name=f"bench-client-{i}", daemon=True)
        for i, client in enumerate(state)
    ]
    for thread in threads:
        thread.start()
    ready.wait(timeout=max_seconds + 60)
    started = time.perf_counter()
    tickets.deadline = started + max_seconds
    for thread in threads:
        # Bounded: every request has a socket timeout, and no new one starts past the deadline.
        thread.join(timeout=max_seconds + 120)
    ended = max(finished) if finished else time.perf_counter()

    latencies = [ms for client in state for ms in client.latencies_ms]
    samples = [sample for client in state for sample in client.error_samples][:5]
    return LoadResult(
        path=label,
        clients=clients,
        latencies_ms=latencies,
        errors=sum(client.errors for client in state),
        elapsed_s=ended - started,
        error_samples=samples,
    )


def _one(conn: http.client.HTTPConnection, call: Call, check: Check, client: _Client) -> None:
    """One timed request on the client's connection; records its latency, or an error."""
    began = time.perf_counter()
    retried = False
    while True:
        try:
            conn.request(call.method, call.path, body=call.body, headers=dict(call.headers))
            response = conn.getresponse()
            # The whole body: part of the latency, and keeps the connection.
            body = response.read()
            status = response.status
            break
        except _STALE_CONNECTION as problem:
            conn.close()
            if retried:
                _error(client, f"{type(problem).__name__}: {problem}", began)
                return
            retried = True
            began = time.perf_counter()
        except (OSError, http.client.HTTPException) as problem:
            conn.close()
            _error(client, f"{type(problem).__name__}: {problem}", began)
            return
    elapsed_ms = (time.perf_counter() - began) * 1000
    client.latencies_ms.append(elapsed_ms)
    fault = check(status, body)
    if fault is not None:
        client.errors += 1
        if len(client.error_samples) < 5:
            client.error_samples.append(fault)


def _error(client: _Client, message: str, began: float) -> None:
    # A failed request still took time; it is counted among the requests and the latencies,
    # so an error storm cannot look like a speed-up.
    client.latencies_ms.append((time.perf_counter() - began) * 1000)
    client.errors += 1
    if len(client.error_samples) < 5:
        client.error_samples.append(message)
