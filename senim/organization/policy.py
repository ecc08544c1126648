"""Who may do what: the one place that lists roles.

A staff member's capabilities follow from their role (`CAPABILITIES`), and only while their
account is active and attached to a unit (`actor_of`). Everything above asks this module: the
services before they act, the selectors for the querysets of what a person may see (cases,
appeals, central tasks, prevention records, analytics, the audit log: each kind's queryset lives
with its models and is built from these capabilities, never from role names), the office's
views and templates for what to offer, and API tokens, whose scopes can only narrow them.

    >>> may(user, Capability.IDENTITY_READ)
    >>> actor = require(user, Capability.ANSWER_SIGN, _("Only the chief signs off answers."))
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from django.conf import settings
from django.db.models import QuerySet
from django.utils.functional import Promise

from senim.accounts.models import User
from senim.core.errors import PermissionDenied
from senim.organization.models import Role, StaffMember, Unit

if TYPE_CHECKING:
    from senim.accounts.models import Requester


class Capability(StrEnum):
    # Which cases a person sees (`senim.cases.access`); at most one of the three.
    CASES_ALL = "cases.all"
    CASES_UNIT = "cases.unit"
    CASES_OWN = "cases.own"  # responsible for, or collaborating on
    # What they may do on a case they see.
    CASE_WORK = "case.work"  # notes, checklist, conclusion, answer drafts, the assessment's start
    CASE_HANDLE = "case.handle"  # assess, assign, close, return, extend, referrals
    CASE_REROUTE = "case.reroute"
    ANSWER_SIGN = "answer.sign"
    IDENTITY_READ = "identity.read"
    # Approve or refuse another person's request to read a reporter's identity (a custodian's
    # decision: `senim.cases.reveals`); it shows the request's case summary, not the case.
    IDENTITY_APPROVE = "identity.approve"
    REPORTER_WRITE = "reporter.write"
    PROTECTION_MANAGE = "protection.manage"
    SPAM_DECIDE = "spam.decide"
    # Who is told of deadlines: the unit's (reminders, escalations of its cases) or everyone's.
    DEADLINES_UNIT = "deadlines.unit"
    DEADLINES_ALL = "deadlines.all"
    # Intake.
    TRUST_LINE = "trust_line.operate"
    CALLBACK_NOTE = "trust_line.callback"  # add to a reporter's appeal on a call-back
    RECEPTION_HOLD = "reception.hold"  # the chief's daily reception of their unit
    RECEPTION_BOOK = "reception.book"  # book a place at any unit's reception for a caller
    # Central tasks.
    TASKS_SET = "tasks.set"
    TASKS_ANSWER = "tasks.answer"
    # Prevention.
    PREVENTION_VIEW_ALL = "prevention.view_all"
    PREVENTION_VIEW_UNIT = "prevention.view_unit"
    PREVENTION_EDIT_ALL = "prevention.edit_all"
    PREVENTION_EDIT_UNIT = "prevention.edit_unit"
    PREVENTION_EDIT_CENTRAL = "prevention.edit_central"  # concept, GRECO
    # The department's public commitments (the concept, GRECO's recommendations): all staff.
    PREVENTION_READ_COMMITMENTS = "prevention.read_commitments"
    # Analytics: figures, never case content (cases behind a figure go by case visibility).
    ANALYTICS_COUNTRY = "analytics.country"
    ANALYTICS_UNIT = "analytics.unit"
    # Oversight and administration.
    AUDIT_READ = "audit.read"
    STAFF_ADMIN = "staff.admin"
    CALENDAR_ADMIN = "calendar.admin"
    REGISTRY_ADMIN = "registry.admin"  # the court registry: add, rename, merge, close courts
    # Webhook subscriptions: other systems told of cases' events (ids and states only).
    WEBHOOKS_MANAGE = "webhooks.manage"
    # Records: retention periods, approving a disposal list, lifting a legal hold.
    RETENTION_DECIDE = "retention.decide"


C = Capability
# Whoever holds one of these sees some cases (which ones: `senim.cases.selectors`).
CASE_SIGHT = (C.CASES_ALL, C.CASES_UNIT, C.CASES_OWN)
_HANDLING = {C.CASE_WORK, C.IDENTITY_READ, C.REPORTER_WRITE}
_PREVENTION_CENTRAL = {C.PREVENTION_READ_COMMITMENTS, C.PREVENTION_VIEW_ALL, C.ANALYTICS_COUNTRY}

_ALL_STAFF = {C.PREVENTION_READ_COMMITMENTS}

CAPABILITIES: dict[str, frozenset[Capability]] = {
    Role.OPERATOR: frozenset({*_ALL_STAFF, C.TRUST_LINE, C.CALLBACK_NOTE, C.RECEPTION_BOOK}),
    Role.INVESTIGATOR: frozenset(
        {*_ALL_STAFF, C.CASES_OWN, *_HANDLING, C.PREVENTION_VIEW_UNIT, C.ANALYTICS_UNIT}
    ),
    Role.CHIEF: frozenset(
        {
            *_ALL_STAFF,
            C.CASES_UNIT,
            *_HANDLING,
            C.CASE_HANDLE,
            C.ANSWER_SIGN,
            C.PROTECTION_MANAGE,
            C.DEADLINES_UNIT,
            C.RECEPTION_HOLD,
            C.TASKS_ANSWER,
            C.PREVENTION_VIEW_UNIT,
            C.PREVENTION_EDIT_UNIT,
            C.ANALYTICS_UNIT,
        }
    ),
    Role.COORDINATOR: frozenset(
        {
            *_ALL_STAFF,
            C.CASES_ALL,
            *_HANDLING,
            C.CASE_HANDLE,
            C.CASE_REROUTE,
            C.ANSWER_SIGN,
            C.PROTECTION_MANAGE,
            C.SPAM_DECIDE,
            C.DEADLINES_ALL,
            C.TRUST_LINE,
            C.CALLBACK_NOTE,
            C.RECEPTION_BOOK,
            C.TASKS_SET,
            *_PREVENTION_CENTRAL,
            C.PREVENTION_EDIT_ALL,
            C.PREVENTION_EDIT_CENTRAL,
            C.WEBHOOKS_MANAGE,
            C.RETENTION_DECIDE,
        }
    ),
    Role.ANALYST: frozenset(_PREVENTION_CENTRAL),
    Role.AUDITOR: frozenset({*_PREVENTION_CENTRAL, C.AUDIT_READ}),
    Role.ADMINISTRATOR: frozenset(
        {
            *_PREVENTION_CENTRAL,
            C.AUDIT_READ,
            C.STAFF_ADMIN,
            C.CALENDAR_ADMIN,
            C.REGISTRY_ADMIN,
            C.WEBHOOKS_MANAGE,
        }
    ),
    # Sees no case: only the summaries of the requests waiting for a decision.
    Role.CUSTODIAN: frozenset({*_ALL_STAFF, C.IDENTITY_APPROVE}),
    # Another system acting through /api/v1 (`IntegrationClient`): a service identity confined
    # to its unit. It registers appeals as the trust line does and sees its unit's cases (their
    # states, for the system that sent them); never an identity, never another unit's case.
    # Its allowed operations narrow it further, in the API.
    Role.INTEGRATION: frozenset({C.TRUST_LINE, C.CASES_UNIT}),
}


@dataclass(frozen=True)
class Actor:
    """A staff member able to act now: an active account attached to a unit."""

    user: User
    staff: StaffMember
    capabilities: frozenset[Capability]

    @property
    def role(self) -> str:
        return self.staff.role

    @property
    def unit_id(self) -> int:
        return self.staff.unit_id

    def may(self, capability: Capability) -> bool:
        return capability in self.capabilities


def actor_of(user: Requester | None) -> Actor | None:
    """The user as a staff member who may act, or None (anonymous, inactive, no unit)."""
    if not isinstance(user, User) or not user.is_active:  # nobody, or an anonymous visitor
        return None
    try:
        staff = user.staff
    except StaffMember.DoesNotExist:
        return None
    return Actor(user=user, staff=staff, capabilities=CAPABILITIES.get(staff.role, frozenset()))


def may(user: Requester | None, capability: Capability) -> bool:
    actor = actor_of(user)
    return actor is not None and actor.may(capability)


def may_any(user: Requester | None, *capabilities: Capability) -> bool:
    actor = actor_of(user)
    return actor is not None and any(actor.may(c) for c in capabilities)


def require(user: Requester | None, capability: Capability, refusal: str | Promise) -> Actor:
    """The actor if they hold `capability`; PermissionDenied with `refusal` otherwise."""
    actor = actor_of(user)
    if actor is None or not actor.may(capability):
        raise PermissionDenied(str(refusal))
    return actor


def roles_with(capability: Capability) -> frozenset[str]:
    """The roles holding a capability: for queries of people ("the chiefs of a unit")."""
    return frozenset(role for role, held in CAPABILITIES.items() if capability in held)


def roles_sql(capability: Capability) -> str:
    """The roles holding a capability as an SQL list of literals, for hand-written statements.
    Role names are the policy's own constants (never input), so they are safe to format in."""
    return ", ".join(f"'{role}'" for role in sorted(roles_with(capability)))


def units_for(user: Requester | None, *, every: Capability, own: Capability) -> QuerySet[Unit]:
    """The units whose records a capability reaches: all of them, the user's own, or none."""
    actor = actor_of(user)
    if actor is None:
        return Unit.objects.none()
    if actor.may(every):
        return Unit.objects.all()
    if actor.may(own):
        return Unit.objects.filter(pk=actor.unit_id)
    return Unit.objects.none()


# Whoever holds one of these needs a second factor to sign in (the identities of reporters,
# the people who administer staff, the audit log). Others only if SENIM_MFA_EXTRA_ROLES names
# their role.
SECOND_FACTOR_CAPABILITIES = frozenset(
    {C.IDENTITY_READ, C.IDENTITY_APPROVE, C.STAFF_ADMIN, C.AUDIT_READ, C.WEBHOOKS_MANAGE}
)


def second_factor_required(user: Requester | None) -> bool:
    """Whether this account must sign in with a second factor (when enforcement is on)."""
    actor = actor_of(user)
    if actor is None:
        return False
    if actor.staff.role in settings.SENIM_MFA_EXTRA_ROLES:
        return True
    return bool(actor.capabilities & SECOND_FACTOR_CAPABILITIES)
