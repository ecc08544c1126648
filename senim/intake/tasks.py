"""Background work of intake: thin tasks that take ids, fetch, and call a service."""

from __future__ import annotations

from django_tasks import task

from senim.intake import delivery


@task()
def reporter_deliver(delivery_id: int) -> str:
    """Send one delivery to the reporter by the channel they chose (at most once)."""
    return delivery.delivery_send(delivery_id=delivery_id)
