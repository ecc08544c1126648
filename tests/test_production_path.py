"""The README's "Running in production", run as written.

The commands are read out of README.md's production code block each time, so the README
cannot drift from what works: a command this test does not know how to run fails it. They run
against a fresh PostgreSQL database, with production settings and generated secrets, as real
processes (`senim serve`, `senim worker`), behind Debian's nginx running the site file shipped
in deploy/nginx/senim.conf. Then a real Chromium reports and logs in through nginx, and plain
HTTP clients check what the proxy must get right: the forwarded protocol, the forwarded client
address (per-client throttling, nothing of it logged), the body limit and the static files.

It needs PostgreSQL (the setup's advisory lock and the deployment it documents), so it runs in
the PostgreSQL half of `make test` (DATABASE_URL set) and is skipped in the SQLite half.
"""

from __future__ import annotations

import csv
import http.client
import os
import re
import secrets
import shlex
import shutil
import signal
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from tests.ports import free_port
from tests.second_factor_helpers import totp

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
NGINX_SITE = ROOT / "deploy" / "nginx" / "senim.conf"
SYSTEMD = ROOT / "deploy" / "systemd"
HOST = "senim.example.kz"
# The address the README binds `senim serve` to and the nginx site proxies to.
UPSTREAM = "127.0.0.1:8000"
# Variables the README leaves to the operator ("..."), and those naming this machine's ports and
# paths: the test gives its own values. Every other variable is used as the README writes it.
FILLED = {"DATABASE_URL", "SECRET_KEY", "SENIM_VAULT_KEY", "SENIM_RECEIPT_PEPPER"}
LOCAL = {"SENIM_CSRF_TRUSTED_ORIGINS", "SENIM_VAR_DIR"}
ADMIN_PASSWORD = "production path " + secrets.token_hex(8)
# The courts of the registry file shipped with Senim, which `senim setup` loads.
with (ROOT / "senim" / "organization" / "data" / "courts_kz.csv").open(encoding="utf-8") as _f:
    SHIPPED_COURTS = sum(1 for _row in csv.DictReader(_f))

_pg_url = os.environ.get("DATABASE_URL", "")
needs_postgres = pytest.mark.skipif(
    not _pg_url.startswith(("postgres://", "postgresql://")),
    reason="the production path runs on PostgreSQL: the PostgreSQL half of `make test` "
    "(DATABASE_URL=postgres://...) runs it",
)


# --- the README's production block ---------------------------------------------------------


@dataclass
class ProductionBlock:
    install: str
    environment: dict[str, str]
    commands: list[list[str]] = field(default_factory=list)


def _readme_block() -> str:
    text = README.read_text(encoding="utf-8")
    section = text.split("\n## Running in production\n", 1)[1].split("\n## ", 1)[0]
    match = re.search(r"```sh\n(.*?)```", section, re.S)
    assert match, "README's production section has no ```sh block"
    return match.group(1)


def production_block() -> ProductionBlock:
    """The block as shell lines: continuations joined, comments dropped, `export` collected."""
    lines = _readme_block().replace("\\\n", " ").splitlines()
    words = [shlex.split(line, comments=True) for line in lines]
    words = [w for w in words if w]
    first = " ".join(words[0])
    assert re.fullmatch(r"python3 -m venv (\S+) && \1/bin/pip install \.", first), first
    block = ProductionBlock(install=first, environment={})
    for command in words[1:]:
        if command[0] == "export":
            for assignment in command[1:]:
                name, _, value = assignment.partition("=")
                block.environment[name] = value
        else:
            assert command[0] == "senim", f"the test does not know how to run {command}"
            block.commands.append(command)
    return block


# --- processes, ports, requests --------------------------------------------------------------


class Processes:
    """Long-running children, each in its own process group, stopped at the end."""

    def __init__(self) -> None:
        self.running: list[subprocess.Popen[bytes]] = []

    def start(self, command: list[str], log: Path, **kwargs: Any) -> subprocess.Popen[bytes]:
        with log.open("wb") as out:
            process = subprocess.Popen(
                command, stdout=out, stderr=subprocess.STDOUT, start_new_session=True, **kwargs
            )
        self.running.append(process)
        return process

    def stop(self, *processes: subprocess.Popen[bytes]) -> None:
        for process in processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()

    def stop_all(self) -> None:
        self.stop(*reversed(self.running))


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    def cookies(self) -> list[str]:
        return self.headers.get_all("Set-Cookie") or []


