"""Evidence files: limits, type by content, clean names, no image metadata, sealed at rest;
their rows, and the sweep's removal of sealed files that a failed registration left behind."""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
import uuid
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from senim.core import clock
from senim.core.errors import DomainError
from senim.intake import vault
from senim.intake.models import Appeal, Attachment, MailboxMessage

VAULT_PREFIX = "vault/"


@dataclass(frozen=True)
class CleanFile:
    name: str
    content_type: str
    data: bytes


# Plain text has no signature: any script, web page or SVG drawing is text too. Text is taken
# only from a file whose name says text; "photo.jpg" or "scan.pdf" that turns out to be text is a
# disguised file and is refused, as is "page.html".
TEXT_SUFFIXES = frozenset({"", ".txt", ".text", ".csv", ".log", ".md"})


def _base_name(raw: str) -> str:
    """The name without any folder a browser sent with it (Windows ones included)."""
    return raw.replace("\\", "/").rsplit("/", 1)[-1]


def _suffix(raw_name: str) -> str:
    base = _base_name(raw_name)
    return "." + base.rsplit(".", 1)[1].casefold() if "." in base.strip(".") else ""


def _sniff(data: bytes, raw_name: str) -> str | None:
    """The real type of the content, whatever the file is called; None when not accepted.

    A binary type is recognised by its signature and renamed to match; text, which has none,
    only when the name says text.
    """
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"PK\x03\x04"):
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except zipfile.BadZipFile:
            return None
        if "word/document.xml" in names:
            return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        if "content.xml" in names and "mimetype" in names:
            return "application/vnd.oasis.opendocument.text"
        return None
    if b"\x00" not in data[:4096] and _suffix(raw_name) in TEXT_SUFFIXES:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return None
        return "text/plain"
    return None


EXTENSIONS = {
    "application/pdf": ".pdf",
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.oasis.opendocument.text": ".odt",
    "text/plain": ".txt",
}


def clean_name(raw: str, content_type: str) -> str:
    """A safe file name: no path, no control characters, the extension of the real type."""
    base = unicodedata.normalize("NFC", _base_name(raw))
    stem = base.rsplit(".", 1)[0] if "." in base else base
    stem = re.sub(r"[^\w\- ]+", "_", stem, flags=re.UNICODE).strip(" ._")[:80] or "file"
    return stem + EXTENSIONS[content_type]


def neutral_name(number: int, content_type: str) -> str:
    """The name a file is listed under, which says nothing of who made it: ``file-2.pdf``."""
    return f"file-{number}{EXTENSIONS.get(content_type, '')}"


def original_name(sealed_name: bytes | memoryview | None, fallback: str) -> str:
    """The cleaned name the file came with (for its download), or `fallback` for a file
    stored before names were sealed."""
    return vault.vault_open(sealed_name).decode() if sealed_name else fallback


