"""Background work of intake: thin tasks that take ids, fetch, and call a service."""

from __future__ import annotations

from django_tasks import task

from senim.intake import services


@task()
def reporter_notify(message_id: int) -> None:
    """Tell a named reporter who asked for it, by e-mail or SMS, that a message is waiting."""
    services.reporter_notify(message_id=message_id)
