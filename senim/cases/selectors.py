"""Reads over cases. The visibility rule lives here and nowhere else."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Exists, OuterRef, QuerySet
from django.db.models.functions import TruncDate

from senim.cases.models import Case, CaseExclusion
from senim.core.errors import NotFound
from senim.core.i18n import active_language
from senim.organization.models import Role
from senim.organization.selectors import court_name_at

# Roles that read no case content: aggregates, the audit log or the registry are their work.
_NO_CASE_ROLES = frozenset({Role.OPERATOR, Role.ANALYST, Role.AUDITOR, Role.ADMINISTRATOR})


def cases_visible_to(user: Any) -> QuerySet[Case]:
    """Every case `user` may see: the one visibility rule.

    - central coordinator: every case;
    - chief: the cases of their own unit;
    - investigator: the cases they are responsible for;
    - operator, analyst, auditor, administrator: none (need to know);
    - nobody sees a case they are excluded from for a conflict of interest.
    """
    staff = getattr(user, "staff", None) if getattr(user, "is_authenticated", False) else None
    if staff is None or not user.is_active or staff.role in _NO_CASE_ROLES:
        return Case.objects.none()
    cases = Case.objects.filter(
        ~Exists(CaseExclusion.objects.filter(case=OuterRef("pk"), user=user))
    )
    if staff.role == Role.COORDINATOR:
        return cases
    if staff.role == Role.CHIEF:
        return cases.filter(unit_id=staff.unit_id)
    if staff.role == Role.INVESTIGATOR:
        return cases.filter(assignee=user)
    return Case.objects.none()


def access_case(user: Any, case_id: int) -> Case:
    """The case if `user` may see it; NotFound otherwise, whether it exists or not."""
    try:
        return (
            cases_visible_to(user).select_related("appeal", "appeal__court", "unit").get(pk=case_id)
        )
    except Case.DoesNotExist as missing:
        raise NotFound("Case not found.") from missing


def case_list(user: Any) -> QuerySet[Case]:
    """Visible cases, newest first, each with the court's name as it was when reported."""
    return (
        cases_visible_to(user)
        .select_related("appeal", "unit", "assignee")
        .annotate(reported_on=TruncDate("appeal__registered_at"))
        .annotate(
            court_name_then=court_name_at(
                OuterRef("appeal__court_id"), OuterRef("reported_on"), active_language()
            )
        )
        .order_by("-appeal__registered_at")
    )


def case_counts_by_status(user: Any) -> dict[str, int]:
    rows = cases_visible_to(user).values("status").annotate(n=Count("pk")).order_by()
    return {row["status"]: row["n"] for row in rows}


def case_of_appeal(appeal_id: int) -> Case | None:
    """The case an appeal opened, for the reporter's own follow-up (found by receipt code)."""
    return Case.objects.filter(appeal_id=appeal_id).select_related("unit").first()
