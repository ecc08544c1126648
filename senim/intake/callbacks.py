"""A caller who calls back the trust line: what the operator may tell and add.

The receipt code proves that the caller is the reporter: with it, the operator may tell the
status and add what the caller says to the appeal. A coupon number proves nothing (it is printed
on paper and read out at receptions), so with the number alone the operator may only confirm
that the appeal exists; whatever the caller adds becomes a new appeal that names the earlier one
(`addition_subject`), and is assessed on its own.

The proof is a signed token issued when the code matched, bound to the operator and valid for
`PROOF_MINUTES`: the code itself is never put in a page or kept.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core import signing
from django.utils.translation import gettext as _

from senim.accounts.models import User
from senim.core.errors import DomainError
from senim.intake import receipts
from senim.intake.mailbox import reporter_message
from senim.intake.models import Appeal, Channel, MailboxMessage
from senim.intake.selectors import appeal_find_by_number, mailbox_find
from senim.organization import policy
from senim.organization.policy import Capability

PROOF_SALT = "senim.intake.callback"
PROOF_MINUTES = 30


@dataclass(frozen=True)
class CallbackFound:
    appeal: Appeal
    # Set only when the caller gave the receipt code: what lets the operator add to the appeal.
    proof: str = ""

    @property
    def by_code(self) -> bool:
        return bool(self.proof)


def callback_find(*, operator: User, query: str) -> CallbackFound | None:
    """The appeal a caller means, by receipt code (with a proof) or by coupon number."""
    policy.require(operator, Capability.CALLBACK_NOTE, _("Your role may not take call-backs."))
    query = query.strip()
    if receipts.normalise(query) is not None:
        appeal = mailbox_find(query)
        if appeal is None:
            return None
        proof = signing.dumps({"appeal": appeal.pk, "operator": operator.pk}, salt=PROOF_SALT)
        return CallbackFound(appeal=appeal, proof=proof)
    appeal = appeal_find_by_number(query)
    return CallbackFound(appeal=appeal) if appeal is not None else None


def callback_note(*, operator: User, proof: str, body: str) -> MailboxMessage:
    """What a caller who gave their receipt code adds to their appeal, as a message from them."""
    policy.require(operator, Capability.CALLBACK_NOTE, _("Your role may not take call-backs."))
    try:
        token = signing.loads(proof, salt=PROOF_SALT, max_age=PROOF_MINUTES * 60)
    except signing.BadSignature as refused:
        raise DomainError(
            _("Ask the caller for the receipt code again: only with it can something be added.")
        ) from refused
    appeal = Appeal.objects.filter(pk=token.get("appeal")).first()
    if appeal is None or token.get("operator") != operator.pk:
        raise DomainError(
            _("Ask the caller for the receipt code again: only with it can something be added.")
        )
    if not body.strip():
        raise DomainError(_("Nothing was added: write what the caller said."))
    return reporter_message(
        appeal=appeal, body=body, files=[], channel=Channel.TRUST_LINE, received_by=operator
    )


def addition_subject(number: str) -> str:
    """The subject of a new appeal by which a caller without the code adds to an earlier one."""
    appeal = appeal_find_by_number(number)
    if appeal is None:
        return ""
    return _("Addition to appeal %(number)s") % {"number": appeal.number}
