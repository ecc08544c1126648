"""Production refuses to start without its secrets, and is clean under `check --deploy`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _run(args: list[str], env: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    base = {
        k: v for k, v in os.environ.items() if not k.startswith(("SENIM_", "SECRET_KEY", "DJANGO_"))
    }
    base.update({"SENIM_VAR_DIR": str(tmp_path), **env})
    return subprocess.run(
        args, env=base, cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )


def test_serve_refuses_to_start_without_a_secret_key(tmp_path: Path) -> None:
    result = _run(
        [sys.executable, "-m", "senim.cli", "serve"],
        {"SENIM_ALLOWED_HOSTS": "senim.example"},
        tmp_path,
    )
    assert result.returncode == 2
    assert "SECRET_KEY is not set" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "secrets").exists()  # nothing generated behind the operator's back


def test_production_refuses_a_short_secret_key(tmp_path: Path) -> None:
    result = _run(
        [sys.executable, "-m", "senim.cli", "serve"],
        {"SENIM_ENV": "production", "SECRET_KEY": "short", "SENIM_ALLOWED_HOSTS": "x.example"},
        tmp_path,
    )
    assert result.returncode == 2
    assert "at least 50 characters" in result.stderr


def test_production_refuses_to_start_without_the_vault_key(tmp_path: Path) -> None:
    result = _run(
        [sys.executable, "-m", "senim.cli", "serve"],
        {"SENIM_ENV": "production", "SECRET_KEY": "k" * 64, "SENIM_ALLOWED_HOSTS": "x.example"},
        tmp_path,
    )
    assert result.returncode == 2
    assert "SENIM_VAULT_KEY is not set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts(tmp_path: Path) -> None:
    result = _run(
        [sys.executable, "-m", "senim.cli", "serve"],
        {"SENIM_ENV": "production", "SECRET_KEY": "k" * 64},
        tmp_path,
    )
    assert result.returncode == 2
    assert "SENIM_ALLOWED_HOSTS" in result.stderr


def test_check_deploy_is_clean_in_production(tmp_path: Path) -> None:
    result = _run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        {
            "SENIM_ENV": "production",
            "SECRET_KEY": "a-long-random-production-secret-" + "x9Y!" * 12,
            "SENIM_VAULT_KEY": "vault-" + "k7" * 30,
            "SENIM_RECEIPT_PEPPER": "pepper-" + "p3" * 30,
            "SENIM_ALLOWED_HOSTS": "senim.example",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        },
        tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("mode", ["development", "demo"])
def test_outside_production_a_secret_is_generated_once(tmp_path: Path, mode: str) -> None:
    code = "from django.conf import settings; print(settings.SECRET_KEY)"
    env = {"SENIM_ENV": mode, "DJANGO_SETTINGS_MODULE": "senim.settings"}
    first = _run([sys.executable, "-c", "import django; django.setup(); " + code], env, tmp_path)
    second = _run([sys.executable, "-c", "import django; django.setup(); " + code], env, tmp_path)
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout and len(first.stdout.strip()) >= 50
    assert (tmp_path / "secrets" / "secret_key").stat().st_mode & 0o077 == 0
