"""Security events into the audit chain: sign-ins (by which means), second-factor enrolment,
removal, regeneration and failures, step-ups. Connected in OfficeConfig.ready; the password
failures and logouts are written by the login views themselves."""

from __future__ import annotations

from typing import Any

from allauth.mfa import signals as mfa_signals
from django.contrib.auth.signals import user_logged_in

from senim.core.audit import audit


def _methods(request: Any) -> list[str]:
    entries = getattr(request, "session", {}).get("account_authentication_methods") or []
    return sorted({str(e.get("method", "")) for e in entries if isinstance(e, dict)})


def _logged_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    audit(
        action="login",
        actor=user,
        object_type="user",
        object_id=user.pk,
        detail={"methods": _methods(request)},
    )


def _factor(action: str) -> Any:
    def receiver(sender: Any, request: Any, user: Any, authenticator: Any, **kwargs: Any) -> None:
        detail: dict[str, Any] = {"factor": str(authenticator.type)}
        if action == "mfa.used":
            if not kwargs.get("reauthenticated"):
                return  # the sign-in itself is the "login" entry, with its methods
            action_ = "mfa.step_up"
        else:
            action_ = action
        if action == "mfa.failed":
            detail["step_up"] = bool(kwargs.get("reauthentication"))
        audit(action=action_, actor=user, object_type="user", object_id=user.pk, detail=detail)

    return receiver


_RECEIVERS = {
    mfa_signals.authenticator_added: _factor("mfa.added"),
    mfa_signals.authenticator_removed: _factor("mfa.removed"),
    mfa_signals.authenticator_reset: _factor("mfa.regenerated"),
    mfa_signals.authenticator_used: _factor("mfa.used"),
    mfa_signals.authentication_failed: _factor("mfa.failed"),
}


def connect() -> None:
    user_logged_in.connect(_logged_in, dispatch_uid="senim.login.audit")
    for signal, receiver in _RECEIVERS.items():
        signal.connect(receiver, dispatch_uid=f"senim.{id(signal)}.audit")
