"""Several hosts, none keeping state of its own: two `senim serve` hosts (gunicorn, as the
command starts it) behind Debian's nginx, a shared Redis for the cache and the throttles, two
task workers, one database. Under a portal load one web host is killed with SIGKILL, and while
the workers send notices one of them is killed too:

- nginx goes on serving through the survivor: every report sent after the kill is registered;
- every acknowledged report is stored exactly once, and no report is stored twice;
- every notice goes out exactly once, or (the one in flight at the kill) is reported as
  interrupted and never sent again.

It uses the test database (committed writes: transaction=True), on PostgreSQL: several hosts
share PostgreSQL, never one SQLite file.
"""

from __future__ import annotations

import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client, override_settings
from django_tasks_db.models import DBTaskResult

from senim.cli import _gunicorn
from senim.intake import mailbox as intake
from senim.intake.anonymity import AnonymousPolicy
from senim.intake.models import Appeal, Delivery
from senim.organization.models import Role
from senim.sweep import sweep
from tests.intake_helpers import coupon_of, report_data
from tests.ports import free_port
from tests.served import Browser, Server, _wait_until_healthy
from tests.slow_outbox import holder, letters, started
from tests.test_worker_faults import database_url

ROOT = Path(__file__).resolve().parent.parent
REPORTS_BEFORE, REPORTS_AFTER, NOTICES = 12, 12, 10
LOAD_SECONDS = 2.0
HOLD_AT = 4  # the notice in flight when a worker is killed


class Processes:
    def __init__(self, directory: Path, env: dict[str, str]) -> None:
        self.directory, self.env, self.started = directory, env, []  # type: ignore[var-annotated]

    def start(self, name: str, command: list[str], **env: str) -> subprocess.Popen[bytes]:
        log = (self.directory / f"{name}.log").open("ab")
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env={**os.environ, **self.env, **env},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.started.append(process)
        return process

    def kill(self, process: subprocess.Popen[bytes]) -> None:
        """SIGKILL to the whole process group: the host is gone at once."""
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)

    def stop_all(self) -> None:
        for process in self.started:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.started:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)


