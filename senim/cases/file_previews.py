"""Previews of a case's evidence files for whoever may see the case (and so its files).

A preview is a picture of the file made on the server (`senim.intake.previews`); the original
stays a download (`services.attachment_download`, audited). The preview shows what the case page
would show if it embedded the file, so, like the page, it is not an audit entry of its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from nacl.exceptions import CryptoError

from senim.cases.selectors import access_case
from senim.core.errors import NotFound
from senim.intake import attachments, previews
from senim.intake.models import Attachment

if TYPE_CHECKING:
    from senim.accounts.models import Requester


def case_attachment(user: Requester | None, case_id: int, attachment_id: int) -> Attachment:
    """A file of a case the user sees; NotFound otherwise (the same for both)."""
    case = access_case(user, case_id)
    found = Attachment.objects.filter(appeal_id=case.appeal_id, pk=attachment_id).first()
    if found is None:
        raise NotFound(_("No such file."))
    return found


def attachment_preview(
    user: Requester | None, case_id: int, attachment_id: int, *, page: int = 1
) -> tuple[Attachment, previews.Preview | None]:
    """The file and a PNG of its `page`, or None for the picture when it has no preview."""
    found = case_attachment(user, case_id, attachment_id)
    if not previews.previewable(found.content_type):
        return found, None
    try:
        data = attachments.read_sealed(found.storage_name)
    except (OSError, CryptoError):  # a missing or unreadable sealed file: no preview
        return found, None
    return found, previews.preview_render(data, found.content_type, page=page)
