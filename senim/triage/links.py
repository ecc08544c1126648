"""What the assessor makes of a suggested match: related (a link shown on both cases), a
duplicate (the existing merge: `senim.cases.handling.case_assess` with the decision "merge"),
or nothing (dismissed). Each decision is audited; nobody learns of a case they may not see.

`cases_relate` is the service for linking any two cases (a bulk "mark related" calls it).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from senim.accounts.models import User
from senim.cases import handling
from senim.cases.models import Assessment, Case, Risk, Status
from senim.cases.selectors import access_case, cases_visible_to
from senim.core import clock
from senim.core.audit import audit
from senim.core.errors import DomainError, NotFound
from senim.organization import policy
from senim.organization.policy import Capability
from senim.triage.models import CaseLink, Suggestion

State = Suggestion.State


def _require_assessor(user: User) -> None:
    policy.require(user, Capability.CASE_HANDLE, _("Your role may not link or join cases."))


@transaction.atomic
def cases_relate(
    *, user: User, case_id: int, other_id: int, suggestion_id: int | None = None
) -> CaseLink:
    """Link two cases the user sees as related; the link is shown on both. Linking twice
    keeps the one link. A suggestion between them, if any, is marked related."""
    _require_assessor(user)
    case = access_case(user, case_id)
    other = access_case(user, other_id)
    if case.pk == other.pk:
        raise DomainError(_("A case cannot be related to itself."))
    first, second = sorted((case.pk, other.pk))
    now = clock.now()
    link = CaseLink.objects.filter(first_id=first, second_id=second).first()
    if link is None:
        try:
            with transaction.atomic():
                link = CaseLink.objects.create(
                    first_id=first, second_id=second, created_by=user, created_at=now
                )
        except IntegrityError:  # linked at the same moment by someone else
            link = CaseLink.objects.get(first_id=first, second_id=second)
        else:
            audit(
                action="case.related",
                actor=user,
                object_type="case",
                object_id=case.appeal.number,
                detail={"with": other.appeal.number, "suggestion": suggestion_id},
            )
    _decide(
        user,
        Q(case_id=case.pk, earlier_id=other.pk) | Q(case_id=other.pk, earlier_id=case.pk),
        State.RELATED,
        now,
    )
    return link


def _decide(user: User, between: Q, state: str, now: object) -> None:
    Suggestion.objects.filter(between, state=State.OPEN).update(
        state=state, decided_by=user, decided_at=now
    )


def _suggestion_for(user: User, suggestion_id: int) -> tuple[Suggestion, Case, Case]:
    """The suggestion with both its cases, when the user sees both; NotFound otherwise."""
    suggestion = Suggestion.objects.select_for_update().filter(pk=suggestion_id).first()
    if suggestion is None:
        raise NotFound(_("No such suggestion."))
    later = access_case(user, suggestion.case_id)
    earlier = access_case(user, suggestion.earlier_id)
    if suggestion.state != State.OPEN:
        raise DomainError(_("This suggestion has been decided already."))
    return suggestion, later, earlier


@transaction.atomic
def suggestion_dismiss(*, user: User, suggestion_id: int) -> Suggestion:
    """Not the same matter: the suggestion is no longer shown as open."""
    _require_assessor(user)
    suggestion, later, earlier = _suggestion_for(user, suggestion_id)
    suggestion.state = State.DISMISSED
    suggestion.decided_by = user
    suggestion.decided_at = clock.now()
    suggestion.save(update_fields=["state", "decided_by", "decided_at"])
    audit(
        action="triage.suggestion_dismissed",
        actor=user,
        object_type="case",
        object_id=later.appeal.number,
        detail={"with": earlier.appeal.number, "similarity": suggestion.similarity},
    )
    return suggestion


@transaction.atomic
def suggestion_join(*, user: User, suggestion_id: int, reason: str) -> Suggestion:
    """The later report is a duplicate: it is merged into the earlier case by the existing
    merge (the assessment's decision "merge"), with the assessor's reason. Only a report not
    yet assessed can be merged, as the assessment form allows."""
    _require_assessor(user)
    suggestion, later, earlier = _suggestion_for(user, suggestion_id)
    if later.status not in (Status.RECEIVED, Status.ASSESSMENT):
        raise DomainError(
            _("Case %(number)s has been assessed already: link it as related instead.")
            % {"number": later.appeal.number}
        )
    if earlier.status == Status.SPAM:
        raise DomainError(_("A case closed as spam cannot take a duplicate."))
    handling.case_assess(
        user=user,
        case_id=later.pk,
        competence=Assessment.Competence.OURS,
        complete=True,
        relevant=True,
        priority=later.priority,
        category=later.category or later.appeal.category,
        retaliation_risk=Risk.LOW,
        offence_signs=False,
        decision=Assessment.Decision.MERGE,
        reason=reason,
        duplicate_of=earlier.appeal.number,
    )
    suggestion.state = State.JOINED
    suggestion.decided_by = user
    suggestion.decided_at = clock.now()
    suggestion.save(update_fields=["state", "decided_by", "decided_at"])
    audit(
        action="triage.suggestion_joined",
        actor=user,
        object_type="case",
        object_id=later.appeal.number,
        detail={"into": earlier.appeal.number, "similarity": suggestion.similarity},
    )
    return suggestion


# --- What the case page shows ------------------------------------------------------------------


@dataclass(frozen=True)
class Shown:
    """A suggested match or a link as the case page shows it: the other case and why."""

    other: Case
    suggestion: Suggestion | None = None
    link: CaseLink | None = None
    later: bool = False  # the other case came after this one
    # The later report may still be merged (not yet assessed).
    joinable: bool = False


def panel(user: User, case: Case) -> tuple[list[Shown], list[Shown]]:
    """(open suggestions, links) of a case the user sees, each naming only cases the user may
    see: a match or link to a hidden case is left out without a trace."""
    visible = cases_visible_to(user)
    suggestions = list(
        Suggestion.objects.filter(Q(case=case) | Q(earlier=case), state=State.OPEN)
        .filter(
            Q(case=case, earlier__in=visible.values("pk"))
            | Q(earlier=case, case__in=visible.values("pk"))
        )
        .select_related("case__appeal__court", "earlier__appeal__court")
        .order_by("-similarity", "pk")[:20]
    )
    links = list(
        CaseLink.objects.filter(
            Q(first=case, second__in=visible.values("pk"))
            | Q(second=case, first__in=visible.values("pk"))
        )
        .select_related("first__appeal", "second__appeal", "created_by")
        .order_by("created_at", "pk")[:50]
    )
    shown = [
        Shown(
            other=s.earlier if s.case_id == case.pk else s.case,
            suggestion=s,
            later=s.case_id != case.pk,
            joinable=s.case.status in (Status.RECEIVED, Status.ASSESSMENT),
        )
        for s in suggestions
    ]
    linked = [
        Shown(other=lk.second if lk.first_id == case.pk else lk.first, link=lk) for lk in links
    ]
    return shown, linked