def _tls_context() -> ssl.SSLContext:
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE  # the test's own self-signed certificate
    return context


def _request(
    port: int,
    method: str,
    path: str,
    *,
    tls: bool = True,
    source: str = "127.0.0.1",
    headers: dict[str, str] | None = None,
    body: bytes | None = None,
    host: str | None = None,
) -> Response:
    """One request from the client address `source` (any 127.x address is this machine)."""
    connection: http.client.HTTPConnection
    if tls:
        connection = http.client.HTTPSConnection(
            "127.0.0.1", port, source_address=(source, 0), context=_tls_context(), timeout=30
        )
    else:
        connection = http.client.HTTPConnection(
            "127.0.0.1", port, source_address=(source, 0), timeout=30
        )
    try:
        sent = {"Host": host or f"{HOST}:{port}", "Accept-Language": "en", **(headers or {})}
        connection.request(method, path, body=body, headers=sent)
        response = connection.getresponse()
        return Response(response.status, response.headers, response.read())
    finally:
        connection.close()


class PortalClient:
    """A browser-less client from one address: keeps the CSRF cookie, posts forms."""

    def __init__(self, port: int, source: str) -> None:
        self.port, self.source = port, source
        self.csrf = ""

    def get(self, path: str) -> Response:
        response = _request(self.port, "GET", path, source=self.source)
        for cookie in response.cookies():
            if cookie.startswith("csrftoken="):
                self.csrf = cookie.split(";", 1)[0].split("=", 1)[1]
        return response

    def post(
        self,
        path: str,
        form: dict[str, str],
        forwarded_for: str = "",
        file: tuple[str, bytes] | None = None,
    ) -> Response:
        """The form at `path` submitted with `form` (and `file` as the evidence, multipart)."""
        page = self.get(path).text
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert token is not None
        fields = {"csrfmiddlewaretoken": token.group(1), **form}
        headers = {
            "Cookie": f"csrftoken={self.csrf}",
            "Origin": f"https://{HOST}:{self.port}",
            "Referer": f"https://{HOST}:{self.port}{path}",
        }
        if forwarded_for:
            headers["X-Forwarded-For"] = forwarded_for
        if file is None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            data = urllib.parse.urlencode(fields).encode()
        else:
            boundary = secrets.token_hex(16)
            headers["Content-Type"] = f"multipart/form-data; boundary={boundary}"
            parts = [
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                f"{value}\r\n".encode()
                for name, value in fields.items()
            ]
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="evidence"; '
                f'filename="{file[0]}"\r\nContent-Type: text/plain\r\n\r\n'.encode()
                + file[1]
                + f"\r\n--{boundary}--\r\n".encode()
            )
            data = b"".join(parts)
        return _request(self.port, "POST", path, source=self.source, headers=headers, body=data)


def _wait(
    check: Callable[[], bool],
    what: str,
    seconds: float,
    log: Path | None = None,
    process: subprocess.Popen[bytes] | None = None,
) -> None:
    deadline = time.monotonic() + seconds

    def tail() -> str:
        return log.read_text(errors="replace")[-3000:] if log and log.exists() else ""

    while time.monotonic() < deadline:
        try:
            if check():
                return
        except OSError:
            pass
        if process is not None and process.poll() is not None:
            raise AssertionError(f"{what}: the process ended ({process.returncode})\n{tail()}")
        time.sleep(0.3)
    raise AssertionError(f"{what} did not happen within {seconds} s\n{tail()}")


# --- PostgreSQL -------------------------------------------------------------------------------


def _database_url(name: str) -> str:
    return urllib.parse.urlsplit(_pg_url)._replace(path=f"/{name}").geturl()


def _psql(sql: str, database: str = "postgres") -> list[tuple[Any, ...]]:
    import psycopg

    with psycopg.connect(_database_url(database), autocommit=True) as connection:
        cursor = connection.execute(sql)
        return cursor.fetchall() if cursor.description else []


@pytest.fixture
def fresh_database() -> Iterator[str]:
    """A new, empty database on the test server, dropped at the end whatever happened."""
    name = f"senim_production_{secrets.token_hex(5)}"
    _psql(f'CREATE DATABASE "{name}"')
    try:
        yield name
    finally:
        _psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def processes() -> Iterator[Processes]:
    running = Processes()
    try:
        yield running
    finally:
        running.stop_all()


