"""The optional international timers (ISO 37002, EU Directive 2019/1937), beside the statutory
deadline: acknowledge an appeal within 7 days, give the reporter feedback within 3 months of the
acknowledgement (the periods: `senim.core.statutory`).

Off unless SENIM_INTERNATIONAL_TIMERS is set. An appeal counts as acknowledged when it is
assessed (as the analytics' "acknowledged within 7 days" counts it: the coupon every channel
hands over is a receipt, not a reading), and the reporter as having had feedback with the first
message written to them after registration (a question, a notice or the answer). The sweep
step `international_timers_remind` tells the unit's chiefs of appeals still unacknowledged two
days before the 7 days end, and the responsible investigator (or the chiefs) of feedback still
owed two weeks before the 3 months end; both again once a timer has run out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from senim.cases.deadlines import OPEN_STATUSES, CaseNotices
from senim.cases.models import Assessment, Case, Notification
from senim.core import clock
from senim.core.calendar import add_months
from senim.core.statutory import statutory_periods
from senim.intake.models import MailboxMessage, MessageDirection


def enabled() -> bool:
    return bool(settings.SENIM_INTERNATIONAL_TIMERS)


@dataclass(frozen=True)
class Timer:
    label: Any
    due_on: dt.date
    met_on: dt.date | None
    today: dt.date

    @property
    def state(self) -> str:
        """``met``, ``late`` (met after the due day), ``overdue`` or ``running``."""
        if self.met_on is not None:
            return "met" if self.met_on <= self.due_on else "late"
        return "overdue" if self.today > self.due_on else "running"


def _local_day(moment: dt.datetime) -> dt.date:
    return timezone.localtime(moment).date()


def _acknowledged_on(case: Case) -> dt.date | None:
    """The day the case was assessed (its assessment as loaded with it, if it was)."""
    assessment: Assessment | None = getattr(case, "assessment", None)
    return _local_day(assessment.decided_at) if assessment is not None else None


def acknowledge_due(registered_at: dt.datetime) -> dt.date:
    days = statutory_periods().acknowledge_days
    return _local_day(registered_at) + dt.timedelta(days=days)


def feedback_due(registered_at: dt.datetime, acknowledged_on: dt.date | None) -> dt.date:
    """3 months from the acknowledgement; while there is none, from when it was due."""
    start = acknowledged_on or acknowledge_due(registered_at)
    return add_months(start, statutory_periods().feedback_months)


def case_timers(case: Case, *, today: dt.date) -> list[Timer]:
    """The case's two timers (an empty list when they are off)."""
    if not enabled():
        return []
    registered_at = case.appeal.registered_at
    acknowledged_on = _acknowledged_on(case)
    first_message = (
        MailboxMessage.objects.filter(
            appeal_id=case.appeal_id,
            direction=MessageDirection.TO_REPORTER,
            created_at__gte=registered_at,
        )
        .order_by("created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    return [
        Timer(
            _("Acknowledgement (7 days)"),
            acknowledge_due(registered_at),
            acknowledged_on,
            today,
        ),
        Timer(
            _("Feedback to the reporter (3 months)"),
            feedback_due(registered_at, acknowledged_on),
            _local_day(first_message) if first_message else None,
            today,
        ),
    ]


def _told_reporter() -> Exists:
    return Exists(
        MailboxMessage.objects.filter(
            appeal_id=OuterRef("appeal_id"),
            direction=MessageDirection.TO_REPORTER,
            created_at__gte=OuterRef("appeal__registered_at"),
        )
    )


def _noticed(kind: str, cases: QuerySet[Case]) -> set[tuple[int, dt.date]]:
    """(case, deadline) of the `kind` notices these cases have: read once, so that a sweep
    every few minutes skips what it has told already instead of trying each case again."""
    return set(
        Notification.objects.filter(kind=kind, case__in=cases.values("pk")).values_list(
            "case_id", "due_on"
        )
    )


def international_timers_remind() -> int:
    """Notices for the timers about to run out or run out; idempotent (one per deadline)."""
    if not enabled():
        return 0
    today = clock.today()
    notices = CaseNotices()
    periods = statutory_periods()
    acknowledge_warning = dt.timedelta(days=periods.acknowledge_warning_days)
    # Unacknowledged: registered up to 7 days ago and not yet assessed. Registration is a
    # moment and the due day a local date: a day's margin either way, the exact day below.
    window = clock.now() - dt.timedelta(days=periods.acknowledge_days) + acknowledge_warning
    unacknowledged = Case.objects.filter(
        status__in=OPEN_STATUSES,
        assessment__isnull=True,
        appeal__registered_at__lte=window + dt.timedelta(days=1),
    ).select_related("appeal")
    kind = Notification.Kind.ACKNOWLEDGE_DUE
    told = _noticed(kind, unacknowledged)
    for case in unacknowledged.iterator(chunk_size=500):
        due = acknowledge_due(case.appeal.registered_at)
        if today >= due - acknowledge_warning and (case.pk, due) not in told:
            notices.send(case, kind, due, chiefs=True)
    # Feedback owed: acknowledged (or not) and never written to since registration.
    # Feedback is due 3 months after the acknowledgement at the earliest (acknowledged the day
    # it came): only appeals registered by then can be within the warning.
    horizon = today + dt.timedelta(days=periods.feedback_warning_days)
    latest = add_months(horizon, -periods.feedback_months) + dt.timedelta(days=1)
    registered_before = timezone.make_aware(dt.datetime.combine(latest, dt.time.min))
    owed = (
        Case.objects.filter(status__in=OPEN_STATUSES, appeal__registered_at__lt=registered_before)
        .filter(~Q(_told_reporter()))
        .select_related("appeal", "assessment", "assignee")
    )
    kind = Notification.Kind.FEEDBACK_DUE
    told = _noticed(kind, owed)
    for case in owed.iterator(chunk_size=500):
        due = feedback_due(case.appeal.registered_at, _acknowledged_on(case))
        if due <= horizon and (case.pk, due) not in told:
            notices.send(case, kind, due, chiefs=False)
    return notices.made
