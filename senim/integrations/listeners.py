"""What the integrations do when something happens to a case: inside its transaction, quick,
no call out of the process (`senim.core.events`)."""

from __future__ import annotations

from typing import Any

from senim.cases.models import Case
from senim.intake.models import Channel
from senim.integrations import eotinish, telephony


def on_case_event(
    sender: Any,
    *,
    kind: str,
    case: Case,
    detail: dict[str, Any] | None = None,
    **_kwargs: Any,
) -> None:
    if kind == "disposed":
        telephony.on_disposed(case.appeal)
        return
    if kind == "registered":
        if (detail or {}).get("channel") == Channel.TRUST_LINE:
            telephony.on_registered(case.appeal)
        return
    eotinish.on_case_event(case, kind, detail or {})
