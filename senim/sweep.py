"""`senim sweep`: the timed work, run by cron / a systemd timer, or by `senim worker`'s loop.

Every step is idempotent and commits its work in small pieces, so running the sweep twice,
or on two hosts at once, does no harm. The pieces are one item per transaction, except the
deadline reminders and escalations: one transaction per batch of 200 cases, since a backlog
of tens of thousands of overdue cases took minutes case by case (see `senim.cases.deadlines`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.sessions.models import Session

from senim.analytics import rollups
from senim.cases.deadlines import central_tasks_remind, deadlines_escalate, deadlines_remind
from senim.cases.timers import international_timers_remind
from senim.core import clock
from senim.intake.services import attachments_orphans_prune
from senim.prevention.services import prevention_remind


@dataclass(frozen=True)
class StepResult:
    name: str
    handled: int


def sessions_prune() -> int:
    """Expired staff sessions are removed so that a stolen old cookie is worth nothing."""
    deleted, _ = Session.objects.filter(expire_date__lt=clock.now()).delete()
    return deleted


STEPS: list[tuple[str, Callable[[], int]]] = [
    ("deadlines_remind", deadlines_remind),
    ("deadlines_escalate", deadlines_escalate),
    ("international_timers_remind", international_timers_remind),
    ("central_tasks_remind", central_tasks_remind),
    ("prevention_remind", prevention_remind),
    ("sessions_prune", sessions_prune),
    ("attachments_orphans_prune", attachments_orphans_prune),
    # Last: it recounts the figures the steps above may have changed.
    ("analytics_refresh", rollups.refresh),
]


def sweep() -> list[StepResult]:
    return [StepResult(name, step()) for name, step in STEPS]
