"""Files sent with a reply to a central task: the same checks as evidence (type by content,
size, clean names, images without metadata), sealed in the vault under a random name in their
own folder, listed under a neutral name; read only by those who see the task, each download
audited.

They are stored under `task-files/`, not `vault/`: the sweep's removal of orphaned evidence
(`intake.attachments.attachments_orphans_prune`) knows only evidence rows, and must not take
these for orphans.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _

from senim.cases.models import CentralTask, TaskReplyFile
from senim.core import clock
from senim.core.errors import DomainError
from senim.intake import attachments, vault

if TYPE_CHECKING:
    from senim.accounts.models import User

PREFIX = "task-files/"


def files_check(files: Sequence[tuple[str, bytes]]) -> list[attachments.CleanFile]:
    """The files cleaned, or DomainError naming the first problem (nothing is kept then)."""
    limit = settings.SENIM_TASK_REPLY_MAX_FILES
    if len(files) > limit:
        raise DomainError(_("At most %(count)d files can be sent with a reply.") % {"count": limit})
    return attachments.check_files(list(files)) if files else []


def files_attach(
    task: CentralTask,
    files: list[attachments.CleanFile],
    *,
    uploaded_by: User,
    stored: list[str],
) -> list[TaskReplyFile]:
    """Seal and store each file and write its row (in the caller's transaction); the storage
    names go into `stored` so that the caller can remove them if the transaction fails."""
    first = task.files.count() + 1
    rows = []
    for number, clean in enumerate(files, start=first):
        name = default_storage.save(
            f"{PREFIX}{uuid.uuid4().hex}", ContentFile(vault.seal(clean.data))
        )
        stored.append(name)
        rows.append(
            TaskReplyFile.objects.create(
                task=task,
                storage_name=name,
                name=attachments.neutral_name(number, clean.content_type),
                sealed_name=vault.seal(clean.name.encode()),
                content_type=clean.content_type,
                size=len(clean.data),
                uploaded_by=uploaded_by,
                created_at=clock.now(),
            )
        )
    return rows


def files_discard(storage_names: list[str]) -> None:
    attachments.discard(storage_names)
