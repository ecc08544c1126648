"""The task queue's own faults: a task left `RUNNING` by a worker that was killed.

django-tasks' database backend marks a task running when a worker claims it and finished when
the worker records the outcome; a worker killed in between (kill -9, a lost host, the OOM
killer) leaves it running forever, never retried. The sweep finds such tasks once their lease
has passed, fails them with `WorkerLost`, and enqueues them once more. Every Senim task is safe
to run twice (deliveries keep their own state: see `senim.intake.delivery`); a task that has
already been lost twice is only flagged, so a task that kills its worker cannot loop forever.
"""

from __future__ import annotations

import datetime as dt
import logging
from functools import partial

from django.conf import settings
from django.db import transaction
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from senim.core import clock

logger = logging.getLogger("senim.tasks")

MAX_LOSSES = 2


class WorkerLost(Exception):
    """The worker running this task stopped before recording its outcome."""


WORKER_LOST = f"{WorkerLost.__module__}.{WorkerLost.__qualname__}"


def tasks_recover() -> int:
    """Fail and re-enqueue the tasks whose worker died; one task per transaction."""
    lease = dt.timedelta(seconds=settings.SENIM_TASK_LEASE_SECONDS)
    stuck = DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, started_at__lt=clock.now() - lease
    )
    recovered = 0
    for pk in list(stuck.values_list("pk", flat=True)[:200]):
        with transaction.atomic():
            result = (
                DBTaskResult.objects.select_for_update(skip_locked=True)
                .filter(pk=pk, status=TaskResultStatus.RUNNING)
                .first()
            )
            if result is None:
                continue  # finished meanwhile, or another sweep has it
            result.set_failed(
                WorkerLost(
                    f"the worker stopped while running this task "
                    f"(still running after the {lease.total_seconds():.0f} s lease)"
                )
            )
            losses = DBTaskResult.objects.filter(
                task_path=result.task_path,
                args_kwargs=result.args_kwargs,
                exception_class_path=WORKER_LOST,
            ).count()
            if losses <= MAX_LOSSES:
                args, kwargs = result.args_kwargs["args"], result.args_kwargs["kwargs"]
                transaction.on_commit(partial(result.task.enqueue, *args, **kwargs))
            else:
                logger.error("task %s lost its worker %d times; not retried", result.pk, losses)
            recovered += 1
    return recovered
