"""The case lifecycle (ISO 37002: receive, assess, address, conclude): one transition table.

Every change of status goes through `transition`, which checks the table: the move must be
listed, and the user must hold the capability the table names for it (the policy says which
roles hold it: `senim.organization.policy`). The database backs the
statuses and the outcome rules with check constraints.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from senim.cases.events import event_send
from senim.cases.models import Assessment, Case, ProtectedPerson, Risk, Status
from senim.core import clock
from senim.core.audit import audit
from senim.core.calendar import add_months
from senim.core.errors import DomainError, PermissionDenied
from senim.core.statutory import statutory_periods
from senim.organization import policy
from senim.organization.policy import Capability

if TYPE_CHECKING:
    from senim.accounts.models import Requester, User

HANDLE = Capability.CASE_HANDLE
WORK = Capability.CASE_WORK
# Closing a flood as spam (and undoing it) is the central department's decision: it takes
# cases out of a unit's hands and out of the indicators (see `senim.cases.spam`).
SPAM = Capability.SPAM_DECIDE


@dataclass(frozen=True)
class Transition:
    source: str
    target: str
    capability: Capability
    label: str | Promise


_TABLE = [
    Transition(Status.RECEIVED, Status.ASSESSMENT, WORK, gettext_lazy("start the assessment")),
    Transition(Status.ASSESSMENT, Status.INVESTIGATION, HANDLE, gettext_lazy("open the case")),
    Transition(Status.ASSESSMENT, Status.CONCLUDED, HANDLE, gettext_lazy("decide at assessment")),
    Transition(Status.ASSESSMENT, Status.CLOSED, HANDLE, gettext_lazy("merge as a duplicate")),
    Transition(Status.INVESTIGATION, Status.CONCLUDED, WORK, gettext_lazy("conclude")),
    Transition(
        Status.CONCLUDED, Status.INVESTIGATION, HANDLE, gettext_lazy("return for more work")
    ),
    Transition(Status.CONCLUDED, Status.CLOSED, HANDLE, gettext_lazy("close")),
    # Only before anyone has worked on the merits: a case under investigation, concluded or
    # answered is never spam.
    Transition(Status.RECEIVED, Status.SPAM, SPAM, gettext_lazy("close as spam")),
    Transition(Status.ASSESSMENT, Status.SPAM, SPAM, gettext_lazy("close as spam")),
    Transition(Status.SPAM, Status.RECEIVED, SPAM, gettext_lazy("reopen")),
    Transition(Status.SPAM, Status.ASSESSMENT, SPAM, gettext_lazy("reopen")),
]
TRANSITIONS: dict[tuple[str, str], Transition] = {(t.source, t.target): t for t in _TABLE}


def allowed(user: Requester | None, case: Case, target: str) -> Transition:
    """The transition from the case's status to `target`, if this user may make it."""
    found = TRANSITIONS.get((case.status, target))
    if found is None:
        raise DomainError(
            _("A case cannot go from «%(source)s» to «%(target)s».")
            % {"source": Status(case.status).label, "target": Status(target).label}
        )
    if not policy.may(user, found.capability):
        raise PermissionDenied(_("Your role may not %(action)s.") % {"action": str(found.label)})
    return found


def available(user: Requester | None, case: Case) -> list[Transition]:
    """The moves this user could make now (for buttons; the service checks again)."""
    actor = policy.actor_of(user)
    return [
        t
        for (source, _t), t in TRANSITIONS.items()
        if source == case.status and actor is not None and actor.may(t.capability)
    ]


def _reporter_at_risk(case: Case) -> bool:
    if ProtectedPerson.objects.filter(case=case).exists():
        return True
    risky = (Risk.MEDIUM, Risk.HIGH)
    return Assessment.objects.filter(case=case, retaliation_risk__in=risky).exists()


def _move(case: Case, target: str) -> str:
    """Set the status and what goes with it; returns the status the case left."""
    source = case.status
    case.status = target
    now = clock.now()
    if target == Status.CONCLUDED:
        case.concluded_at = now
    elif target == Status.CLOSED:
        case.closed_at = now
        case.concluded_at = case.concluded_at or now
        # Post-closure monitoring (DOMAIN 4.5): the reporter of a case closed while protected,
        # or assessed at medium or high risk of retaliation, is watched for a while.
        if case.monitoring_until is None and _reporter_at_risk(case):
            months = statutory_periods().monitoring_months
            case.monitoring_until = add_months(clock.today(), months)
    elif target == Status.INVESTIGATION and source == Status.CONCLUDED:
        case.concluded_at = None
        case.outcome = ""
    return source


def transition(
    user: User, case: Case, target: str, *, detail: dict[str, Any] | None = None
) -> None:
    """Move the case; the caller holds the transaction and saves any other fields it sets.

    Every move, here or in `transition_many`, sends one "status" event (`case_event`)."""
    allowed(user, case, target)
    source = _move(case, target)
    audit(
        action="case.transition",
        actor=user,
        object_type="case",
        object_id=case.appeal.number,
        detail={"from": source, "to": target, **(detail or {})},
    )
    event_send("status", case, actor=user, **{"from": source, "to": target})


def transition_many(user: User, moves: list[tuple[Case, str]]) -> list[str]:
    """Move many cases in one decision (closing a flood as spam, or undoing it): each move is
    checked against the table as `transition` checks it; returns the statuses they left.

    The caller audits the decision as one entry naming every case and its move, and keeps a
    row per case that the case's history reads. An entry per case, under the audit chain's
    lock, costs three statements a case: a flood of 2,600 cases took over 7 s on PostgreSQL,
    with every registration queued behind the lock (as for the sweep's escalations,
    `deadlines.BATCH`). The caller holds the transaction and saves the cases.
    """
    for case, target in moves:
        allowed(user, case, target)
    left = []
    for case, target in moves:
        source = _move(case, target)
        event_send("status", case, actor=user, **{"from": source, "to": target})
        left.append(source)
    return left
