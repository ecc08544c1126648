"""Evidence files, materials and photos of prevention work.

They are checked by content and image metadata (place, camera, owner) is removed by
`intake.attachments.check_files`; they are not identities, so they are stored in the clear
under random names through Django's storage API.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from senim.intake.attachments import CleanFile, check_files

PREFIX = "prevention/"

RawFiles = list[tuple[str, bytes]]


def clean(files: RawFiles, *, already: int = 0) -> list[CleanFile]:
    """Validate and clean uploads; the first problem refuses them all (a DomainError)."""
    return check_files(files, already=already) if files else []


@contextmanager
def stored(files: list[CleanFile]) -> Iterator[list[tuple[CleanFile, str]]]:
    """Store the files and yield them with their storage names; if the block fails they are
    deleted again, so a refused or rolled-back change leaves nothing behind."""
    names: list[tuple[CleanFile, str]] = []
    try:
        for file in files:
            name = default_storage.save(f"{PREFIX}{uuid.uuid4().hex}", ContentFile(file.data))
            names.append((file, name))
        yield names
    except BaseException:
        for _file, name in names:
            default_storage.delete(name)
        raise


def read(storage_name: str) -> bytes:
    with default_storage.open(storage_name, "rb") as handle:
        data: bytes = handle.read()
    return data
