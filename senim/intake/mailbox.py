"""The reporter's mailbox: what the reporter adds to their appeal, and everything Senim tells
them (written here, delivered besides only by the channel they chose: `senim.intake.delivery`).
The mailbox is opened by the receipt code (`senim.intake.selectors.mailbox_find`)."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from senim.accounts.models import User
from senim.core import clock
from senim.core.audit import audit
from senim.core.errors import DomainError
from senim.intake import attachments, delivery
from senim.intake.attachments import CleanFile
from senim.intake.models import (
    Appeal,
    Attachment,
    Channel,
    Delivery,
    MailboxMessage,
    MessageDirection,
)


def reporter_message(
    *,
    appeal: Appeal,
    body: str,
    files: list[CleanFile],
    channel: str,
    received_by: User | None = None,
) -> MailboxMessage:
    """A reply or additional information from the reporter (portal, or told to an operator)."""
    stored: list[str] = []
    try:
        with transaction.atomic():
            return _reporter_message(appeal, body, files, channel, received_by, stored)
    except Exception:
        attachments.discard(stored)
        raise


def _reporter_message(
    appeal: Appeal,
    body: str,
    files: list[CleanFile],
    channel: str,
    received_by: User | None,
    stored: list[str],
) -> MailboxMessage:
    if not body.strip() and not files:
        raise DomainError(_("Write a message or attach a file."))
    if files:
        already = Attachment.objects.filter(appeal=appeal).count()
        limit = settings.SENIM_ATTACHMENT_MAX_COUNT * 4
        if already + len(files) > limit:
            raise DomainError(_("This appeal has reached the limit of attached files."))
    sealed = attachments.files_seal(files, stored)
    message = MailboxMessage.objects.create(
        appeal=appeal,
        direction=MessageDirection.FROM_REPORTER,
        channel=channel,
        body=body.strip(),
        author=received_by,
        created_at=clock.now(),
    )
    attachments.attachment_rows(appeal, sealed, message)
    audit(
        action="mailbox.reporter_message",
        actor=received_by,
        object_type="appeal",
        object_id=appeal.number,
        detail={"channel": channel, "files": len(files)},
    )
    return message


@transaction.atomic
def message_to_reporter(
    *,
    appeal: Appeal,
    body: str,
    author: User | None,
    kind: str = Delivery.Kind.MESSAGE,
    enclosure: bytes = b"",
) -> MailboxMessage:
    """Anything for the reporter: written to their portal mailbox, and delivered besides by the
    channel they chose (`senim.intake.delivery`: the one rule for every kind of delivery)."""
    if not body.strip():
        raise DomainError(_("Write the message."))
    message = MailboxMessage.objects.create(
        appeal=appeal,
        direction=MessageDirection.TO_REPORTER,
        channel=Channel.PORTAL,
        body=body.strip(),
        author=author,
        created_at=clock.now(),
    )
    audit(
        action="mailbox.message_to_reporter",
        actor=author,
        object_type="appeal",
        object_id=appeal.number,
        detail={"kind": kind},
    )
    delivery.deliveries_plan(message=message, kind=kind, enclosure=enclosure)
    return message
