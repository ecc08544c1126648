"""Records kept and disposed of by rule.

A finished case (closed, or closed as spam) keeps its content for the years its rule says,
counted from its closing; a case on legal hold is kept whatever its period. The timed work
(`retention_propose`, a sweep step) lists the cases whose periods have run out in a batch that
waits for the central department; nothing is destroyed before a coordinator approves it (with a
fresh second factor, in the office). The sweep then destroys the approved cases' content
(`disposals_carry_out`), a case per transaction, re-checking each one: a case put on hold in
the meantime is kept.

What disposal destroys: everything a person wrote or that identifies someone: the report's
subject and text and its words for search, the people named, the reporter's sealed identity,
the mailbox and its messages, the deliveries and their sealed letters, the evidence files (from
the storage too, after commit), notes, checklist, the assessment's, extension's and referral's
reasons, the conclusion's findings, the answer's text, the call's summary, the booking's sealed
contact, the protection's note and the words of the HR events about the protected reporter.
What it keeps is the minimal record the indicators and the public statistics are made of: the
number, the dates, the court, the unit, the channel, the category, the statuses, the deadlines
and the outcome, and the structural rows (answers, referrals, extensions) without
their words. Listeners to `case_event` ("disposed") drop what they derived from the content.

So that a copy of the database taken afterwards holds nothing readable, SQLite overwrites what
it frees (secure_delete, set on every connection in settings), and after a run the full-text
indexes are merged and the write-ahead log is folded into the file; PostgreSQL's dump holds only
live rows (the dead ones are reclaimed by its autovacuum).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import connection, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from senim.cases.models import (
    Answer,
    Assessment,
    Case,
    CaseExclusion,
    CaseRecord,
    DisposalBatch,
    DisposalItem,
    Extension,
    HrEvent,
    Outcome,
    ProtectedPerson,
    Referral,
    RetentionRule,
    RevealRequest,
    Status,
)
from senim.cases.search import FTS_TABLES
from senim.core import clock
from senim.core.audit import audit
from senim.core.errors import DomainError, NotFound
from senim.core.events import case_event
from senim.core.reasons import reasons_required
from senim.intake import attachments
from senim.intake.models import (
    Appeal,
    Attachment,
    Call,
    Category,
    Delivery,
    Mailbox,
    MailboxMessage,
    PersonConcerned,
    ReceptionBooking,
    ReporterIdentity,
)
from senim.organization import policy
from senim.organization.policy import Capability

if TYPE_CHECKING:
    from senim.accounts.models import User

SPAM = "spam"  # the outcome key of rules for cases closed as spam
FINISHED = (Status.CLOSED, Status.SPAM)
# One batch at a time stays reviewable on one page; the next follows when it is decided.
BATCH_SIZE = 500
MIN_REASON = 10

# The defaults written down: the department sets its own periods in the office, following the
# nomenclature of cases approved for it under the Law "On the National Archive Fund and
# Archives" (these are a starting point, not a reading of that list). Five years after closing
# for an appeal considered on the merits; ten where the report was found substantiated or sent
# on to the prosecutor, the anti-corruption service or the judges' disciplinary commission
# (proceedings may follow long after); one year for spam, which holds nothing to keep.
DEFAULT_RULES: dict[tuple[str, str], int] = {
    ("", ""): 5,
    ("", "substantiated"): 10,
    ("", "partly"): 10,
    ("", "referred_acs"): 10,
    ("", "referred_prosecutor"): 10,
    ("", "referred_disciplinary"): 10,
    ("", SPAM): 1,
}


@dataclass(frozen=True)
class Due:
    case: Case
    kept_until: dt.date
    rule: str


def _require(user: User, capability: Capability) -> None:
    policy.require(user, capability, _("Your role may not decide on the keeping of records."))


# --- Rules -----------------------------------------------------------------------------------


def rules_in_force() -> dict[tuple[str, str], int]:
    """The defaults, overridden by the department's rules."""
    rules = dict(DEFAULT_RULES)
    rules.update({(r.category, r.outcome): r.years for r in RetentionRule.objects.all()})
    return rules


def rule_for(rules: dict[tuple[str, str], int], category: str, outcome: str) -> tuple[str, int]:
    """The most specific rule: category and outcome, then outcome, then category, then any."""
    for key in ((category, outcome), ("", outcome), (category, ""), ("", "")):
        if key in rules:
            return f"{key[0] or '*'}/{key[1] or '*'}", rules[key]
    return "*/*", DEFAULT_RULES[("", "")]


