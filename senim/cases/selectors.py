"""Reads over cases. The visibility rule lives here and nowhere else."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Count,
    Exists,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    prefetch_related_objects,
)
from django.db.models.functions import TruncDate

from senim.cases.models import (
    Answer,
    Assessment,
    Case,
    CaseExclusion,
    ChecklistItem,
    Extension,
    Note,
    Notification,
    ProtectedPerson,
    Referral,
)
from senim.core.errors import NotFound
from senim.core.i18n import active_language
from senim.intake.models import Attachment, MailboxMessage, PersonConcerned
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


def notifications_for(user: Any) -> QuerySet[Notification]:
    """Unread reminders and escalations; cases the user may no longer see are left out."""
    return (
        Notification.objects.filter(user=user, read_at__isnull=True)
        .filter(Q(case__isnull=True) | Q(case__in=cases_visible_to(user)))
        .select_related("case__appeal", "task")
        .order_by("-created_at")
    )


def case_escalations(case: Case) -> list[tuple[dt.date, dt.datetime]]:
    """(deadline, when) each time the case was escalated as overdue: its first overdue notice.

    The sweep audits escalations a batch of cases at a time, so the case's own history reads
    them here.
    """
    return list(
        Notification.objects.filter(case=case, kind=Notification.Kind.OVERDUE)
        .order_by()
        .values("due_on")
        .annotate(at=Min("created_at"))
        .values_list("due_on", "at")
    )


def issued_answer(case: Case | None) -> Answer | None:
    """The answer the reporter may read: only once it has been issued."""
    if case is None:
        return None
    return Answer.objects.filter(case=case, state=Answer.State.ISSUED).first()


def case_of_appeal(appeal_id: int) -> Case | None:
    """The case an appeal opened, for the reporter's own follow-up (found by receipt code)."""
    return Case.objects.filter(appeal_id=appeal_id).select_related("unit").first()


# --- The queue ---------------------------------------------------------------------------

OPEN = ("received", "assessment", "investigation")
SORTS = {
    "newest": ("-pk",),
    "oldest": ("pk",),
    "due": ("due_on", "pk"),
}


@dataclass(frozen=True)
class QueueFilters:
    status: str = ""
    deadline: str = ""
    court: str = ""
    region: str = ""
    category: str = ""
    channel: str = ""
    assignee: str = ""
    unit: str = ""
    q: str = ""
    sort: str = "newest"


def case_queue(
    user: Any, filters: QueueFilters, *, today: dt.date, horizon: dt.date
) -> QuerySet[Case]:
    """The visible cases narrowed by the filters; `horizon` is the end of "due soon"."""
    cases = cases_visible_to(user)
    if filters.status:
        cases = cases.filter(status=filters.status)
    if filters.deadline == "overdue":
        cases = cases.filter(status__in=OPEN, due_on__lt=today)
    elif filters.deadline == "due_soon":
        cases = cases.filter(status__in=OPEN, due_on__gte=today, due_on__lte=horizon)
    elif filters.deadline == "on_time":
        cases = cases.filter(status__in=OPEN, due_on__gt=horizon)
    elif filters.deadline == "done":
        cases = cases.exclude(status__in=OPEN)
    if filters.court:
        cases = cases.filter(appeal__court__code=filters.court)
    if filters.region:
        cases = cases.filter(appeal__court__region__code=filters.region)
    if filters.category:
        cases = cases.filter(category=filters.category)
    if filters.channel:
        cases = cases.filter(appeal__channel=filters.channel)
    if filters.assignee == "me":
        cases = cases.filter(assignee=user)
    elif filters.assignee == "none":
        cases = cases.filter(assignee__isnull=True)
    elif filters.assignee.isdigit():
        cases = cases.filter(assignee_id=int(filters.assignee))
    if filters.unit:
        cases = cases.filter(unit__code=filters.unit)
    if filters.q.strip():
        from senim.cases.search import matching

        cases = cases.filter(matching(filters.q))
    return _with_list_columns(cases).order_by(*SORTS.get(filters.sort, SORTS["newest"]))


