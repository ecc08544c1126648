"""Reads that may come from a streaming replica of PostgreSQL (SENIM_REPLICA_URL).

Only what is marked reads from the replica: the analytics pages and the exports, which read
much and may be a moment behind (`replica_reads`, `replica_read`). Everything else, and any
read inside a transaction on the primary (a read that must see what was just written, a row
locked for update), goes to the primary. Without a replica configured the marks do nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps
from typing import Any, TypeVar

from django.db import DEFAULT_DB_ALIAS, connections

REPLICA = "replica"
_reading: ContextVar[bool] = ContextVar("senim_replica_reads", default=False)

F = TypeVar("F", bound=Callable[..., Any])


@contextmanager
def replica_reads() -> Iterator[None]:
    token = _reading.set(True)
    try:
        yield
    finally:
        _reading.reset(token)


def replica_read(view: F) -> F:
    """The view's reads from the replica (put it under the decorators that check the user, so
    that the session and the account are read from the primary)."""

    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        with replica_reads():
            return view(*args, **kwargs)

    return wrapped  # type: ignore[return-value]


class ReplicaRouter:
    def db_for_read(self, model: Any, **hints: Any) -> str | None:
        if (
            _reading.get()
            and REPLICA in connections.databases
            and not connections[DEFAULT_DB_ALIAS].in_atomic_block
        ):
            return REPLICA
        return None

    def db_for_write(self, model: Any, **hints: Any) -> str | None:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        return True  # the same data: a replica's rows are the primary's

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == DEFAULT_DB_ALIAS