@transaction.atomic
def retention_rule_set(
    *, user: User, category: str, outcome: str, years: int | None, reason: str
) -> None:
    """Set (or with `years` None, remove) the department's rule for a category and outcome."""
    _require(user, Capability.RETENTION_DECIDE)
    reason = reasons_required(reason, MIN_REASON)
    if years is not None and not 1 <= years <= 100:
        raise DomainError(_("A period is from 1 to 100 years."))
    if years is None:
        RetentionRule.objects.filter(category=category, outcome=outcome).delete()
    else:
        RetentionRule.objects.update_or_create(
            category=category, outcome=outcome, defaults={"years": years, "changed_by": user}
        )
    audit(
        action="retention.rule_set",
        actor=user,
        object_type="retention_rule",
        object_id=f"{category or '*'}/{outcome or '*'}",
        detail={"years": years, "reason": reason},
    )


# --- Legal hold ------------------------------------------------------------------------------


def _case_seen(user: User, case_id: int) -> Case:
    from senim.cases.selectors import access_case

    return access_case(user, case_id)


@transaction.atomic
def legal_hold_place(*, user: User, case_id: int, reason: str) -> CaseRecord:
    """Keep a case's content whatever its period says (a court, a prosecutor, an inquiry)."""
    _require(user, Capability.CASE_HANDLE)
    reason = reasons_required(reason, MIN_REASON)
    case = _case_seen(user, case_id)
    record, _created = CaseRecord.objects.select_for_update().get_or_create(case=case)
    if record.disposed_at is not None:
        raise DomainError(_("The content of this case has already been destroyed."))
    record.hold_reason, record.hold_by, record.hold_at = reason, user, clock.now()
    record.save()
    audit(
        action="retention.hold_placed",
        actor=user,
        object_type="case",
        object_id=case.appeal.number,
        detail={"reason": reason},
    )
    return record


@transaction.atomic
def legal_hold_lift(*, user: User, case_id: int, reason: str) -> None:
    """Only the central department lifts a hold: whoever placed it may not know all reasons."""
    _require(user, Capability.RETENTION_DECIDE)
    reason = reasons_required(reason, MIN_REASON)
    case = _case_seen(user, case_id)
    updated = (
        CaseRecord.objects.filter(case=case)
        .exclude(hold_reason="")
        .update(hold_reason="", hold_by=None, hold_at=None)
    )
    if not updated:
        raise DomainError(_("This case is not on legal hold."))
    audit(
        action="retention.hold_lifted",
        actor=user,
        object_type="case",
        object_id=case.appeal.number,
        detail={"reason": reason},
    )


# --- What is due ----------------------------------------------------------------------------


def _kept(cases: QuerySet[Case]) -> QuerySet[Case]:
    """Finished cases that are neither held nor destroyed nor waiting in a batch."""
    held_or_gone = CaseRecord.objects.filter(case=OuterRef("pk")).filter(
        ~Q(hold_reason="") | Q(disposed_at__isnull=False)
    )
    waiting = DisposalItem.objects.filter(
        case=OuterRef("pk"),
        batch__state__in=[DisposalBatch.State.PROPOSED, DisposalBatch.State.APPROVED],
        disposed_at__isnull=True,
    )
    return cases.filter(status__in=FINISHED).exclude(Exists(held_or_gone)).exclude(Exists(waiting))


