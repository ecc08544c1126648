"""What the office navigation offers, by role (the pages check again for themselves)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from senim.analytics.access import may_see_analytics
from senim.organization.models import Role

CASE_ROLES = {Role.CHIEF, Role.COORDINATOR, Role.INVESTIGATOR}
CONSOLE_ROLES = {Role.OPERATOR, Role.COORDINATOR}


def navigation(request: HttpRequest) -> dict[str, Any]:
    staff = getattr(getattr(request, "user", None), "staff", None)
    role = getattr(staff, "role", None)
    return {
        "nav_analytics": staff is not None and may_see_analytics(request.user),
        "nav_cases": role in CASE_ROLES,
        "nav_trust_line": role in CONSOLE_ROLES,
        "nav_reception": role == Role.CHIEF,
        "nav_tasks": role in (Role.CHIEF, Role.COORDINATOR),
        "nav_audit": role in (Role.AUDITOR, Role.ADMINISTRATOR),
        "nav_calendar": role == Role.ADMINISTRATOR,
        "nav_prevention": role
        in (
            Role.CHIEF,
            Role.INVESTIGATOR,
            Role.COORDINATOR,
            Role.ANALYST,
            Role.AUDITOR,
            Role.ADMINISTRATOR,
        ),
    }
