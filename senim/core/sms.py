"""A pluggable SMS sender, chosen by SENIM_SMS_BACKEND like Django's e-mail backends.

Senim ships a console sender (for development: the number masked) and an in-memory one (for
tests); a deployment adds a class with `send(to, text)` for its SMS gateway.
"""

from __future__ import annotations

import logging
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger("senim.sms")


class SmsBackend(Protocol):
    def send(self, to: str, text: str) -> None: ...


class ConsoleBackend:
    def send(self, to: str, text: str) -> None:
        # Never the whole number in a log: it identifies the reporter.
        logger.info("SMS to ***%s: %s", to[-2:], text)


class MemoryBackend:
    outbox: list[tuple[str, str]] = []

    def send(self, to: str, text: str) -> None:
        MemoryBackend.outbox.append((to, text))


def send_sms(to: str, text: str) -> None:
    backend: SmsBackend = import_string(settings.SENIM_SMS_BACKEND)()
    backend.send(to, text)
