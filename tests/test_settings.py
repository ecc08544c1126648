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


def _audit_verify(env: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """`senim audit verify`: starts Django as every command does, and stops quickly if the
    settings are accepted (an empty database has no chain to walk)."""
    database = {"DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    return _run(
        [sys.executable, "-m", "senim.cli", "audit", "verify"],
        {"SENIM_ENV": "development", **database, **env},
        tmp_path,
    )


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        (
            "SENIM_CONSIDERATION_DAYS",
            "abc",
            "SENIM_CONSIDERATION_DAYS must be a whole number, not 'abc'",
        ),
        ("SENIM_CONSIDERATION_DAYS", "0", "SENIM_CONSIDERATION_DAYS must be at least 1, not '0'"),
        ("SENIM_REPORTS_PER_CLIENT", "20.5", "SENIM_REPORTS_PER_CLIENT must be a whole number"),
        ("SENIM_SURGE_FACTOR", "lots", "SENIM_SURGE_FACTOR must be a number, not 'lots'"),
        ("SENIM_BEHIND_PROXY", "maybe", "SENIM_BEHIND_PROXY must be true or false"),
        ("SENIM_ANONYMOUS_POLICY", "eu", "SENIM_ANONYMOUS_POLICY must be kz or iso, not 'eu'"),
        ("SENIM_ENV", "prod", "SENIM_ENV must be development, demo or production, not 'prod'"),
        ("SENIM_DEFAULT_LANGUAGE", "de", "SENIM_DEFAULT_LANGUAGE must be kk, ru or en, not 'de'"),
        ("SENIM_TIME_ZONE", "Mars/Olympus", "SENIM_TIME_ZONE must be a time zone"),
        ("SENIM_WORKERS", "many", "SENIM_WORKERS must be a whole number, not 'many'"),
    ],
)
def test_a_bad_value_stops_senim_with_a_message_naming_the_variable(
    tmp_path: Path, name: str, value: str, message: str
) -> None:
    result = _audit_verify({name: value}, tmp_path)
    assert result.returncode == 2, result.stdout + result.stderr
    assert f"senim: cannot start: {message}" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_bad_database_url_is_named_without_repeating_its_password(tmp_path: Path) -> None:
    result = _audit_verify(
        {"DATABASE_URL": "mysterydb://senim:hunter2@db.internal/senim"}, tmp_path
    )
    assert result.returncode == 2
    assert "DATABASE_URL is not a database URL" in result.stderr
    assert "hunter2" not in result.stderr and "Traceback" not in result.stderr


def test_values_are_read_as_written_by_hand(tmp_path: Path) -> None:
    """Spaces, any case of a yes, a trailing comma, and an empty line meaning "not set"."""
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SENIM_CONSIDERATION_DAYS, s.SENIM_BEHIND_PROXY, s.DEBUG, s.SENIM_ANONYMOUS_POLICY,"
        " s.SENIM_SURGE_FACTOR, s.SESSION_COOKIE_AGE, ','.join(s.ALLOWED_HOSTS))"
    )
    env = {
        "DJANGO_SETTINGS_MODULE": "senim.settings",
        "SENIM_CONSIDERATION_DAYS": " 20 ",
        "SENIM_BEHIND_PROXY": "Yes",
        "SENIM_DEBUG": "",
        "SENIM_ANONYMOUS_POLICY": "iso",
        "SENIM_SURGE_FACTOR": "2.5",
        "SENIM_SESSION_IDLE_MINUTES": "",
        "SENIM_ALLOWED_HOSTS": " senim.example , 10.0.0.5,",
    }
    result = _run([sys.executable, "-c", code], env, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "20",
        "True",
        "False",
        "iso",
        "2.5",
        "1800",
        "senim.example,10.0.0.5",
    ]