def _base_environment(tmp_path: Path) -> dict[str, str]:
    """The test's environment without Senim's settings (the README gives those), with the
    suite's own installation of Senim on the PATH in place of the README's /opt/senim."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SENIM_", "DATABASE_URL"))}
    # The browser tests' conftest sets this for the live server in the test process; a
    # production host has no such thing (and `check --deploy` refuses it).
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["HOME"] = str(tmp_path)  # fontconfig's cache for WeasyPrint, as a service user's
    return env


# --- nginx --------------------------------------------------------------------------------------


@dataclass
class Nginx:
    tls_port: int
    http_port: int
    upstream_port: int
    body_limit: int
    logs: list[Path]


def _nginx_site(
    cert: Path, key: Path, tls_port: int, http_port: int, upstream: int, log: Path
) -> str:
    """deploy/nginx/senim.conf with this machine's ports, certificate and log path."""
    site = NGINX_SITE.read_text()
    replacements = [
        (f"server {UPSTREAM};", f"server 127.0.0.1:{upstream};"),
        ("listen 80;", f"listen 127.0.0.1:{http_port};"),
        ("listen 443 ssl http2;", f"listen 127.0.0.1:{tls_port} ssl http2;"),
        ("listen [::]:80;", ""),  # the test machine may have no IPv6
        ("listen [::]:443 ssl http2;", ""),
        (f"/etc/letsencrypt/live/{HOST}/fullchain.pem", str(cert)),
        (f"/etc/letsencrypt/live/{HOST}/privkey.pem", str(key)),
        ("/var/log/nginx/senim.error.log", str(log)),
    ]
    for old, new in replacements:
        assert old in site, f"deploy/nginx/senim.conf no longer has {old!r}: update this test"
        site = site.replace(old, new)
    return site


@pytest.fixture
def nginx(processes: Processes) -> Iterator[Nginx]:
    """Debian's nginx in the foreground with the shipped site, on free 127.0.0.1 ports."""
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    assert Path(binary).exists(), "nginx is not installed: `make test` installs Debian's nginx"
    # Outside pytest's tmp_path: nginx's workers (an unprivileged user when the test runs as
    # root) must reach their temporary files, and pytest's base directory is private.
    home = Path(tempfile.mkdtemp(prefix="senim-nginx-"))
    home.chmod(0o711)
    server: subprocess.Popen[bytes] | None = None
    try:
        cert, key = home / "cert.pem", home / "key.pem"
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
             "-nodes", "-days", "2", "-subj", f"/CN={HOST}", "-addext",
             f"subjectAltName=DNS:{HOST}", "-keyout", str(key), "-out", str(cert)],
            check=True, capture_output=True,
        )  # fmt: skip
        tls_port, http_port, upstream = free_port(), free_port(), free_port()
        site_log, main_log, access_log = (
            home / "senim.error.log",
            home / "error.log",
            home / "access.log",
        )
        (home / "senim.conf").write_text(
            _nginx_site(cert, key, tls_port, http_port, upstream, site_log)
        )
        # Debian's nginx.conf, reduced: its global access log stays, so the test shows that the
        # site's own `access_log off` is what keeps client addresses out of it.
        (home / "nginx.conf").write_text(
            f"""worker_processes 1;
events {{ worker_connections 128; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {access_log};
    client_body_temp_path {home}/client_body;
    proxy_temp_path {home}/proxy;
    fastcgi_temp_path {home}/fastcgi;
    uwsgi_temp_path {home}/uwsgi;
    scgi_temp_path {home}/scgi;
    include {home}/senim.conf;
}}
"""
        )
        command = [binary, "-p", str(home), "-c", str(home / "nginx.conf"), "-e", str(main_log)]
        checked = subprocess.run([*command, "-t"], capture_output=True, text=True)
        assert checked.returncode == 0, checked.stderr
        server = processes.start(
            [*command, "-g", f"daemon off; pid {home}/nginx.pid;"], home / "nginx.out"
        )
        limit = re.search(r"client_max_body_size (\d+)m;", NGINX_SITE.read_text())
        assert limit is not None
        _wait(lambda: _request(tls_port, "GET", "/").status == 502, "nginx", 10, main_log)
        yield Nginx(
            tls_port, http_port, upstream, int(limit.group(1)) * 1024 * 1024,
            [main_log, site_log, access_log],
        )  # fmt: skip
    finally:
        if server is not None:
            processes.stop(server)
        shutil.rmtree(home, ignore_errors=True)


