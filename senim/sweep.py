"""`senim sweep`: the timed work, run by cron / a systemd timer, or by `senim worker`'s loop.

Every step is idempotent and commits its work in small pieces, so running the sweep twice,
or on two hosts at once, does no harm. The pieces are one item per transaction, except the
deadline reminders and escalations: one transaction per batch of 200 cases, since a backlog
of tens of thousands of overdue cases took minutes case by case (see `senim.cases.deadlines`).
"""

from __future__ import annotations

import fcntl
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection

from senim.analytics import rollups
from senim.cases import retention
from senim.cases.deadlines import central_tasks_remind, deadlines_escalate, deadlines_remind
from senim.cases.reveals import reveal_requests_escalate, reveal_requests_expire
from senim.cases.surges import surges_detect
from senim.cases.timers import international_timers_remind
from senim.core import clock
from senim.core.tasks import tasks_recover
from senim.intake.attachments import attachments_orphans_prune
from senim.intake.delivery import deliveries_resume
from senim.integrations.eotinish import reports_resume as eotinish_reports_resume
from senim.integrations.telephony import caller_numbers_forget
from senim.prevention.reminders.services import prevention_remind
from senim.triage.hotspots import hotspots_detect
from senim.webhooks.delivery import webhooks_resume


@dataclass(frozen=True)
class StepResult:
    name: str
    handled: int


def sessions_prune() -> int:
    """Expired staff sessions are removed so that a stolen old cookie is worth nothing."""
    deleted, _ = Session.objects.filter(expire_date__lt=clock.now()).delete()
    return deleted


STEPS: list[tuple[str, Callable[[], int]]] = [
    ("surges_detect", surges_detect),
    ("hotspots_detect", hotspots_detect),
    ("deadlines_remind", deadlines_remind),
    ("deadlines_escalate", deadlines_escalate),
    ("international_timers_remind", international_timers_remind),
    ("central_tasks_remind", central_tasks_remind),
    ("reveal_requests_expire", reveal_requests_expire),
    ("reveal_requests_escalate", reveal_requests_escalate),
    ("prevention_remind", prevention_remind),
    ("sessions_prune", sessions_prune),
    ("attachments_orphans_prune", attachments_orphans_prune),
    # Before the deliveries: a recovered task may be a delivery, which then finds its row.
    ("tasks_recover", tasks_recover),
    ("deliveries_resume", deliveries_resume),
    ("webhooks_resume", webhooks_resume),
    ("eotinish_reports_resume", eotinish_reports_resume),
    ("caller_numbers_forget", caller_numbers_forget),
    ("retention_propose", retention.retention_propose),
    ("disposals_carry_out", retention.disposals_carry_out),
    # Last: it recounts the figures the steps above may have changed.
    ("analytics_refresh", rollups.refresh),
]


def sweep() -> list[StepResult]:
    return [StepResult(name, step()) for name, step in STEPS]


# The advisory lock's key: "SENIM" in ASCII.
SWEEP_LOCK = 0x53454E494D


def sweep_if_free() -> list[StepResult] | None:
    """The sweep, unless another process (on this host or another) is sweeping now: None then.
    The steps would do no harm twice, but two sweeps at once on several hosts double the work
    and the reminders' races; one at a time is what the timed work means."""
    with _sweep_turn() as mine:
        return sweep() if mine else None


@contextmanager
def _sweep_turn() -> Iterator[bool]:
    if connection.vendor == "postgresql":
        # Held by this session; released at the end, or by the server if the process dies.
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [SWEEP_LOCK])
            mine = bool(cursor.fetchone()[0])
        try:
            yield mine
        finally:
            if mine:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_unlock(%s)", [SWEEP_LOCK])
        return
    # SQLite is one host's: a lock on a file in its directory keeps its processes apart.
    with (Path(settings.VAR_DIR) / "sweep.lock").open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
