"""Background work of webhooks: a thin task that takes an id and calls the delivery service."""

from __future__ import annotations

from django_tasks import task

from senim.webhooks import delivery


@task()
def webhooks_deliver(subscription_id: int) -> int:
    """Deliver the subscription's due messages, in order per case; returns how many went out."""
    return delivery.messages_deliver(subscription_id=subscription_id)
