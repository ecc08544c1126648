"""The reasoned answer: generated in the appeal's language, reviewed, signed off by the chief,
issued as PDF to the reporter's mailbox, and by e-mail only when the reporter chose e-mail."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.template.loader import render_to_string
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import override

from senim.cases import lifecycle
from senim.cases.events import event_send
from senim.cases.models import Answer, Case, Outcome, Status
from senim.cases.selectors import access_case
from senim.core import clock
from senim.core.audit import audit
from senim.core.errors import DomainError
from senim.core.i18n import localized
from senim.core.pdf import render_pdf
from senim.intake import delivery as intake_delivery
from senim.intake import mailbox as intake
from senim.intake.models import ContactBy, Delivery
from senim.organization import policy
from senim.organization.policy import Capability
from senim.organization.unit_grammar import unit_names

if TYPE_CHECKING:
    from senim.accounts.models import Requester, User

ADDRESSEE = {"kk": "өтініш беруші", "ru": "заявитель", "en": "applicant"}


@dataclass(frozen=True)
class AnswerStep:
    """A move of the answer's lifecycle: who may make it, and what a refused move says."""

    source: str
    target: str
    capability: Capability
    refusal: str | Promise  # when the answer is not in `source`


State = Answer.State
# The answer's lifecycle, checked in `_move` and nowhere else: what is signed is what was
# reviewed, and what is issued is what was signed. A redraft from the template or an edit sends
# a draft or a reviewed answer back to draft; a signed one can no longer change.
ANSWER_STEPS: dict[tuple[str, str], AnswerStep] = {
    (s.source, s.target): s
    for s in [
        AnswerStep(
            State.DRAFT,
            State.DRAFT,
            Capability.CASE_WORK,
            _lazy("A signed answer can no longer be changed."),
        ),
        AnswerStep(
            State.REVIEWED,
            State.DRAFT,
            Capability.CASE_WORK,
            _lazy("A signed answer can no longer be changed."),
        ),
        AnswerStep(
            State.DRAFT,
            State.REVIEWED,
            Capability.CASE_WORK,
            _lazy("Only a draft can be reviewed."),
        ),
        AnswerStep(
            State.REVIEWED,
            State.SIGNED,
            Capability.ANSWER_SIGN,
            _lazy("The answer must be reviewed before it is signed."),
        ),
        AnswerStep(
            State.SIGNED,
            State.ISSUED,
            Capability.ANSWER_SIGN,
            _lazy("Only a signed answer can be issued."),
        ),
    ]
}


def _move(answer: Answer, target: str) -> None:
    """Move the answer to `target` if the table lists the move (the capability is checked by
    the service before the case is even read, so that a refusal tells nothing of the case)."""
    if (answer.state, target) not in ANSWER_STEPS:
        refusal = next(s.refusal for s in ANSWER_STEPS.values() if s.target == target)
        raise DomainError(str(refusal))
    answer.state = target


def answer_moves(user: Requester | None, answer: Answer | None) -> set[str]:
    """The states this user could move the answer to now (for the page's buttons)."""
    actor = policy.actor_of(user)
    if answer is None or actor is None:
        return set()
    return {
        step.target
        for (source, _target), step in ANSWER_STEPS.items()
        if source == answer.state and actor.may(step.capability)
    }


def answer_text(case: Case, *, addressee: str = "") -> str:
    """The letter in the appeal's language, from its template (kk, ru or en)."""
    language = case.appeal.language
    with override(language):
        context = {
            "addressee": addressee or ADDRESSEE[language],
            "number": case.appeal.number,
            "registered": case.appeal.registered_at,
            "subject": case.appeal.subject,
            "unit": localized(case.unit, "name", language),
            # The unit in the form the letter's sentence needs (ru instrumental, kk subject).
            "considered_by": unit_names(case.unit, language).considered_by,
            "outcome": str(Outcome(case.outcome).label) if case.outcome else "",
            "findings": case.findings,
            "measures": case.measures,
        }
        return render_to_string(f"cases/answers/{language}.txt", context).strip()


def _locked(user: User, case_id: int) -> Case:
    case = access_case(user, case_id)
    return Case.objects.select_for_update().select_related("appeal", "unit").get(pk=case.pk)


