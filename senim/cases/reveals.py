"""Identity reveals approved by a second person: the custodian model.

With SENIM_REVEAL_APPROVAL on, nobody reads a reporter's identity on their own say-so. A person
who may read identities and sees the case asks, with a reason (`reveal_request`); a custodian
of identities (whoever holds IDENTITY_APPROVE, never the requester) approves or refuses, with a
reason (`reveal_approve`, `reveal_refuse`); an approval lets that person read that case's
identity for SENIM_REVEAL_VALID_MINUTES (`reveal_read`), each reading audited with the request
and its reason. After that the approval has expired and they must ask again.

The sweep escalates requests left waiting longer than SENIM_REVEAL_ESCALATE_HOURS to every
custodian and the central coordinators, once per request (`reveal_requests_escalate`), and
records approvals past their time as expired (`reveal_requests_expire`). The reporter is told
in the follow-up when their identity was read and for what stated reason, never by whom
(`identity_accesses`, SENIM_REVEAL_TELL_REPORTER).

The lifecycle is one table, `REVEAL_STEPS`, checked in `_move` and nowhere else:

    pending  -> approved | refused | withdrawn
    approved -> expired      (the clock: `valid_until` has passed)

A custodian sees a request's case summary (number, unit, category, who asks and why), never
the case's content nor the identity: the requests they may decide on are `custodian_requests`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from senim.cases.deadlines import notice_mail_on_commit
from senim.cases.models import Case, CaseExclusion, Notification, RevealRequest
from senim.cases.selectors import access_case
from senim.core import clock
from senim.core.audit import audit
from senim.core.errors import DomainError, NotFound, PermissionDenied
from senim.core.models import AuditEvent
from senim.core.reasons import reasons_required
from senim.intake import selectors as intake_selectors
from senim.intake.models import Appeal, Category
from senim.organization import policy
from senim.organization.policy import Capability

if TYPE_CHECKING:
    from senim.accounts.models import Requester, User

State = RevealRequest.State
MIN_REASON = 10


# --- Settings -----------------------------------------------------------------------------


def approval_required() -> bool:
    """Whether reading an identity needs a custodian's approval (off: the direct, audited
    reveal with a reason). Settings decide; without one, on everywhere but development."""
    default = getattr(settings, "SENIM_ENV", "production") != "development"
    return bool(getattr(settings, "SENIM_REVEAL_APPROVAL", default))


def valid_minutes() -> int:
    return int(getattr(settings, "SENIM_REVEAL_VALID_MINUTES", 60))


def escalate_hours() -> float:
    return float(getattr(settings, "SENIM_REVEAL_ESCALATE_HOURS", 24))


def tell_reporter() -> bool:
    return bool(getattr(settings, "SENIM_REVEAL_TELL_REPORTER", True))


# --- The lifecycle ------------------------------------------------------------------------


@dataclass(frozen=True)
class RevealStep:
    """A move of a reveal request: its audit action, and what a refused move says."""

    source: str
    target: str
    action: str
    refusal: str | Promise  # when the request is not in `source`


REVEAL_STEPS: dict[tuple[str, str], RevealStep] = {
    (s.source, s.target): s
    for s in [
        RevealStep(
            State.PENDING,
            State.APPROVED,
            "identity.reveal_approved",
            gettext_lazy("Only a request waiting for a decision can be approved."),
        ),
        RevealStep(
            State.PENDING,
            State.REFUSED,
            "identity.reveal_refused",
            gettext_lazy("Only a request waiting for a decision can be refused."),
        ),
        RevealStep(
            State.PENDING,
            State.WITHDRAWN,
            "identity.reveal_withdrawn",
            gettext_lazy("Only a request still waiting for a decision can be withdrawn."),
        ),
        RevealStep(
            State.APPROVED,
            State.EXPIRED,
            "identity.reveal_expired",
            gettext_lazy("Only an approval can expire."),
        ),
    ]
}


def _move(found: RevealRequest, target: str, *, actor: User | None, detail: dict[str, Any]) -> None:
    """Move the request to `target` if the table lists the move, with its audit entry (the
    caller holds the transaction and the row's lock, and saves the fields it sets)."""
    step = REVEAL_STEPS.get((found.state, target))
    if step is None:
        refusal = next(s.refusal for s in REVEAL_STEPS.values() if s.target == target)
        raise DomainError(str(refusal))
    found.state = target
    audit(
        action=step.action,
        actor=actor,
        object_type="case",
        object_id=found.case.appeal.number,
        detail={"request": found.pk, **detail},
    )


def _reason(reason: str) -> str:
    return reasons_required(reason, MIN_REASON, _("State the reason (at least 10 characters)."))


def _locked(**lookup: Any) -> RevealRequest | None:
    """One request, its row locked (only its row: not the case's), with its case's number."""
    return (
        RevealRequest.objects.select_for_update(of=("self",))
        .select_related("case__appeal")
        .filter(**lookup)
        .first()
    )


# --- The requester ------------------------------------------------------------------------


@transaction.atomic
def reveal_request(*, user: User, case_id: int, reason: str) -> RevealRequest:
    """Ask a custodian for the identity of a case's reporter, with a reason.

    The requester must see the case and hold IDENTITY_READ; the reporter must be named; one
    request at a time per person and case: none waiting, no approval still valid.
    """
    case = access_case(user, case_id)
    policy.require(
        user, Capability.IDENTITY_READ, _("Your role may not read reporters' identities.")
    )
    if case.appeal.is_anonymous:
        raise DomainError(_("The reporter is anonymous: there is no identity to reveal."))
    reason = _reason(reason)
    now = clock.now()
    mine = RevealRequest.objects.filter(case=case, requester=user)
    if mine.filter(state=State.PENDING).exists():
        raise DomainError(_("Your request is already waiting for a custodian."))
    if mine.filter(state=State.APPROVED, valid_until__gt=now).exists():
        raise DomainError(_("Your approval is still valid: you may show the identity."))
    try:
        with transaction.atomic():
            made = RevealRequest.objects.create(
                case=case, requester=user, reason=reason, created_at=now
            )
    except IntegrityError as twice:  # the same request sent twice at once
        raise DomainError(_("Your request is already waiting for a custodian.")) from twice
    audit(
        action="identity.reveal_requested",
        actor=user,
        object_type="case",
        object_id=case.appeal.number,
        detail={"request": made.pk, "reason": reason},
    )
    return made


@transaction.atomic
def reveal_withdraw(*, user: User, request_id: int) -> RevealRequest:
    """The requester takes back a request still waiting for a decision."""
    found = _locked(pk=request_id, requester=user)
    if found is None:
        raise NotFound(_("No such request."))
    _move(found, State.WITHDRAWN, actor=user, detail={})
    found.decided_by, found.decided_at = user, clock.now()
    found.save(update_fields=["state", "decided_by", "decided_at"])
    return found


@dataclass(frozen=True)
class Revealed:
    identity: dict[str, str] | None
    request: RevealRequest


def reveal_read(*, user: User, case_id: int) -> Revealed:
    """The identity in the clear under the reader's own valid approval for this case.

    Each reading is an audit entry naming the request and its reason. An approval found past
    its time is recorded as expired first (in its own transaction), and the reading refused.
    """
    case = access_case(user, case_id)
    policy.require(
        user, Capability.IDENTITY_READ, _("Your role may not read reporters' identities.")
    )
    now = clock.now()
    lapsed = RevealRequest.objects.filter(
        case=case, requester=user, state=State.APPROVED, valid_until__lte=now
    )
    for request_id in lapsed.values_list("pk", flat=True):
        _expire(request_id)
    with transaction.atomic():
        found = (
            RevealRequest.objects.filter(
                case=case, requester=user, state=State.APPROVED, valid_until__gt=now
            )
            .order_by("-valid_until")
            .first()
        )
        if found is None:
            raise DomainError(
                _("You have no valid approval to read this identity: request it again.")
            )
        identity = intake_selectors.identity_read(case.appeal)
        audit(
            action="identity.revealed",
            actor=user,
            object_type="case",
            object_id=case.appeal.number,
            detail={"reason": found.reason, "request": found.pk},
        )
    return Revealed(identity=identity, request=found)


@dataclass(frozen=True)
class RevealStatus:
    """The reader's latest request on a case, as the case page shows it: `state` is
    "expired" for an approval past its time even before the sweep has recorded it."""

    request: RevealRequest
    state: str

    @property
    def valid(self) -> bool:
        return self.state == State.APPROVED

    @property
    def may_request(self) -> bool:
        return self.state not in (State.PENDING, State.APPROVED)


def reveal_status(user: Requester | None, case: Case) -> RevealStatus | None:
    """The user's latest request on this case and its state now, or None."""
    actor = policy.actor_of(user)
    if actor is None:
        return None
    latest = RevealRequest.objects.filter(case=case, requester=actor.user).first()
    if latest is None:
        return None
    state = latest.state
    if state == State.APPROVED and latest.valid_until and latest.valid_until <= clock.now():
        state = State.EXPIRED
    return RevealStatus(request=latest, state=state)


# --- The custodian ------------------------------------------------------------------------


def custodian_requests(user: Requester | None) -> QuerySet[RevealRequest]:
    """The requests a custodian may see and decide: all of them, but for cases they are
    excluded from (a conflict of interest: they must not even learn of the case)."""
    actor = policy.actor_of(user)
    if actor is None or not actor.may(Capability.IDENTITY_APPROVE):
        return RevealRequest.objects.none()
    return RevealRequest.objects.exclude(
        Exists(CaseExclusion.objects.filter(case=OuterRef("case"), user=actor.user))
    )


@dataclass(frozen=True)
class RevealRow:
    """What a custodian sees of a request: the case's summary, never its content."""

    request: RevealRequest
    number: str
    unit: str
    category: str
    requester: str
    requester_unit: str
    decided_by: str
    lapsed: bool  # an approval past its time

    @property
    def state_label(self) -> str:
        return str(State.EXPIRED.label) if self.lapsed else self.request.get_state_display()


def _rows(requests: QuerySet[RevealRequest]) -> list[RevealRow]:
    now = clock.now()
    found = requests.select_related(
        "case__appeal", "case__unit", "requester__staff__unit", "decided_by"
    )
    rows = []
    for r in found:
        category = r.case.category or r.case.appeal.category
        staff = getattr(r.requester, "staff", None)
        rows.append(
            RevealRow(
                request=r,
                number=r.case.appeal.number,
                unit=r.case.unit.name,
                category=str(Category(category).label) if category in Category.values else "",
                requester=r.requester.get_full_name() or r.requester.username,
                requester_unit=staff.unit.name if staff else "",
                decided_by=(r.decided_by.get_full_name() or r.decided_by.username)
                if r.decided_by
                else "",
                lapsed=r.state == State.APPROVED
                and r.valid_until is not None
                and r.valid_until <= now,
            )
        )
    return rows


def reveal_queue(user: Requester | None, *, recent_days: int = 30) -> dict[str, list[RevealRow]]:
    """The custodian's page: requests waiting (oldest first), and those decided lately."""
    requests = custodian_requests(user)
    since = clock.now() - dt.timedelta(days=recent_days)
    return {
        "pending": _rows(requests.filter(state=State.PENDING).order_by("created_at", "pk")[:200]),
        "decided": _rows(
            requests.exclude(state=State.PENDING)
            .filter(decided_at__gte=since)
            .order_by("-decided_at", "-pk")[:100]
        ),
    }


def reveal_row(user: Requester | None, request_id: int) -> RevealRow:
    """One request as a custodian sees it; NotFound when it is not theirs to see."""
    rows = _rows(custodian_requests(user).filter(pk=request_id))
    if not rows:
        raise NotFound(_("No such request."))
    return rows[0]


def _decide(*, user: User, request_id: int, reason: str, target: str) -> RevealRequest:
    policy.require(
        user,
        Capability.IDENTITY_APPROVE,
        _("Only a custodian of identities decides on requests to read them."),
    )
    if not custodian_requests(user).filter(pk=request_id).exists():
        raise NotFound(_("No such request."))
    found = _locked(pk=request_id)
    if found is None:
        raise NotFound(_("No such request."))
    if found.requester_id == user.pk:
        raise PermissionDenied(_("Nobody decides on their own request: another custodian must."))
    reason = _reason(reason)
    now = clock.now()
    detail: dict[str, Any] = {"reason": reason}
    if target == State.APPROVED:
        found.valid_until = now + dt.timedelta(minutes=valid_minutes())
        detail["valid_until"] = found.valid_until.isoformat()
    _move(found, target, actor=user, detail=detail)
    found.decided_by, found.decided_at, found.decision_reason = user, now, reason
    found.save(
        update_fields=["state", "decided_by", "decided_at", "decision_reason", "valid_until"]
    )
    return found


@transaction.atomic
def reveal_approve(*, user: User, request_id: int, reason: str) -> RevealRequest:
    """A custodian approves another person's request: for SENIM_REVEAL_VALID_MINUTES that
    person may read that case's identity."""
    return _decide(user=user, request_id=request_id, reason=reason, target=State.APPROVED)


@transaction.atomic
def reveal_refuse(*, user: User, request_id: int, reason: str) -> RevealRequest:
    """A custodian refuses another person's request, with a reason the requester reads."""
    return _decide(user=user, request_id=request_id, reason=reason, target=State.REFUSED)


# --- The sweep ----------------------------------------------------------------------------


def _expire(request_id: int) -> int:
    """Record one approval past its time as expired, in its own transaction."""
    with transaction.atomic():
        found = _locked(pk=request_id, state=State.APPROVED, valid_until__lte=clock.now())
        if found is None:  # expired by someone else meanwhile, or not yet due
            return 0
        assert found.valid_until is not None  # an approval always has it (a constraint)
        _move(
            found, State.EXPIRED, actor=None, detail={"valid_until": found.valid_until.isoformat()}
        )
        found.save(update_fields=["state"])
        return 1


def reveal_requests_expire() -> int:
    """Approvals past their time are recorded as expired (each audited), one per transaction."""
    due = RevealRequest.objects.filter(state=State.APPROVED, valid_until__lte=clock.now())
    return sum(_expire(pk) for pk in due.order_by("valid_until", "pk").values_list("pk", flat=True))


def _told(found: RevealRequest) -> list[User]:
    """Every active custodian and central coordinator, but the requester and anyone excluded
    from the case."""
    roles = policy.roles_with(Capability.IDENTITY_APPROVE) | policy.roles_with(
        Capability.DEADLINES_ALL
    )
    excluded = CaseExclusion.objects.filter(case_id=found.case_id, user=OuterRef("pk"))
    return list(
        get_user_model()
        .objects.filter(staff__role__in=roles, is_active=True)
        .exclude(pk=found.requester_id)
        .exclude(Exists(excluded))
        .order_by("pk")
    )


def _escalate(request_id: int, cutoff: dt.datetime) -> int:
    with transaction.atomic():
        found = _locked(
            pk=request_id, state=State.PENDING, escalated_at__isnull=True, created_at__lte=cutoff
        )
        if found is None:  # decided, withdrawn or escalated meanwhile
            return 0
        now = clock.now()
        found.escalated_at = now
        found.save(update_fields=["escalated_at"])
        people = _told(found)
        kind = Notification.Kind.REVEAL_WAITING
        Notification.objects.bulk_create(
            [
                Notification(
                    user=person,
                    reveal=found,
                    kind=kind,
                    due_on=timezone.localtime(found.created_at).date(),
                    created_at=now,
                )
                for person in people
            ],
            ignore_conflicts=True,
        )
        number = found.case.appeal.number
        for person in people:
            if person.email:
                notice_mail_on_commit(person.email, person.preferred_language, kind, number)
        audit(
            action="identity.reveal_escalated",
            object_type="case",
            object_id=number,
            detail={
                "request": found.pk,
                "waiting_since": found.created_at.isoformat(),
                "told": len(people),
            },
        )
        return 1


def reveal_requests_escalate() -> int:
    """Requests waiting longer than SENIM_REVEAL_ESCALATE_HOURS go to every custodian and the
    central coordinators (a notice, an e-mail, an audit entry), once per request."""
    cutoff = clock.now() - dt.timedelta(hours=escalate_hours())
    waiting = RevealRequest.objects.filter(
        state=State.PENDING, escalated_at__isnull=True, created_at__lte=cutoff
    ).order_by("created_at", "pk")
    return sum(_escalate(pk, cutoff) for pk in waiting.values_list("pk", flat=True))


# --- The reporter -------------------------------------------------------------------------


@dataclass(frozen=True)
class IdentityAccess:
    """When a reporter's identity was read, and the reason stated; never by whom."""

    at: dt.datetime
    reason: str
    times: int


def identity_accesses(appeal: Appeal) -> list[IdentityAccess]:
    """The readings of the reporter's identity, for the reporter's follow-up page.

    From the audit log, so that every reading counts (with or without a custodian's approval):
    the readings under one approval are one access, at the first of them; a direct reading is
    one access per day and reason. Empty when SENIM_REVEAL_TELL_REPORTER is off.
    """
    if not tell_reporter() or appeal.is_anonymous:
        return []
    events = (
        AuditEvent.objects.filter(
            object_type="case", object_id=appeal.number, action="identity.revealed"
        )
        .order_by("seq")
        .values_list("at", "detail")
    )
    groups: dict[tuple[Any, ...], IdentityAccess] = {}
    for at, detail in events:
        reason = str((detail or {}).get("reason", ""))
        request = (detail or {}).get("request")
        key: tuple[Any, ...] = (
            ("request", request)
            if request is not None
            else ("direct", reason, timezone.localtime(at).date())
        )
        seen = groups.get(key)
        groups[key] = IdentityAccess(
            at=seen.at if seen else at, reason=reason, times=seen.times + 1 if seen else 1
        )
    return list(groups.values())
