"""Intake's tasks as the services enqueue them: by the task's path, without importing it.

A task module imports the service it runs (`senim.intake.tasks` imports `delivery`), so the
service that enqueues that task cannot import the task module back without a cycle. Nor need
it: django-tasks keeps a queued task as its dotted path, and the worker imports the task from
that path to run it. A `TaskByPath` does the same on the enqueueing side, when the task is
enqueued (after commit, never at import time), so the dependency goes one way only:
tasks -> services -> this module. `tests/test_intake_tasks.py` checks that every path here
names the task it should.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.module_loading import import_string


@dataclass(frozen=True)
class TaskByPath:
    """A django-tasks task named by its dotted path; `enqueue` as on the task itself."""

    path: str

    def task(self) -> Any:
        return import_string(self.path)

    def enqueue(self, *args: Any, **kwargs: Any) -> Any:
        return self.task().enqueue(*args, **kwargs)


# Sends one delivery to the reporter (`senim.intake.delivery.delivery_send`).
reporter_deliver = TaskByPath("senim.intake.tasks.reporter_deliver")
