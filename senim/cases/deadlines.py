"""Statutory deadlines: states, extensions, and the sweep's reminders and escalations.

Consideration: 15 working days from registration; an extension only by a chief's reasoned
decision, at most two months beyond the original date, the reporter told within 3 working days.

The sweep's reminders and escalations commit a batch of cases per transaction, not one case
each as the rest of the sweep does, and audit escalations with one entry per batch: see the
comment above `BATCH`.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, connection, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import override

from senim.cases.events import event_send
from senim.cases.models import Case, CaseExclusion, CentralTask, Extension, Notification, Status
from senim.cases.selectors import access_case
from senim.core import clock
from senim.core.audit import audit
from senim.core.calendar import WorkingCalendar, add_months, calendar
from senim.core.errors import DomainError
from senim.core.reasons import reasons_required
from senim.core.statutory import statutory_periods
from senim.intake import mailbox as intake
from senim.intake.models import Delivery
from senim.organization import policy
from senim.organization.models import StaffMember
from senim.organization.policy import Capability

if TYPE_CHECKING:
    from senim.accounts.models import User

OPEN_STATUSES = (Status.RECEIVED, Status.ASSESSMENT, Status.INVESTIGATION)


def due_soon_horizon(today: dt.date, cal: WorkingCalendar | None = None) -> dt.date:
    """The last day that counts as "due soon": 3 working days after today."""
    return (cal or calendar()).working_days_after(today, statutory_periods().due_soon_working_days)


def deadline_state(case: Case, today: dt.date, cal: WorkingCalendar) -> str:
    """``done``, ``overdue``, ``due_soon`` (within 3 working days) or ``on_time``."""
    if case.status not in OPEN_STATUSES or case.due_on is None:
        return "done"
    if case.due_on < today:
        return "overdue"
    if cal.working_days_between(today, case.due_on) <= statutory_periods().due_soon_working_days:
        return "due_soon"
    return "on_time"


@transaction.atomic
def deadline_extend(*, user: User, case_id: int, new_due_on: dt.date, reason: str) -> Extension:
    """A reasoned extension by a chief (or the central coordinator), capped at two months."""
    policy.require(
        user,
        Capability.CASE_HANDLE,
        _("Only a chief can extend a deadline, by a reasoned decision."),
    )
    case = access_case(user, case_id)
    case = Case.objects.select_for_update().select_related("appeal", "unit").get(pk=case.pk)
    if case.status not in OPEN_STATUSES or case.due_on is None:
        raise DomainError(_("Only an open case's deadline can be extended."))
    reasons_required(reason, 20, _("Give the reasons for the extension (at least 20 characters)."))
    if new_due_on <= case.due_on or new_due_on < clock.today():
        raise DomainError(_("The new deadline must be later than the current one and not past."))
    limit = add_months(
        case.original_due_on or case.due_on, statutory_periods().extension_max_months
    )
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
        notify_due_on=cal.working_days_after(
            clock.today(), statutory_periods().extension_notice_working_days
        ),
    )
    case.due_on = new_due_on
    case.save(update_fields=["due_on", "updated_at"])
    # The portal mailbox is the reporter's channel: telling them there is the notification.
    with override(case.appeal.language):
        body = _(
            "The time for considering your appeal has been extended until %(date)s. "
            "Reasons: %(reason)s"
        ) % {"date": new_due_on.strftime("%d.%m.%Y"), "reason": reason.strip()}
    intake.message_to_reporter(
        appeal=case.appeal, body=body, author=user, kind=Delivery.Kind.EXTENSION
    )
    extension.notified_at = clock.now()
    extension.save(update_fields=["notified_at"])
    audit(
        action="case.extended",
        actor=user,
        object_type="case",
        object_id=case.appeal.number,
        detail={"from": str(extension.previous_due_on), "to": str(new_due_on)},
    )
    event_send("extended", case, actor=user, previous_due_on=extension.previous_due_on.isoformat())
    return extension


def _chiefs(unit_id: int) -> QuerySet[User]:
    return get_user_model().objects.filter(
        staff__unit_id=unit_id,
        staff__role__in=policy.roles_with(Capability.DEADLINES_UNIT),
        is_active=True,
    )


def _notify(
    user: User,
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
        reference = case.appeal.number if case else (task.title if task else "")
        notice_mail_on_commit(user.email, user.preferred_language, kind, reference)
    return True


def notice_mail_on_commit(address: str, language: str | None, kind: str, reference: str) -> None:
    """A notice's e-mail in the recipient's language, sent once the transaction commits."""
    with override(language or settings.LANGUAGE_CODE):
        subject = str(Notification.Kind(kind).label)
    transaction.on_commit(
        lambda: send_mail(
            f"Senim: {subject}", f"{subject}: {reference}", None, [address], fail_silently=True
        )
    )


class CaseNotices:
    """One case's notice at a time, each in its own transaction, for a sweep step that works
    case by case: to the unit's chiefs (`chiefs`), else to the responsible investigator or,
    while there is none, the chiefs. A unit's chiefs are looked up once per step."""

    def __init__(self) -> None:
        self.made = 0
        self._chiefs: dict[int, list[User]] = {}

    def send(self, case: Case, kind: str, due_on: dt.date, *, chiefs: bool) -> None:
        if chiefs or case.assignee_id is None:
            if case.unit_id not in self._chiefs:
                self._chiefs[case.unit_id] = list(_chiefs(case.unit_id))
            people = self._chiefs[case.unit_id]
        else:
            people = [case.assignee] if case.assignee else []
        with transaction.atomic():
            self.made += sum(_notify(person, kind, due_on, case=case) for person in people)


