"""Registering an appeal from any channel: one action, `appeal_register`.

Every channel calls it with the draft it built (`senim.intake.drafts`): the portal, and the API
after it, with the client's key (the per-client report limit); the trust line with the call
that carried the report; the daily reception with the booking of the meeting whose protocol it
is. It checks what no interface may skip (the client's allowance, the channel's own rules, the
draft's rules: `intake.drafts.draft_check`), then works in three steps:

1. prepare, outside any transaction: the files checked and cleaned, the receipt code's KDF,
   the identity and the files sealed (the slow crypto), the working-day calendar, the staff
   the appeal names and the unit it goes to, and what listeners prepare (triage's earlier
   reports and rules: `senim.core.events.appeal_preparing`) (reads);
2. write, in one transaction that only writes: the appeal with its people, identity, mailbox
   and files, its case in the unit's inbox, the call or the booking, then the two rows every
   registration queues on until commit (the year's number counter, the audit chain's head),
   last, and the exclusions of the staff named;
3. after commit, the side effects. Listeners to `case_event` (webhooks, triage) wrote their
   rows inside step 2, from what they prepared in step 1; what they deliver leaves from those
   rows later. Files sealed for a registration that failed are deleted.

    draft = form.draft(channel=Channel.PORTAL, files=uploads)
    registration = appeal_register(draft=draft, client=client_of(request))
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction

from senim.accounts.models import User
from senim.cases import routing
from senim.cases.events import event_send
from senim.cases.models import Case, Status
from senim.cases.services import consideration_due
from senim.core import clock
from senim.core.calendar import calendar
from senim.core.events import appeal_preparing
from senim.core.throttle import Client
from senim.intake import attachments, calls, limits, reception
from senim.intake import registration as appeals
from senim.intake.calls import CallTaken
from senim.intake.drafts import AppealDraft, draft_check
from senim.intake.models import Appeal, CallOutcome, Channel, ReceptionBooking


@dataclass(frozen=True)
class Registration:
    appeal: Appeal
    case: Case
    # Shown once, in the answer to the registration; never stored.
    receipt_code: str

    @property
    def due_on(self) -> dt.date:
        assert self.case.due_on is not None
        return self.case.due_on


def appeal_register(
    *,
    draft: AppealDraft,
    actor: User | None = None,
    client: Client | None = None,
    call: CallTaken | None = None,
    booking: ReceptionBooking | None = None,
) -> Registration:
    """Register an appeal from any channel and open its case in the responsible unit's inbox.

    `actor` is the staff member who took the appeal down (the operator of a call, the chief of
    a reception), None on the public channels; `client` the key of a public interface's client,
    whose allowance of reports (`intake.limits`) the registration uses up, and only when it
    succeeds. A trust-line draft comes with its `call`, a reception draft with its `booking`.

    All of it exists afterwards, or none of it: the appeal, its people, sealed identity,
    mailbox and sealed files, the case, the call or the booking's protocol, the audit entries
    (sealed files written before a failure are deleted again). Raises `DraftRefused` for a
    draft that breaks a rule (each problem with its field), `LimitReached` past the client's
    allowance, `PermissionDenied` or `DomainError` for the channel's rules.
    """
    if client is None:
        return _register(draft, actor=actor, call=call, booking=booking)
    with limits.report_allowance(client=client):
        return _register(draft, actor=actor, call=call, booking=booking)


def _channel_check(
    draft: AppealDraft,
    *,
    actor: User | None,
    call: CallTaken | None,
    booking: ReceptionBooking | None,
) -> None:
    """What each channel requires besides the draft: an operator and the call on the trust line,
    the unit's chief and the booking at the reception."""
    if (call is not None) != (draft.channel == Channel.TRUST_LINE):
        raise ValueError("a trust-line appeal, and only one, is registered with its call")
    if (booking is not None) != (draft.channel == Channel.RECEPTION):
        raise ValueError("a reception protocol, and only one, is registered with its booking")
    if call is not None:
        if actor is None:
            raise ValueError("a call is registered by its operator")
        calls.call_check(
            operator=actor,
            started_at=call.started_at,
            outcome=CallOutcome.REPORT,
            registers_appeal=True,
        )
    if booking is not None:
        if actor is None:
            raise ValueError("a reception protocol is registered by the unit's chief")
        reception.protocol_check(booking=booking, chief=actor, confirmed=draft.reporter_confirmed)


def _register(
    draft: AppealDraft,
    *,
    actor: User | None,
    call: CallTaken | None,
    booking: ReceptionBooking | None,
) -> Registration:
    # Registrations queue on two rows locked until commit, the year's registration counter and
    # the audit chain's head, so everything slow or readable happens before the transaction,
    # which only writes, and the number and the audit entry come last.
    _channel_check(draft, actor=actor, call=call, booking=booking)
    draft_check(draft, today=clock.today())
    stored: list[str] = []
    try:
        # 1. Prepare.
        files = attachments.check_files(list(draft.files))
        sealed = appeals.appeal_seal(draft, files=files, stored=stored)
        working = calendar()
        named_staff = routing.staff_named(draft.concerned)
        unit = routing.route(draft.concerned, named_staff=named_staff)
        at = clock.now()
        prepared = dict(appeal_preparing.send(sender=Case, draft=draft, at=at))
        # 2. Write.
        with transaction.atomic():
            appeal = appeals.appeal_insert(draft, sealed, at=at, received_by=actor)
            due_on = consideration_due(appeal.registered_at, working=working)
            case = Case.objects.create(
                appeal=appeal,
                unit=unit,
                status=Status.RECEIVED,
                category=appeal.category,
                due_on=due_on,
                original_due_on=due_on,
            )
            recorded = None
            if call is not None and actor is not None:
                recorded = calls.call_insert(
                    operator=actor,
                    started_at=call.started_at,
                    language=draft.language,
                    recording_consent=call.recording_consent,
                    outcome=CallOutcome.REPORT,
                    summary=call.summary,
                    appeal=appeal,
                )
            if booking is not None:
                reception.protocol_attach(booking=booking, appeal=appeal)
            # Last, as each stays locked until commit: the number's counter row, the audit head.
            appeals.appeal_number(appeal)
            appeals.appeal_registered_audit(appeal, actor=actor)
            if recorded is not None:
                calls.call_audit(recorded)
            routing.conflicts_apply(case, named_staff)
            event_send("registered", case, actor=actor, prepared=prepared, channel=appeal.channel)
    except Exception:
        # The rows rolled back; the sealed files they pointed at go too. (Inside an outer
        # transaction that fails later, the sweep's orphan step removes them.)
        attachments.discard(stored)
        raise
    return Registration(appeal=appeal, case=case, receipt_code=sealed.code)
