"""The written reasons a decision needs: every reasoned decision checks them the same way."""

from __future__ import annotations

from django.utils.translation import gettext as _

from senim.core.errors import DomainError


def reasons_required(reason: str, minimum: int, refusal: str | None = None) -> str:
    """The reasons without surrounding blanks, or a refusal when they are shorter than
    `minimum` characters (`refusal` words it for the decision at hand)."""
    reason = reason.strip()
    if len(reason) < minimum:
        raise DomainError(
            refusal
            or _("Give the reasons for the decision (at least %(n)s characters).") % {"n": minimum}
        )
    return reason
