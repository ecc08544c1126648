"""e-Otinish over exchange files: the JSON format of docs/eotinish.md.

Appeals come in a batch file (`appeals_read`); statuses and answers go out as one file each
into SENIM_EOTINISH_OUTBOX_DIR, named by the report's id and written whole or not at all (a
temporary file renamed into place), so that delivering a report again after a failure rewrites
the same file and e-Otinish's side never reads half a file or the same report twice.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from senim.intake.drafts import FIELDS, Identity, Person
from senim.integrations.eotinish_adapter import (
    AnswerDelivery,
    Batch,
    IncomingAppeal,
    ItemProblem,
    StatusReport,
)

FORMAT = "senim-eotinish/1"
TEXT_FIELDS = ("subject", "text", "occurred_when", "occurred_where", "how_known")
CHOICE_FIELDS = ("kind", "category", "language", "contact_by")
# With their defaults: e-Otinish's applicants signed the appeal in to send it, so the record is
# theirs as sent (`reporter_confirmed`).
FLAG_FIELDS = {"disclosure_consent": False, "reporter_confirmed": True}
IDENTITY_FIELDS = ("full_name", "iin", "phone", "email", "address")


class _Item:
    """Reads one item, collecting its problems instead of stopping at the first."""

    def __init__(self, position: int, raw: dict[str, Any]) -> None:
        self.position = position
        self.raw = raw
        number = raw.get("number")
        self.number = number.strip() if isinstance(number, str) else ""
        self.problems: list[ItemProblem] = []

    def problem(self, name: str, message: str) -> None:
        self.problems.append(ItemProblem(self.position, self.number, name, message))

    def text(
        self,
        name: str,
        *,
        required: bool = False,
        source: dict[str, Any] | None = None,
        prefix: str = "",
    ) -> str:
        value = (self.raw if source is None else source).get(name, "")
        if value is None:
            value = ""
        if not isinstance(value, str):
            self.problem(prefix + name, _("Must be text."))
            return ""
        if "\x00" in value:  # no database column takes it (PostgreSQL refuses it outright)
            self.problem(prefix + name, _("Must not contain a null character."))
            return ""
        if required and not value.strip():
            self.problem(prefix + name, _("Required."))
        return value

    def flag(self, name: str, default: bool) -> bool:
        value = self.raw.get(name, default)
        if not isinstance(value, bool):
            self.problem(name, _("Must be true or false."))
            return False
        return value

    def moment(self, name: str) -> dt.datetime | None:
        value = self.raw.get(name)
        try:
            moment = dt.datetime.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            moment = None
        try:
            # A time at the edge of the calendar (year 1 at +14:00) has no UTC equivalent.
            moment = moment.astimezone(dt.UTC) if moment and moment.tzinfo else None
        except OverflowError:
            moment = None
        if moment is None:
            self.problem(name, _("Must be a date and time with its UTC offset (ISO 8601)."))
            return None
        return moment

    def people(self) -> tuple[Person, ...]:
        raw = self.raw.get("people") or []
        if not isinstance(raw, list) or not all(isinstance(p, dict) for p in raw):
            self.problem("people", _("Must be a list of objects with a name and a position."))
            return ()
        return tuple(
            Person(
                name=self.text("name", source=p, prefix=f"people.{i}."),
                position=self.text("position", source=p, prefix=f"people.{i}."),
            )
            for i, p in enumerate(raw, 1)
        )

    def identity(self) -> Identity | None:
        raw = self.raw.get("applicant")
        if raw is None:
            return None
        if not isinstance(raw, dict):
            self.problem("applicant", _("Must be an object, or null for an anonymous appeal."))
            return None
        values = {
            name: self.text(name, source=raw, prefix="applicant.") for name in IDENTITY_FIELDS
        }
        return Identity(**values)

    def files(self) -> tuple[tuple[str, bytes], ...]:
        raw = self.raw.get("files") or []
        if not isinstance(raw, list) or not all(isinstance(f, dict) for f in raw):
            self.problem("files", _("Must be a list of objects with a name and base64 content."))
            return ()
        files = []
        for i, item in enumerate(raw, 1):
            name = self.text("name", required=True, source=item, prefix=f"files.{i}.")
            content = item.get("content_base64")
            try:
                data = (
                    base64.b64decode(content, validate=True) if isinstance(content, str) else None
                )
            except (binascii.Error, ValueError):
                data = None
            if data is None:
                self.problem(f"files.{i}.content_base64", _("Must be base64."))
                continue
            files.append((name, data))
        return tuple(files)

    def read(self) -> IncomingAppeal | None:
        self.text("number", required=True)
        if len(self.number) > 64:
            self.problem("number", _("Too long: at most %(limit)s characters.") % {"limit": 64})
        received_at = self.moment("received_at")
        court = self.text("court", required=True)
        fields: dict[str, Any] = {name: self.text(name) for name in TEXT_FIELDS}
        fields.update({name: self.text(name) for name in CHOICE_FIELDS})
        fields.update({name: self.flag(name, default) for name, default in FLAG_FIELDS.items()})
        people = self.people()
        identity = self.identity()
        files = self.files()
        if self.problems or received_at is None:
            return None
        return IncomingAppeal(
            position=self.position,
            number=self.number,
            received_at=received_at,
            court_code=court.strip(),
            fields={name: value for name, value in fields.items() if name in FIELDS},
            people=people,
            identity=identity,
            files=files,
        )


def _batch_problem(message: str) -> Batch:
    return Batch(problems=[ItemProblem(0, "", "file", message)])


def _write(name: str, content: dict[str, Any]) -> Path:
    """Write a file whole under its final name, or not at all."""
    directory = Path(settings.SENIM_EOTINISH_OUTBOX_DIR)
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / name
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=".", suffix=".part")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(content, out, ensure_ascii=False, indent=2)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target


class FileExchange:
    """The JSON exchange files of docs/eotinish.md."""

    def appeals_read(self, data: bytes) -> Batch:
        try:
            content = json.loads(data.decode("utf-8"))
        except UnicodeDecodeError:
            return _batch_problem(_("The file is not UTF-8 text."))
        except json.JSONDecodeError as bad:
            return _batch_problem(
                _("The file is not valid JSON: line %(line)d, column %(column)d.")
                % {"line": bad.lineno, "column": bad.colno}
            )
        if (
            not isinstance(content, dict)
            or content.get("format") != FORMAT
            or not isinstance(content.get("appeals"), list)
        ):
            return _batch_problem(
                _('Not an e-Otinish batch: it needs "format": "%(format)s" and a list "appeals".')
                % {"format": FORMAT}
            )
        batch = Batch()
        for position, raw in enumerate(content["appeals"], 1):
            if not isinstance(raw, dict):
                batch.problems.append(ItemProblem(position, "", "", _("Must be an object.")))
                continue
            item = _Item(position, raw)
            appeal = item.read()
            batch.problems.extend(item.problems)
            if appeal is not None:
                batch.appeals.append(appeal)
        return batch

    def status_report(self, report: StatusReport) -> None:
        _write(
            f"status-{report.report_id:08d}.json",
            {
                "format": FORMAT,
                "type": "status",
                "report": report.report_id,
                "number": report.number,
                "registration_number": report.registration_number,
                "status": report.status,
                "at": report.at.isoformat(),
            },
        )

    def answer_deliver(self, answer: AnswerDelivery) -> None:
        _write(
            f"answer-{answer.report_id:08d}.json",
            {
                "format": FORMAT,
                "type": "answer",
                "report": answer.report_id,
                "number": answer.number,
                "registration_number": answer.registration_number,
                "issued_at": answer.issued_at.isoformat(),
                "language": answer.language,
                "text": answer.text,
                "pdf_base64": base64.b64encode(answer.pdf).decode("ascii"),
            },
        )
