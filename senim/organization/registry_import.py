"""`senim registry import`: bring the registry in line with a CSV file of courts.

The file says what each court is (registry_file); the import compares it with the registry and
makes the difference through the registry's own services, so that a court added, renamed,
merged or abolished by a file is recorded exactly as one changed in the office: history added
to, never rewritten, and every change audited.

- a code the registry does not know: the court is added (closed already, if the row says so);
- names that differ from the names in force: a renaming from `name_from`;
- `valid_to` on a court still active: a merge into `merged_into` the day after, or without a
  successor an abolition with `valid_to` as the last day.

A court already in the registry is read for its names and its closing only: its place in the
hierarchy follows the registry's own changes (a merge moves the courts under the merged court).
Everything happens in one transaction: a dry run, or a file with any bad row, is rolled back
whole, so the report of a dry run is what applying would do.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from senim.core.audit import audit
from senim.core.errors import DomainError
from senim.organization import services
from senim.organization.models import Court, CourtName, Region
from senim.organization.registry_file import LEVEL_ORDER, RegistryRow, RowError
from senim.organization.selectors import registry_changed

if TYPE_CHECKING:
    from senim.accounts.models import User

Refuse = Callable[[RegistryRow, str], None]


@dataclass(frozen=True)
class RegistryChange:
    line: int
    kind: str  # added | renamed | merged | abolished
    code: str
    detail: str


@dataclass
class RegistryImportResult:
    changes: list[RegistryChange] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    unchanged: int = 0
    applied: bool = False

    def counts(self) -> dict[str, int]:
        kinds = ("added", "renamed", "merged", "abolished")
        return {kind: sum(1 for c in self.changes if c.kind == kind) for kind in kinds}


class _RollBack(Exception):
    """Leaves the import's transaction without keeping anything (a dry run, or bad rows)."""


def registry_import(
    *, rows: list[RegistryRow], apply: bool, actor: User | None = None, label: str = ""
) -> RegistryImportResult:
    """Compare `rows` with the registry and make the difference, or (`apply=False`) only say it.

    Bad rows refuse the whole file: nothing is kept unless every row could be applied.
    """
    result = RegistryImportResult()
    try:
        with transaction.atomic():
            _import(rows, actor, result)
            if result.errors or not apply:
                raise _RollBack
            if result.changes:
                audit(
                    action="registry.imported",
                    actor=actor,
                    object_type="registry",
                    object_id=label[:100],
                    detail={"file": label, "unchanged": result.unchanged, **result.counts()},
                )
    except _RollBack:
        result.applied = False
        return result
    result.applied = True
    return result


def _import(rows: list[RegistryRow], actor: User | None, result: RegistryImportResult) -> None:
    courts = {court.code: court for court in Court.objects.select_related("merged_into")}
    regions = {region.code: region for region in Region.objects.all()}
    known_before = set(courts)
    touched: set[str] = set()

    def refuse(row: RegistryRow, message: str) -> None:
        result.errors.append(RowError(row.line, message))

    by_level = sorted(rows, key=lambda r: (LEVEL_ORDER[r.level], r.line))
    for row in by_level:
        if row.code not in courts:
            court = _add(row, courts, regions, actor, refuse)
            if court is not None:
                courts[row.code] = court
                touched.add(row.code)
                result.changes.append(
                    RegistryChange(row.line, "added", row.code, _describe_added(row))
                )
    # Successors named by courts added closed, now that every new court exists.
    for row in by_level:
        if row.code in touched and row.merged_into:
            target = courts.get(row.merged_into)
            if target is None:
                refuse(row, _("unknown successor %(code)s") % {"code": row.merged_into})
                continue
            Court.objects.filter(pk=courts[row.code].pk).update(merged_into=target)

    for row in by_level:
        if row.code not in known_before:
            continue
        court = courts[row.code]
        current = {lang: getattr(court, f"name_{lang}") for lang in ("kk", "ru", "en")}
        if current == row.names:
            continue
        if row.name_from is None:
            refuse(
                row,
                _("the names differ from the registry's: give name_from, the new name's first day"),
            )
            continue
        try:
            services.court_rename(
                court=court, names=row.names, effective=row.name_from, basis=row.source, actor=actor
            )
        except DomainError as refused:
            refuse(row, refused.message)
            continue
        touched.add(row.code)
        result.changes.append(
            RegistryChange(
                row.line,
                "renamed",
                row.code,
                _("%(old)s → %(new)s from %(day)s")
                % {"old": current["en"], "new": row.names["en"], "day": row.name_from},
            )
        )

    # Lower courts close first: a higher court cannot close over active courts.
    for row in sorted(rows, key=lambda r: (-LEVEL_ORDER[r.level], r.line)):
        if row.code not in known_before:
            continue
        court = Court.objects.select_related("merged_into").get(pk=courts[row.code].pk)
        change = _close(row, court, courts, actor, refuse)
        if change is not None:
            touched.add(row.code)
            result.changes.append(change)
    result.unchanged = len(rows) - len(touched)


