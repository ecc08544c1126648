"""Handling a case: assessment and routing, assignment, exclusions, notes, checklist,
conclusion and referrals. Each service is one transaction and leaves an audit entry."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop, override

from senim.cases import lifecycle
from senim.cases.events import event_send
from senim.cases.models import (
    Assessment,
    Case,
    CaseExclusion,
    ChecklistItem,
    Note,
    Outcome,
    Referral,
    Status,
)
from senim.cases.selectors import access_case, cases_visible_to
from senim.core import clock
from senim.core.audit import audit
from senim.core.calendar import calendar
from senim.core.errors import DomainError, NotFound
from senim.core.statutory import statutory_periods
from senim.intake import mailbox as intake
from senim.intake.anonymity import AnonymousPolicy
from senim.intake.models import Delivery
from senim.organization import policy
from senim.organization.models import Unit
from senim.organization.policy import Capability

if TYPE_CHECKING:
    from senim.accounts.models import User

Decision = Assessment.Decision

CONCLUSION_OUTCOMES = frozenset(
    {
        Outcome.SUBSTANTIATED,
        Outcome.PARTLY,
        Outcome.NOT_SUBSTANTIATED,
        Outcome.REFERRED_ACS,
        Outcome.REFERRED_PROSECUTOR,
        Outcome.REFERRED_DISCIPLINARY,
    }
)
_REFERRAL_BODY = {
    Outcome.REFERRED_ACS: Referral.Body.ACS,
    Outcome.REFERRED_PROSECUTOR: Referral.Body.PROSECUTOR,
    Outcome.REFERRED_DISCIPLINARY: Referral.Body.DISCIPLINARY,
}

# Marked for extraction here, translated when a checklist is made (in the active language).
DEFAULT_STEPS = [
    gettext_noop("Study the appeal and the documents attached"),
    gettext_noop("Request an explanation from the person concerned"),
    gettext_noop("Obtain the case file or office records"),
    gettext_noop("Interview witnesses"),
    gettext_noop("Check the facts with the reporter"),
    gettext_noop("Prepare the conclusion"),
]


def _require(user: User, capability: Capability, action: str) -> None:
    policy.require(user, capability, _("Your role may not %(action)s.") % {"action": action})


def _case_for_update(user: User, case_id: int) -> Case:
    case = access_case(user, case_id)
    return Case.objects.select_for_update().select_related("appeal", "unit").get(pk=case.pk)


@transaction.atomic
def case_assess(
    *,
    user: User,
    case_id: int,
    competence: str,
    complete: bool,
    relevant: bool,
    priority: str,
    category: str,
    retaliation_risk: str,
    offence_signs: bool,
    decision: str,
    reason: str = "",
    forwarded_to: str = "",
    duplicate_of: str = "",
    retaliation_for: str = "",
) -> Case:
    """Record the assessment and carry out its decision through the transition table.

    Kazakhstan's rule for anonymous appeals (SENIM_ANONYMOUS_POLICY=kz): without signs of an
    offence they are not considered; with them they are redirected at once.
    """
    case = _case_for_update(user, case_id)
    if case.status == Status.RECEIVED:
        lifecycle.transition(user, case, Status.ASSESSMENT)
    if case.status != Status.ASSESSMENT:
        raise DomainError(_("This case has already been assessed."))
    appeal = case.appeal
    kz_rule = appeal.is_anonymous and appeal.anonymous_policy == AnonymousPolicy.KAZAKHSTAN
    redirects = {Decision.REDIRECT_ACS, Decision.REDIRECT_PROSECUTOR}
    if kz_rule and offence_signs and decision not in redirects:
        raise DomainError(
            _(
                "Under the anonymous-appeal rule, an anonymous appeal reporting an offence "
                "is redirected at once."
            )
        )
    if kz_rule and not offence_signs and decision not in {Decision.NOT_SUBJECT, Decision.MERGE}:
        raise DomainError(
            _(
                "Under the anonymous-appeal rule, an anonymous appeal without signs of an "
                "offence is not considered."
            )
        )
    if (
        decision in {Decision.NOT_SUBJECT, Decision.MERGE, Decision.FORWARD}
        and len(reason.strip()) < 5
    ):
        raise DomainError(_("Give the reason for this decision."))
    if decision == Decision.FORWARD and not forwarded_to.strip():
        raise DomainError(_("Name the body the appeal is forwarded to."))

    case.priority = priority
    case.category = category
    if retaliation_for:
        original = _visible_by_number(user, retaliation_for)
        case.retaliation_for = original
    now = clock.now()
    if decision == Decision.OPEN:
        lifecycle.transition(user, case, Status.INVESTIGATION)
        ChecklistItem.objects.bulk_create(
            ChecklistItem(case=case, title=_(step), position=i)
            for i, step in enumerate(DEFAULT_STEPS)
        )
    elif decision == Decision.MERGE:
        original = _visible_by_number(user, duplicate_of)
        if original.pk == case.pk:
            raise DomainError(_("A case cannot be a duplicate of itself."))
        case.duplicate_of = original
        case.outcome = Outcome.MERGED
        lifecycle.transition(user, case, Status.CLOSED, detail={"into": original.appeal.number})
    else:
        case.outcome = {
            Decision.CONSULTATION: Outcome.CONSULTATION,
            Decision.FORWARD: Outcome.FORWARDED,
            Decision.REDIRECT_ACS: Outcome.REFERRED_ACS,
            Decision.REDIRECT_PROSECUTOR: Outcome.REFERRED_PROSECUTOR,
            Decision.NOT_SUBJECT: Outcome.NOT_SUBJECT,
        }[Decision(decision)]
        lifecycle.transition(user, case, Status.CONCLUDED, detail={"decision": decision})
        if decision == Decision.FORWARD:
            # Forwarding is due 3 working days after registration, not after the assessment:
            # a late assessment shows as a late forwarding.
            registered_day = timezone.localtime(case.appeal.registered_at).date()
            case.forward_due_on = calendar().add_working_days(
                registered_day, statutory_periods().forward_working_days
            )
            Referral.objects.create(
                case=case, body=Referral.Body.OTHER, body_name=forwarded_to.strip(), sent_at=now
            )
            event_send("referred", case, actor=user, body=Referral.Body.OTHER)
            _tell_reporter(
                case,
                gettext_lazy(
                    "Your appeal is outside our competence and has been forwarded to: %(body)s."
                ),
                kind=Delivery.Kind.FORWARDING,
                body=forwarded_to.strip(),
            )
        elif decision in redirects:
            body = (
                Referral.Body.ACS if decision == Decision.REDIRECT_ACS else Referral.Body.PROSECUTOR
            )
            Referral.objects.create(case=case, body=body, sent_at=now)
            event_send("referred", case, actor=user, body=body)
    case.save()
    Assessment.objects.create(
        case=case,
        competence=competence,
        complete=complete,
        relevant=relevant,
        retaliation_risk=retaliation_risk,
        offence_signs=offence_signs,
        decision=decision,
        reason=reason.strip(),
        forwarded_to=forwarded_to.strip(),
        decided_by=user,
        decided_at=now,
    )
    audit(
        action="case.assessed",
        actor=user,
        object_type="case",
        object_id=appeal.number,
        detail={"decision": decision, "risk": retaliation_risk},
    )
    return case


def _tell_reporter(case: Case, text: Promise, *, kind: str, **values: str) -> None:
    """A message to the reporter's mailbox, written in the language of the appeal."""
    with override(case.appeal.language):
        body = str(text) % values
    intake.message_to_reporter(appeal=case.appeal, body=body, author=None, kind=kind)


