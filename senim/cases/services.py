"""Case services: identity reveals, messages to the reporter, files, and the deadline of a new
appeal (`consideration_due`). Registration itself is `senim.cases.registration`."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from senim.accounts.models import User
from senim.cases import reveals
from senim.cases.selectors import access_case
from senim.core.audit import audit
from senim.core.calendar import WorkingCalendar, calendar
from senim.core.errors import DomainError
from senim.core.reasons import reasons_required
from senim.core.statutory import statutory_periods
from senim.intake import attachments, mailbox, selectors
from senim.intake.models import MailboxMessage
from senim.organization import policy
from senim.organization.policy import Capability


def consideration_due(
    registered_at: dt.datetime, *, working: WorkingCalendar | None = None
) -> dt.date:
    """15 working days from registration; a non-working-day arrival counts from the next.

    `working` is the calendar with its transfers if the caller has read it already.
    """
    day = timezone.localtime(registered_at).date()
    days = statutory_periods().consideration_working_days
    return (working or calendar()).add_working_days(day, days)


@transaction.atomic
def identity_reveal(*, user: User, case_id: int, reason: str) -> dict[str, str] | None:
    """The reporter's identity in the clear, for a role with need to know and a stated reason.

    Every reveal is an audit entry with the reason; the case must be visible to the user.
    With SENIM_REVEAL_APPROVAL on, no direct reveal: a custodian approves a request first
    (`senim.cases.reveals`).
    """
    case = access_case(user, case_id)
    # Need to know: always with a stated, audited reason.
    policy.require(
        user, Capability.IDENTITY_READ, _("Your role may not read reporters' identities.")
    )
    if reveals.approval_required():
        raise DomainError(_("Reading an identity needs a custodian's approval: request it."))
    reasons_required(
        reason, 10, _("State the reason for reading the identity (at least 10 characters).")
    )
    identity = selectors.identity_read(case.appeal)
    audit(
        action="identity.revealed",
        actor=user,
        object_type="case",
        object_id=case.appeal.number,
        detail={"reason": reason.strip()},
    )
    return identity


def case_message_to_reporter(*, user: User, case_id: int, body: str) -> MailboxMessage:
    """A message to the reporter's mailbox from someone handling a case they can see."""
    case = access_case(user, case_id)
    policy.require(user, Capability.REPORTER_WRITE, _("Your role may not write to reporters."))
    return mailbox.message_to_reporter(appeal=case.appeal, body=body, author=user)


def attachment_download(*, user: User, case_id: int, attachment_id: int) -> tuple[str, str, bytes]:
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
