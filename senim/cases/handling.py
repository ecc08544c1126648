"""Handling a case: assessment and routing, assignment, exclusions, notes, checklist,
conclusion and referrals. Each service is one transaction and leaves an audit entry."""

from __future__ import annotations

import re
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop, override

from senim.cases import lifecycle
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
from senim.cases.selectors import access_case
from senim.core import clock
from senim.core.audit import audit
from senim.core.calendar import calendar
from senim.core.errors import DomainError, NotFound, PermissionDenied
from senim.intake import services as intake
from senim.intake.models import Appeal
from senim.organization.models import Court, Role, StaffMember, Unit
from senim.organization.selectors import unit_for_court

Decision = Assessment.Decision
# An appeal outside the department's competence is forwarded within this many working days.
FORWARD_DAYS = 3

# Positions whose holders' appeals go to the central department (DOMAIN: the chairman of a
# regional court, the chief of the territorial department), in the three languages.
_SENIOR_POSITION = re.compile(
    r"chairm|chairperson|president of the court|председател|төраға|head of the department|"
    r"начальник отдела|бөлім басшысы|chief of the",
    re.IGNORECASE,
)

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


def _normalise_name(name: str) -> frozenset[str]:
    return frozenset(w for w in re.split(r"[\s.,]+", name.casefold()) if len(w) > 1)


def staff_named(appeal: Appeal) -> list[Any]:
    """Staff whose first and last name both appear among the people the appeal names.

    Every registration asks, so the names are read as plain values (no model per member, no
    ordering) and only the users who match are loaded, with their place in the department.
    """
    named = [_normalise_name(p.name) for p in appeal.people.all()]
    if not named:
        return []
    matching = [
        user_id
        for user_id, first_name, last_name in StaffMember.objects.order_by().values_list(
            "user_id", "user__first_name", "user__last_name"
        )
        if _names_match(_normalise_name(f"{first_name} {last_name}"), named)
    ]
    if not matching:
        return []
    return list(get_user_model().objects.select_related("staff").filter(pk__in=matching))


def _names_match(words: frozenset[str], named: list[frozenset[str]]) -> bool:
    return len(words) >= 2 and any(words <= person for person in named)


def route(appeal: Appeal, *, named_staff: list[Any]) -> Unit:
    """The unit whose inbox receives the appeal.

    The territorial unit covering the court, except appeals about that unit's own staff, a
    regional court's chairman or a chief, which go to the central department.
    """
    unit = unit_for_court(appeal.court)
    if unit.is_central:
        return unit
    own_staff = any(getattr(u.staff, "unit_id", None) == unit.pk for u in named_staff)
    senior_court = appeal.court.level == Court.Level.REGIONAL or appeal.court.pk == unit.court_id
    positions = [p.position or "" for p in appeal.people.all()]
    senior_person = any(_SENIOR_POSITION.search(position) for position in positions) and (
        senior_court or any("chief" in position.casefold() for position in positions)
    )
    # The central unit is read only when the appeal goes there: most appeals do not.
    return Unit.objects.get(kind=Unit.Kind.CENTRAL) if own_staff or senior_person else unit


def conflicts_apply(case: Case, named_staff: list[Any]) -> None:
    """Staff named in the appeal never see it: an exclusion each, logged."""
    for user in named_staff:
        _exclusion, made = CaseExclusion.objects.get_or_create(
            case=case, user=user, defaults={"reason": "Named in the appeal"}
        )
        if made:
            audit(
                action="case.excluded",
                object_type="case",
                object_id=case.appeal.number,
                detail={"user": user.username, "reason": "named in the appeal"},
            )


def _role(user: Any) -> str | None:
    return getattr(getattr(user, "staff", None), "role", None)


def _require(user: Any, roles: frozenset[str], action: str) -> None:
    if _role(user) not in roles:
        raise PermissionDenied(_("Your role may not %(action)s.") % {"action": action})


def _case_for_update(user: Any, case_id: int) -> Case:
    case = access_case(user, case_id)
    return Case.objects.select_for_update().select_related("appeal", "unit").get(pk=case.pk)