def _visible_by_number(user: User, number: str) -> Case:
    found = cases_visible_to(user).filter(appeal__number=number.strip()).first()
    if found is None:
        raise NotFound(_("No case with number %(number)s.") % {"number": number.strip()})
    return found


@transaction.atomic
def case_assign(*, user: User, case_id: int, assignee_id: int, collaborator_ids: list[int]) -> Case:
    """A responsible investigator and collaborators from the case's unit, never excluded ones."""
    _require(user, Capability.CASE_HANDLE, _("assign cases"))
    case = _case_for_update(user, case_id)
    people = {
        u.pk: u
        for u in get_user_model()
        .objects.filter(pk__in=[assignee_id, *collaborator_ids])
        .select_related("staff")
    }
    excluded = set(case.exclusions.values_list("user_id", flat=True))
    for person in people.values():
        worker = policy.actor_of(person)
        if worker is None or worker.unit_id != case.unit_id or not worker.may(Capability.CASE_WORK):
            raise DomainError(
                _("Only investigators and chiefs of the responsible unit can work on the case.")
            )
        if person.pk in excluded:
            raise DomainError(
                _("This person is excluded from the case for a conflict of interest.")
            )
    if assignee_id not in people:
        raise DomainError(_("Choose the responsible investigator."))
    case.assignee = people[assignee_id]
    case.save(update_fields=["assignee", "updated_at"])
    case.collaborators.set(
        [people[i] for i in collaborator_ids if i in people and i != assignee_id]
    )
    audit(
        action="case.assigned",
        actor=user,
        object_type="case",
        object_id=case.appeal.number,
        detail={
            "assignee": case.assignee.username,
            "collaborators": sorted(people[i].username for i in collaborator_ids if i in people),
        },
    )
    event_send("assigned", case, actor=user, assignee=case.assignee.pk)
    return case


