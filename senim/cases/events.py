"""The cases services' side of `senim.core.events.case_event`: one way to send it, so that
every event carries the same ids and states (and nothing else: never a name, an identity or a
report's text)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from senim.cases.models import Case
from senim.core.events import case_event

if TYPE_CHECKING:
    from senim.accounts.models import User


def case_detail(case: Case) -> dict[str, Any]:
    """What every event says of its case: id, appeal number, unit code, status, deadline."""
    return {
        "case": case.pk,
        "appeal": case.appeal.number,
        "unit": case.unit.code,
        "status": case.status,
        "due_on": case.due_on.isoformat() if case.due_on else None,
    }


def event_send(
    kind: str,
    case: Case,
    *,
    actor: User | None,
    prepared: Any = None,  # a dict; Any, as the detail is passed as **extra too
    **extra: Any,
) -> None:
    """Tell the listeners, inside the caller's transaction, after its writes (the case as it
    is now; `extra`: the kind's own ids and states; `prepared`: what listeners computed before
    the transaction, see `senim.core.events`)."""
    case_event.send(
        sender=Case,
        kind=kind,
        case=case,
        actor=actor,
        detail={**case_detail(case), **extra},
        prepared=prepared or {},
    )