@contextmanager
def _topology(
    tmp_path: Path, outbox: Path
) -> Iterator[tuple[Processes, Server, list[tuple[subprocess.Popen[bytes], int]]]]:
    connection.close()
    redis_port = free_port()
    env = {
        "DATABASE_URL": database_url(),
        "SENIM_ENV": "development",
        "SENIM_CACHE_URL": f"redis://127.0.0.1:{redis_port}/0",
        "SENIM_BEHIND_PROXY": "true",
        "SENIM_EMAIL_BACKEND": "tests.slow_outbox.SlowOutbox",
        "SENIM_TEST_OUTBOX": str(outbox),
        "SENIM_TEST_MAIL_SECONDS": "0.3",
        "SENIM_TEST_MAIL_HOLD_AT": str(HOLD_AT),
        "SENIM_TEST_MAIL_HOLD_SECONDS": "30",
        "SENIM_TASK_LEASE_SECONDS": "1",
    }
    processes = Processes(tmp_path, env)
    home = Path(tempfile.mkdtemp(prefix="senim-topology-"))
    home.chmod(0o711)
    try:
        redis = shutil.which("redis-server") or "/usr/bin/redis-server"
        processes.start(
            "redis",
            [redis, "--port", str(redis_port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(home)],
        )  # fmt: skip
        hosts = []
        for name in ("web-a", "web-b"):
            port = free_port()
            process = processes.start(name, _gunicorn(f"127.0.0.1:{port}", workers=2, threads=4))
            _wait_until_healthy(port, process, tmp_path / f"{name}.log")
            hosts.append((process, port))
        front = free_port()
        upstreams = "\n".join(
            f"        server 127.0.0.1:{port} max_fails=1 fail_timeout=30s;" for _p, port in hosts
        )
        (home / "nginx.conf").write_text(
            f"""worker_processes 1;
events {{ worker_connections 256; }}
http {{
    access_log off;
    client_body_temp_path {home}/client_body;
    proxy_temp_path {home}/proxy;
    fastcgi_temp_path {home}/fastcgi;
    uwsgi_temp_path {home}/uwsgi;
    scgi_temp_path {home}/scgi;
    upstream senim {{
{upstreams}
    }}
    server {{
        listen 127.0.0.1:{front};
        location / {{
            proxy_pass http://senim;
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            # A host that is gone: the request goes to the other one (a POST only when it
            # never reached the dead host, so nothing is registered twice).
            proxy_next_upstream error timeout;
        }}
    }}
}}
"""
        )
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        processes.start(
            "nginx",
            [nginx, "-p", str(home), "-c", str(home / "nginx.conf"), "-e",
             str(home / "error.log"), "-g", f"daemon off; pid {home}/nginx.pid;"],
        )  # fmt: skip
        _wait_until_healthy(front, processes.started[-1], home / "error.log")
        yield processes, Server("127.0.0.1", front, home / "error.log"), hosts
    finally:
        processes.stop_all()
        shutil.rmtree(home, ignore_errors=True)


def _wait_until_refused(port: int, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
        except ConnectionRefusedError:
            return
        except OSError:
            pass
        time.sleep(0.05)
    raise AssertionError(f"the killed host's port {port} still accepts connections")


def _report(server: Server, n: int) -> tuple[str, str | None, str]:
    """Send report n; its subject, its number when the portal acknowledged it, and else why
    not (for the assertion's message)."""
    subject = f"Topology report {n}"
    visitor = Browser(server, source=f"127.0.{n + 10}.7")
    try:
        visitor.open_form("/report/")
        fields = {k: str(v) for k, v in report_data(subject=subject).items()}
        answer = visitor.request("POST", "/report/", fields, timeout=120)
    except (OSError, http.client.HTTPException, AssertionError) as problem:
        # Refused, reset, or cut off mid-answer (the host was killed while sending the form
        # or the coupon): not acknowledged, so the reporter would send it again.
        return subject, None, f"{type(problem).__name__}: {problem}"
    if answer.status != 200:
        return subject, None, f"HTTP {answer.status}"
    number, _code = coupon_of(answer.body)
    return subject, number, ""


def _load(server: Server, numbers: range, spread: float = 0.0) -> list[tuple[str, str | None, str]]:
    """Send the reports at once, or one after the other over `spread` seconds."""
    results: list[tuple[str, str | None, str]] = []
    lock = threading.Lock()

    def send(n: int) -> None:
        time.sleep(spread * (n - numbers.start) / len(numbers))
        result = _report(server, n)
        with lock:
            results.append(result)

    threads = [threading.Thread(target=send, args=(n,)) for n in numbers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    # Every report has its answer (a thread that died would hide one).
    assert len(results) == len(numbers)
    return results


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")),
    reason="several hosts share PostgreSQL (docs/deploy.md); SQLite is one host's database, "
    "and web hosts killed with SIGKILL around it are not a deployment: the PostgreSQL half runs it",
)
@pytest.mark.django_db(transaction=True)
def test_two_hosts_and_two_workers_survive_the_loss_of_one_of_each(
    registry, make_staff, tmp_path: Path
) -> None:
    outbox = tmp_path / "outbox"
    outbox.mkdir()
    chief = make_staff(Role.CHIEF, "REG-75", username="chief-topology")
    with _topology(tmp_path, outbox) as (processes, front, hosts):
        # The web hosts: a load through nginx, one host killed in the middle of it.
        acknowledged: list[tuple[str, str | None, str]] = []
        # Sent over LOAD_SECONDS, the host killed halfway: on a fast machine reports sent at
        # once were all answered before the kill.
        first = threading.Thread(
            target=lambda: acknowledged.extend(
                _load(front, range(REPORTS_BEFORE), spread=LOAD_SECONDS)
            )
        )
        first.start()
        time.sleep(LOAD_SECONDS / 2)
        processes.kill(hosts[0][0])
        first.join(timeout=300)
        # The kernel tears the host's workers down just after the kill returns: connections
        # it accepts meanwhile are reset, and a POST reset after nginx passed it on is not
        # passed to the other host (it might have been registered). "After the kill" is once
        # the host refuses connections.
        _wait_until_refused(hosts[0][1])
        after = _load(front, range(REPORTS_BEFORE, REPORTS_BEFORE + REPORTS_AFTER))
        refused = [(subject, why) for subject, number, why in after if number is None]
        assert not refused, (
            f"nginx did not serve through the survivor: {refused}; hosts {hosts}\n"
            f"{front.log_text()[-3000:]}\n"
            f"{(tmp_path / 'web-b.log').read_text(errors='replace')[-3000:]}"
        )

        stored = dict(Appeal.objects.values_list("subject", "number"))
        for subject, number, _why in acknowledged + after:
            if number is not None:
                assert stored.get(subject) == number  # acknowledged: stored, once
        assert len(stored) == len(set(stored.values()))  # nothing stored twice
        assert Appeal.objects.filter(subject__startswith="Topology report").count() == len(stored)

        # The workers: notices to named reporters who chose e-mail, one worker killed with a
        # letter in flight.
        with override_settings(SENIM_ANONYMOUS_POLICY=AnonymousPolicy.ISO_37002):
            for i in range(NOTICES):
                data = report_data(
                    subject=f"Notice {i}",
                    identity="named",
                    full_name=f"Reporter {i}",
                    email=f"reporter{i}@example.kz",
                    contact_by="email",
                )
                coupon_of(Client().post("/report/", data).content.decode())
        for appeal in Appeal.objects.filter(subject__startswith="Notice "):
            intake.message_to_reporter(appeal=appeal, body="A question for you", author=chief)
        assert Delivery.objects.filter(state="pending").count() == NOTICES
        worker_command = [sys.executable, "-m", "senim.cli", "manage", "db_worker",
                          "--no-startup-delay"]  # fmt: skip
        workers = [processes.start(f"worker-{n}", worker_command) for n in (1, 2)]
        deadline = time.monotonic() + 120
        while started(outbox) < HOLD_AT:
            assert time.monotonic() < deadline, "the workers did not start sending"
            time.sleep(0.02)
        victim = next(w for w in workers if w.pid == holder(outbox, HOLD_AT))
        processes.kill(victim)
        time.sleep(1.1)  # the killed worker's lease runs out
        with override_settings(SENIM_TASK_LEASE_SECONDS=1):
            sweep()
        deadline = time.monotonic() + 180
        while DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).exists():
            assert time.monotonic() < deadline, "the surviving worker did not drain the queue"
            time.sleep(0.2)

    states = sorted(Delivery.objects.values_list("state", flat=True))
    assert states.count("sent") == NOTICES - 1 and states.count("interrupted") == 1
    sent = letters(outbox)
    assert len(sent) == len(set(sent)) == NOTICES - 1, "a notice went out twice or was lost"