@transaction.atomic
def case_reroute(*, user: User, case_id: int, unit: Unit, reason: str) -> Case:
    """The central department moves an appeal to another unit's inbox."""
    _require(user, Capability.CASE_REROUTE, _("re-route appeals"))
    if len(reason.strip()) < 5:
        raise DomainError(_("Give the reason for this decision."))
    case = _case_for_update(user, case_id)
    previous = case.unit
    case.unit = unit
    case.assignee = None
    case.save(update_fields=["unit", "assignee", "updated_at"])
    case.collaborators.clear()
    audit(
        action="case.rerouted",
        actor=user,
        object_type="case",
        object_id=case.appeal.number,
        detail={"from": previous.code, "to": unit.code, "reason": reason.strip()},
    )
    event_send("rerouted", case, actor=user, from_unit=previous.code)
    return case


@transaction.atomic
def case_exclude(*, user: User, case_id: int, excluded_id: int, reason: str) -> None:
    """A chief or coordinator keeps someone away from a case; logged, and effective at once."""
    _require(user, Capability.CASE_HANDLE, _("exclude staff from cases"))
    if len(reason.strip()) < 5:
        raise DomainError(_("Give the reason for this decision."))
    case = _case_for_update(user, case_id)
    person = get_user_model().objects.filter(pk=excluded_id).first()
    if person is None:
        raise DomainError(_("No such person."))
    CaseExclusion.objects.get_or_create(case=case, user=person, defaults={"reason": reason.strip()})
    if case.assignee_id == person.pk:
        case.assignee = None
        case.save(update_fields=["assignee", "updated_at"])
    case.collaborators.remove(person)
    audit(
        action="case.excluded",
        actor=user,
        object_type="case",
        object_id=case.appeal.number,
        detail={"user": person.username, "reason": reason.strip()},
    )


@transaction.atomic
def note_add(*, user: User, case_id: int, body: str) -> Note:
    _require(user, Capability.CASE_WORK, _("write notes"))
    if not body.strip():
        raise DomainError(_("Write the note."))
    case = access_case(user, case_id)
    note = Note.objects.create(case=case, author=user, body=body.strip(), created_at=clock.now())
    audit(action="case.note", actor=user, object_type="case", object_id=case.appeal.number)
    return note


