"""Closing a flood as spam, and undoing it: one reasoned, audited decision on many cases.

A case closed as spam has the status `spam` (`lifecycle`: only from received or assessment,
only by the central department's coordinators). That status does the rest:

- its deadline stops: the sweep's reminders and escalations, and the international timers,
  look at open statuses only (`deadlines.OPEN_STATUSES`);
- it leaves the indicators: every roll-up and drill-down leaves spam out
  (`senim.analytics.metrics.counted`), and closing marks the figures to recount;
- the reporter is sent nothing: spam gets no answer, and the portal's mailbox shows the status;
- the queue shows it only when asked for (`selectors.case_queue`).

A mistaken decision is undone the same way, for the cases a coordinator selects, with reasons.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from senim.cases import lifecycle
from senim.cases.models import Case, SpamDecision, SpamDecisionCase, Status, Surge
from senim.cases.search import matching
from senim.cases.selectors import cases_visible_to
from senim.cases.surges import close_locked
from senim.core import clock
from senim.core.audit import audit
from senim.core.calendar import WorkingCalendar, calendar
from senim.core.errors import DomainError, NotFound
from senim.core.reasons import reasons_required
from senim.organization import policy
from senim.organization.policy import Capability

if TYPE_CHECKING:
    from senim.accounts.models import Requester, User

# Only before anyone has worked on the merits (see `lifecycle`).
EARLY_STATUSES = (Status.RECEIVED, Status.ASSESSMENT)
MIN_REASON = 20
# The most cases a selection page lists (and so the most ticked boxes one form posts, well
# under Django's 1,000 fields a request); a larger selection is closed whole, by its filter.
LIST_LIMIT = 500


def may_decide(user: Requester | None) -> bool:
    return policy.may(user, Capability.SPAM_DECIDE)


def _require_decider(user: Requester | None) -> None:
    policy.require(
        user, Capability.SPAM_DECIDE, _("Only the central department closes reports as spam.")
    )


@dataclass(frozen=True)
class Selection:
    """Which cases a coordinator looks at: registered in [start, end), in a unit or a court,
    with words in them. Empty fields select nothing out."""

    start: dt.datetime | None = None
    end: dt.datetime | None = None
    unit: str = ""  # the unit's code
    court: str = ""  # the court's code
    q: str = ""

    @classmethod
    def of_surge(cls, surge: Surge) -> Selection:
        return cls(
            start=surge.window_start,
            end=surge.window_end,
            unit=surge.unit.code if surge.unit else "",
            court=surge.court.code if surge.court else "",
        )


def spam_candidates(user: Requester | None, selection: Selection) -> QuerySet[Case]:
    """The cases the user may see (the visibility rule) that could be closed as spam, in the
    selection, in order of registration."""
    if not may_decide(user):
        return Case.objects.none()
    cases = cases_visible_to(user).filter(status__in=EARLY_STATUSES)
    if selection.start is not None:
        cases = cases.filter(appeal__registered_at__gte=selection.start)
    if selection.end is not None:
        cases = cases.filter(appeal__registered_at__lt=selection.end)
    if selection.unit:
        cases = cases.filter(unit__code=selection.unit)
    if selection.court:
        cases = cases.filter(appeal__court__code=selection.court)
    if selection.q.strip():
        cases = cases.filter(matching(selection.q))
    return cases.select_related("appeal", "appeal__court", "unit").order_by(
        "appeal__registered_at", "pk"
    )


def _days_left(case: Case, today: dt.date, cal: WorkingCalendar) -> int | None:
    if case.due_on is None or case.due_on < today:
        return None
    return cal.working_days_between(today, case.due_on)


def _locked_visible(user: User, case_ids: Iterable[int]) -> tuple[list[int], list[Case]]:
    ids = sorted({int(pk) for pk in case_ids})
    if not ids:
        raise DomainError(_("Select at least one case."))
    cases = list(
        cases_visible_to(user)
        .filter(pk__in=ids)
        .select_for_update(of=("self",))
        .select_related("appeal", "unit")
        .order_by("pk")
    )
    return ids, cases


@transaction.atomic
def cases_close_as_spam(
    *, user: User, case_ids: Iterable[int], reason: str, surge_id: int | None = None
) -> SpamDecision:
    """Close the selected cases as spam in one reasoned decision of the central department.

    Only coordinators; only the cases the user may see, and of those only the ones received or
    being assessed: a case under investigation, concluded or answered is never spam, and is
    left as it was (counted as skipped). One transaction: the decision (who, when, the
    reasons, how many), each case's move through the lifecycle's table with a row the case's
    history reads, and one audit entry for the decision naming every case and the status it
    left (`lifecycle.transition_many` says why not one entry per case). Nothing is sent to the
    reporters. When the decision answers a surge, the surge is closed with it.
    """
    _require_decider(user)
    reason = reasons_required(reason, MIN_REASON)
    ids, cases = _locked_visible(user, case_ids)
    closing = [case for case in cases if case.status in EARLY_STATUSES]
    if not closing:
        raise DomainError(
            _("None of the selected cases can be closed as spam: only cases not yet examined can.")
        )
    surge = None
    if surge_id is not None:
        surge = Surge.objects.select_for_update().filter(pk=surge_id).first()
        if surge is None:
            raise NotFound(_("No such surge."))
    today, cal, now = clock.today(), calendar(), clock.now()
    decision = SpamDecision.objects.create(
        action=SpamDecision.Action.CLOSE,
        surge=surge,
        decided_by=user,
        decided_at=now,
        reason=reason,
        count=len(closing),
        skipped=len(ids) - len(closing),
    )
    days_left = [_days_left(case, today, cal) for case in closing]
    left = lifecycle.transition_many(user, [(case, Status.SPAM) for case in closing])
    for case in closing:
        case.save(update_fields=["status", "updated_at"])
    SpamDecisionCase.objects.bulk_create(
        (
            SpamDecisionCase(
                decision=decision,
                case=case,
                from_status=source,
                to_status=Status.SPAM,
                days_left=days,
            )
            for case, source, days in zip(closing, left, days_left, strict=True)
        ),
        batch_size=500,
    )
    if surge is not None and surge.state == Surge.State.OPEN:
        close_locked(surge, user=user, note=reason)
    audit(
        action="spam.closed",
        actor=user,
        object_type="spam_decision",
        object_id=decision.pk,
        detail={
            "reason": reason,
            "to": Status.SPAM,
            "cases": {
                case.appeal.number: source for case, source in zip(closing, left, strict=True)
            },
            "skipped": decision.skipped,
            "surge": surge.pk if surge else None,
        },
    )
    return decision


@transaction.atomic
def cases_reopen_from_spam(*, user: User, case_ids: Iterable[int], reason: str) -> SpamDecision:
    """Undo a mistaken spam decision for the selected cases, by a coordinator with reasons.

    Each case goes back to the status it had, and gets back the working days it had left
    before its deadline, counted from today: the department could not work on a case it had
    closed. A case that was already overdue stays overdue. Selected cases that are not closed
    as spam are left as they were.
    """
    _require_decider(user)
    reason = reasons_required(reason, MIN_REASON)
    ids, cases = _locked_visible(user, case_ids)
    reopening = [case for case in cases if case.status == Status.SPAM]
    if not reopening:
        raise DomainError(_("None of the selected cases is closed as spam."))
    closures: dict[int, SpamDecisionCase] = {
        entry.case_id: entry  # the latest closure of each case wins
        for entry in SpamDecisionCase.objects.filter(
            case__in=reopening, decision__action=SpamDecision.Action.CLOSE
        ).order_by("decision__decided_at", "pk")
    }
    today, cal = clock.today(), calendar()
    decision = SpamDecision.objects.create(
        action=SpamDecision.Action.REOPEN,
        decided_by=user,
        decided_at=clock.now(),
        reason=reason,
        count=len(reopening),
        skipped=len(ids) - len(reopening),
    )
    targets = {
        case.pk: closures[case.pk].from_status if case.pk in closures else Status.RECEIVED
        for case in reopening
    }
    lifecycle.transition_many(user, [(case, targets[case.pk]) for case in reopening])
    for case in reopening:
        closure = closures.get(case.pk)
        if closure is not None and closure.days_left is not None and case.due_on is not None:
            case.due_on = max(case.due_on, cal.working_days_after(today, closure.days_left))
        case.save(update_fields=["status", "due_on", "updated_at"])
    SpamDecisionCase.objects.bulk_create(
        (
            SpamDecisionCase(
                decision=decision, case=case, from_status=Status.SPAM, to_status=targets[case.pk]
            )
            for case in reopening
        ),
        batch_size=500,
    )
    audit(
        action="spam.reopened",
        actor=user,
        object_type="spam_decision",
        object_id=decision.pk,
        detail={
            "reason": reason,
            "from": Status.SPAM,
            "cases": {case.appeal.number: targets[case.pk] for case in reopening},
            "skipped": decision.skipped,
        },
    )
    return decision


# --- Reads ------------------------------------------------------------------------------


def spam_decisions(user: Requester | None) -> QuerySet[SpamDecision]:
    if not may_decide(user):
        return SpamDecision.objects.none()
    return SpamDecision.objects.select_related("decided_by", "surge")


def spam_decision_get(user: Requester | None, decision_id: int) -> SpamDecision:
    found = spam_decisions(user).filter(pk=decision_id).first()
    if found is None:
        raise NotFound("Decision not found.")
    return found


def spam_decision_cases(user: Requester | None, decision: SpamDecision) -> QuerySet[Case]:
    """The cases the decision changed that the user may see, in order of registration."""
    return (
        cases_visible_to(user)
        .filter(spam_entries__decision=decision)
        .select_related("appeal", "appeal__court", "unit")
        .order_by("appeal__registered_at", "pk")
    )


def case_spam_closure(case: Case) -> SpamDecisionCase | None:
    """The decision that closed the case as spam, for its page (None unless it is spam).

    Read from the case's decisions as `selectors.case_page` fetched them (with the deciders).
    """
    if case.status != Status.SPAM:
        return None
    closures = [entry for entry in case.spam_entries.all() if entry.to_status == Status.SPAM]
    return max(closures, key=lambda e: (e.decision.decided_at, e.pk), default=None)