# --- the tests ----------------------------------------------------------------------------------


@needs_postgres
@pytest.mark.browser
def test_the_readme_production_section_runs_behind_nginx(
    tmp_path: Path, fresh_database: str, processes: Processes, nginx: Nginx
) -> None:
    block = production_block()
    placeholders = {name for name, value in block.environment.items() if "..." in value}
    assert placeholders <= FILLED, f"the README leaves {placeholders - FILLED} to the operator"
    assert block.environment["SENIM_ENV"] == "production"

    env = _base_environment(tmp_path)
    env.update(block.environment)
    env.update(
        DATABASE_URL=_database_url(fresh_database),
        SECRET_KEY=secrets.token_urlsafe(64),
        SENIM_VAULT_KEY=secrets.token_urlsafe(64),
        SENIM_RECEIPT_PEPPER=secrets.token_urlsafe(64),
        # The browser reaches nginx on a port of its own, which its Origin header names.
        SENIM_CSRF_TRUSTED_ORIGINS=f"https://{HOST}:{nginx.tls_port}",
        SENIM_VAR_DIR=str(tmp_path / "var"),
        # No mail server here: the worker's notices are written to its output instead.
        SENIM_EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend",
    )
    assert set(block.environment) >= FILLED | LOCAL
    assert env["SENIM_ALLOWED_HOSTS"] == HOST and env["SENIM_BEHIND_PROXY"] == "true"

    # The commands, in the README's order: the servers started and waited for, the rest run.
    serve_log, worker_log = tmp_path / "serve.log", tmp_path / "worker.log"
    ran: list[str] = []
    for command in block.commands:
        command = [word.replace(UPSTREAM, f"127.0.0.1:{nginx.upstream_port}") for word in command]
        what = command[1]
        ran.append(what)
        if what == "serve":
            assert "--migrate" in command, "the README's one machine starts with --migrate"
            server = processes.start(command, serve_log, env=env, cwd=tmp_path)
            _wait(
                lambda: _request(nginx.tls_port, "GET", "/healthz").status != 502,
                "`senim serve --migrate` on a fresh database, behind nginx",
                120,
                serve_log,
                server,
            )
            health = _request(nginx.tls_port, "GET", "/healthz")
            assert health.status == 200, f"/healthz through nginx: {health.status}"
        elif what == "worker":
            worker = processes.start(command, worker_log, env=env, cwd=tmp_path)
        else:
            stdin = f"{ADMIN_PASSWORD}\n" if command[1:3] == ["staff", "add"] else ""
            result = subprocess.run(
                command, env=env, cwd=tmp_path, input=stdin, capture_output=True, text=True
            )
            assert result.returncode == 0, f"{shlex.join(command)}\n{result.stdout}{result.stderr}"
            assert "Traceback" not in result.stderr
    assert ran[:3] == ["serve", "worker", "sweep"] and "staff" in ran
    setup_output = serve_log.read_text()
    assert re.search(r"migrations: [1-9]\d* to apply", setup_output), setup_output
    assert f"{SHIPPED_COURTS} courts added" in setup_output
    admin_username = next(c[3] for c in block.commands if c[1:3] == ["staff", "add"])

    # A second setup (what every restart with --migrate does) changes nothing. (How long it
    # takes is no test's business: a loaded machine once took 22 s.)
    again = subprocess.run(
        ["senim", "setup"], env=env, cwd=tmp_path, capture_output=True, text=True, check=True
    )
    assert "migrations: 0 to apply" in again.stdout
    assert "0 static files copied" in again.stdout
    assert f"0 courts added, {SHIPPED_COURTS} kept, 0 units added" in again.stdout

    _check_protocol_and_static_files(nginx)
    _check_body_limit(nginx)
    _check_client_address(nginx)
    number = _in_own_thread(_check_browser_journey, nginx, admin_username, env, tmp_path)
    _check_worker_delivers(fresh_database, worker_log)
    assert server.poll() is None and worker.poll() is None  # both still serving

    sweep = subprocess.run(
        ["senim", "sweep"], env=env, cwd=tmp_path, capture_output=True, text=True
    )
    assert sweep.returncode == 0 and "Traceback" not in sweep.stderr, sweep.stderr
    assert "sessions_prune" in sweep.stdout

    # Nothing on the way keeps the clients' addresses (the worker's log is left out: it holds
    # the test's console e-mail, addressed to the reporter by the reporter's own choice).
    for log in [*nginx.logs, serve_log]:
        written = log.read_text(errors="replace") if log.exists() else ""
        for address in ("127.0.0.2", "127.0.0.3", "127.0.0.9"):
            assert address not in written, f"{log.name} names the client {address}"
        assert "reporter@example.kz" not in written and number not in written


