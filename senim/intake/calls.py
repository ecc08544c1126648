"""The trust line's calls: each finished call is recorded with its outcome. A call that ends in
a report is recorded with its appeal, in the appeal's registration
(`senim.cases.registration.appeal_register(call=...)`), by the same rules as any other call."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from senim.accounts.models import User
from senim.core import clock
from senim.core.audit import audit
from senim.core.errors import DomainError
from senim.intake.models import Appeal, Call, CallOutcome
from senim.organization import policy
from senim.organization.policy import Capability

# Longer than any call: a start older than this is a console left open, not a call.
LONGEST_CALL = dt.timedelta(hours=12)


@dataclass(frozen=True)
class CallTaken:
    """What the console records of a call that ends in a report, besides the appeal."""

    started_at: dt.datetime
    recording_consent: bool
    summary: str = ""


def call_check(
    *,
    operator: User,
    started_at: dt.datetime,
    outcome: str,
    topic: str = "",
    referred_to: str = "",
    registers_appeal: bool = False,
) -> None:
    """The rules of every call record: an operator of the trust line, a plausible start, a
    consultation's topic, where a caller outside our competence was referred, and an appeal
    for a report (`registers_appeal`: the appeal is being registered with the call)."""
    policy.require(operator, Capability.TRUST_LINE, _("Your role may not take trust-line calls."))
    ended_at = clock.now()
    if started_at > ended_at or ended_at - started_at > LONGEST_CALL:
        raise DomainError(_("The call's start time is not plausible. Start a new call."))
    if outcome == CallOutcome.CONSULTATION and not topic.strip():
        raise DomainError(_("Record the topic of the consultation."))
    if outcome == CallOutcome.OUTSIDE and not referred_to.strip():
        raise DomainError(_("Record where the caller was referred."))
    if outcome == CallOutcome.REPORT and not registers_appeal:
        raise DomainError(_("A report must register an appeal."))


def call_insert(
    *,
    operator: User,
    started_at: dt.datetime,
    language: str,
    recording_consent: bool,
    outcome: str,
    summary: str = "",
    topic: str = "",
    referred_to: str = "",
    appeal: Appeal | None = None,
) -> Call:
    """The call's row, in the caller's transaction, after `call_check`; `call_audit` follows."""
    return Call.objects.create(
        operator=operator,
        started_at=started_at,
        ended_at=clock.now(),
        language=language,
        recording_consent=recording_consent,
        outcome=outcome,
        topic=topic.strip(),
        referred_to=referred_to.strip(),
        summary=summary.strip(),
        appeal=appeal,
    )


def call_audit(call: Call) -> None:
    audit(
        action="call.recorded",
        actor=call.operator,
        object_type="call",
        object_id=call.pk,
        detail={"outcome": call.outcome},
    )


@transaction.atomic
def call_record(
    *,
    operator: User,
    started_at: dt.datetime,
    language: str,
    recording_consent: bool,
    outcome: str,
    summary: str = "",
    topic: str = "",
    referred_to: str = "",
) -> Call:
    """A finished call that registers no appeal: a consultation records its topic, a referral
    where the caller was sent."""
    call_check(
        operator=operator,
        started_at=started_at,
        outcome=outcome,
        topic=topic,
        referred_to=referred_to,
    )
    call = call_insert(
        operator=operator,
        started_at=started_at,
        language=language,
        recording_consent=recording_consent,
        outcome=outcome,
        summary=summary,
        topic=topic,
        referred_to=referred_to,
    )
    call_audit(call)
    return call
