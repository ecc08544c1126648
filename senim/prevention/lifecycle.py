"""The lifecycles of prevention work: one transition table each, checked in one place.

A status changes only through `check`: the move must be in the table, the user must hold one
of the capabilities the table names for it (the service checks, besides, that the record is
of a unit they change), and a move that needs a reason must be given one. `choices` lists
the moves a user may make now, for the office's status selects. The database backs what it
can express (see the models): a done measure, resolution or mitigation action has its
completion date and nothing else has one; a done or cancelled resolution has its follow-up.

Work (plan measures, resolutions, mitigation actions, concept measures) goes planned -> in
progress -> done, or is cancelled before it is done; done and cancelled are final, except
that the central department may reopen done work (a measure whose figures were wrong, a
resolution not in fact carried out) with a reason. A mitigation action has no place for a
reason: one done or cancelled by mistake is followed by a new action.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import TextChoices
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from senim.core.errors import DomainError, PermissionDenied
from senim.organization.policy import Capability, may_any
from senim.prevention.models import RiskStatus, WorkStatus

if TYPE_CHECKING:
    from senim.prevention.access import Viewer

# Within the record's unit: the service checks which units the user changes.
EDIT = frozenset({Capability.PREVENTION_EDIT_UNIT, Capability.PREVENTION_EDIT_ALL})
OVERSIGHT = frozenset({Capability.PREVENTION_EDIT_ALL})
CENTRAL = frozenset({Capability.PREVENTION_EDIT_CENTRAL})


@dataclass(frozen=True)
class Transition:
    source: str
    target: str
    capabilities: frozenset[Capability]  # any one of them
    label: str | Promise
    reason: str | Promise | None = None  # the request for a reason, when the move needs one


@dataclass(frozen=True)
class Lifecycle:
    statuses: type[TextChoices]
    transitions: tuple[Transition, ...]
    # Staying in the same status: refused with this message, or (None) allowed and nothing
    # moves, where the form records more than the status (a follow-up, a note, a review).
    unchanged: str | Promise | None = None

    def find(self, source: str, target: str) -> Transition | None:
        return next((t for t in self.transitions if (t.source, t.target) == (source, target)), None)

    def always_asks(self, target: str) -> str | Promise | None:
        """The request for a reason that every move into `target` makes (cancelling needs a
        reason whatever the work was at), so it is asked before anything else."""
        into = [t for t in self.transitions if t.target == target]
        if into and all(t.reason is not None for t in into):
            return into[0].reason
        return None

    def label(self, status: str) -> str:
        return str(self.statuses(status).label)


_START = pgettext_lazy("prevention move", "start")
_DONE = pgettext_lazy("prevention move", "mark as done")
_CANCEL = pgettext_lazy("prevention move", "cancel")
_REOPEN = pgettext_lazy("prevention move", "reopen")
_REOPEN_WHY = gettext_lazy("Give the reason for reopening.")


def _work(
    who: frozenset[Capability],
    *,
    done: str | Promise | None = None,
    cancel: str | Promise | None = None,
    reopen: frozenset[Capability] | None = None,
) -> tuple[Transition, ...]:
    """planned -> in progress -> done; planned or in progress -> cancelled; and, for those
    `reopen` names, done -> in progress with a reason."""
    planned, in_progress = WorkStatus.PLANNED, WorkStatus.IN_PROGRESS
    table = [
        Transition(planned, in_progress, who, _START),
        Transition(planned, WorkStatus.DONE, who, _DONE, done),
        Transition(in_progress, WorkStatus.DONE, who, _DONE, done),
        Transition(planned, WorkStatus.CANCELLED, who, _CANCEL, cancel),
        Transition(in_progress, WorkStatus.CANCELLED, who, _CANCEL, cancel),
    ]
    if reopen is not None:
        table.append(Transition(WorkStatus.DONE, in_progress, reopen, _REOPEN, _REOPEN_WHY))
    return tuple(table)


_CANCEL_MEASURE_WHY = gettext_lazy("Give the reason for cancelling the measure.")
_ACCOUNT = gettext_lazy("Say how the resolution was carried out, or why it was cancelled.")

MEASURES = Lifecycle(
    WorkStatus,
    _work(EDIT, cancel=_CANCEL_MEASURE_WHY, reopen=OVERSIGHT),
    unchanged=gettext_lazy("The measure already has this status."),
)
RESOLUTIONS = Lifecycle(WorkStatus, _work(EDIT, done=_ACCOUNT, cancel=_ACCOUNT, reopen=OVERSIGHT))
RISK_ACTIONS = Lifecycle(WorkStatus, _work(EDIT))
CONCEPT_MEASURES = Lifecycle(WorkStatus, _work(CENTRAL, cancel=_CANCEL_MEASURE_WHY, reopen=CENTRAL))
RISKS = Lifecycle(
    RiskStatus,
    (
        Transition(RiskStatus.ACTIVE, RiskStatus.CLOSED, EDIT, pgettext_lazy("risk", "close")),
        Transition(RiskStatus.CLOSED, RiskStatus.ACTIVE, EDIT, pgettext_lazy("risk", "reopen")),
    ),
)


def check(
    lifecycle: Lifecycle, user: Viewer, *, source: str, target: str, reason: str = ""
) -> Transition | None:
    """The one check of a status change: the transition `user` makes, or None when the status
    stays (where the lifecycle allows that). DomainError (PermissionDenied for a move the
    user's capabilities do not allow) otherwise; the caller then changes nothing."""
    if target not in lifecycle.statuses.values:
        raise DomainError(_("Choose a status."))
    if target == source and lifecycle.unchanged is not None:
        raise DomainError(lifecycle.unchanged)
    asks = lifecycle.always_asks(target)
    if asks is not None and not reason.strip():
        raise DomainError(asks)
    if target == source:
        return None
    found = lifecycle.find(source, target)
    if found is None:
        raise DomainError(
            _("The status cannot change from «%(source)s» to «%(target)s».")
            % {"source": lifecycle.label(source), "target": lifecycle.label(target)}
        )
    if not may_any(user, *found.capabilities):
        raise PermissionDenied(_("Your role may not %(action)s.") % {"action": found.label})
    if found.reason is not None and not reason.strip():
        raise DomainError(found.reason)
    return found


def choices(lifecycle: Lifecycle, user: Viewer, source: str) -> list[tuple[str, str]]:
    """The statuses `user` may move a record to from `source`, as (value, label) for a select
    (the service checks again)."""
    return [
        (t.target, lifecycle.label(t.target))
        for t in lifecycle.transitions
        if t.source == source and may_any(user, *t.capabilities)
    ]
