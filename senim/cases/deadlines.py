"""Statutory deadlines: states, extensions, and the sweep's reminders and escalations.

Consideration: 15 working days from registration; an extension only by a chief's reasoned
decision, at most two months beyond the original date, the reporter told within 3 working days.
"""

from __future__ import annotations

import calendar as month_calendar
import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import override

from senim.cases import lifecycle
from senim.cases.models import Case, CentralTask, Extension, Notification, Status
from senim.cases.selectors import access_case
from senim.core import clock
from senim.core.audit import audit
from senim.core.calendar import WorkingCalendar, calendar
from senim.core.errors import DomainError
from senim.intake import services as intake
from senim.organization.models import Role

OPEN_STATUSES = (Status.RECEIVED, Status.ASSESSMENT, Status.INVESTIGATION)
DUE_SOON_WORKING_DAYS = 3
MAX_EXTENSION_MONTHS = 2


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, clipped to the month's end (31 Jan + 1 month = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, month_calendar.monthrange(year, month)[1]))


def due_soon_horizon(today: dt.date, cal: WorkingCalendar | None = None) -> dt.date:
    """The last day that counts as "due soon": 3 working days after today."""
    return (cal or calendar()).working_days_after(today, DUE_SOON_WORKING_DAYS)


def deadline_state(case: Case, today: dt.date, cal: WorkingCalendar) -> str:
    """``done``, ``overdue``, ``due_soon`` (within 3 working days) or ``on_time``."""
    if case.status not in OPEN_STATUSES or case.due_on is None:
        return "done"
    if case.due_on < today:
        return "overdue"
    if cal.working_days_between(today, case.due_on) <= DUE_SOON_WORKING_DAYS:
        return "due_soon"
    return "on_time"


@transaction.atomic
def deadline_extend(*, user: Any, case_id: int, new_due_on: dt.date, reason: str) -> Extension:
    """A reasoned extension by a chief (or the central coordinator), capped at two months."""
    if getattr(getattr(user, "staff", None), "role", None) not in lifecycle.HANDLERS:
        raise DomainError(_("Only a chief can extend a deadline, by a reasoned decision."))
    case = access_case(user, case_id)
    case = Case.objects.select_for_update().select_related("appeal").get(pk=case.pk)
    if case.status not in OPEN_STATUSES or case.due_on is None:
        raise DomainError(_("Only an open case's deadline can be extended."))
    if len(reason.strip()) < 20:
        raise DomainError(_("Give the reasons for the extension (at least 20 characters)."))
    if new_due_on <= case.due_on or new_due_on < clock.today():
        raise DomainError(_("The new deadline must be later than the current one and not past."))
    limit = add_months(case.original_due_on or case.due_on, MAX_EXTENSION_MONTHS)
    if new_due_on > limit:
        raise DomainError(
            _("The deadline can be extended by at most two months in total: until %(limit)s.")
            % {"limit": limit.strftime("%d.%m.%Y")}
        )
    now = clock.now()
    cal = calendar()
    extension = Extension.objects.create(
        case=case,
        decided_by=user,
        decided_at=now,
        reason=reason.strip(),
        previous_due_on=case.due_on,
        new_due_on=new_due_on,
        notify_due_on=cal.working_days_after(clock.today(), 3),
    )
    case.due_on = new_due_on
    case.save(update_fields=["due_on", "updated_at"])
    # The portal mailbox is the reporter's channel: telling them there is the notification.
    with override(case.appeal.language):
        body = _(
            "The time for considering your appeal has been extended until %(date)s. "
            "Reasons: %(reason)s"
        ) % {"date": new_due_on.strftime("%d.%m.%Y"), "reason": reason.strip()}
    intake.message_to_reporter(appeal=case.appeal, body=body, author=user)
    extension.notified_at = clock.now()
    extension.save(update_fields=["notified_at"])
    audit(
        action="case.extended",
        actor=user,
        object_type="case",
        object_id=case.appeal.number,
        detail={"from": str(extension.previous_due_on), "to": str(new_due_on)},
    )
    return extension


def _chiefs(unit_id: int) -> QuerySet[Any]:
    return get_user_model().objects.filter(
        staff__unit_id=unit_id, staff__role=Role.CHIEF, is_active=True
    )


