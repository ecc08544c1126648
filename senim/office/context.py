"""What the office navigation offers, by capability (the pages check again for themselves)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from senim.analytics.access import may_see_analytics
from senim.organization import policy
from senim.organization.policy import CASE_SIGHT, Capability

C = Capability


def navigation(request: HttpRequest) -> dict[str, Any]:
    actor = policy.actor_of(getattr(request, "user", None))
    if actor is None:
        return {}

    def any_of(*capabilities: Capability) -> bool:
        return any(actor.may(c) for c in capabilities)

    return {
        "nav_analytics": may_see_analytics(request.user),
        "nav_cases": any_of(*CASE_SIGHT),
        "nav_trust_line": any_of(C.TRUST_LINE),
        "nav_reception": any_of(C.RECEPTION_HOLD),
        "nav_tasks": any_of(C.TASKS_SET, C.TASKS_ANSWER),
        "nav_surges": any_of(C.SPAM_DECIDE),
        "nav_reveals": any_of(C.IDENTITY_APPROVE),
        "nav_audit": any_of(C.AUDIT_READ),
        "nav_calendar": any_of(C.CALENDAR_ADMIN),
        "nav_staff": any_of(C.STAFF_ADMIN),
        "nav_webhooks": any_of(C.WEBHOOKS_MANAGE),
        "nav_retention": any_of(C.RETENTION_DECIDE),
        "nav_registry_admin": any_of(C.REGISTRY_ADMIN),
        "nav_prevention": any_of(
            C.PREVENTION_VIEW_ALL, C.PREVENTION_VIEW_UNIT, C.PREVENTION_READ_COMMITMENTS
        ),
    }
