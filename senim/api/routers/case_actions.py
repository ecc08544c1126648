"""What staff do on a case, through /api/v1: the office's acts, by the same services.

Each operation parses, calls the one service the office's case page calls for the same act
(`senim.office.case_views.ACTIONS`), and answers with the case as it now is. The services
check who may act (the policy's capabilities, the transition tables of the case and of its
answer) and see the case through the one visibility rule, exactly as for the office: a hidden
case is a 404, a role that may not act a 403, a move the tables refuse a 409.

Every operation here writes, so the token's scope must be `act` (`auth.guard`). None of these
acts asks the office for a fresh second factor (the office asks it before reading a reporter's
identity, deciding on a request to read one, and exports); the API offers none of those, so
it asks nothing more than the token, whose creation needed the second factor. Every audit entry
written meanwhile names the token (`via`), besides the person.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from django.contrib.auth import get_user_model
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from ninja import Field, Router, Schema, Status

from senim.accounts.models import User
from senim.api.auth import caller, require
from senim.api.conditional import etagged
from senim.api.types import Id, StorableText
from senim.cases import answers, deadlines, handling, lifecycle
from senim.cases.models import Answer, Assessment, Outcome, Priority, Referral, Risk
from senim.cases.selectors import access_case
from senim.cases.services import case_message_to_reporter
from senim.core.errors import DomainError, NotFound
from senim.intake.models import Category
from senim.organization.policy import Capability

router = Router(tags=["case actions"])

# Text the database can store (no NUL, valid Unicode); each field says how long it may be.
Text = Annotated[str, StorableText]


# --- What every act answers: the case as it now is ------------------------------------------


class CaseStateOut(Schema):
    """The case after an act: its state, deadline and people (never the reporter)."""

    id: int
    number: str
    status: str
    outcome: str
    priority: str
    category: str
    unit: str
    assignee: str | None = Field(None, description="The responsible person's username.")
    collaborators: list[str]
    due_on: dt.date | None
    original_due_on: dt.date | None
    concluded_at: dt.datetime | None
    closed_at: dt.datetime | None
    answer_state: str | None = Field(None, description="draft, reviewed, signed or issued.")
    moves: list[str] = Field(
        description="The statuses this caller could move the case to now (the transition table)."
    )


def _state(user: User, case_id: Id) -> CaseStateOut:
    """The case as it is after the act, read again through the visibility rule (an act may
    take it out of the caller's sight: then a 404, as the office's next page would be)."""
    case = access_case(user, case_id)
    answer = Answer.objects.filter(case=case).values_list("state", flat=True).first()
    return CaseStateOut(
        id=case.pk,
        number=case.appeal.number,
        status=case.status,
        outcome=case.outcome,
        priority=case.priority,
        category=case.category,
        unit=case.unit.code,
        assignee=case.assignee.get_username() if case.assignee else None,
        collaborators=sorted(case.collaborators.values_list("username", flat=True)),
        due_on=case.due_on,
        original_due_on=case.original_due_on,
        concluded_at=case.concluded_at,
        closed_at=case.closed_at,
        answer_state=answer,
        moves=[str(t.target) for t in lifecycle.available(user, case)],
    )


# --- Assessment, assignment, conclusion, closing ------------------------------------------


class AssessmentIn(Schema):
    competence: Assessment.Competence
    complete: bool
    relevant: bool
    priority: Priority = Priority.NORMAL
    category: Category
    retaliation_risk: Risk
    offence_signs: bool
    decision: Assessment.Decision
    reason: Text = Field("", max_length=5000, description="Required to forward, merge or refuse.")
    forwarded_to: Text = Field("", max_length=300, description="The body, when forwarding.")
    duplicate_of: Text = Field("", max_length=24, description="A case number, when merging.")
    retaliation_for: Text = Field(
        "", max_length=24, description="The case number whose reporter suffers retaliation."
    )


@router.post(
    "/{int:case_id}/assessment",
    response=CaseStateOut,
    summary="Assess the appeal and carry out the decision",
)
def case_assess(request: HttpRequest, case_id: Id, data: AssessmentIn) -> CaseStateOut:
    """A received case is taken into assessment first. Kazakhstan's rule for anonymous appeals
    applies (`handling.case_assess`)."""
    user = caller(request).user
    handling.case_assess(
        user=user,
        case_id=case_id,
        competence=data.competence.value,
        complete=data.complete,
        relevant=data.relevant,
        priority=data.priority.value,
        category=data.category.value,
        retaliation_risk=data.retaliation_risk.value,
        offence_signs=data.offence_signs,
        decision=data.decision.value,
        reason=data.reason,
        forwarded_to=data.forwarded_to,
        duplicate_of=data.duplicate_of,
        retaliation_for=data.retaliation_for,
    )
    return _state(user, case_id)


class PersonOut(Schema):
    username: str
    name: str


@router.get(
    "/{int:case_id}/assignees",
    response={200: list[PersonOut], 304: None},
    summary="Who may be made responsible for the case, or collaborate on it",
)
def case_assignees(request: HttpRequest, case_id: Id) -> HttpResponse:
    """The investigators and chiefs of the case's unit, less those excluded from it: the
    office's choice of people to assign (only for whoever assigns)."""
    found = require(
        request, capability=Capability.CASE_HANDLE, refusal=_("Your role may not assign cases.")
    )
    case = access_case(found.user, case_id)
    excluded = set(case.exclusions.values_list("user_id", flat=True))
    people = [
        PersonOut(username=p.get_username(), name=p.get_full_name() or p.get_username())
        for p in handling.staff_of_unit(case.unit_id)
        if p.pk not in excluded
    ]
    return etagged(request, [p.model_dump(mode="json") for p in people])


