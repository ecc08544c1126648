"""The reporter's mailbox by receipt code: the appeal's state and its messages.

Public, as the portal's follow-up is (the receipt code is the proof), and throttled by the
same service and the same key: `intake.limits.receipt_code_try` with the client's hourly key,
so wrong codes through the API and through the portal use up one allowance. The code travels
in the body of a POST, never in an address (addresses end up in logs).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Router, Schema

from senim.api.errors import Problem
from senim.api.types import Line
from senim.cases.selectors import case_of_appeal, issued_answer
from senim.core.throttle import client_of
from senim.intake import limits, selectors
from senim.intake.limits import RECEIPT_CODES

router = Router(tags=["mailbox"])


class CodeIn(Schema):
    code: Line


class MessageOut(Schema):
    direction: Literal["in", "out"]  # from the reporter, to the reporter
    body: str
    sent_at: dt.datetime


class MailboxOut(Schema):
    number: str
    registered_at: dt.datetime
    status: str
    due_on: dt.date | None
    answer_issued: bool
    messages: list[MessageOut]


@router.post(
    "",
    auth=None,
    response={200: MailboxOut},
    summary="The reporter's mailbox: state and messages, by receipt code",
)
def mailbox_read(request: HttpRequest, payload: CodeIn) -> MailboxOut:
    try:
        appeal = limits.receipt_code_try(
            client=client_of(request), check=lambda: selectors.mailbox_find(payload.code)
        )
    except limits.LimitReached as refused:
        raise Problem(
            "rate_limited", refused.message, headers={"Retry-After": str(RECEIPT_CODES.window)}
        ) from refused
    if appeal is None:
        # One answer for every wrong code: nothing tells a guess apart from a typo.
        raise Problem("not_found", _("No mailbox has this receipt code."))
    case = case_of_appeal(appeal.pk)
    return MailboxOut(
        number=appeal.number,
        registered_at=appeal.registered_at,
        status=case.status if case else "received",
        due_on=case.due_on if case else None,
        answer_issued=issued_answer(case) is not None,
        messages=[
            MessageOut(direction=m.direction, body=m.body, sent_at=m.created_at)  # type: ignore[arg-type]
            for m in selectors.mailbox_messages(appeal)
        ],
    )