@transaction.atomic
def answer_draft(*, user: User, case_id: int) -> Answer:
    """A fresh draft from the template once the case is concluded."""
    policy.require(user, Capability.CASE_WORK, _("Your role may not draft answers."))
    case = _locked(user, case_id)
    if case.status != Status.CONCLUDED:
        raise DomainError(_("An answer is drafted once the case is concluded."))
    existing = Answer.objects.select_for_update().filter(case=case).first()
    if existing is not None:
        _move(existing, State.DRAFT)
    answer, _created = Answer.objects.update_or_create(
        case=case,
        defaults={
            "language": case.appeal.language,
            "body": answer_text(case),
            "state": Answer.State.DRAFT,
            "drafted_by": user,
            "reviewed_by": None,
            "signed_by": None,
            "signed_at": None,
        },
    )
    audit(action="answer.drafted", actor=user, object_type="case", object_id=case.appeal.number)
    return answer


def _answer(case: Case) -> Answer:
    found = Answer.objects.select_for_update().filter(case=case).first()
    if found is None:
        raise DomainError(_("There is no draft answer yet."))
    return found


@transaction.atomic
def answer_edit(*, user: User, case_id: int, body: str) -> Answer:
    """Editing sends the answer back to draft: what is signed is what was reviewed."""
    policy.require(user, Capability.CASE_WORK, _("Your role may not draft answers."))
    case = _locked(user, case_id)
    answer = _answer(case)
    _move(answer, State.DRAFT)
    if len(body.strip()) < 50:
        raise DomainError(_("The answer is too short to be reasoned."))
    answer.body, answer.reviewed_by = body.strip(), None
    answer.save()
    return answer


@transaction.atomic
def answer_review(*, user: User, case_id: int) -> Answer:
    policy.require(user, Capability.CASE_WORK, _("Your role may not review answers."))
    case = _locked(user, case_id)
    answer = _answer(case)
    _move(answer, State.REVIEWED)
    answer.reviewed_by = user
    answer.save()
    audit(action="answer.reviewed", actor=user, object_type="case", object_id=case.appeal.number)
    return answer


@transaction.atomic
def answer_sign(*, user: User, case_id: int) -> Answer:
    """The chief signs off a reviewed answer."""
    policy.require(user, Capability.ANSWER_SIGN, _("Only the chief signs off answers."))
    case = _locked(user, case_id)
    answer = _answer(case)
    _move(answer, State.SIGNED)
    answer.signed_by, answer.signed_at = user, clock.now()
    answer.save()
    audit(action="answer.signed", actor=user, object_type="case", object_id=case.appeal.number)
    return answer


@transaction.atomic
def answer_issue(*, user: User, case_id: int) -> Answer:
    """Deliver the signed answer to the mailbox (and as the reporter chose), close the case."""
    policy.require(user, Capability.ANSWER_SIGN, _("Only the chief issues answers."))
    case = _locked(user, case_id)
    answer = _answer(case)
    _move(answer, State.ISSUED)
    answer.issued_at = clock.now()
    answer.save()
    # The PDF is made only when the reporter chose e-mail: the rule of `intake.delivery`.
    wants_email = ContactBy.EMAIL in intake_delivery.delivery_channels(case.appeal)
    intake.message_to_reporter(
        appeal=case.appeal,
        body=answer.body,
        author=user,
        kind=Delivery.Kind.ANSWER,
        enclosure=answer_pdf(case) if wants_email else b"",
    )
    # The answer first, then the case's closing that it brings (two events, in that order).
    event_send("answer_issued", case, actor=user)
    lifecycle.transition(user, case, Status.CLOSED, detail={"answer": "issued"})
    case.save()
    return answer


def answer_pdf(case: Case) -> bytes:
    answer = case.answer
    signer = answer.signed_by.get_full_name() if answer.signed_by else ""
    with override(answer.language):
        return render_pdf(
            "cases/answer_pdf.html",
            {
                "answer": answer,
                "number": case.appeal.number,
                "issued": answer.issued_at or answer.signed_at or clock.now(),
                "unit": localized(case.unit, "name", answer.language),
                "signer": signer,
            },
        )
