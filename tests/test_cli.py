"""The `senim` command end to end: `senim demo` serves the portal, the office and /healthz."""

from __future__ import annotations

import http.cookiejar
import os
import re
import signal
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.ports import free_port

ROOT = Path(__file__).resolve().parent.parent


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SENIM_", "DATABASE_URL"))}
    env.update({"SENIM_VAR_DIR": str(tmp_path), "SENIM_DEMO_PASSWORD": "demo-pass-123"})
    return env


def _wait_for(url: str, deadline: float) -> None:
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"{url} did not answer in time")


@pytest.fixture
def demo_server(tmp_path: Path):
    port = free_port()
    log = (tmp_path / "demo.log").open("w+")
    process = subprocess.Popen(
        [sys.executable, "-m", "senim.cli", "demo", "--port", str(port), "--cases", "40"],
        cwd=ROOT,
        env=_env(tmp_path),
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        _wait_for(f"http://127.0.0.1:{port}/healthz", time.monotonic() + 120)
        yield f"http://127.0.0.1:{port}", tmp_path / "demo.log"
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
        log.close()


def test_demo_serves_portal_office_and_health_and_its_logins_work(demo_server) -> None:
    base, log_path = demo_server
    output = log_path.read_text()
    assert f"{base}/office/" in output
    assert "demo-pass-123" in output
    for login in ("admin", "central", "analyst", "auditor", "operator", "chief-almaty"):
        assert re.search(rf"^\s+{re.escape(login)}\s", output, re.M), login

    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.addheaders = [("Accept-Language", "en")]
    assert "Report corruption in the courts" in opener.open(f"{base}/").read().decode()
    login_page = opener.open(f"{base}/office/").read().decode()
    assert "Staff login" in login_page
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login_page)
    assert token is not None
    form = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": token.group(1),
            "username": "investigator-almaty",
            "password": "demo-pass-123",
        }
    ).encode()
    request = urllib.request.Request(f"{base}/office/login/", data=form, headers={"Referer": base})
    home = opener.open(request).read().decode()
    assert "Welcome" in home and "Almaty City Court" in home


def test_second_demo_start_reuses_the_data(tmp_path: Path) -> None:
    run = [sys.executable, "-m", "senim.cli", "demo", "--no-serve", "--cases", "30"]
    first = subprocess.run(run, cwd=ROOT, env=_env(tmp_path), capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    appeals_after_first = _appeal_count(tmp_path)
    second = subprocess.run(run, cwd=ROOT, env=_env(tmp_path), capture_output=True, text=True)
    assert second.returncode == 0, second.stderr
    assert "migrations: 0 to apply" in second.stdout
    assert re.search(r"court registry: 0 courts added, [1-9]\d* kept, 0 units added", second.stdout)
    assert _appeal_count(tmp_path) == appeals_after_first > 0


def _appeal_count(var_dir: Path) -> int:
    """The demo database's appeals, counted by another process (see tests/stolen_copy.py)."""
    count = (
        "import sqlite3, sys; database = sqlite3.connect(sys.argv[1]); "
        "print(database.execute('SELECT count(*) FROM intake_appeal').fetchone()[0])"
    )
    database = str(var_dir / "senim.sqlite3")
    done = subprocess.run(
        [sys.executable, "-c", count, database], capture_output=True, text=True, check=True
    )
    return int(done.stdout)


def test_sweep_runs_and_can_run_twice(tmp_path: Path) -> None:
    env = _env(tmp_path)
    subprocess.run(
        [sys.executable, "-m", "senim.cli", "manage", "migrate", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    # As `senim setup` does: the cache (the working calendar's version lives there).
    subprocess.run(
        [sys.executable, "-m", "senim.cli", "manage", "createcachetable"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    for _ in range(2):
        result = subprocess.run(
            [sys.executable, "-m", "senim.cli", "sweep"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stderr
        assert "sessions_prune" in result.stdout
