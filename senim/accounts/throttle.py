"""Login throttling through Django's cache API, so it holds across processes and hosts."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache


def _key(username: str) -> str:
    digest = hashlib.sha256(username.strip().lower().encode()).hexdigest()
    return f"login-failures:{digest}"


def login_blocked(username: str) -> bool:
    return int(cache.get(_key(username), 0)) >= settings.LOGIN_THROTTLE_ATTEMPTS


def login_failed(username: str) -> None:
    key = _key(username)
    if cache.add(key, 1, settings.LOGIN_THROTTLE_WINDOW):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, settings.LOGIN_THROTTLE_WINDOW)


def login_succeeded(username: str) -> None:
    cache.delete(_key(username))