def _with_list_columns(cases: QuerySet[Case]) -> QuerySet[Case]:
    return (
        cases.select_related("appeal", "unit", "assignee")
        .annotate(reported_on=TruncDate("appeal__registered_at"))
        .annotate(
            court_name_then=court_name_at(
                OuterRef("appeal__court_id"), OuterRef("reported_on"), active_language()
            )
        )
    )


@dataclass(frozen=True)
class Page:
    rows: list[Case]
    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1


def page_of(cases: QuerySet[Case], number: int, size: int = 25) -> Page:
    """One page without counting the whole set: counting a million rows is the slow part."""
    number = max(1, min(number, 10_000))
    start = (number - 1) * size
    rows = list(cases[start : start + size + 1])
    return Page(rows=rows[:size], number=number, has_next=len(rows) > size)


def home_counts(user: Any, *, today: dt.date, horizon: dt.date) -> dict[str, int]:
    """What needs the user today: new, due soon, overdue, awaiting an answer (one query)."""
    visible = cases_visible_to(user)
    if getattr(getattr(user, "staff", None), "role", None) == "investigator":
        visible = visible.filter(assignee=user)
    return visible.aggregate(
        new=Count("pk", filter=Q(status="received")),
        assessment=Count("pk", filter=Q(status="assessment")),
        due_soon=Count("pk", filter=Q(status__in=OPEN, due_on__gte=today, due_on__lte=horizon)),
        overdue=Count("pk", filter=Q(status__in=OPEN, due_on__lt=today)),
        awaiting_answer=Count("pk", filter=Q(status="concluded")),
    )


# What the case page may show besides the case row: (prefetch lookup, the part of it to mark
# empty when the case has none, that part's model, its path back to the case, the case's
# column that path ends at).
_PAGE_RELATIONS: list[tuple[str, str, Any, str, str]] = [
    (
        "collaborators",
        "collaborators",
        Case.collaborators.field.related_model,
        "collaborating_cases",
        "pk",
    ),
    ("notes__author", "notes", Note, "case", "pk"),
    ("checklist", "checklist", ChecklistItem, "case", "pk"),
    ("referrals", "referrals", Referral, "case", "pk"),
    ("extensions", "extensions", Extension, "case", "pk"),
    ("assessment__decided_by", "assessment", Assessment, "case", "pk"),
    ("answer__signed_by", "answer", Answer, "case", "pk"),
    ("protection__events", "protection", ProtectedPerson, "case", "pk"),
    ("appeal__people", "appeal__people", PersonConcerned, "appeal", "appeal_id"),
    ("appeal__attachments", "appeal__attachments", Attachment, "appeal", "appeal_id"),
    ("appeal__messages__files", "appeal__messages", MailboxMessage, "appeal", "appeal_id"),
]


def case_page(user: Any, case_id: int) -> Case:
    """A case with everything its page shows, in a bounded number of queries.

    The case's query joins only what every page shows and asks, with one EXISTS each, which
    of the other things the case has; only those are then fetched, one query each. Most
    cases have few of them, and a query joining a dozen tables spent longer being planned
    than run.
    """
    checks = {
        f"has_{index}": Exists(model.objects.filter(**{link: OuterRef(column)}))
        for index, (_lookup, _empty, model, link, column) in enumerate(_PAGE_RELATIONS)
    }
    try:
        case = (
            cases_visible_to(user)
            .select_related("appeal", "appeal__court", "unit", "assignee")
            .annotate(**checks)
            .get(pk=case_id)
        )
    except Case.DoesNotExist as missing:
        raise NotFound("Case not found.") from missing
    lookups: list[str | Prefetch[Any]] = ["duplicate_of__appeal", "retaliation_for__appeal"]
    for index, (lookup, empty, model, _link, _column) in enumerate(_PAGE_RELATIONS):
        # An empty queryset is cached without a query: the page then reads "none" from it.
        present = getattr(case, f"has_{index}")
        lookups.append(lookup if present else Prefetch(empty, queryset=model.objects.none()))
    prefetch_related_objects([case], *lookups)
    return case