@transaction.atomic
def case_assess(
    *,
    user: Any,
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
    kz_rule = appeal.is_anonymous and appeal.anonymous_policy == "kz"
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
            case.forward_due_on = calendar().add_working_days(registered_day, FORWARD_DAYS)
            Referral.objects.create(
                case=case, body=Referral.Body.OTHER, body_name=forwarded_to.strip(), sent_at=now
            )
            _tell_reporter(
                case,
                gettext_lazy(
                    "Your appeal is outside our competence and has been forwarded to: %(body)s."
                ),
                body=forwarded_to.strip(),
            )
        elif decision in redirects:
            body = (
                Referral.Body.ACS if decision == Decision.REDIRECT_ACS else Referral.Body.PROSECUTOR
            )
            Referral.objects.create(case=case, body=body, sent_at=now)
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


def _tell_reporter(case: Case, text: Promise, **values: str) -> None:
    """A message to the reporter's mailbox, written in the language of the appeal."""
    with override(case.appeal.language):
        body = str(text) % values
    intake.message_to_reporter(appeal=case.appeal, body=body, author=None)


def _visible_by_number(user: Any, number: str) -> Case:
    from senim.cases.selectors import cases_visible_to

    found = cases_visible_to(user).filter(appeal__number=number.strip()).first()
    if found is None:
        raise NotFound(_("No case with number %(number)s.") % {"number": number.strip()})
    return found


@transaction.atomic
def case_assign(*, user: Any, case_id: int, assignee_id: int, collaborator_ids: list[int]) -> Case:
    """A responsible investigator and collaborators from the case's unit, never excluded ones."""
    _require(user, lifecycle.HANDLERS, _("assign cases"))
    case = _case_for_update(user, case_id)
    people = {
        u.pk: u
        for u in get_user_model()
        .objects.filter(pk__in=[assignee_id, *collaborator_ids])
        .select_related("staff")
    }
    excluded = set(case.exclusions.values_list("user_id", flat=True))
    for person in people.values():
        staff = getattr(person, "staff", None)
        if staff is None or staff.unit_id != case.unit_id or staff.role not in lifecycle.WORKERS:
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
    return case


@transaction.atomic
def case_reroute(*, user: Any, case_id: int, unit: Unit, reason: str) -> Case:
    """The central department moves an appeal to another unit's inbox."""
    _require(user, frozenset({Role.COORDINATOR}), _("re-route appeals"))
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
    return case


@transaction.atomic
def case_exclude(*, user: Any, case_id: int, excluded_id: int, reason: str) -> None:
    """A chief or coordinator keeps someone away from a case; logged, and effective at once."""
    _require(user, lifecycle.HANDLERS, _("exclude staff from cases"))
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
def note_add(*, user: Any, case_id: int, body: str) -> Note:
    _require(user, lifecycle.WORKERS, _("write notes"))
    if not body.strip():
        raise DomainError(_("Write the note."))
    case = access_case(user, case_id)
    note = Note.objects.create(case=case, author=user, body=body.strip(), created_at=clock.now())
    audit(action="case.note", actor=user, object_type="case", object_id=case.appeal.number)
    return note


@transaction.atomic
def checklist_toggle(*, user: Any, case_id: int, item_id: int) -> ChecklistItem:
    _require(user, lifecycle.WORKERS, _("work on the checklist"))
    case = access_case(user, case_id)
    item = ChecklistItem.objects.select_for_update().filter(case=case, pk=item_id).first()
    if item is None:
        raise DomainError(_("No such step."))
    item.done_at, item.done_by = (None, None) if item.done_at else (clock.now(), user)
    item.save(update_fields=["done_at", "done_by"])
    return item


@transaction.atomic
def checklist_add(*, user: Any, case_id: int, title: str) -> ChecklistItem:
    _require(user, lifecycle.WORKERS, _("work on the checklist"))
    case = access_case(user, case_id)
    if not title.strip():
        raise DomainError(_("Name the step."))
    return ChecklistItem.objects.create(
        case=case, title=title.strip()[:300], position=case.checklist.count()
    )


@transaction.atomic
def case_conclude(
    *, user: Any, case_id: int, outcome: str, findings: str, measures: str, referral_body: str = ""
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
        Referral.objects.create(
            case=case,
            body=_REFERRAL_BODY[Outcome(outcome)],
            body_name=referral_body.strip(),
            sent_at=clock.now(),
        )
    return case


@transaction.atomic
def referral_update(
    *, user: Any, case_id: int, referral_id: int, external_number: str, result: str, note: str
) -> Referral:
    """What the receiving body did: its number, and the investigation, verdict or sanction."""
    _require(user, lifecycle.HANDLERS, _("record referral outcomes"))
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
def case_return(*, user: Any, case_id: int, reason: str) -> Case:
    """A concluded case goes back for more work (its outcome is cleared)."""
    case = _case_for_update(user, case_id)
    if len(reason.strip()) < 5:
        raise DomainError(_("Give the reason for this decision."))
    lifecycle.transition(user, case, Status.INVESTIGATION, detail={"reason": reason.strip()})
    case.save()
    return case


@transaction.atomic
def case_start_assessment(*, user: Any, case_id: int) -> Case:
    case = _case_for_update(user, case_id)
    lifecycle.transition(user, case, Status.ASSESSMENT)
    case.save()
    return case


@transaction.atomic
def case_close(*, user: Any, case_id: int) -> Case:
    """Close a concluded case whose answer needs no letter (consultation, forwarding, redirect)."""
    case = _case_for_update(user, case_id)
    lifecycle.transition(user, case, Status.CLOSED)
    case.save()
    return case


def staff_of_unit(unit_id: int) -> list[Any]:
    """Investigators and chiefs who can take a case of the unit."""
    return list(
        get_user_model()
        .objects.filter(staff__unit_id=unit_id, staff__role__in=lifecycle.WORKERS, is_active=True)
        .order_by("last_name", "first_name")
    )
