"""The case file handed over on paper: for a prosecutor's referral or for the archive.

Everything the case holds (the appeal, assessment, decisions, referrals, the answer, the
timeline) goes into it; the reporter's identity only when the reader may read it now under the
rules that already govern reading it on the case page (`senim.cases.reveals`): with a
custodian's approval in force when approvals are required, otherwise by the direct, reasoned
reveal. Such a reading is audited as on the case page, and every page of the file then carries
the reader's name and the time, so that a copy that goes astray says whose it was.
Who may export is the policy's: those who handle cases (CASE_HANDLE), on a case they see.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from senim.cases import reveals
from senim.cases.models import Case
from senim.cases.selectors import access_case
from senim.cases.services import identity_reveal
from senim.core import clock
from senim.core.audit import audit
from senim.core.errors import DomainError
from senim.core.reasons import reasons_required
from senim.organization import policy
from senim.organization.policy import Capability

if TYPE_CHECKING:
    import datetime as dt

    from senim.accounts.models import User


class Purpose(models.TextChoices):
    PROSECUTOR = "prosecutor", gettext_lazy("referral to the prosecutor's office")
    ARCHIVE = "archive", gettext_lazy("archive")
    OTHER = "other", gettext_lazy("other lawful purpose")


MIN_REASON = 10


@dataclass(frozen=True)
class CaseFile:
    """What the file's PDF shows beyond the case: the identity (if read) and the watermark."""

    case: Case
    purpose: str
    identity: dict[str, str] | None
    reader: str
    made_at: dt.datetime

    @property
    def purpose_label(self) -> str:
        return str(Purpose(self.purpose).label)

    @property
    def watermarked(self) -> bool:
        return self.identity is not None


def case_file_export(
    *, user: User, case_id: int, purpose: str, reason: str, with_identity: bool
) -> CaseFile:
    """Authorize and audit one export of a case file; read the identity if asked and allowed.

    Refused as a whole (nothing read, nothing exported) when the identity is asked for and may
    not be read now: a file is never silently made without what was asked for.
    """
    policy.require(user, Capability.CASE_HANDLE, _("Your role may not export case files."))
    case = access_case(user, case_id)
    if purpose not in Purpose.values:
        raise DomainError(_("Choose what the case file is for."))
    reason = reasons_required(
        reason, MIN_REASON, _("State the reason for the export (at least 10 characters).")
    )
    identity = None
    if with_identity:
        if case.appeal.is_anonymous:
            raise DomainError(_("The reporter is anonymous: there is no identity to include."))
        if reveals.approval_required():
            identity = reveals.reveal_read(user=user, case_id=case.pk).identity
        else:
            identity = identity_reveal(user=user, case_id=case.pk, reason=reason)
        if identity is None:
            raise DomainError(_("No identity is recorded for this reporter."))
    made_at = clock.now()
    audit(
        action="case.file_exported",
        actor=user,
        object_type="case",
        object_id=case.appeal.number,
        detail={"purpose": purpose, "reason": reason, "identity": identity is not None},
    )
    return CaseFile(
        case=case,
        purpose=purpose,
        identity=identity,
        reader=user.get_full_name() or user.get_username(),
        made_at=made_at,
    )
