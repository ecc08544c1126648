"""The reasoned answer: generated in the appeal's language, reviewed, signed off by the chief,
issued as PDF and delivered to the reporter's mailbox (and by e-mail when they gave one)."""

from __future__ import annotations

from typing import Any

from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import override

from senim.cases import lifecycle
from senim.cases.models import Answer, Case, Outcome, Status
from senim.cases.selectors import access_case
from senim.core import clock
from senim.core.audit import audit
from senim.core.errors import DomainError, PermissionDenied
from senim.core.i18n import localized
from senim.core.pdf import render_pdf
from senim.intake import services as intake
from senim.organization.models import Role

SIGNERS = frozenset({Role.CHIEF, Role.COORDINATOR})
ADDRESSEE = {"kk": "өтініш беруші", "ru": "заявитель", "en": "applicant"}


def _role(user: Any) -> str | None:
    return getattr(getattr(user, "staff", None), "role", None)


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
            "outcome": str(Outcome(case.outcome).label) if case.outcome else "",
            "findings": case.findings,
            "measures": case.measures,
        }
        return render_to_string(f"cases/answers/{language}.txt", context).strip()


def _locked(user: Any, case_id: int) -> Case:
    case = access_case(user, case_id)
    return Case.objects.select_for_update().select_related("appeal", "unit").get(pk=case.pk)


@transaction.atomic
def answer_draft(*, user: Any, case_id: int) -> Answer:
    """A fresh draft from the template once the case is concluded."""
    if _role(user) not in lifecycle.WORKERS:
        raise PermissionDenied(_("Your role may not draft answers."))
    case = _locked(user, case_id)
    if case.status != Status.CONCLUDED:
        raise DomainError(_("An answer is drafted once the case is concluded."))
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
def answer_edit(*, user: Any, case_id: int, body: str) -> Answer:
    """Editing sends the answer back to draft: what is signed is what was reviewed."""
    if _role(user) not in lifecycle.WORKERS:
        raise PermissionDenied(_("Your role may not draft answers."))
    case = _locked(user, case_id)
    answer = _answer(case)
    if answer.state in (Answer.State.SIGNED, Answer.State.ISSUED):
        raise DomainError(_("A signed answer can no longer be changed."))
    if len(body.strip()) < 50:
        raise DomainError(_("The answer is too short to be reasoned."))
    answer.body, answer.state, answer.reviewed_by = body.strip(), Answer.State.DRAFT, None
    answer.save()
    return answer


@transaction.atomic
def answer_review(*, user: Any, case_id: int) -> Answer:
    if _role(user) not in lifecycle.WORKERS:
        raise PermissionDenied(_("Your role may not review answers."))
    case = _locked(user, case_id)
    answer = _answer(case)
    if answer.state != Answer.State.DRAFT:
        raise DomainError(_("Only a draft can be reviewed."))
    answer.state, answer.reviewed_by = Answer.State.REVIEWED, user
    answer.save()
    audit(action="answer.reviewed", actor=user, object_type="case", object_id=case.appeal.number)
    return answer


@transaction.atomic
def answer_sign(*, user: Any, case_id: int) -> Answer:
    """The chief signs off a reviewed answer."""
    if _role(user) not in SIGNERS:
        raise PermissionDenied(_("Only the chief signs off answers."))
    case = _locked(user, case_id)
    answer = _answer(case)
    if answer.state != Answer.State.REVIEWED:
        raise DomainError(_("The answer must be reviewed before it is signed."))
    answer.state, answer.signed_by, answer.signed_at = Answer.State.SIGNED, user, clock.now()
    answer.save()
    audit(action="answer.signed", actor=user, object_type="case", object_id=case.appeal.number)
    return answer


@transaction.atomic
def answer_issue(*, user: Any, case_id: int) -> Answer:
    """Deliver the signed answer to the mailbox (and e-mail), and close the case."""
    if _role(user) not in SIGNERS:
        raise PermissionDenied(_("Only the chief issues answers."))
    case = _locked(user, case_id)
    answer = _answer(case)
    if answer.state != Answer.State.SIGNED:
        raise DomainError(_("Only a signed answer can be issued."))
    answer.state, answer.issued_at = Answer.State.ISSUED, clock.now()
    answer.save()
    intake.message_to_reporter(appeal=case.appeal, body=answer.body, author=user)
    lifecycle.transition(user, case, Status.CLOSED, detail={"answer": "issued"})
    case.save()
    identity = intake.identity_read(case.appeal)
    if identity and identity.get("email"):
        audit(
            action="identity.used_for_delivery",
            actor=user,
            object_type="case",
            object_id=case.appeal.number,
            detail={"channel": "email"},
        )
        pdf = answer_pdf(case)
        email = EmailMessage(
            subject=f"{case.appeal.number}", body=answer.body, to=[identity["email"]]
        )
        email.attach(f"answer-{case.appeal.number}.pdf", pdf, "application/pdf")
        transaction.on_commit(lambda: email.send(fail_silently=True))
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