def _check_protocol_and_static_files(nginx: Nginx) -> None:
    # Straight to gunicorn, without nginx's X-Forwarded-Proto, Senim sends HTTP to HTTPS...
    direct = _request(nginx.upstream_port, "GET", "/", tls=False, host=HOST)
    assert direct.status == 301 and direct.headers["Location"] == f"https://{HOST}/"
    # ...nginx's own HTTP port does the same...
    plain = _request(nginx.http_port, "GET", "/follow-up/", tls=False, host=HOST)
    assert plain.status == 301 and plain.headers["Location"] == f"https://{HOST}/follow-up/"
    # ...and through nginx's HTTPS the page is served, not redirected again (no loop), with
    # HSTS and Secure cookies because Senim believes the forwarded protocol.
    page = _request(nginx.tls_port, "GET", "/follow-up/")
    assert page.status == 200, page.text[:500]
    assert "max-age=31536000" in page.headers["Strict-Transport-Security"]
    csrf = next(c for c in page.cookies() if c.startswith("csrftoken="))
    assert "; Secure" in csrf and "SameSite=Strict" in csrf
    # What docs/deploy.md tells a monitor to send straight to gunicorn.
    direct_health = _request(
        nginx.upstream_port,
        "GET",
        "/healthz",
        tls=False,
        host=HOST,
        headers={"X-Forwarded-Proto": "https"},
    )
    assert direct_health.status == 200
    css = _request(nginx.tls_port, "GET", "/static/senim/senim.css")
    assert css.status == 200 and css.headers["Content-Type"].startswith("text/css")
    assert b"--brand: #0b4f8a" in css.body
    assert _request(nginx.tls_port, "GET", "/static/senim/missing.css").status == 404


def _check_body_limit(nginx: Nginx) -> None:
    # The site's limit holds the largest report Senim accepts (5 x 10 MB and the form), so
    # that nginx's bare 413 never stands in for Senim's own explanation.
    files = settings.SENIM_ATTACHMENT_MAX_BYTES * settings.SENIM_ATTACHMENT_MAX_COUNT
    assert nginx.body_limit >= settings.SENIM_MAX_REQUEST_BYTES > files
    # A larger body is refused by nginx from its Content-Length, before a byte is read...
    connection = http.client.HTTPSConnection(
        "127.0.0.1", nginx.tls_port, context=_tls_context(), timeout=30
    )
    try:
        connection.putrequest("POST", "/report/", skip_host=True)
        connection.putheader("Host", f"{HOST}:{nginx.tls_port}")
        connection.putheader("Content-Type", "multipart/form-data; boundary=x")
        connection.putheader("Content-Length", str(nginx.body_limit + 1))
        connection.endheaders()
        refused = connection.getresponse()
        assert refused.status == 413 and b"nginx" in refused.read()
    finally:
        connection.close()
    # ...while a body within it (larger than Django keeps in memory) reaches Senim and is read
    # there: this report lacks its fields, so the form comes back, saying the file was dropped.
    within = PortalClient(nginx.tls_port, "127.0.0.1").post(
        "/report/", {}, file=("notes.txt", b"evidence line\n" * 250_000)
    )
    assert within.status == 200, within.status
    # Refusals Senim sends without reading the body come through as Senim's own pages, never
    # as nginx's 502 (gunicorn closing on an unread body reset nginx mid-send; see
    # senim.core.middleware._drain_for_proxy): over Senim's limit but within nginx's, and
    # a form posted without its CSRF cookie. Ten times each, as the reset was intermittent
    # (3 in 12 without the drain).
    over = settings.SENIM_MAX_REQUEST_BYTES + 1024 * 1024
    if over < nginx.body_limit:
        for _ in range(10):
            refused_413 = _request(
                nginx.tls_port,
                "POST",
                "/report/",
                headers={"Content-Type": "application/octet-stream"},
                body=b"x" * over,
            )
            assert refused_413.status == 413, refused_413.status
            assert b"nginx" not in refused_413.body
    for _ in range(10):
        refused_403 = _request(
            nginx.tls_port,
            "POST",
            "/report/",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
            body=b"subject=" + b"x" * 2_000_000,
        )
        assert refused_403.status == 403, refused_403.status


