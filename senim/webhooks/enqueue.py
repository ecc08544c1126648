"""The delivery task as the services enqueue it: by its path, without importing the task
module (which imports them; see `senim.intake.enqueue`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from senim.intake.enqueue import TaskByPath

# Delivers a subscription's due messages (`senim.webhooks.delivery.messages_deliver`).
deliver_task = TaskByPath("senim.webhooks.tasks.webhooks_deliver")


def deliver_at(subscription_id: int, at: dt.datetime) -> Any:
    """The delivery task, to run no earlier than `at` (a retry after its back-off)."""
    return deliver_task.task().using(run_after=at).enqueue(subscription_id)