# --- The sweep's reminders and escalations -------------------------------------------------
#
# On a backlog (some 21,000 overdue cases among a million after an outage, or on the first
# run) the cost per case decides. One transaction per case, even down to one INSERT, costs a
# commit and, for an escalation, an audit entry (three statements under the audit chain's
# lock): measured on 2 busy cores at about 7 ms a case with the audit entry (140 s for that
# backlog) and 1.6 to 3.5 ms without, where the whole sweep should take under 30 s. So these
# two steps work in batches of BATCH cases, one transaction each, not one case per
# transaction as the other steps (about 10 s for that backlog). One query finds the cases
# without a notice for their current deadline; then each batch is a single
# `INSERT ... SELECT ... ON CONFLICT DO NOTHING` whose SELECT names the recipients from the
# cases as they are now (still open and due; on PostgreSQL the row lock waits for a change in
# progress and re-reads the row) and leaves out excluded people, plus, for escalations, one
# audit entry naming the batch's cases. A batch commits or rolls back whole, with its audit
# entry and its e-mails (sent on commit, only for rows this run inserted); the unique indexes
# on Notification make a second run, or a second host, insert nothing.
BATCH = 200


def _pending(kind: str, due: Q) -> list[tuple[int, str]]:
    """(id, number) of open cases within `due` without a `kind` notice for their deadline."""
    return list(
        Case.objects.filter(status__in=OPEN_STATUSES, due_on__isnull=False)
        .filter(due)
        .exclude(
            Exists(
                Notification.objects.filter(
                    case=OuterRef("pk"), kind=kind, due_on=OuterRef("due_on")
                )
            )
        )
        .order_by("due_on", "pk")
        .values_list("pk", "appeal__number")
    )


