"""Evidence files: attached to a record by the service that changes it, downloaded (audited)
by whoever may see that record."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction

from senim.core import clock
from senim.core.audit import audit
from senim.intake.attachments import CleanFile
from senim.prevention import files as prevention_files
from senim.prevention.documents.selectors import document_visible
from senim.prevention.models import Document

if TYPE_CHECKING:
    from senim.accounts.models import User


def documents_attach(
    stored: list[tuple[CleanFile, str]], *, user: User, **owner: Any
) -> list[Document]:
    """Rows for files already stored (`files.stored`), owned by the one record in `owner`;
    the caller holds the transaction."""
    return [
        Document.objects.create(
            name=file.name,
            content_type=file.content_type,
            size=len(file.data),
            storage_name=name,
            uploaded_by=user,
            uploaded_at=clock.now(),
            **owner,
        )
        for file, name in stored
    ]


@transaction.atomic
def document_download(*, user: User, document_id: int) -> tuple[str, bytes]:
    """A file's name and content for a user who may see what it belongs to; audited."""
    document = document_visible(user, document_id)
    data = prevention_files.read(document.storage_name)
    audit(
        action="prevention.file_downloaded",
        actor=user,
        object_type="prevention_file",
        object_id=document.pk,
    )
    return document.name, data