def cases_due(*, today: dt.date | None = None, limit: int = BATCH_SIZE) -> list[Due]:
    """The finished cases whose periods have run out by `today` (the dry run), oldest first.

    Asked of the database a group at a time, each group with one period (a category and an
    outcome of closed cases; a category of spam), through the index on (status, closed_at),
    so that only cases already due come back. Reading every finished case older than the
    shortest period into Python, or even listing the groups present, took the nightly sweep
    8 s at a million cases when nothing was due. Spam cases (not closed: their time is their
    last change, unless they were closed before) are few, read by status.
    """
    today = today or clock.today()
    rules = rules_in_force()
    # The groups' rows carry only what decides; the cases listed are read whole at the end.
    kept = _kept(Case.objects.all()).only(
        "pk", "status", "category", "outcome", "closed_at", "updated_at"
    )
    known = [*Category.values, ""]
    outcomes = [*Outcome.values, ""]
    groups: list[tuple[Q, str, str]] = [
        (Q(status=Status.CLOSED, category=c, outcome=o), c, o) for c in known for o in outcomes
    ]
    groups += [(Q(status=Status.SPAM, category=c), c, SPAM) for c in known]
    # A category or an outcome no list knows (an old record): the shortest period bounds it,
    # each case's own rule decides below.
    groups += [
        (Q(status=Status.CLOSED) & (~Q(category__in=known) | ~Q(outcome__in=outcomes)), "?", ""),
        (Q(status=Status.SPAM) & ~Q(category__in=known), "?", SPAM),
    ]
    shortest = min(rules.values())
    due: list[Due] = []
    for where, category, outcome in groups:
        _rule, years = rule_for(rules, category, outcome) if category in known else ("", shortest)
        # A day's margin either side of the exact test below (local dates, 29 February).
        bound = timezone.make_aware(
            dt.datetime.combine(_years_after(today, -years), dt.time()) + dt.timedelta(days=2)
        )
        if outcome == SPAM:
            rows = kept.filter(
                where, Q(closed_at__lt=bound) | Q(closed_at__isnull=True, updated_at__lt=bound)
            ).order_by(Coalesce("closed_at", "updated_at"), "pk")
        else:
            rows = kept.filter(where, closed_at__lt=bound).order_by("closed_at", "pk")
        for case in rows[:limit]:
            finished = case.closed_at or case.updated_at
            key = SPAM if case.status == Status.SPAM else case.outcome
            rule, years = rule_for(rules, case.category, key)
            kept_until = _years_after(timezone.localtime(finished).date(), years)
            if kept_until < today:
                due.append(Due(case=case, kept_until=kept_until, rule=f"{rule} {years}"))
    due.sort(key=lambda d: (d.case.closed_at or d.case.updated_at, d.case.pk))
    due = due[:limit]
    whole = Case.objects.select_related("appeal").in_bulk([d.case.pk for d in due])
    return [Due(case=whole[d.case.pk], kept_until=d.kept_until, rule=d.rule) for d in due]