def _describe_added(row: RegistryRow) -> str:
    text = f"{row.names['en']} ({row.level}, {row.parent or '—'})"
    if row.valid_to:
        text += " " + _("closed on %(day)s") % {"day": row.valid_to}
    return text


def _add(
    row: RegistryRow,
    courts: dict[str, Court],
    regions: dict[str, Region],
    actor: User | None,
    refuse: Refuse,
) -> Court | None:
    parent = courts.get(row.parent) if row.parent else None
    if row.parent and parent is None:
        refuse(row, _("unknown parent %(code)s") % {"code": row.parent})
        return None
    if row.level == Court.Level.SUPREME:
        refuse(row, _("the registry already has its Supreme Court"))
        return None
    region = regions.get(row.region_iso) if row.region_iso else None
    if row.region_iso and region is None:
        refuse(row, _("unknown region %(code)s") % {"code": row.region_iso})
        return None
    if row.valid_from is None:
        refuse(row, _("a new court needs valid_from, its first day"))
        return None
    assert parent is not None
    if parent.valid_to is not None and parent.valid_to < row.valid_from:
        refuse(row, _("The higher court is closed on that date."))
        return None
    court = Court.objects.create(
        code=row.code,
        level=row.level,
        parent=parent,
        region=region or parent.region,
        city=row.city,
        specialisation=row.specialisation,
        valid_from=row.valid_from,
        valid_to=row.valid_to,
        source=row.source,
        closing_basis=row.source if row.valid_to else "",
        **{f"name_{lang}": row.names[lang] for lang in ("kk", "ru", "en")},
    )
    CourtName.objects.create(
        court=court,
        valid_from=row.valid_from,
        basis=row.source,
        **{f"name_{lang}": row.names[lang] for lang in ("kk", "ru", "en")},
    )
    audit(
        action="registry.court_added",
        actor=actor,
        object_type="court",
        object_id=court.code,
        detail={
            "parent": parent.code,
            "valid_from": row.valid_from.isoformat(),
            "valid_to": row.valid_to.isoformat() if row.valid_to else None,
            "basis": row.source,
        },
    )
    if row.level == Court.Level.REGIONAL:
        services._units_ensure()
    transaction.on_commit(registry_changed)
    return court


def _close(
    row: RegistryRow,
    court: Court,
    courts: dict[str, Court],
    actor: User | None,
    refuse: Refuse,
) -> RegistryChange | None:
    successor = court.merged_into.code if court.merged_into else ""
    if court.valid_to is not None:
        if row.valid_to == court.valid_to and row.merged_into == successor:
            return None  # already so: a file applied twice changes nothing
        refuse(
            row,
            _("the registry closed this court on %(day)s%(into)s; the file says otherwise")
            % {"day": court.valid_to, "into": f" ({successor})" if successor else ""},
        )
        return None
    if row.valid_to is None:
        return None
    try:
        if row.merged_into:
            target = courts.get(row.merged_into)
            if target is None:
                refuse(row, _("unknown successor %(code)s") % {"code": row.merged_into})
                return None
            target.refresh_from_db()
            services.court_merge(
                source=court,
                target=target,
                effective=row.valid_to + dt.timedelta(days=1),
                basis=row.source,
                actor=actor,
            )
            detail = _("into %(code)s, last day %(day)s") % {
                "code": row.merged_into,
                "day": row.valid_to,
            }
            return RegistryChange(row.line, "merged", row.code, detail)
        services.court_close(court=court, effective=row.valid_to, basis=row.source, actor=actor)
    except DomainError as refused:
        refuse(row, refused.message)
        return None
    detail = _("last day %(day)s") % {"day": row.valid_to}
    return RegistryChange(row.line, "abolished", row.code, detail)