class AssignmentIn(Schema):
    assignee: Text = Field(max_length=150, description="The responsible person's username.")
    collaborators: list[Annotated[str, StorableText, Field(max_length=150)]] = Field(
        default_factory=list, max_length=50
    )


def _people(usernames: list[str]) -> dict[str, int]:
    """Usernames to ids; an unknown name is refused, never silently dropped."""
    found = dict(
        get_user_model().objects.filter(username__in=usernames).values_list("username", "pk")
    )
    for name in usernames:
        if name not in found:
            raise DomainError(
                _("Only investigators and chiefs of the responsible unit can work on the case.")
            )
    return found


@router.post(
    "/{int:case_id}/assignment",
    response=CaseStateOut,
    summary="Make someone responsible for the case, with collaborators",
)
def case_assign(request: HttpRequest, case_id: Id, data: AssignmentIn) -> CaseStateOut:
    user = caller(request).user
    ids = _people([data.assignee, *data.collaborators])
    handling.case_assign(
        user=user,
        case_id=case_id,
        assignee_id=ids[data.assignee],
        collaborator_ids=[ids[name] for name in data.collaborators],
    )
    return _state(user, case_id)


class ConclusionIn(Schema):
    outcome: Outcome = Field(
        description="substantiated, partly, not_substantiated or a referral (referred_*)."
    )
    findings: Text = Field(max_length=20000, description="At least 10 characters.")
    measures: Text = Field("", max_length=20000)
    referral_body: Text = Field("", max_length=300, description="The receiving body's name.")


@router.post(
    "/{int:case_id}/conclusion",
    response=CaseStateOut,
    summary="Conclude the check: outcome, findings, measures",
)
def case_conclude(request: HttpRequest, case_id: Id, data: ConclusionIn) -> CaseStateOut:
    user = caller(request).user
    handling.case_conclude(
        user=user,
        case_id=case_id,
        outcome=data.outcome.value,
        findings=data.findings,
        measures=data.measures,
        referral_body=data.referral_body,
    )
    return _state(user, case_id)


class ReasonIn(Schema):
    reason: Text = Field(max_length=5000, description="At least 5 characters.")


