"""Idempotency-Key for writes that must happen once (RFC draft "The Idempotency-Key HTTP
Header Field"): a replay of a key gets the first answer, never a second appeal.

The record of a key is inserted in the same transaction as the work (`once`): a concurrent
request with the same key waits on the unique index until the first one commits (PostgreSQL;
SQLite writes one at a time anyway), then finds the record and replays it. A request that
fails leaves no record, so the key may be used again with a corrected body. The same key with
another body is refused (422, `idempotency_key_reused`).
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from senim.api.auth import Caller
from senim.api.errors import Problem
from senim.api.models import IdempotencyRecord

HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 200


def fingerprint(payload: Any) -> str:
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _existing(
    caller: Caller, operation: str, key: str, print_: str
) -> tuple[int, dict[str, Any]] | None:
    record = IdempotencyRecord.objects.filter(
        owner=caller.key, operation=operation, key=key
    ).first()
    if record is None:
        return None
    if record.fingerprint != print_:
        raise Problem(
            "idempotency_key_reused",
            _("This Idempotency-Key was used with a different request."),
        )
    return record.status, dict(record.body)


def once(
    *,
    caller: Caller,
    operation: str,
    key: str,
    payload: Any,
    work: Callable[[], tuple[int, dict[str, Any], dict[str, Any]]],
) -> tuple[int, dict[str, Any], bool]:
    """Do `work` once per key: (status, body, replayed).

    `work` returns (status, the body to answer now, the body a replay may repeat).
    """
    key = key.strip()
    if not key or len(key) > MAX_KEY_LENGTH:
        raise Problem(
            "validation_failed",
            _("The Idempotency-Key header must have 1 to 200 characters."),
        )
    print_ = fingerprint(payload)
    found = _existing(caller, operation, key, print_)
    if found is not None:
        return found[0], found[1], True
    try:
        with transaction.atomic():
            record = IdempotencyRecord.objects.create(
                owner=caller.key,
                operation=operation,
                key=key,
                fingerprint=print_,
                status=0,
            )
            status, body, storable = work()
            record.status, record.body = status, storable
            record.save(update_fields=["status", "body"])
    except IntegrityError:
        # Another request with this key committed first: its answer is ours. (If the work
        # itself broke a constraint, there is no record and the error stands.)
        for _attempt in range(10):
            found = _existing(caller, operation, key, print_)
            if found is not None:
                return found[0], found[1], True
            time.sleep(0.1)
        raise
    return status, body, False