def _check_client_address(nginx: Nginx) -> None:
    """The follow-up throttle counts per client as nginx saw it: the last X-Forwarded-For
    entry, whatever a client writes into the header itself."""
    limit = settings.SENIM_FOLLOW_UP_ATTEMPTS  # the default: the README sets none
    wrong = {"code": "1234 5678 9012 3456"}
    guesser, neighbour = (
        PortalClient(nginx.tls_port, "127.0.0.2"),
        PortalClient(nginx.tls_port, "127.0.0.3"),
    )
    for _ in range(limit):
        assert guesser.post("/follow-up/", wrong).status == 200
    assert guesser.post("/follow-up/", wrong).status == 429
    # Claiming to be someone else in the header does not help: nginx appends the real address.
    assert guesser.post("/follow-up/", wrong, forwarded_for="127.0.0.3").status == 429
    assert guesser.post("/follow-up/", wrong, forwarded_for="127.0.0.9, 127.0.0.3").status == 429
    # Another address is counted on its own, even when it names the blocked one.
    assert neighbour.post("/follow-up/", wrong).status == 200
    assert neighbour.post("/follow-up/", wrong, forwarded_for="127.0.0.2").status == 200


def _in_own_thread(check: Callable[..., str], *args: Any) -> str:
    """Run `check` in a thread of its own: the browser tests' session-wide Playwright keeps an
    event loop in this worker's main thread when they ran first, and Playwright's sync API
    refuses to start inside a running loop."""
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["value"] = check(*args)
        except BaseException as failure:  # noqa: BLE001 - re-raised in the test's thread
            outcome["failure"] = failure

    thread = threading.Thread(target=run, name="production-browser")
    thread.start()
    thread.join()
    if "failure" in outcome:
        raise outcome["failure"]
    return str(outcome["value"])


