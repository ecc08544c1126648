"""Reads over cases. The visibility rule lives here and nowhere else."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import connection
from django.db.models import (
    BooleanField,
    Exists,
    Min,
    OuterRef,
    Q,
    QuerySet,
    prefetch_related_objects,
)
from django.db.models.expressions import RawSQL
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
    RevealRequest,
    SpamDecisionCase,
    Status,
)
from senim.cases.search import matching
from senim.core.errors import NotFound
from senim.core.i18n import active_language
from senim.intake.models import Attachment, Call, MailboxMessage, PersonConcerned
from senim.organization import policy
from senim.organization.policy import Capability
from senim.organization.selectors import court_name_at

if TYPE_CHECKING:
    from senim.accounts.models import Requester, User


def cases_visible_to(user: Requester | None) -> QuerySet[Case]:
    """Every case `user` may see: the one visibility rule.

    Its reach comes from the policy (`senim.organization.policy`):
    - CASES_ALL (the central coordinator): every case;
    - CASES_UNIT (a chief): the cases of their own unit;
    - CASES_OWN (an investigator): the cases they are responsible for or collaborate on;
    - none of these (operator, analyst, auditor, administrator): no case (need to know);
    - nobody sees a case they are excluded from for a conflict of interest.
    """
    actor = policy.actor_of(user)
    if actor is None:
        return Case.objects.none()
    user = actor.user  # a member of staff from here on
    cases = Case.objects.filter(
        ~Exists(CaseExclusion.objects.filter(case=OuterRef("pk"), user=user))
    )
    if actor.may(Capability.CASES_ALL):
        return cases
    if actor.may(Capability.CASES_UNIT):
        return cases.filter(unit_id=actor.unit_id)
    if actor.may(Capability.CASES_OWN):
        # The collaborations are few: as a list of ids the planner can combine the assignee
        # index and the primary key, where a subquery in the OR would walk every case.
        helping = list(
            Case.collaborators.through.objects.filter(user_id=user.pk).values_list(
                "case_id", flat=True
            )
        )
        if helping:
            return cases.filter(Q(assignee=user) | Q(pk__in=helping))
        return cases.filter(assignee=user)
    return Case.objects.none()


def access_case(user: Requester | None, case_id: int) -> Case:
    """The case if `user` may see it; NotFound otherwise, whether it exists or not."""
    try:
        return (
            cases_visible_to(user).select_related("appeal", "appeal__court", "unit").get(pk=case_id)
        )
    except Case.DoesNotExist as missing:
        raise NotFound("Case not found.") from missing


def notifications_for(user: User) -> QuerySet[Notification]:
    """Unread reminders and escalations; cases the user may no longer see are left out."""
    # EXISTS per notice, not `case IN (visible cases)`: for a coordinator that set is every
    # case, too large to hash, and after a backlog sweep (thousands of unread escalations)
    # the IN took minutes.
    visible = Exists(cases_visible_to(user).filter(pk=OuterRef("case_id")))
    return (
        Notification.objects.filter(user=user, read_at__isnull=True)
        .filter(Q(case__isnull=True) | visible)
        # A reveal request's notice only while the request still waits for a decision.
        .filter(Q(reveal__isnull=True) | Q(reveal__state=RevealRequest.State.PENDING))
        .select_related(
            "case__appeal", "task", "surge__unit", "surge__court", "reveal__case__appeal"
        )
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
    user: User, filters: QueueFilters, *, today: dt.date, horizon: dt.date
) -> QuerySet[Case]:
    """The visible cases narrowed by the filters; `horizon` is the end of "due soon"."""
    cases = cases_visible_to(user)
    if filters.status:
        cases = cases.filter(status=filters.status)
    else:
        # A flood closed as spam would bury the queue: it is listed when asked for by status.
        cases = cases.exclude(status=Status.SPAM)
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
        cases = cases.filter(matching(filters.q))
    return with_list_columns(cases).order_by(*SORTS.get(filters.sort, SORTS["newest"]))


# What a row of the case table shows (office/case_table.html), and nothing more: the appeal's
# text and the case's findings are the widest columns, and building a model from every column
# of three tables cost more than the query itself.
LIST_COLUMNS = (
    "status",
    "due_on",
    "appeal__number",
    "appeal__registered_at",
    "appeal__subject",
    "appeal__channel",
    "appeal__language",  # the subject is marked with its language (lang)
    "appeal__court_id",
    "assignee__first_name",
    "assignee__last_name",
)


def with_list_columns(cases: QuerySet[Case]) -> QuerySet[Case]:
    """The cases with what a list of cases shows: the queue, the home page, an export."""
    return (
        cases.select_related("appeal", "assignee")
        .only(*LIST_COLUMNS)
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


def home_counts(
    user: User, *, today: dt.date, horizon: dt.date, cap: int | None = None
) -> dict[str, int]:
    """What needs the user today: new, due soon, overdue, awaiting an answer.

    Each figure counts at most `cap` + 1 cases (SENIM_HOME_COUNT_CAP unless given), through an
    index on status (a query each, of at most that many index entries): counted in full, the
    central department's figures read every open case on each visit, 114,000 at a million
    cases, and the page grew with the data.
    """
    cap = settings.SENIM_HOME_COUNT_CAP if cap is None else cap
    visible = cases_visible_to(user)
    if getattr(getattr(user, "staff", None), "role", None) == "investigator":
        visible = visible.filter(assignee=user)
    figures = {
        "new": Q(status="received"),
        "assessment": Q(status="assessment"),
        "due_soon": Q(status__in=OPEN, due_on__gte=today, due_on__lte=horizon),
        "overdue": Q(status__in=OPEN, due_on__lt=today),
        "awaiting_answer": Q(status="concluded"),
    }
    return {
        name: visible.filter(where).order_by().values("pk")[: cap + 1].count()
        for name, where in figures.items()
    }


# What the case page may show besides the case row: name -> (the prefetch that fetches it,
# its table, the column there naming the case's row, that row's column).
_PAGE_RELATIONS: dict[str, tuple[str, Any, str, str]] = {
    "collaborators": ("collaborators", Case.collaborators.through, "case_id", "id"),
    "notes": ("notes__author", Note, "case_id", "id"),
    "checklist": ("checklist", ChecklistItem, "case_id", "id"),
    "referrals": ("referrals", Referral, "case_id", "id"),
    "extensions": ("extensions", Extension, "case_id", "id"),
    "assessment": ("assessment__decided_by", Assessment, "case_id", "id"),
    "answer": ("answer__signed_by", Answer, "case_id", "id"),
    "protection": ("protection__events", ProtectedPerson, "case_id", "id"),
    "people": ("appeal__people", PersonConcerned, "appeal_id", "appeal_id"),
    "attachments": ("appeal__attachments", Attachment, "appeal_id", "appeal_id"),
    "messages": ("appeal__messages__deliveries", MailboxMessage, "appeal_id", "appeal_id"),
    "call": ("appeal__call__operator", Call, "appeal_id", "appeal_id"),
    "spam_entries": ("spam_entries__decision__decided_by", SpamDecisionCase, "case_id", "id"),
}


def page_has(case: Case, relation: str) -> bool:
    """Whether the case has any of `relation`: `case_page`'s flag, or unknown (so look)."""
    return bool(getattr(case, f"has_{relation}", True))