def _years_after(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def retention_propose() -> int:
    """Sweep step: list the cases due in a batch for approval, when none is waiting."""
    if DisposalBatch.objects.filter(state=DisposalBatch.State.PROPOSED).exists():
        return 0
    due = cases_due()
    if not due:
        return 0
    with transaction.atomic():
        batch = DisposalBatch.objects.create(proposed_at=clock.now())
        DisposalItem.objects.bulk_create(
            DisposalItem(batch=batch, case=d.case, kept_until=d.kept_until, rule=d.rule)
            for d in due
        )
        audit(
            action="retention.proposed",
            object_type="disposal_batch",
            object_id=batch.pk,
            detail={"cases": len(due)},
        )
    return len(due)


@transaction.atomic
def disposal_decide(*, user: User, batch_id: int, approve: bool, note: str) -> DisposalBatch:
    """A coordinator approves the list (its content is then destroyed) or rejects it."""
    _require(user, Capability.RETENTION_DECIDE)
    note = reasons_required(note, MIN_REASON) if not approve else note.strip()
    batch = DisposalBatch.objects.select_for_update().filter(pk=batch_id).first()
    if batch is None:
        raise NotFound(_("No such list."))
    if batch.state != DisposalBatch.State.PROPOSED:
        raise DomainError(_("This list has already been decided."))
    batch.state = DisposalBatch.State.APPROVED if approve else DisposalBatch.State.REJECTED
    batch.decided_by, batch.decided_at, batch.decision_note = user, clock.now(), note
    batch.save()
    audit(
        action="retention.approved" if approve else "retention.rejected",
        actor=user,
        object_type="disposal_batch",
        object_id=batch.pk,
        detail={"cases": batch.items.count(), "note": note},
    )
    return batch


# --- Destruction -----------------------------------------------------------------------------


def disposals_carry_out() -> int:
    """Sweep step: destroy the content of the approved batches' cases, a case per transaction.
    A case put on hold (or reopened) since the approval is kept and marked so."""
    done = 0
    for batch in DisposalBatch.objects.filter(state=DisposalBatch.State.APPROVED).order_by("pk"):
        items = list(batch.items.filter(disposed_at__isnull=True).values_list("pk", "case_id"))
        for item_id, case_id in items:
            done += _dispose_one(batch, item_id, case_id)
        with transaction.atomic():
            DisposalBatch.objects.filter(pk=batch.pk).update(
                state=DisposalBatch.State.DONE, done_at=clock.now()
            )
            audit(
                action="retention.done",
                object_type="disposal_batch",
                object_id=batch.pk,
                detail={"cases": len(items)},
            )
    if done:
        _storage_compact()
    return done


def _dispose_one(batch: DisposalBatch, item_id: int, case_id: int) -> int:
    files: list[str] = []
    with transaction.atomic():
        case = (
            Case.objects.select_for_update(of=("self",))
            .select_related("appeal")
            .filter(pk=case_id)
            .first()
        )
        record, _created = CaseRecord.objects.select_for_update().get_or_create(case_id=case_id)
        if case is None or record.hold_reason or case.status not in FINISHED:
            DisposalItem.objects.filter(pk=item_id).delete()  # kept: it leaves the list
            return 0
        files = case_content_destroy(case)
        now = clock.now()
        record.disposed_at = now
        record.save(update_fields=["disposed_at"])
        DisposalItem.objects.filter(pk=item_id).update(disposed_at=now)
        audit(
            action="case.disposed",
            object_type="case",
            object_id=case.appeal.number,
            detail={"batch": batch.pk},
        )
        case_event.send(sender=Case, kind="disposed", case=case, actor=None, detail={})
        transaction.on_commit(lambda: attachments.discard(files))
    return 1


def case_content_destroy(case: Case) -> list[str]:
    """Blank or delete every word and identity of the case (see the module's docstring);
    returns the storage names of its files, to delete once the transaction commits."""
    appeal_id = case.appeal_id
    files = list(
        Attachment.objects.filter(appeal_id=appeal_id).values_list("storage_name", flat=True)
    )
    Attachment.objects.filter(appeal_id=appeal_id).delete()
    Appeal.objects.filter(pk=appeal_id).update(
        subject="", text="", occurred_when="", occurred_where="", how_known="", search_text=""
    )
    PersonConcerned.objects.filter(appeal_id=appeal_id).delete()
    ReporterIdentity.objects.filter(appeal_id=appeal_id).delete()
    MailboxMessage.objects.filter(appeal_id=appeal_id).update(body="")
    Mailbox.objects.filter(appeal_id=appeal_id).delete()  # the receipt code opens nothing now
    Delivery.objects.filter(message__appeal_id=appeal_id).update(enclosure=b"", failure="")
    Call.objects.filter(appeal_id=appeal_id).update(summary="", topic="", referred_to="")
    ReceptionBooking.objects.filter(appeal_id=appeal_id).update(sealed_contact=b"", topic="")
    Case.objects.filter(pk=case.pk).update(findings="", measures="")
    case.notes.all().delete()
    case.checklist.all().delete()
    Assessment.objects.filter(case=case).update(reason="")
    Extension.objects.filter(case=case).update(reason="")
    Referral.objects.filter(case=case).update(result_note="", external_number="")
    Answer.objects.filter(case=case).update(body="")
    CaseExclusion.objects.filter(case=case).update(reason="")
    RevealRequest.objects.filter(case=case).update(reason="", decision_reason="")
    # The reporter's protection: the note and the HR decisions about them describe the person
    # (where they work, what was done to them); the dates and kinds stay for the figures.
    ProtectedPerson.objects.filter(case=case).update(note="")
    HrEvent.objects.filter(person__case=case).update(description="", representative_name="")
    return files


def _storage_compact() -> None:
    """SQLite: merge the full-text indexes (a deleted row's words stay in an older segment
    until a merge) and fold the write-ahead log into the file, whose freed pages secure_delete
    has zeroed. PostgreSQL needs nothing here: a dump holds only live rows."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for table in FTS_TABLES:
            cursor.execute(f"INSERT INTO {table}_fts({table}_fts) VALUES ('optimize')")  # noqa: S608
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def batches(limit: int = 20) -> QuerySet[DisposalBatch]:
    return DisposalBatch.objects.order_by("-pk")[:limit]


def batch_items(batch: DisposalBatch) -> Iterable[DisposalItem]:
    return batch.items.select_related("case__appeal", "case__unit").order_by("kept_until", "pk")