def _check_browser_journey(nginx: Nginx, admin: str, env: dict[str, str], tmp_path: Path) -> str:
    from playwright.sync_api import sync_playwright

    base = f"https://{HOST}:{nginx.tls_port}"
    chromium = os.environ.get("SENIM_CHROMIUM") or shutil.which("chromium")
    assert chromium, "Chromium not found: install Debian's chromium (make test does)"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                # The site's name leads to this machine's nginx, as DNS would lead to a server.
                f"--host-resolver-rules=MAP {HOST} 127.0.0.1",
            ],
        )
        try:
            context = browser.new_context(locale="en-GB", ignore_https_errors=True)
            page = context.new_page()
            page.set_default_timeout(20_000)
            stylesheets: list[int] = []
            page.on(
                "response",
                lambda r: stylesheets.append(r.status) if r.url.endswith("/senim.css") else None,
            )

            # The portal, its stylesheet applied.
            first = page.goto(f"{base}/")
            assert first is not None and first.status == 200 and page.url == f"{base}/"
            assert stylesheets == [200]
            header = page.eval_on_selector(
                ".site-header", "e => getComputedStyle(e).backgroundColor"
            )
            assert header == "rgb(11, 79, 138)"  # --brand in senim.css

            # A named report, the reporter asking for notices by e-mail.
            page.get_by_role("link", name="Write a report").click()
            page.get_by_label("report of a violation by a court official").check()
            page.get_by_label("What is it about?").select_option("bribery")
            page.get_by_label("Which court is concerned?").select_option("DST-75-03")
            page.get_by_label("Short title").fill("Money for scheduling a hearing")
            page.get_by_label("What happened?").fill("The secretary asked for 50 000 tenge.")
            page.get_by_label("Yes, I give my name").check()
            page.get_by_label("Full name").fill("Асель Нурланова")
            page.get_by_label("E-mail", exact=True).fill("reporter@example.kz")
            page.get_by_label("also by e-mail").check()
            page.get_by_role("button", name="Send the report").click()
            assert page.locator("h1").inner_text() == "Your report is registered"
            number = page.locator(".coupon-number").inner_text()
            code = page.locator(".receipt-code").inner_text()
            assert re.fullmatch(r"\d{4} \d{4} \d{4} \d{4}", code)

            # The reporter follows up from 127.0.0.1 while 127.0.0.2 stays locked out.
            page.goto(f"{base}/follow-up/")
            page.get_by_label("Receipt code").fill(code)
            page.get_by_role("button", name="Open").click()
            assert number in page.locator("h1").inner_text()

            # The first administrator, added by the README's `senim staff add`, logs in; the
            # session cookie is Secure, as the forwarded protocol says HTTPS.
            page.goto(f"{base}/office/login/")
            page.get_by_label("Username").fill(admin)
            page.get_by_label("Password").fill(ADMIN_PASSWORD)
            page.get_by_role("button", name="Log in").click()
            # In production an administrator enrols a second factor before anything else.
            _enrol_authenticator_app(page, base)
            cookies = {c["name"]: c for c in context.cookies()}
            assert cookies["senim_office"]["secure"] and cookies["senim_office"]["httpOnly"]
            assert cookies["csrftoken"]["secure"]
            context.close()

            # A coordinator (added the same way) writes to the reporter: a notice for the worker.
            coordinator_password = "coordinator " + secrets.token_hex(8)
            subprocess.run(
                ["senim", "staff", "add", "coordinator", "--unit", "CENTRAL", "--role",
                 "coordinator"],
                env=env, cwd=tmp_path, input=f"{coordinator_password}\n", text=True,
                check=True, capture_output=True,
            )  # fmt: skip
            context = browser.new_context(locale="en-GB", ignore_https_errors=True)
            page = context.new_page()
            page.set_default_timeout(20_000)
            page.goto(f"{base}/office/login/")
            page.get_by_label("Username").fill("coordinator")
            page.get_by_label("Password").fill(coordinator_password)
            page.get_by_role("button", name="Log in").click()
            _enrol_authenticator_app(page, base)
            page.goto(f"{base}/office/cases/")
            page.get_by_role("link", name=number).first.click()
            form = page.locator("details", has_text="Write to the reporter")
            form.locator("summary").click()
            form.get_by_label("Message to the reporter").fill("Please send the receipt.")
            form.get_by_role("button", name="Save").click()
            page.wait_for_load_state()
            assert "Please send the receipt." in page.content()
            context.close()
        finally:
            browser.close()
    return number


def _enrol_authenticator_app(page: Any, base: str) -> None:
    """The first sign-in of someone who must have a second factor: the enrolment page, an
    authenticator app added by the key shown (the code computed as the app would), the
    recovery codes, and then the office."""
    page.wait_for_url(f"{base}/office/security/enrol/")
    page.get_by_role("link", name="Add an authenticator app").first.click()
    page.wait_for_url(f"{base}/office/2fa/totp/activate/")
    secret = page.locator("#totp-secret").inner_text().replace(" ", "")
    page.get_by_label("The six-digit code your app shows now").fill(totp(secret))
    page.get_by_role("button", name="Turn on the authenticator app").click()
    page.wait_for_url(f"{base}/office/2fa/recovery-codes/")
    assert page.locator("main ol li").count() == 10
    page.goto(f"{base}/office/")
    page.wait_for_url(f"{base}/office/")


def _check_worker_delivers(database: str, worker_log: Path) -> None:
    """`senim worker` takes the notice from the database queue and sends it."""

    def drained() -> bool:
        rows = _psql(
            "SELECT status, count(*) FROM django_tasks_database_dbtaskresult GROUP BY status",
            database,
        )
        counts = dict(rows)
        return bool(counts) and set(counts) == {"SUCCESSFUL"}

    _wait(drained, "the worker draining its queue", 30, worker_log)
    assert "reporter@example.kz" in worker_log.read_text()  # the console "mail server"