@router.post(
    "/{int:case_id}/return",
    response=CaseStateOut,
    summary="Send a concluded case back for more work",
)
def case_return(request: HttpRequest, case_id: Id, data: ReasonIn) -> CaseStateOut:
    user = caller(request).user
    handling.case_return(user=user, case_id=case_id, reason=data.reason)
    return _state(user, case_id)


@router.post(
    "/{int:case_id}/close",
    response=CaseStateOut,
    summary="Close a concluded case whose answer needs no letter",
)
def case_close(request: HttpRequest, case_id: Id) -> CaseStateOut:
    user = caller(request).user
    handling.case_close(user=user, case_id=case_id)
    return _state(user, case_id)


# --- Extension: a reasoned decision --------------------------------------------------------


class ExtensionIn(Schema):
    new_due_on: dt.date
    reason: Text = Field(max_length=5000, description="The reasons, at least 20 characters.")


class ExtensionOut(Schema):
    previous_due_on: dt.date
    new_due_on: dt.date
    reason: str
    decided_by: str
    decided_at: dt.datetime
    reporter_notified_at: dt.datetime | None
    case: CaseStateOut


@router.post(
    "/{int:case_id}/extensions",
    response={201: ExtensionOut},
    summary="Extend the deadline by a reasoned decision (the reporter is told)",
)
def case_extend(request: HttpRequest, case_id: Id, data: ExtensionIn) -> Status[ExtensionOut]:
    """At most two months beyond the original date, by a chief or the central coordinator
    (`deadlines.deadline_extend`); the reporter's mailbox gets the decision and its reasons."""
    user = caller(request).user
    extension = deadlines.deadline_extend(
        user=user, case_id=case_id, new_due_on=data.new_due_on, reason=data.reason
    )
    return Status(
        201,
        ExtensionOut(
            previous_due_on=extension.previous_due_on,
            new_due_on=extension.new_due_on,
            reason=extension.reason,
            decided_by=user.get_username(),
            decided_at=extension.decided_at,
            reporter_notified_at=extension.notified_at,
            case=_state(user, case_id),
        ),
    )


# --- Referrals -----------------------------------------------------------------------------


class ReferralOut(Schema):
    id: int
    body: str
    body_name: str
    sent_at: dt.datetime
    external_number: str
    result: str
    result_note: str
    result_at: dt.datetime | None


def _referral(referral: Referral) -> ReferralOut:
    return ReferralOut(
        id=referral.pk,
        body=referral.body,
        body_name=referral.body_name,
        sent_at=referral.sent_at,
        external_number=referral.external_number,
        result=referral.result,
        result_note=referral.result_note,
        result_at=referral.result_at,
    )


@router.get(
    "/{int:case_id}/referrals",
    response={200: list[ReferralOut], 304: None},
    summary="The case's referrals to other bodies and what became of them",
)
def case_referrals(request: HttpRequest, case_id: Id) -> HttpResponse:
    case = access_case(caller(request).user, case_id)
    referrals = [_referral(r) for r in case.referrals.order_by("sent_at", "pk")]
    return etagged(request, [r.model_dump(mode="json") for r in referrals])


class ReferralResultIn(Schema):
    external_number: Text = Field("", max_length=100, description="The receiving body's number.")
    result: Referral.Result
    note: Text = Field("", max_length=5000, description="The verdict or the sanction.")


@router.put(
    "/{int:case_id}/referrals/{int:referral_id}/result",
    response=ReferralOut,
    summary="Record what the receiving body did with a referral",
)
def referral_result(
    request: HttpRequest, case_id: Id, referral_id: Id, data: ReferralResultIn
) -> ReferralOut:
    referral = handling.referral_update(
        user=caller(request).user,
        case_id=case_id,
        referral_id=referral_id,
        external_number=data.external_number,
        result=data.result.value,
        note=data.note,
    )
    return _referral(referral)


# --- Messages to the reporter --------------------------------------------------------------


class ReporterMessageIn(Schema):
    body: Text = Field(max_length=10000)


class ReporterMessageOut(Schema):
    id: int
    created_at: dt.datetime
    author: str


