"""The append-only, hash-chained audit log.

Each entry's hash covers its content and the previous entry's hash, so editing, deleting or
inserting an entry anywhere breaks the chain from that point on (`audit_verify`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, connection, transaction

from senim.core import clock
from senim.core.models import AuditEvent, AuditHead

if TYPE_CHECKING:
    # Django's base user, not `accounts.User`: the kernel knows no app above it.
    from django.contrib.auth.base_user import AbstractBaseUser

GENESIS = "0" * 64


def _digest(prev_hash: str, fields: dict[str, Any]) -> str:
    payload = json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(f"{prev_hash}|{payload}".encode()).hexdigest()


def _fields(event: AuditEvent) -> dict[str, Any]:
    return {
        "seq": event.seq,
        "at": event.at.isoformat(),
        "actor_id": event.actor_id,
        "actor": event.actor,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "detail": event.detail,
    }


# Who an entry is written for beyond its actor: an API call adds its token's or client's name
# (`senim.api.auth.guard`), so that every write and identity read made through the API says so.
_attribution: ContextVar[dict[str, str] | None] = ContextVar("audit_attribution", default=None)


@contextmanager
def attributed(**via: str) -> Iterator[None]:
    """Add `via` to the detail of every entry written inside the block."""
    reset = _attribution.set(via)
    try:
        yield
    finally:
        _attribution.reset(reset)


def audit(
    *,
    action: str,
    actor: AbstractBaseUser | None = None,
    object_type: str = "",
    object_id: str | int = "",
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one entry. Runs inside the caller's transaction: no action without its record."""
    with transaction.atomic(savepoint=False):
        head = _head_advance()
        if head is None:  # a fresh or flushed database: start the chain
            try:
                with transaction.atomic():
                    AuditHead.objects.create(pk=1)
            except IntegrityError:  # another writer started it first
                pass
            head = _head_advance()
            assert head is not None  # the row exists now
        seq, prev_hash = head
        event = AuditEvent(
            seq=seq,
            at=clock.now(),
            actor_id=getattr(actor, "pk", None),
            actor=getattr(actor, "username", "") or "",
            action=action,
            object_type=object_type,
            object_id=str(object_id),
            detail=_attributed(detail or {}),
            prev_hash=prev_hash,
        )
        # Hash what the database will return (microseconds kept, JSON normalised).
        event.hash = _digest(event.prev_hash, _fields(event))
        event.save(force_insert=True)
        _head_sql("UPDATE {table} SET {hash} = %s WHERE {id} = 1", [event.hash])
    return event


def _attributed(detail: dict[str, Any]) -> dict[str, Any]:
    via = _attribution.get()
    return {**detail, "via": via} if via else detail


def _head_sql(template: str, params: list[Any]) -> tuple[Any, ...] | None:
    """Run one statement on the head row (names quoted for the back end); its first row."""
    quote = connection.ops.quote_name
    names = {"table": quote(AuditHead._meta.db_table), "seq": quote("seq")}
    names.update(hash=quote("hash"), id=quote("id"))
    with connection.cursor() as cursor:
        cursor.execute(template.format(**names), params)
        row: tuple[Any, ...] | None = cursor.fetchone() if cursor.description else None
    return row


def _head_advance() -> tuple[int, str] | None:
    """Lock the head row and move it on: (the new entry's seq, the previous entry's hash).

    One statement where the database can return from an UPDATE (PostgreSQL, SQLite 3.35+)
    instead of SELECT ... FOR UPDATE and a later UPDATE of the seq: the row stays locked until
    commit and every registration queues on it, so each statement while it is held counts.
    None when the row does not exist yet.
    """
    if not connection.features.can_return_columns_from_insert:
        head = AuditHead.objects.select_for_update().filter(pk=1).first()
        if head is None:
            return None
        AuditHead.objects.filter(pk=1).update(seq=head.seq + 1)
        return head.seq + 1, head.hash
    row = _head_sql(
        "UPDATE {table} SET {seq} = {seq} + 1 WHERE {id} = 1 RETURNING {seq}, {hash}", []
    )
    return (int(row[0]), str(row[1])) if row else None


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    first_bad_seq: int | None = None
    problem: str = ""


def audit_verify() -> VerifyResult:
    """Walk the chain; report the first entry that was edited, removed or inserted."""
    prev_hash = GENESIS
    expected_seq = 1
    checked = 0
    for event in AuditEvent.objects.order_by("seq").iterator(chunk_size=2000):
        if event.seq != expected_seq:
            return VerifyResult(False, checked, expected_seq, "entry missing")
        if event.prev_hash != prev_hash:
            return VerifyResult(False, checked, event.seq, "chain broken")
        if _digest(prev_hash, _fields(event)) != event.hash:
            return VerifyResult(False, checked, event.seq, "entry altered")
        prev_hash = event.hash
        expected_seq += 1
        checked += 1
    # The head row is written with every entry: the newest entry must be the one it names, or
    # the end of the log was cut off, extended or rewritten.
    head = AuditHead.objects.filter(pk=1).first()
    head_seq, head_hash = (head.seq, head.hash) if head else (0, GENESIS)
    if head_seq > checked:
        return VerifyResult(False, checked, checked + 1, "entry missing")
    if head_seq < checked:
        return VerifyResult(False, checked, head_seq + 1, "entry inserted")
    if head_hash != prev_hash:
        return VerifyResult(False, checked, head_seq, "entry altered")
    return VerifyResult(True, checked)