@needs_postgres
def test_hosts_started_together_set_up_the_database_once(
    tmp_path: Path, fresh_database: str
) -> None:
    """Two hosts running `senim setup` (or serve --migrate) at once on a fresh database: the
    advisory lock lets one migrate and load the registry while the other waits, then finds
    nothing to do. Without it both would create the same tables."""
    env = _base_environment(tmp_path)
    env.update(
        SENIM_ENV="production",
        DATABASE_URL=_database_url(fresh_database),
        SECRET_KEY=secrets.token_urlsafe(64),
        SENIM_VAULT_KEY=secrets.token_urlsafe(64),
        SENIM_RECEIPT_PEPPER=secrets.token_urlsafe(64),
        SENIM_ALLOWED_HOSTS=HOST,
    )
    hosts = [
        subprocess.Popen(
            ["senim", "setup"],
            env={**env, "SENIM_VAR_DIR": str(tmp_path / f"host{n}")},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for n in (1, 2)
    ]
    outputs = [host.communicate(timeout=120)[0] for host in hosts]
    assert [host.returncode for host in hosts] == [0, 0], outputs
    assert sum(f"{SHIPPED_COURTS} courts added" in output for output in outputs) == 1, outputs
    assert sum(f"0 courts added, {SHIPPED_COURTS} kept" in output for output in outputs) == 1, (
        outputs
    )
    assert _psql("SELECT count(*) FROM organization_court", fresh_database) == [(SHIPPED_COURTS,)]
    for n in (1, 2):  # each host has its own static files
        assert (tmp_path / f"host{n}" / "static" / "senim" / "senim.css").exists()


def test_systemd_units_run_the_readme_commands() -> None:
    """The units shipped for one machine start exactly what the README's block runs."""
    readme = [shlex.join(command) for command in production_block().commands]
    for unit in ("senim-web.service", "senim-worker.service", "senim-sweep.service"):
        text = (SYSTEMD / unit).read_text()
        exec_start = re.search(r"^ExecStart=/opt/senim/bin/(.+)$", text, re.M)
        assert exec_start is not None, unit
        assert exec_start.group(1) in readme, f"{unit} runs {exec_start.group(1)!r}"
        assert "EnvironmentFile=/etc/senim/senim.env" in text
    assert "OnUnitActiveSec=5min" in (SYSTEMD / "senim-sweep.timer").read_text()
    assert "every 5 minutes" in _readme_block()


@pytest.mark.parametrize("command", ["serve", "setup"])
def test_production_refuses_to_start_without_its_secrets(tmp_path: Path, command: str) -> None:
    env = _base_environment(tmp_path)
    env.update(
        SENIM_ENV="production",
        DATABASE_URL="postgres://nobody@127.0.0.1:1/none",  # never reached
        SECRET_KEY=secrets.token_urlsafe(64),
        SENIM_RECEIPT_PEPPER=secrets.token_urlsafe(64),
        SENIM_ALLOWED_HOSTS=HOST,
        SENIM_VAR_DIR=str(tmp_path),
    )
    result = subprocess.run(
        ["senim", command], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert "SENIM_VAULT_KEY is not set" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "secrets").exists()  # nothing generated in its place


@pytest.mark.django_db
def test_staff_add_makes_a_staff_member_and_refuses_what_the_office_would(
    registry: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`senim staff add`, the README's way to the first administrator, through the same
    service (and rules) as the office; the password from standard input, never an argument."""
    import io

    from senim.cli import main
    from senim.organization.models import StaffMember
    from tests.conftest import PASSWORD

    def add(*args: str, password: str = PASSWORD) -> int:
        monkeypatch.setattr(sys, "stdin", io.StringIO(f"{password}\n"))
        return main(["staff", "add", *args])

    assert add("admin", "--unit", "CENTRAL", "--role", "administrator") == 0
    member = StaffMember.objects.select_related("user").get(user__username="admin")
    assert member.role == "administrator" and member.unit.code == "CENTRAL"
    assert member.user.check_password(PASSWORD)
    assert add("admin", "--unit", "CENTRAL", "--role", "administrator") == 1
    assert add("c1", "--unit", "TD-REG-75", "--role", "coordinator") == 1
    assert add("c2", "--unit", "NOWHERE", "--role", "chief") == 2
    assert add("c3", "--unit", "CENTRAL", "--role", "boss") == 2
    assert add("c4", "--unit", "CENTRAL", "--role", "analyst", password="short") == 1
    errors = capsys.readouterr().err
    assert "'admin' already exists" in errors
    assert "This role exists only in the central department." in errors  # English for operators
    assert "too short" in errors
    assert StaffMember.objects.count() == 1