def _strip_image(data: bytes, content_type: str) -> bytes:
    """Re-encode the pixels only: EXIF (GPS, camera, owner) and text chunks are dropped."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            upright = ImageOps.exif_transpose(image)
            pixels = Image.frombytes(upright.mode, upright.size, upright.tobytes())
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as bad:
        raise DomainError(_("The image file is damaged or not an image.")) from bad
    out = io.BytesIO()
    if content_type == "image/jpeg":
        pixels.convert("RGB").save(out, format="JPEG", quality=90, exif=b"")
    else:
        pixels.save(out, format="PNG")
    return out.getvalue()


def too_many_files() -> DomainError:
    return DomainError(
        _("At most %(count)d files can be attached.")
        % {"count": settings.SENIM_ATTACHMENT_MAX_COUNT}
    )


def _too_large(raw_name: str) -> DomainError:
    return DomainError(
        _("The file %(name)s is larger than %(size)d MB.")
        % {"name": raw_name[:80], "size": settings.SENIM_ATTACHMENT_MAX_BYTES // 2**20}
    )


def read_uploads(uploads: Iterable[UploadedFile], *, already: int = 0) -> list[tuple[str, bytes]]:
    """(name, bytes) of each upload, refusing too many or too large ones before reading any.

    Django spools a large upload to a temporary file; reading it whole to find it too large
    would hold it all in memory first.
    """
    uploads = list(uploads)
    if len(uploads) + already > settings.SENIM_ATTACHMENT_MAX_COUNT:
        raise too_many_files()
    for upload in uploads:
        if (upload.size or 0) > settings.SENIM_ATTACHMENT_MAX_BYTES:
            raise _too_large(upload.name or "file")
    return [(upload.name or "file", upload.read()) for upload in uploads]


def check_files(files: list[tuple[str, bytes]], *, already: int = 0) -> list[CleanFile]:
    """Validate and clean uploads; the first problem refuses them all with a clear message."""
    if len(files) + already > settings.SENIM_ATTACHMENT_MAX_COUNT:
        raise too_many_files()
    cleaned = []
    for raw_name, data in files:
        if len(data) > settings.SENIM_ATTACHMENT_MAX_BYTES:
            raise _too_large(raw_name)
        if not data:
            raise DomainError(_("The file %(name)s is empty.") % {"name": raw_name[:80]})
        content_type = _sniff(data, raw_name)
        if content_type is None:
            raise DomainError(
                _(
                    "The file %(name)s is not of an accepted type "
                    "(PDF, JPEG, PNG, DOCX, ODT or plain text)."
                )
                % {"name": raw_name[:80]}
            )
        if content_type.startswith("image/"):
            data = _strip_image(data, content_type)
        cleaned.append(CleanFile(clean_name(raw_name, content_type), content_type, data))
    return cleaned


def store_sealed(data: bytes) -> str:
    """Seal and store; returns the storage name (random: it says nothing about the file)."""
    return default_storage.save(f"{VAULT_PREFIX}{uuid.uuid4().hex}", ContentFile(vault.seal(data)))


def read_sealed(storage_name: str) -> bytes:
    with default_storage.open(storage_name, "rb") as handle:
        return vault.vault_open(handle.read())


def discard(storage_names: list[str]) -> None:
    for name in storage_names:
        default_storage.delete(name)


def files_seal(files: list[CleanFile], stored: list[str] | None) -> list[tuple[CleanFile, str]]:
    """Seal and store each file; their storage names go into `stored` for cleanup on failure."""
    sealed = []
    for clean in files:
        name = store_sealed(clean.data)
        if stored is not None:
            stored.append(name)
        sealed.append((clean, name))
    return sealed


def attachment_rows(
    appeal: Appeal, files: list[tuple[CleanFile, str]], message: MailboxMessage | None = None
) -> None:
    """The rows of files sealed by `files_seal`, in the caller's transaction."""
    # Numbered on from the appeal's earlier files (a registration has none yet).
    first = 1 if message is None else Attachment.objects.filter(appeal=appeal).count() + 1
    Attachment.objects.bulk_create(
        Attachment(
            appeal=appeal,
            message=message,
            storage_name=name,
            name=neutral_name(number, clean.content_type),
            sealed_name=vault.seal(clean.name.encode()),
            content_type=clean.content_type,
            size=len(clean.data),
        )
        for number, (clean, name) in enumerate(files, start=first)
    )


def attachments_orphans_prune(*, older_than: dt.timedelta = dt.timedelta(hours=6)) -> int:
    """Sealed files whose registration rolled back (no Attachment row) are removed.

    A file is written before its row commits; if the transaction fails afterwards the file is
    left behind. It is unreadable without the vault key, and this sweep step deletes it.
    """
    try:
        _dirs, names = default_storage.listdir(VAULT_PREFIX.rstrip("/"))
    except FileNotFoundError:
        return 0
    known = set(Attachment.objects.values_list("storage_name", flat=True))
    cutoff = clock.now() - older_than
    removed = 0
    for name in names:
        path = VAULT_PREFIX + name
        if path not in known and default_storage.get_modified_time(path) < cutoff:
            default_storage.delete(path)
            removed += 1
    return removed
