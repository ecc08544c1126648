"""The coupon (талон) every registered appeal gets: number, date and time, channel, the answer's
due date, the officer who received it (or the web portal), and the receipt code.

The receipt code is never stored, so a coupon with it can only be made while someone holds
the code: the reporter on the portal, or the officer who registered the appeal, on the page
that shows the code once. The code is the proof of access either way (`coupon_for_officer`).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from senim.core.audit import audit
from senim.core.errors import NotFound
from senim.core.pdf import render_pdf
from senim.intake import receipts, selectors
from senim.intake.models import Appeal
from senim.organization import policy
from senim.organization.policy import Capability

if TYPE_CHECKING:
    from senim.accounts.models import User

# Who may print a coupon for a citizen in the office: those who register appeals.
REGISTERING = (Capability.TRUST_LINE, Capability.RECEPTION_HOLD)


def registered_by(appeal: Appeal) -> str:
    """The officer who received the appeal, as printed on the coupon; "web portal" when
    nobody did (the reporter wrote it themselves)."""
    officer = appeal.received_by
    if officer is None:
        return _("web portal")
    name = officer.get_full_name() or officer.get_username()
    position = getattr(getattr(officer, "staff", None), "position", "")
    return f"{name}, {position}" if position else name


def coupon_pdf(*, appeal: Appeal, code: str, due_on: dt.date | None) -> bytes:
    """The coupon as an A5 PDF in the active language."""
    return render_pdf(
        "intake/coupon_pdf.html",
        {
            "appeal": appeal,
            "due_on": due_on,
            "registered_by": registered_by(appeal),
            "code": receipts.grouped(receipts.normalise(code) or ""),
        },
    )


def coupon_for_officer(*, user: User, number: str, code: str) -> Appeal:
    """The appeal whose coupon the officer who registered it may print now.

    The receipt code proves the coupon is asked for from the page that showed it (it is never
    stored); only the officer who received the appeal may print it, and the printing is audited.
    One answer for every refusal, so that nothing is learnt by guessing numbers or codes.
    """
    actor = policy.actor_of(user)
    missing = NotFound(_("No such coupon."))
    if actor is None or not any(map(actor.may, REGISTERING)):
        raise missing
    appeal = selectors.mailbox_find(code)
    if appeal is None or appeal.number != number.strip() or appeal.received_by_id != user.pk:
        raise missing
    audit(action="coupon.printed", actor=user, object_type="appeal", object_id=appeal.number)
    return appeal