class _Mail:
    """E-mail addresses for one step, looked up once rather than per case."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.addresses: dict[int, tuple[str, str]] = {
            pk: (email, language)
            for pk, email, language in get_user_model()
            .objects.exclude(email="")
            .values_list("pk", "email", "preferred_language")
        }

    def send_on_commit(self, user_id: int, reference: str) -> None:
        if user_id in self.addresses:
            address, language = self.addresses[user_id]
            notice_mail_on_commit(address, language, self.kind, reference)


# Who is told, as SELECTs of (case_id, user_id) over the batch's cases `c` ({ids}: their
# placeholders): the investigator, the unit's active chiefs, the active coordinators.
_ASSIGNEE = (
    "SELECT c.id AS case_id, c.assignee_id AS user_id FROM {cases} c "
    "WHERE c.id IN ({ids}) AND c.assignee_id IS NOT NULL"
)
_STAFF = (
    "SELECT c.id AS case_id, s.user_id AS user_id FROM {cases} c JOIN {staff} s ON {on} "
    "JOIN {users} u ON u.id = s.user_id AND u.is_active WHERE c.id IN ({ids})"
)
_CHIEFS = _STAFF.replace(
    "{on}", f"s.unit_id = c.unit_id AND s.role IN ({policy.roles_sql(Capability.DEADLINES_UNIT)})"
)
_CHIEFS_IF_UNASSIGNED = _CHIEFS + " AND c.assignee_id IS NULL"
_COORDINATORS = _STAFF.replace("{on}", f"s.role IN ({policy.roles_sql(Capability.DEADLINES_ALL)})")


def _insert_notifications(
    kind: str, case_ids: list[int], due: tuple[str, list[Any]], recipients: list[str]
) -> list[tuple[int, int]]:
    """The `kind` notices of these cases for whoever has none yet, in one statement.

    `due` is the condition on `c.due_on` that must still hold, with its parameters;
    `recipients` are some of the SELECTs above. Returns (case_id, user_id) of the rows made.
    """
    quote = connection.ops.quote_name
    tables = {
        "cases": quote(Case._meta.db_table),
        "staff": quote(StaffMember._meta.db_table),
        "users": quote(get_user_model()._meta.db_table),
        "ids": ", ".join(["%s"] * len(case_ids)),
    }
    who = " UNION ".join(select.format(**tables) for select in recipients)
    statuses = ", ".join(["%s"] * len(OPEN_STATUSES))
    lock = " FOR UPDATE OF c" if connection.features.has_select_for_update_of else ""
    # Only table names and placeholders are formatted in; every value is a parameter.
    sql = (
        f"INSERT INTO {quote(Notification._meta.db_table)} "  # noqa: S608
        "(user_id, case_id, task_id, kind, due_on, created_at, read_at) "
        f"SELECT r.user_id, c.id, NULL, %s, c.due_on, %s, NULL FROM {tables['cases']} c "
        f"JOIN ({who}) r ON r.case_id = c.id "
        f"WHERE c.id IN ({tables['ids']}) AND c.status IN ({statuses}) AND {due[0]} "
        # An excluded person must not even learn that the case exists.
        f"AND NOT EXISTS (SELECT 1 FROM {quote(CaseExclusion._meta.db_table)} e "
        f"WHERE e.case_id = c.id AND e.user_id = r.user_id){lock} "
        "ON CONFLICT DO NOTHING RETURNING case_id, user_id"
    )
    params: list[Any] = [kind, clock.now(), *case_ids * len(recipients)]
    params += [*case_ids, *OPEN_STATUSES, *due[1]]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [(case_id, user_id) for case_id, user_id in cursor.fetchall()]


def _notify_cases(
    kind: str,
    pending: list[tuple[int, str]],
    due: tuple[str, list[Any]],
    recipients: list[str],
    *,
    audited: bool = False,
) -> int:
    """Notices for the pending cases, BATCH cases a transaction; how many were made."""
    mail = _Mail(kind)
    made = 0
    for start in range(0, len(pending), BATCH):
        numbers = dict(pending[start : start + BATCH])
        with transaction.atomic():
            rows = _insert_notifications(kind, list(numbers), due, recipients)
            for case_id, user_id in rows:
                mail.send_on_commit(user_id, numbers[case_id])
            escalated = sorted({numbers[case_id] for case_id, _user_id in rows})
            if audited and escalated:
                # One entry per batch, not per case: see above.
                audit(
                    action="case.escalated",
                    object_type="case",
                    detail={"cases": escalated, "notifications": len(rows)},
                )
                _breaches_tell({case_id for case_id, _user_id in rows})
        made += len(rows)
    return made


def _breaches_tell(case_ids: set[int]) -> None:
    """A "deadline_breached" event for each case escalated for the first time for its
    deadline: `_pending` leaves out any case with an escalation for it already, so a breach
    is told once (again only after an extension, for the new deadline, if that one passes)."""
    for case in (
        Case.objects.filter(pk__in=case_ids).select_related("appeal", "unit").order_by("pk")
    ):
        event_send("deadline_breached", case, actor=None)


def deadlines_remind() -> int:
    """Tell the responsible person (or the unit's chiefs) that a deadline is 3 working days off."""
    today = clock.today()
    horizon = due_soon_horizon(today)
    pending = _pending(Notification.Kind.DUE_SOON, Q(due_on__gte=today, due_on__lte=horizon))
    due = ("c.due_on >= %s AND c.due_on <= %s", [today, horizon])
    return _notify_cases(
        Notification.Kind.DUE_SOON, pending, due, [_ASSIGNEE, _CHIEFS_IF_UNASSIGNED]
    )


def deadlines_escalate() -> int:
    """Overdue cases go to the unit's chief and to the central department: a statutory breach."""
    today = clock.today()
    pending = _pending(Notification.Kind.OVERDUE, Q(due_on__lt=today))
    due = ("c.due_on < %s", [today])
    recipients = [_ASSIGNEE, _CHIEFS, _COORDINATORS]
    return _notify_cases(Notification.Kind.OVERDUE, pending, due, recipients, audited=True)


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