@transaction.atomic
def checklist_toggle(*, user: User, case_id: int, item_id: int) -> ChecklistItem:
    _require(user, Capability.CASE_WORK, _("work on the checklist"))
    case = access_case(user, case_id)
    item = ChecklistItem.objects.select_for_update().filter(case=case, pk=item_id).first()
    if item is None:
        raise DomainError(_("No such step."))
    item.done_at, item.done_by = (None, None) if item.done_at else (clock.now(), user)
    item.save(update_fields=["done_at", "done_by"])
    return item


@transaction.atomic
def checklist_add(*, user: User, case_id: int, title: str) -> ChecklistItem:
    _require(user, Capability.CASE_WORK, _("work on the checklist"))
    case = access_case(user, case_id)
    if not title.strip():
        raise DomainError(_("Name the step."))
    return ChecklistItem.objects.create(
        case=case, title=title.strip()[:300], position=case.checklist.count()
    )


@transaction.atomic
def case_conclude(
    *, user: User, case_id: int, outcome: str, findings: str, measures: str, referral_body: str = ""
) -> Case:
    """Conclusion of a check: outcome, findings and measures; referrals open a Referral."""
    case = _case_for_update(user, case_id)
    if outcome not in CONCLUSION_OUTCOMES:
        raise DomainError(_("Choose the outcome of the check."))
    if len(findings.strip()) < 10:
        raise DomainError(_("Write the findings (at least 10 characters)."))
    lifecycle.transition(user, case, Status.CONCLUDED, detail={"outcome": outcome})
    case.outcome = outcome
    case.findings = findings.strip()
    case.measures = measures.strip()
    case.save()
    if outcome in _REFERRAL_BODY:
        body = _REFERRAL_BODY[Outcome(outcome)]
        Referral.objects.create(
            case=case, body=body, body_name=referral_body.strip(), sent_at=clock.now()
        )
        event_send("referred", case, actor=user, body=body)
    return case


@transaction.atomic
def referral_update(
    *, user: User, case_id: int, referral_id: int, external_number: str, result: str, note: str
) -> Referral:
    """What the receiving body did: its number, and the investigation, verdict or sanction."""
    _require(user, Capability.CASE_HANDLE, _("record referral outcomes"))
    case = access_case(user, case_id)
    referral = Referral.objects.select_for_update().filter(case=case, pk=referral_id).first()
    if referral is None:
        raise DomainError(_("No such referral."))
    referral.external_number = external_number.strip()
    referral.result = result
    referral.result_note = note.strip()
    referral.result_at = clock.now()
    referral.save()
    audit(
        action="referral.updated",
        actor=user,
        object_type="case",
        object_id=case.appeal.number,
        detail={"result": result},
    )
    return referral


@transaction.atomic
def case_return(*, user: User, case_id: int, reason: str) -> Case:
    """A concluded case goes back for more work (its outcome is cleared)."""
    case = _case_for_update(user, case_id)
    if len(reason.strip()) < 5:
        raise DomainError(_("Give the reason for this decision."))
    lifecycle.transition(user, case, Status.INVESTIGATION, detail={"reason": reason.strip()})
    case.save()
    return case


@transaction.atomic
def case_start_assessment(*, user: User, case_id: int) -> Case:
    case = _case_for_update(user, case_id)
    lifecycle.transition(user, case, Status.ASSESSMENT)
    case.save()
    return case


@transaction.atomic
def case_close(*, user: User, case_id: int) -> Case:
    """Close a concluded case whose answer needs no letter (consultation, forwarding, redirect)."""
    case = _case_for_update(user, case_id)
    lifecycle.transition(user, case, Status.CLOSED)
    case.save()
    return case


def staff_of_unit(unit_id: int) -> list[User]:
    """Investigators and chiefs who can take a case of the unit."""
    return list(
        get_user_model()
        .objects.filter(
            staff__unit_id=unit_id,
            staff__role__in=policy.roles_with(Capability.CASE_WORK),
            is_active=True,
        )
        .order_by("last_name", "first_name")
    )