def case_page(user: Requester, case_id: int) -> Case:
    """A case with everything its page shows, in a bounded number of queries.

    The case's own query joins only what every page shows, and tells with a flag per relation
    (`has_notes`, `has_answer`...) whether the case has any: only those are fetched, one
    query each. The page reads a relation only when its flag is set; most cases have few.
    (A query joining a dozen tables spent longer being planned than run, and empty prefetches
    or ORM-built EXISTS cost more Python than the rest of the page's queries.)
    """
    quote = connection.ops.quote_name
    case_table = quote(Case._meta.db_table)
    flags = {
        # Only table and column names are formatted in.
        f"has_{name}": RawSQL(  # noqa: S611
            f"EXISTS (SELECT 1 FROM {quote(model._meta.db_table)} "  # noqa: S608
            f"WHERE {quote(link)} = {case_table}.{quote(column)})",
            [],
            output_field=BooleanField(),
        )
        for name, (_lookup, model, link, column) in _PAGE_RELATIONS.items()
    }
    try:
        case = (
            cases_visible_to(user)
            .select_related("appeal", "appeal__court", "unit", "assignee")
            .annotate(**flags)
            .get(pk=case_id)
        )
    except Case.DoesNotExist as missing:
        raise NotFound("Case not found.") from missing
    lookups = [
        lookup
        for name, (lookup, _model, _link, _column) in _PAGE_RELATIONS.items()
        if getattr(case, f"has_{name}")
    ]
    lookups += [
        f"{fk}__appeal" for fk in ("duplicate_of", "retaliation_for") if getattr(case, f"{fk}_id")
    ]
    if lookups:
        prefetch_related_objects([case], *lookups)
    return case
