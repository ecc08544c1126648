"""Case services: registration of appeals from every channel, and identity reveals."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from senim.cases import handling
from senim.cases.models import Case, Status
from senim.cases.selectors import access_case
from senim.core.audit import audit
from senim.core.calendar import WorkingCalendar, calendar
from senim.core.errors import DomainError, PermissionDenied
from senim.intake import attachments
from senim.intake import services as intake
from senim.intake.models import Appeal, BookingStatus, CallOutcome, Channel, ReceptionBooking
from senim.intake.services import AppealDraft
from senim.organization.models import Role

# Need to know: who may read a reporter's identity, always with a stated, audited reason.
IDENTITY_READERS = frozenset({Role.CHIEF, Role.COORDINATOR, Role.INVESTIGATOR})


@dataclass(frozen=True)
class Registration:
    appeal: Appeal
    case: Case
    receipt_code: str

    @property
    def due_on(self) -> dt.date:
        assert self.case.due_on is not None
        return self.case.due_on


def consideration_due(
    registered_at: dt.datetime, *, working: WorkingCalendar | None = None
) -> dt.date:
    """15 working days from registration; a non-working-day arrival counts from the next.

    `working` is the calendar with its transfers if the caller has read it already.
    """
    day = timezone.localtime(registered_at).date()
    return (working or calendar()).add_working_days(day, settings.SENIM_CONSIDERATION_DAYS)


def report_register(draft: AppealDraft) -> Registration:
    """Register an appeal from any channel and open its case in the responsible unit's inbox.

    One transaction: the appeal, its people, sealed identity, mailbox, sealed files, the case
    and the audit entries all exist afterwards, or none do (sealed files written before a
    failure are deleted again).

    Registrations queue on two rows locked until commit, the year's registration counter and
    the audit chain's head, so the order matters: everything slow or readable beforehand (the
    receipt-code KDF, sealing, the working-day calendar, the staff-name check and routing)
    happens before the transaction, which only writes, and the number and the audit entry
    come last.
    """
    stored: list[str] = []
    try:
        sealed = intake.appeal_seal(draft, stored=stored)
        working = calendar()
        # Routing reads only the court and the people named (and the staff and units), so it
        # is decided on the draft before the transaction rather than under the locks.
        probe = intake.appeal_probe(draft)
        named_staff = handling.staff_named(probe)
        unit = handling.route(probe, named_staff=named_staff)
        with transaction.atomic():
            appeal = intake.appeal_insert(draft, sealed)
            due_on = consideration_due(appeal.registered_at, working=working)
            case = Case.objects.create(
                appeal=appeal,
                unit=unit,
                status=Status.RECEIVED,
                category=appeal.category,
                due_on=due_on,
                original_due_on=due_on,
            )
            # Last, as each stays locked until commit: the number's counter row, the audit head.
            intake.appeal_number(appeal)
            intake.appeal_registered_audit(appeal, actor=draft.received_by)
            handling.conflicts_apply(case, named_staff)
    except Exception:
        # The rows rolled back; the sealed files they pointed at go too. (Inside an outer
        # transaction that fails later, the sweep's orphan step removes them.)
        attachments.discard(stored)
        raise
    return Registration(appeal=appeal, case=case, receipt_code=sealed.code)


def call_report_register(
    *,
    operator: Any,
    started_at: dt.datetime,
    recording_consent: bool,
    summary: str,
    draft: AppealDraft,
) -> Registration:
    """A trust-line call that ends in a report: the appeal and the call, in one transaction."""
    draft.channel = Channel.TRUST_LINE
    draft.received_by = operator
    with transaction.atomic():
        registration = report_register(draft)
        intake.call_record(
            operator=operator,
            started_at=started_at,
            language=draft.language,
            recording_consent=recording_consent,
            outcome=CallOutcome.REPORT,
            summary=summary,
            appeal=registration.appeal,
        )
    return registration


def reception_protocol_register(
    *, booking: ReceptionBooking, chief: Any, draft: AppealDraft
) -> Registration:
    """The protocol of an oral appeal at the daily reception becomes a registered appeal."""
    if booking.unit_id != getattr(getattr(chief, "staff", None), "unit_id", None):
        raise PermissionDenied(_("Only the chief of this unit writes its reception protocols."))
    if booking.appeal_id is not None:
        raise DomainError(_("A protocol has already been registered for this meeting."))
    if booking.status not in (BookingStatus.ATTENDED, BookingStatus.BOOKED):
        raise DomainError(_("The citizen did not attend this meeting."))
    if not draft.reporter_confirmed:
        raise DomainError(_("The citizen must read and confirm the protocol."))
    draft.channel = Channel.RECEPTION
    draft.received_by = chief
    with transaction.atomic():
        registration = report_register(draft)
        booking.appeal = registration.appeal
        booking.status = BookingStatus.ATTENDED
        booking.save(update_fields=["appeal", "status"])
    return registration


@transaction.atomic
def identity_reveal(*, user: Any, case_id: int, reason: str) -> dict[str, str] | None:
    """The reporter's identity in the clear, for a role with need to know and a stated reason.

    Every reveal is an audit entry with the reason; the case must be visible to the user.
    """
    case = access_case(user, case_id)
    staff = getattr(user, "staff", None)
    if staff is None or staff.role not in IDENTITY_READERS:
        raise PermissionDenied(_("Your role may not read reporters' identities."))
    if len(reason.strip()) < 10:
        raise DomainError(_("State the reason for reading the identity (at least 10 characters)."))
    identity = intake.identity_read(case.appeal)
    audit(
        action="identity.revealed",
        actor=user,
        object_type="case",
        object_id=case.appeal.number,
        detail={"reason": reason.strip()},
    )
    return identity


# Who may write to the reporter: those who handle the case.
MESSAGE_WRITERS = frozenset({Role.CHIEF, Role.COORDINATOR, Role.INVESTIGATOR})


def case_message_to_reporter(*, user: Any, case_id: int, body: str) -> None:
    """A message to the reporter's mailbox from someone handling a case they can see."""
    case = access_case(user, case_id)
    staff = getattr(user, "staff", None)
    if staff is None or staff.role not in MESSAGE_WRITERS:
        raise PermissionDenied(_("Your role may not write to reporters."))
    intake.message_to_reporter(appeal=case.appeal, body=body, author=user)


def attachment_download(*, user: Any, case_id: int, attachment_id: int) -> tuple[str, str, bytes]:
    """(name, content type, bytes) of a case's file for a user who may see the case; audited."""
    case = access_case(user, case_id)
    found = case.appeal.attachments.filter(pk=attachment_id).first()
    if found is None:
        raise DomainError(_("No such file."))
    audit(
        action="attachment.downloaded",
        actor=user,
        object_type="case",
        object_id=case.appeal.number,
        detail={"file": found.pk},
    )
    name = attachments.original_name(found.sealed_name, found.name)
    return name, found.content_type, attachments.read_sealed(found.storage_name)