def _coordinators() -> QuerySet[Any]:
    return get_user_model().objects.filter(staff__role=Role.COORDINATOR, is_active=True)


def _notify(
    user: Any,
    kind: str,
    due_on: dt.date,
    *,
    case: Case | None = None,
    task: CentralTask | None = None,
) -> bool:
    """One notification per person, target, kind and deadline; False when it already exists."""
    if case is not None and case.exclusions.filter(user=user).exists():
        return False  # an excluded person must not even learn the case exists
    try:
        with transaction.atomic():
            Notification.objects.create(
                user=user, case=case, task=task, kind=kind, due_on=due_on, created_at=clock.now()
            )
    except IntegrityError:
        return False
    if user.email:
        with override(user.preferred_language or settings.LANGUAGE_CODE):
            subject = str(Notification.Kind(kind).label)
        reference = case.appeal.number if case else (task.title if task else "")
        transaction.on_commit(
            lambda: send_mail(
                f"Senim: {subject}",
                f"{subject}: {reference}",
                None,
                [user.email],
                fail_silently=True,
            )
        )
    return True


def _open_cases_due(q: Q) -> QuerySet[Case]:
    return (
        Case.objects.filter(status__in=OPEN_STATUSES, due_on__isnull=False)
        .filter(q)
        .select_related("appeal")
    )


def deadlines_remind() -> int:
    """Tell the responsible person (or the unit's chief) that a deadline is 3 working days off."""
    today = clock.today()
    horizon = due_soon_horizon(today)
    pending = _open_cases_due(Q(due_on__gte=today, due_on__lte=horizon)).exclude(
        Exists(
            Notification.objects.filter(
                case=OuterRef("pk"), kind=Notification.Kind.DUE_SOON, due_on=OuterRef("due_on")
            )
        )
    )
    sent = 0
    for case_id in pending.values_list("pk", flat=True).iterator():
        with transaction.atomic():
            case = _open_cases_due(Q(pk=case_id)).select_for_update(of=("self",)).first()
            if case is None or case.due_on is None:
                continue
            people = [case.assignee] if case.assignee else list(_chiefs(case.unit_id))
            sent += sum(
                _notify(p, Notification.Kind.DUE_SOON, case.due_on, case=case)
                for p in people
                if p is not None
            )
    return sent


def deadlines_escalate() -> int:
    """Overdue cases go to the unit's chief and to the central department: a statutory breach."""
    today = clock.today()
    pending = _open_cases_due(Q(due_on__lt=today)).exclude(
        Exists(
            Notification.objects.filter(
                case=OuterRef("pk"), kind=Notification.Kind.OVERDUE, due_on=OuterRef("due_on")
            )
        )
    )
    sent = 0
    coordinators = list(_coordinators())
    for case_id in pending.values_list("pk", flat=True).iterator():
        with transaction.atomic():
            case = _open_cases_due(Q(pk=case_id)).select_for_update(of=("self",)).first()
            if case is None or case.due_on is None:
                continue
            people = [*_chiefs(case.unit_id), *coordinators]
            if case.assignee:
                people.append(case.assignee)
            made = [_notify(p, Notification.Kind.OVERDUE, case.due_on, case=case) for p in people]
            if any(made):
                audit(
                    action="case.escalated",
                    object_type="case",
                    object_id=case.appeal.number,
                    detail={"due_on": str(case.due_on)},
                )
            sent += sum(made)
    return sent


def central_tasks_remind() -> int:
    """Territorial chiefs hear of central tasks due within 3 working days or overdue."""
    horizon = due_soon_horizon(clock.today())
    sent = 0
    open_tasks = CentralTask.objects.filter(
        state__in=[CentralTask.State.OPEN, CentralTask.State.RETURNED], due_on__lte=horizon
    )
    for task_id in open_tasks.values_list("pk", flat=True):
        with transaction.atomic():
            task = CentralTask.objects.select_for_update().get(pk=task_id)
            sent += sum(
                _notify(p, Notification.Kind.TASK_DUE, task.due_on, task=task)
                for p in _chiefs(task.unit_id)
            )
    return sent
