"""Appeals from the national e-appeals system (e-Otinish), and what flows back to it.

Import (`appeals_import`): a batch is read by the adapter (`eotinish_adapter.adapter`), every
item is checked as registration would check it (the court, the draft's rules, the files) and
against the numbers already imported, and only a batch without a bad item is registered: a bad
item is reported with its position and field, and nothing of its batch is registered, so the
sender fixes the file and sends it again, and what was imported the first time is skipped.
Each appeal is registered by `appeal_register` on the e-Otinish channel and routed like any
other, with its e-Otinish number kept (`ExternalAppeal`, unique per system), in one
transaction: the appeal and its number exist together or not at all.

Flow back: the case's events (`senim.core.events.case_event`: "status", "answer_issued") of an
appeal from e-Otinish write an `ExternalReport` in the transaction of the event, and after
commit the task worker delivers it through the adapter (`report_send`), outside any
transaction, retrying with backoff up to SENIM_EOTINISH_ATTEMPTS.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import partial

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from senim.accounts.models import User
from senim.cases.answers import answer_pdf
from senim.cases.models import Answer, Case
from senim.cases.registration import appeal_register
from senim.core import clock
from senim.core.audit import audit
from senim.core.errors import DomainError
from senim.intake import attachments
from senim.intake.drafts import AppealDraft, draft_from, draft_problems
from senim.intake.enqueue import TaskByPath
from senim.intake.models import Channel
from senim.integrations.eotinish_adapter import (
    AnswerDelivery,
    IncomingAppeal,
    ItemProblem,
    StatusReport,
    adapter,
)
from senim.integrations.models import ExternalAppeal, ExternalReport, ExternalSystem
from senim.organization.models import Court

SYSTEM = ExternalSystem.E_OTINISH
report_deliver = TaskByPath("senim.integrations.tasks.external_report_deliver")


@dataclass(frozen=True)
class ItemOutcome:
    position: int
    number: str
    # "registered", "skipped" (imported before) or, on a dry run, "would register".
    outcome: str
    registration_number: str = ""
    case_id: int | None = None


@dataclass
class ImportResult:
    items: list[ItemOutcome] = field(default_factory=list)
    problems: list[ItemProblem] = field(default_factory=list)

    @property
    def registered(self) -> list[ItemOutcome]:
        return [item for item in self.items if item.outcome == "registered"]

    @property
    def skipped(self) -> list[ItemOutcome]:
        return [item for item in self.items if item.outcome == "skipped"]


def _draft(
    incoming: IncomingAppeal, courts: dict[str, Court]
) -> tuple[AppealDraft | None, list[ItemProblem]]:
    def problem(name: str, message: str) -> ItemProblem:
        return ItemProblem(incoming.position, incoming.number, name, message)

    court = courts.get(incoming.court_code)
    if court is None:
        return None, [problem("court", _("No court has this code."))]
    draft = draft_from(
        {**incoming.fields, "court": court},
        channel=Channel.E_OTINISH,
        people=incoming.people,
        identity=incoming.identity,
        files=incoming.files,
    )
    found = [problem(name, message) for name, message in draft_problems(draft, today=clock.today())]
    try:
        attachments.check_files(list(draft.files))
    except DomainError as refused:
        found.append(problem("files", refused.message))
    return draft, found


def appeals_import(
    data: bytes, *, actor: User | None = None, dry_run: bool = False
) -> ImportResult:
    """Import a batch as e-Otinish sent it (see the module's notes); `actor` is the account
    that brought it (an integration client's, or None from the command line)."""
    batch = adapter().appeals_read(data)
    result = ImportResult(problems=list(batch.problems))
    codes = {incoming.court_code for incoming in batch.appeals}
    courts = {court.code: court for court in Court.objects.filter(code__in=codes)}
    known = set(
        ExternalAppeal.objects.filter(
            system=SYSTEM, number__in=[incoming.number for incoming in batch.appeals]
        ).values_list("number", flat=True)
    )
    seen: dict[str, int] = {}
    planned: list[tuple[IncomingAppeal, AppealDraft]] = []
    for incoming in batch.appeals:
        if incoming.number in seen:
            result.problems.append(
                ItemProblem(
                    incoming.position,
                    incoming.number,
                    "number",
                    _("The same number as item %(position)d of this batch.")
                    % {"position": seen[incoming.number]},
                )
            )
            continue
        seen[incoming.number] = incoming.position
        if incoming.number in known:
            result.items.append(ItemOutcome(incoming.position, incoming.number, "skipped"))
            continue
        draft, problems = _draft(incoming, courts)
        result.problems.extend(problems)
        if draft is not None and not problems:
            planned.append((incoming, draft))
    result.problems.sort(key=lambda problem: problem.position)
    if result.problems:
        return result  # nothing of a batch with a bad item is registered
    for incoming, draft in planned:
        if dry_run:
            result.items.append(ItemOutcome(incoming.position, incoming.number, "would register"))
        else:
            result.items.append(_register(incoming, draft, actor=actor))
    result.items.sort(key=lambda item: item.position)
    return result


def _register(incoming: IncomingAppeal, draft: AppealDraft, *, actor: User | None) -> ItemOutcome:
    """One appeal with its e-Otinish number, in one transaction (the registration's own is a
    savepoint inside it); a number imported meanwhile by another import is skipped."""
    try:
        with transaction.atomic():
            registration = appeal_register(draft=draft, actor=actor)
            link = ExternalAppeal.objects.create(
                system=SYSTEM,
                number=incoming.number,
                appeal=registration.appeal,
                received_at=incoming.received_at,
            )
            audit(
                action="eotinish.appeal_received",
                actor=actor,
                object_type="appeal",
                object_id=registration.appeal.number,
                detail={"external": incoming.number},
            )
            # e-Otinish learns Senim's number with the first status.
            report_queue(link, kind=ExternalReport.Kind.STATUS, status=registration.case.status)
    except IntegrityError:
        if not ExternalAppeal.objects.filter(system=SYSTEM, number=incoming.number).exists():
            raise
        return ItemOutcome(incoming.position, incoming.number, "skipped")
    return ItemOutcome(
        incoming.position,
        incoming.number,
        "registered",
        registration_number=registration.appeal.number,
        case_id=registration.case.pk,
    )


def report_queue(link: ExternalAppeal, *, kind: str, status: str) -> ExternalReport:
    """An outbox row, in the caller's transaction; the worker is asked after commit."""
    now = clock.now()
    report = ExternalReport.objects.create(
        link=link, kind=kind, status=status, created_at=now, next_attempt_at=now
    )
    transaction.on_commit(partial(_enqueue, report.pk))
    return report


def _enqueue(report_id: int, run_after: dt.datetime | None = None) -> None:
    task = report_deliver.task()
    (task.using(run_after=run_after) if run_after else task).enqueue(report_id)


def on_case_event(case: Case, kind: str, detail: dict[str, object]) -> None:
    """A case's event: what e-Otinish must be told of its appeal, if it sent it."""
    if kind not in ("status", "answer_issued"):
        return
    link = ExternalAppeal.objects.filter(appeal_id=case.appeal_id, system=SYSTEM).first()
    if link is None:
        return
    if kind == "answer_issued":
        report_queue(link, kind=ExternalReport.Kind.ANSWER, status=Answer.State.ISSUED)
    else:
        report_queue(
            link, kind=ExternalReport.Kind.STATUS, status=str(detail.get("status") or case.status)
        )


def _backoff(attempts: int) -> dt.timedelta:
    return dt.timedelta(seconds=settings.SENIM_EOTINISH_RETRY_SECONDS * 2 ** (attempts - 1))


def _lease() -> dt.timedelta:
    return dt.timedelta(seconds=settings.SENIM_TASK_LEASE_SECONDS)


def _deliver(report: ExternalReport) -> None:
    link = report.link
    appeal = link.appeal
    if report.kind == ExternalReport.Kind.ANSWER:
        case = Case.objects.select_related("answer", "unit", "appeal").get(appeal=appeal)
        answer = case.answer
        adapter().answer_deliver(
            AnswerDelivery(
                report_id=report.pk,
                number=link.number,
                registration_number=appeal.number,
                issued_at=answer.issued_at or report.created_at,
                language=answer.language,
                text=answer.body,
                pdf=answer_pdf(case),
            )
        )
    else:
        adapter().status_report(
            StatusReport(
                report_id=report.pk,
                number=link.number,
                registration_number=appeal.number,
                status=report.status,
                at=report.created_at,
            )
        )


def report_send(*, report_id: int) -> str:
    """Deliver one report; returns the state it is left in.

    The row is claimed in a short transaction (its next attempt moved a lease ahead, so that a
    second worker leaves it alone), delivered outside any transaction, and its outcome
    recorded in another. A worker that dies between leaves it pending; the lease passes and
    the sweep (`reports_resume`) queues it again.
    """
    with transaction.atomic():
        report = (
            ExternalReport.objects.select_for_update()
            .select_related("link__appeal")
            .filter(pk=report_id)
            .first()
        )
        if report is None:
            return "gone"
        if report.state != ExternalReport.State.PENDING or report.next_attempt_at > clock.now():
            return str(report.state)
        report.attempts += 1
        report.attempted_at = clock.now()
        report.next_attempt_at = report.attempted_at + _lease()
        report.save(update_fields=["attempts", "attempted_at", "next_attempt_at"])
    failure = ""
    try:
        _deliver(report)
    except Exception as error:  # noqa: BLE001 - any connector's fault is a failed attempt
        failure = type(error).__name__[:120]
    with transaction.atomic():
        report = ExternalReport.objects.select_for_update().get(pk=report_id)
        report.failure = failure
        again = bool(failure) and report.attempts < settings.SENIM_EOTINISH_ATTEMPTS
        if not failure:
            report.state = ExternalReport.State.SENT
            report.sent_at = clock.now()
        elif again:
            report.next_attempt_at = clock.now() + _backoff(report.attempts)
            transaction.on_commit(partial(_enqueue, report.pk, report.next_attempt_at))
        else:
            report.state = ExternalReport.State.FAILED
        report.save(update_fields=["state", "sent_at", "next_attempt_at", "failure"])
        audit(
            action=f"eotinish.{report.kind}_{'sent' if not failure else 'failed'}",
            object_type="appeal",
            object_id=report.link.appeal.number,
            detail={"report": report.pk, "status": report.status, "attempt": report.attempts}
            | ({"failure": failure, "again": again} if failure else {}),
        )
    return str(report.state)


def reports_resume() -> int:
    """The sweep: pending reports whose time has come and that no worker holds (a lost
    enqueue, a dead worker) are queued again."""
    # A minute's grace: a report just written is being enqueued after its commit right now.
    due = ExternalReport.objects.filter(
        state=ExternalReport.State.PENDING,
        next_attempt_at__lte=clock.now() - dt.timedelta(minutes=1),
    ).values_list("pk", flat=True)[:500]
    ids = list(due)
    for report_id in ids:
        _enqueue(report_id)
    return len(ids)
