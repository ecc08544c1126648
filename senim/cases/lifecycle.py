"""The case lifecycle (ISO 37002: receive, assess, address, conclude): one transition table.

Every change of status goes through `transition`, which checks the table: the move must be
listed, and the user's role must be among those the table names for it. The database backs the
statuses and the outcome rules with check constraints.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from senim.cases.models import Assessment, Case, ProtectedPerson, Risk, Status
from senim.core import clock
from senim.core.audit import audit
from senim.core.calendar import add_months
from senim.core.errors import DomainError, PermissionDenied
from senim.organization.models import Role

# Post-closure monitoring (DOMAIN 4.5): the reporter of a case closed while protected, or
# assessed at medium or high risk of retaliation, is watched this long after closure.
MONITORING_MONTHS = 12

HANDLERS = frozenset({Role.CHIEF, Role.COORDINATOR})
WORKERS = frozenset({Role.CHIEF, Role.COORDINATOR, Role.INVESTIGATOR})


@dataclass(frozen=True)
class Transition:
    source: str
    target: str
    roles: frozenset[str]
    label: str | Promise


_TABLE = [
    Transition(Status.RECEIVED, Status.ASSESSMENT, WORKERS, gettext_lazy("start the assessment")),
    Transition(Status.ASSESSMENT, Status.INVESTIGATION, HANDLERS, gettext_lazy("open the case")),
    Transition(Status.ASSESSMENT, Status.CONCLUDED, HANDLERS, gettext_lazy("decide at assessment")),
    Transition(Status.ASSESSMENT, Status.CLOSED, HANDLERS, gettext_lazy("merge as a duplicate")),
    Transition(Status.INVESTIGATION, Status.CONCLUDED, WORKERS, gettext_lazy("conclude")),
    Transition(
        Status.CONCLUDED, Status.INVESTIGATION, HANDLERS, gettext_lazy("return for more work")
    ),
    Transition(Status.CONCLUDED, Status.CLOSED, HANDLERS, gettext_lazy("close")),
]
TRANSITIONS: dict[tuple[str, str], Transition] = {(t.source, t.target): t for t in _TABLE}


def _role(user: Any) -> str | None:
    staff = getattr(user, "staff", None)
    return getattr(staff, "role", None)


def allowed(user: Any, case: Case, target: str) -> Transition:
    """The transition from the case's status to `target`, if this user may make it."""
    found = TRANSITIONS.get((case.status, target))
    if found is None:
        raise DomainError(
            _("A case cannot go from «%(source)s» to «%(target)s».")
            % {"source": Status(case.status).label, "target": Status(target).label}
        )
    if _role(user) not in found.roles:
        raise PermissionDenied(_("Your role may not %(action)s.") % {"action": str(found.label)})
    return found


def available(user: Any, case: Case) -> list[Transition]:
    """The moves this user could make now (for buttons; the service checks again)."""
    role = _role(user)
    return [
        t for (source, _t), t in TRANSITIONS.items() if source == case.status and role in t.roles
    ]


def _reporter_at_risk(case: Case) -> bool:
    if ProtectedPerson.objects.filter(case=case).exists():
        return True
    risky = (Risk.MEDIUM, Risk.HIGH)
    return Assessment.objects.filter(case=case, retaliation_risk__in=risky).exists()


def transition(user: Any, case: Case, target: str, *, detail: dict[str, Any] | None = None) -> None:
    """Move the case; the caller holds the transaction and saves any other fields it sets."""
    allowed(user, case, target)
    source = case.status
    case.status = target
    now = clock.now()
    if target == Status.CONCLUDED:
        case.concluded_at = now
    elif target == Status.CLOSED:
        case.closed_at = now
        case.concluded_at = case.concluded_at or now
        if case.monitoring_until is None and _reporter_at_risk(case):
            case.monitoring_until = add_months(clock.today(), MONITORING_MONTHS)
    elif target == Status.INVESTIGATION and source == Status.CONCLUDED:
        case.concluded_at = None
        case.outcome = ""
    audit(
        action="case.transition",
        actor=user,
        object_type="case",
        object_id=case.appeal.number,
        detail={"from": source, "to": target, **(detail or {})},
    )
