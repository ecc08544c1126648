"""Typed readers of the environment, for `senim/settings.py` (and nothing else: the rest of
Senim reads `django.conf.settings`).

Each reader takes the variable's name and its default, and either returns a value of its type
or raises ImproperlyConfigured naming the variable, what it must be and what it got, which
`senim` prints as "cannot start: ..." without a traceback. A variable that is unset, or set to
nothing but spaces, takes its default (an empty `SENIM_X=` line in an environment file is
"not set", not a value).

    SENIM_CONSIDERATION_DAYS = env_int("SENIM_CONSIDERATION_DAYS", 15, minimum=1)
    SENIM_ANONYMOUS_POLICY = env_choice("SENIM_ANONYMOUS_POLICY", KAZAKHSTAN, AnonymousPolicy)

A sixty-line module of our own rather than django-environ (not installed) or a settings
framework: the parsing Senim needs is five types, and the messages are ours.
"""

from __future__ import annotations

import os
import secrets
import zoneinfo
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

T = TypeVar("T")
N = TypeVar("N", int, float)
TRUE = frozenset({"1", "true", "yes", "on"})
FALSE = frozenset({"0", "false", "no", "off"})


def _raw(name: str) -> str | None:
    value = os.environ.get(name, "").strip()
    return value or None


def _number(name: str, default: N, parse: Callable[[str], N], what: str, minimum: N | None) -> N:
    raw = _raw(name)
    if raw is None:
        return default
    try:
        value = parse(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be {what}, not {raw!r}.") from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, not {raw!r}.")
    return value


def env_str(name: str, default: str) -> str:
    """The value as given (a password may start with a space), or the default when blank."""
    return os.environ[name] if _raw(name) else default


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    return _number(name, default, int, "a whole number", minimum)


def env_float(name: str, default: float, *, minimum: float | None = None) -> float:
    return _number(name, default, float, "a number", minimum)


def env_bool(name: str, default: bool) -> bool:
    raw = _raw(name)
    if raw is None:
        return default
    if raw.lower() in TRUE | FALSE:
        return raw.lower() in TRUE
    raise ImproperlyConfigured(f"{name} must be true or false (1/0, yes/no, on/off), not {raw!r}.")


def env_list(name: str, default: Iterable[str] = ()) -> list[str]:
    """Comma-separated items, each stripped; empty items left out."""
    raw = _raw(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_choice(name: str, default: T, choices: Iterable[T]) -> T:
    """One of `choices` (strings, or an enum whose members' str() is their value), as given."""
    options = list(choices)
    raw = _raw(name)
    if raw is None:
        return default
    for option in options:
        if raw == str(option):
            return option
    listed = ", ".join(str(o) for o in options[:-1]) + f" or {options[-1]}"
    raise ImproperlyConfigured(f"{name} must be {listed}, not {raw!r}.")


def env_time_zone(name: str, default: str) -> str:
    """An IANA time-zone name (Django would fail later on an unknown one, with a traceback)."""
    zone = env_str(name, default)
    try:
        zoneinfo.ZoneInfo(zone)
    except (ValueError, zoneinfo.ZoneInfoNotFoundError):
        raise ImproperlyConfigured(
            f"{name} must be a time zone such as Asia/Almaty, not {zone!r}."
        ) from None
    return zone


def env_database(name: str, default: str, **options: Any) -> dict[str, Any]:
    """A database URL as Django's DATABASES entry. The message never repeats the URL, which
    may hold a password."""
    try:
        return dict(dj_database_url.parse(env_str(name, default), **options))
    except ValueError as problem:
        raise ImproperlyConfigured(f"{name} is not a database URL: {problem}") from None


def env_secret(name: str, *, required: bool, generated_under: Path, min_length: int = 50) -> str:
    """A secret from the environment. When it is `required` (production) it must be there and
    long enough: a generated one would differ on every host and silently invalidate sessions,
    receipt codes and the vault. Otherwise it is generated once under `generated_under`.
    The value is taken as given, spaces included: stripping would change a key in use."""
    value = os.environ.get(name, "")
    if value:
        if required and len(value) < min_length:
            raise ImproperlyConfigured(f"{name} must be at least {min_length} characters long.")
        return value
    if required:
        raise ImproperlyConfigured(
            f"{name} is not set. Senim refuses to start in production without it: "
            f"generate one with `python3 -c 'import secrets; print(secrets.token_urlsafe(64))'` "
            f"and put it in the environment."
        )
    path = generated_under / name.lower()
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        path.write_text(secrets.token_urlsafe(64))
        path.chmod(0o600)
    return path.read_text().strip()