@router.post(
    "/{int:case_id}/messages",
    response={201: ReporterMessageOut},
    summary="Write to the reporter's mailbox (and by the channel they chose)",
)
def case_message(
    request: HttpRequest, case_id: Id, data: ReporterMessageIn
) -> Status[ReporterMessageOut]:
    user = caller(request).user
    message = case_message_to_reporter(user=user, case_id=case_id, body=data.body)
    return Status(
        201,
        ReporterMessageOut(
            id=message.pk, created_at=message.created_at, author=user.get_username()
        ),
    )


# --- The answer: draft, edit, review, sign off, issue --------------------------------------


class AnswerOut(Schema):
    state: str
    language: str
    body: str
    drafted_by: str | None
    reviewed_by: str | None
    signed_by: str | None
    signed_at: dt.datetime | None
    issued_at: dt.datetime | None
    moves: list[str] = Field(description="The states this caller could move the answer to now.")
    case: CaseStateOut


def _name(person: User | None) -> str | None:
    return person.get_username() if person is not None else None


def _answer(user: User, case_id: Id) -> AnswerOut:
    case = access_case(user, case_id)
    answer = Answer.objects.select_related("drafted_by", "reviewed_by", "signed_by").filter(
        case=case
    )
    found = answer.first()
    if found is None:
        raise NotFound(_("There is no draft answer yet."))
    return AnswerOut(
        state=found.state,
        language=found.language,
        body=found.body,
        drafted_by=_name(found.drafted_by),
        reviewed_by=_name(found.reviewed_by),
        signed_by=_name(found.signed_by),
        signed_at=found.signed_at,
        issued_at=found.issued_at,
        moves=sorted(answers.answer_moves(user, found)),
        case=_state(user, case_id),
    )


@router.get(
    "/{int:case_id}/answer", response={200: AnswerOut, 304: None}, summary="The case's answer"
)
def answer_get(request: HttpRequest, case_id: Id) -> HttpResponse:
    return etagged(request, _answer(caller(request).user, case_id))


@router.post(
    "/{int:case_id}/answer",
    response={201: AnswerOut},
    summary="Draft the answer from the template, in the appeal's language",
)
def answer_draft(request: HttpRequest, case_id: Id) -> Status[AnswerOut]:
    """Once the case is concluded; drafting again replaces an unsigned draft."""
    user = caller(request).user
    answers.answer_draft(user=user, case_id=case_id)
    return Status(201, _answer(user, case_id))


class AnswerTextIn(Schema):
    body: Text = Field(max_length=50000, description="The reasoned answer, at least 50 characters.")


@router.put(
    "/{int:case_id}/answer",
    response=AnswerOut,
    summary="Edit the answer's text (it goes back to draft)",
)
def answer_edit(request: HttpRequest, case_id: Id, data: AnswerTextIn) -> AnswerOut:
    user = caller(request).user
    answers.answer_edit(user=user, case_id=case_id, body=data.body)
    return _answer(user, case_id)


@router.post("/{int:case_id}/answer/review", response=AnswerOut, summary="Mark the draft reviewed")
def answer_review(request: HttpRequest, case_id: Id) -> AnswerOut:
    user = caller(request).user
    answers.answer_review(user=user, case_id=case_id)
    return _answer(user, case_id)


@router.post(
    "/{int:case_id}/answer/sign", response=AnswerOut, summary="Sign off the reviewed answer"
)
def answer_sign(request: HttpRequest, case_id: Id) -> AnswerOut:
    user = caller(request).user
    answers.answer_sign(user=user, case_id=case_id)
    return _answer(user, case_id)


@router.post(
    "/{int:case_id}/answer/issue",
    response=AnswerOut,
    summary="Issue the signed answer to the reporter; the case closes",
)
def answer_issue(request: HttpRequest, case_id: Id) -> AnswerOut:
    user = caller(request).user
    answers.answer_issue(user=user, case_id=case_id)
    return _answer(user, case_id)
