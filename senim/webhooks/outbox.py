"""The outbox: one `Message` per case event and subscription that wants it, written by a
listener to `senim.core.events.case_event` inside the transaction of the event itself.

So a message exists exactly when what it tells of exists: a registration that rolls back
leaves no message, and a committed one always has its messages. The listener only writes;
delivery (HTTP, slow, remote) happens later from the table, in the task worker
(`senim.webhooks.delivery`), enqueued once the transaction commits.

What a subscriber is sent is built here from the event's detail through a list of allowed
keys (`FIELDS`): ids and states only. A key the cases services add later reaches no
subscriber until it is listed here, so a name or a text cannot leak by accident.
"""

from __future__ import annotations

import secrets
import threading
from typing import Any

from django.db import transaction

from senim.core import clock
from senim.webhooks.enqueue import deliver_task
from senim.webhooks.models import EventKind, Message, Subscription

# The detail keys a subscriber may see, all ids, codes, states or dates.
FIELDS = (
    "case",  # the case's id
    "appeal",  # the appeal's registration number
    "unit",  # the responsible unit's code
    "status",  # the case's status after the event
    "due_on",  # the statutory deadline (ISO date)
    "from",  # a status change: the status left
    "to",  # ... and the status entered
    "channel",  # a registration: portal, trust line, reception, ...
    "assignee",  # an assignment: the responsible investigator's user id
    "previous_due_on",  # an extension: the deadline before it
    "body",  # a referral: the kind of body (acs, prosecutor, disciplinary, other)
    "from_unit",  # a re-routing: the unit's code the case left
)
KINDS = frozenset(EventKind.values)


def message_id_new() -> str:
    return "msg_" + secrets.token_hex(16)


def payload_of(kind: str, detail: dict[str, Any], *, at: str) -> dict[str, Any]:
    """What a subscriber receives: Standard Webhooks' `type`, `timestamp` and `data`."""
    return {
        "type": f"case.{kind}",
        "timestamp": at,
        "data": {key: detail[key] for key in FIELDS if key in detail},
    }


def _hears_of(subscription: Subscription, kind: str, units: set[str]) -> bool:
    if kind not in subscription.kinds:
        return False
    return subscription.unit.is_central or subscription.unit.code in units


_local = threading.local()


def subscriptions_now() -> list[Subscription]:
    """Every subscription, read once per transaction of this thread.

    A spam decision moves thousands of cases in one transaction, and the sweep escalates a
    backlog of overdue cases by the hundred: one query per event would add seconds to each.
    The transaction is recognised by Django's list of its on-commit hooks, a new list for each
    transaction (and after a savepoint's rollback, when it is simply read again); the list is
    held, so its identity cannot be reused. `forget` drops the copy when a subscription changes.
    """
    connection = transaction.get_connection()
    cached = getattr(_local, "subscriptions", None)
    if connection.in_atomic_block and cached is not None and cached[0] is connection.run_on_commit:
        return list(cached[1])
    found = list(
        Subscription.objects.select_related("unit").only(
            "pk", "kinds", "state", "unit__code", "unit__kind"
        )
    )
    _local.subscriptions = (connection.run_on_commit, found) if connection.in_atomic_block else None
    return found


def forget() -> None:
    _local.subscriptions = None


def _enqueue_on_commit(subscription_id: int) -> None:
    """One delivery task per subscription and transaction, however many events it wrote (a
    spam decision moves thousands of cases at once). A rolled-back transaction leaves an id
    behind in the set: the next commit enqueues it once more, which does no harm."""
    pending: set[int] = _local.__dict__.setdefault("pending", set())
    pending.add(subscription_id)

    def enqueue() -> None:
        if subscription_id in pending:
            pending.discard(subscription_id)
            deliver_task.enqueue(subscription_id)

    transaction.on_commit(enqueue)


def on_appeal_preparing(sender: Any, **_ignored: Any) -> list[Subscription]:
    """Before a registration's transaction: the subscriptions, read outside the number counter
    every registration queues on (`senim.core.events.appeal_preparing`)."""
    return subscriptions_now()


def on_case_event(
    sender: Any,
    *,
    kind: str,
    detail: dict[str, Any],
    prepared: dict[Any, Any] | None = None,
    **_ignored: Any,
) -> list[Message]:
    """The listener: a message for every subscription that wants this kind of this unit's case."""
    if kind not in KINDS:
        return []  # a kind no subscriber can ask for (yet)
    units = {str(detail[key]) for key in ("unit", "from_unit") if detail.get(key)}
    known = (prepared or {}).get(on_appeal_preparing)
    subscriptions = [
        s for s in (subscriptions_now() if known is None else known) if _hears_of(s, kind, units)
    ]
    if not subscriptions:
        return []
    now = clock.now()
    payload = payload_of(kind, detail, at=now.isoformat())
    case_id = detail.get("case")
    messages = Message.objects.bulk_create(
        Message(
            subscription=s,
            message_id=message_id_new(),
            kind=kind,
            case_id=case_id,
            payload=payload,
            next_attempt_at=now,
            created_at=now,
        )
        for s in subscriptions
    )
    for s in subscriptions:
        # A paused subscription keeps its messages for when it is resumed.
        if s.state == Subscription.State.ACTIVE:
            _enqueue_on_commit(s.pk)
    return messages
