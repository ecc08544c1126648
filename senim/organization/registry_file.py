"""The registry's CSV format: the file shipped with Senim and the files `senim registry import`
reads are one format, read here (docs/registry.md describes it).

A row says what a court is: its code, place in the hierarchy, names in the three languages,
the dates it existed, its successor if merged, and the source that says so. Reading checks
each row on its own and against the others; what the database already holds is compared
later, by the import.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

from senim.organization.models import Court

REQUIRED_COLUMNS = ("code", "level", "parent", "name_kk", "name_ru", "name_en", "source")
OPTIONAL_COLUMNS = (
    "region_iso",
    "city",
    "specialisation",
    "valid_from",
    "valid_to",
    "merged_into",
    "name_from",
)
COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
LEVEL_ORDER = {"supreme": 0, "cassation": 1, "regional": 2, "district": 3}
# Field lengths of the models: a longer value is refused with its line, not by the database.
_MAX_LENGTH = {
    "code": 32,
    "city": 100,
    "source": 300,  # a court name's legal basis holds 300
    "name_kk": 300,
    "name_ru": 300,
    "name_en": 300,
}


@dataclass(frozen=True)
class RegistryRow:
    line: int
    code: str
    level: str
    parent: str
    region_iso: str
    city: str
    specialisation: str
    names: dict[str, str]
    valid_from: dt.date | None
    valid_to: dt.date | None
    merged_into: str
    name_from: dt.date | None
    source: str


@dataclass(frozen=True)
class RowError:
    line: int
    message: str

    def __str__(self) -> str:
        return _("line %(line)s: %(message)s") % {"line": self.line, "message": self.message}


def _date(value: str, column: str, line: int, errors: list[RowError]) -> dt.date | None:
    value = value.strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        errors.append(
            RowError(
                line,
                _("%(column)s is not a date of the form YYYY-MM-DD: %(value)s")
                % {"column": column, "value": value},
            )
        )
        return None


def registry_rows_read(text: str) -> tuple[list[RegistryRow], list[RowError]]:
    """Rows of a registry CSV file and every problem found, each with its line number."""
    errors: list[RowError] = []
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [name.strip() for name in (reader.fieldnames or [])]
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    if missing:
        return [], [
            RowError(1, _("missing columns: %(columns)s") % {"columns": ", ".join(missing)})
        ]
    reader.fieldnames = header
    rows: list[RegistryRow] = []
    seen: dict[str, int] = {}
    try:
        for raw in reader:
            line = reader.line_num
            if not any((value or "").strip() for value in raw.values() if isinstance(value, str)):
                continue  # a blank line
            row = _row(raw, line, errors)
            if row is None:
                continue
            if row.code in seen:
                errors.append(
                    RowError(
                        line,
                        _("court %(code)s is already on line %(first)s")
                        % {"code": row.code, "first": seen[row.code]},
                    )
                )
                continue
            seen[row.code] = line
            rows.append(row)
    except csv.Error as broken:
        errors.append(RowError(reader.line_num, _("not a CSV file: %(error)s") % {"error": broken}))
    return rows, errors


def _row(raw: dict[str | None, object], line: int, errors: list[RowError]) -> RegistryRow | None:
    if raw.get(None):
        errors.append(RowError(line, _("more values than columns")))
        return None
    value = {name: str(raw.get(name) or "").strip() for name in COLUMNS}
    before = len(errors)
    if not value["code"]:
        errors.append(RowError(line, _("the code is empty")))
    for column, limit in _MAX_LENGTH.items():
        if len(value[column]) > limit:
            errors.append(
                RowError(
                    line,
                    _("%(column)s is longer than %(limit)s characters")
                    % {"column": column, "limit": limit},
                )
            )
    if value["level"] not in LEVEL_ORDER:
        errors.append(
            RowError(
                line,
                _("level must be one of %(levels)s, not %(value)s")
                % {"levels": ", ".join(LEVEL_ORDER), "value": value["level"] or "—"},
            )
        )
    elif value["level"] != Court.Level.SUPREME and not value["parent"]:
        errors.append(RowError(line, _("a court other than the Supreme Court needs a parent")))
    specialisation = value["specialisation"] or Court.Specialisation.GENERAL
    if specialisation not in Court.Specialisation.values:
        errors.append(
            RowError(
                line,
                _("specialisation must be one of %(values)s, not %(value)s")
                % {"values": ", ".join(Court.Specialisation.values), "value": specialisation},
            )
        )
    empty = [lang for lang in ("kk", "ru", "en") if not value[f"name_{lang}"]]
    if empty:
        errors.append(
            RowError(
                line, _("a name is missing in: %(languages)s") % {"languages": ", ".join(empty)}
            )
        )
    if not value["source"]:
        errors.append(RowError(line, _("the source is empty: name the act or the page")))
    valid_from = _date(value["valid_from"], "valid_from", line, errors)
    valid_to = _date(value["valid_to"], "valid_to", line, errors)
    name_from = _date(value["name_from"], "name_from", line, errors)
    if valid_from and valid_to and valid_to < valid_from:
        errors.append(RowError(line, _("valid_to is before valid_from")))
    if value["merged_into"] and not valid_to:
        errors.append(RowError(line, _("a merged court needs valid_to, its last day")))
    if value["merged_into"] and value["merged_into"] == value["code"]:
        errors.append(RowError(line, _("a court cannot be merged into itself")))
    if len(errors) > before:
        return None
    return RegistryRow(
        line=line,
        code=value["code"],
        level=value["level"],
        parent=value["parent"],
        region_iso=value["region_iso"],
        city=value["city"],
        specialisation=specialisation,
        names={lang: value[f"name_{lang}"] for lang in ("kk", "ru", "en")},
        valid_from=valid_from,
        valid_to=valid_to,
        merged_into=value["merged_into"],
        name_from=name_from,
        source=value["source"],
    )


def registry_file_read(path: Path) -> tuple[list[RegistryRow], list[RowError]]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return [], [RowError(1, _("the file is not UTF-8 text"))]
    return registry_rows_read(text)
