"""Registry and staff changes: one transaction each; history is added to, never rewritten."""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from senim.core import clock
from senim.core.audit import audit
from senim.core.errors import DomainError
from senim.organization.models import (
    CENTRAL_ROLES,
    Court,
    CourtName,
    HeadCount,
    Region,
    Role,
    StaffMember,
    Unit,
)
from senim.organization.selectors import registry_changed

if TYPE_CHECKING:
    from senim.accounts.models import User

DATA_DIR = Path(__file__).resolve().parent / "data"
COURTS_CSV = DATA_DIR / "courts_kz.csv"
REGIONS_CSV = DATA_DIR / "regions_kz.csv"

CENTRAL_UNIT_CODE = "CENTRAL"
CENTRAL_UNIT_NAMES = {
    "en": "Department of Internal Security and Prevention of Corruption of the Supreme Court",
    "ru": "Департамент внутренней безопасности и профилактики коррупции Верховного Суда",
    "kk": (
        "Жоғарғы Сот жанындағы ішкі қауіпсіздік және сыбайлас жемқорлықтың алдын алу департаменті"
    ),
}


def _territorial_unit_names(court: Court) -> dict[str, str]:
    # A dash instead of a genitive: court names cannot be declined mechanically in ru or kk.
    return {
        "en": f"Internal Security and Anti-Corruption Department — {court.name_en}",
        "ru": f"Отдел внутренней безопасности и профилактики коррупции — {court.name_ru}",
        "kk": f"Ішкі қауіпсіздік және сыбайлас жемқорлықтың алдын алу бөлімі — {court.name_kk}",
    }


@dataclass(frozen=True)
class RegistryLoadResult:
    regions_created: int
    courts_created: int
    courts_kept: int
    units_created: int


@transaction.atomic
def registry_load(
    *, courts_csv: Path = COURTS_CSV, regions_csv: Path = REGIONS_CSV
) -> RegistryLoadResult:
    """Seed regions, courts and units from the CSV files shipped with Senim.

    Only what is missing is created: a court already in the database keeps whatever
    administrators made of it (renamed, merged, closed), so loading twice changes nothing.
    Every test, the demo and the bench load the registry, so it is written in bulk: a few
    inserts per level of the hierarchy, whatever the number of courts.
    """
    from senim.organization.registry_file import LEVEL_ORDER, registry_file_read

    with regions_csv.open(encoding="utf-8") as handle:
        region_rows = list(csv.DictReader(handle))
    known_regions = set(Region.objects.values_list("code", flat=True))
    new_regions = [
        Region(
            code=row["code"],
            kind=row["kind"],
            name_kk=row["name_kk"],
            name_ru=row["name_ru"],
            name_en=row["name_en"],
        )
        for row in region_rows
        if row["code"] not in known_regions
    ]
    Region.objects.bulk_create(new_regions)
    region_ids = dict(Region.objects.values_list("code", "pk"))

    rows, errors = registry_file_read(courts_csv)
    if errors:
        raise DomainError("; ".join(str(error) for error in errors[:10]))
    court_ids: dict[str, int] = dict(Court.objects.values_list("code", "pk"))
    created: list[Court] = []
    for level in sorted(LEVEL_ORDER, key=LEVEL_ORDER.__getitem__):
        batch = []
        for row in rows:
            if row.level != level or row.code in court_ids:
                continue
            if row.parent and row.parent not in court_ids:
                raise DomainError(
                    _("Court %(code)s names an unknown parent %(parent)s.")
                    % {"code": row.code, "parent": row.parent}
                )
            batch.append(
                Court(
                    code=row.code,
                    level=row.level,
                    parent_id=court_ids.get(row.parent) if row.parent else None,
                    region_id=region_ids.get(row.region_iso) if row.region_iso else None,
                    city=row.city,
                    specialisation=row.specialisation,
                    valid_from=row.valid_from,
                    valid_to=row.valid_to,
                    name_kk=row.names["kk"],
                    name_ru=row.names["ru"],
                    name_en=row.names["en"],
                    source=row.source,
                    closing_basis=row.source if row.valid_to else "",
                )
            )
        Court.objects.bulk_create(batch)
        court_ids.update({court.code: court.pk for court in batch})
        created.extend(batch)
    merged = [row for row in rows if row.merged_into and row.code in {c.code for c in created}]
    for row in merged:
        if row.merged_into not in court_ids:
            raise DomainError(
                _("Court %(code)s is merged into an unknown court %(target)s.")
                % {"code": row.code, "target": row.merged_into}
            )
        Court.objects.filter(pk=court_ids[row.code]).update(
            merged_into_id=court_ids[row.merged_into]
        )
    CourtName.objects.bulk_create(
        CourtName(
            court_id=court.pk,
            name_kk=court.name_kk,
            name_ru=court.name_ru,
            name_en=court.name_en,
            valid_from=court.valid_from,
            basis=court.source,
        )
        for court in created
    )

    units_created = _units_ensure()
    transaction.on_commit(registry_changed)
    return RegistryLoadResult(
        regions_created=len(new_regions),
        courts_created=len(created),
        courts_kept=len(rows) - len(created),
        units_created=units_created,
    )


def _units_ensure() -> int:
    """The central department at the Supreme Court and one territorial unit per regional court."""
    created = 0
    supreme = Court.objects.filter(level=Court.Level.SUPREME).first()
    if supreme is not None and not Unit.objects.filter(kind=Unit.Kind.CENTRAL).exists():
        Unit.objects.create(
            code=CENTRAL_UNIT_CODE,
            kind=Unit.Kind.CENTRAL,
            court=supreme,
            name_kk=CENTRAL_UNIT_NAMES["kk"],
            name_ru=CENTRAL_UNIT_NAMES["ru"],
            name_en=CENTRAL_UNIT_NAMES["en"],
        )
        created += 1
    territorial = []
    for court in Court.objects.filter(level=Court.Level.REGIONAL, unit__isnull=True):
        names = _territorial_unit_names(court)
        territorial.append(
            Unit(
                code=f"TD-{court.code}",
                kind=Unit.Kind.TERRITORIAL,
                court=court,
                name_kk=names["kk"],
                name_ru=names["ru"],
                name_en=names["en"],
            )
        )
    Unit.objects.bulk_create(territorial)
    return created + len(territorial)


def _day_before(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=1)


def _registry_audit(action: str, court: Court, actor: User | None, **detail: object) -> None:
    audit(action=action, actor=actor, object_type="court", object_id=court.code, detail=detail)


@transaction.atomic
def court_add(
    *,
    code: str,
    level: str,
    parent: Court,
    names: dict[str, str],
    valid_from: dt.date,
    city: str = "",
    specialisation: str = Court.Specialisation.GENERAL,
    basis: str = "",
    region: Region | None = None,
    actor: User | None = None,
) -> Court:
    """A new court under an active higher court; its first name starts on its first day."""
    if Court.objects.filter(code=code).exists():
        raise DomainError(_("A court with code %(code)s already exists.") % {"code": code})
    if parent.valid_to is not None and parent.valid_to < valid_from:
        raise DomainError(_("The higher court is closed on that date."))
    fields = _name_fields(names)
    court = Court.objects.create(
        code=code,
        level=level,
        parent=parent,
        region=region or parent.region,
        city=city,
        specialisation=specialisation,
        valid_from=valid_from,
        source=basis,
        **fields,
    )
    CourtName.objects.create(court=court, valid_from=valid_from, basis=basis, **fields)
    _registry_audit(
        "registry.court_added",
        court,
        actor,
        parent=parent.code,
        valid_from=valid_from.isoformat(),
        basis=basis,
    )
    transaction.on_commit(registry_changed)
    if level == Court.Level.REGIONAL:
        _units_ensure()
    return court


def _name_fields(names: dict[str, str]) -> dict[str, str]:
    missing = [code for code in ("kk", "ru", "en") if not names.get(code, "").strip()]
    if missing:
        raise DomainError(_("A court needs a name in Kazakh, Russian and English."))
    return {f"name_{code}": names[code].strip() for code in ("kk", "ru", "en")}


@transaction.atomic
def court_rename(
    *,
    court: Court,
    names: dict[str, str],
    effective: dt.date,
    basis: str = "",
    actor: User | None = None,
) -> CourtName:
    """A new name from `effective` on; the old name stays in force for everything before it."""
    fields = _name_fields(names)
    if effective > clock.today():
        raise DomainError(_("A renaming can be recorded from its effective date, not before."))
    current = CourtName.objects.select_for_update().get(court=court, valid_to__isnull=True)
    if current.valid_from is not None and effective <= current.valid_from:
        raise DomainError(_("The new name must start after the current name started."))
    current.valid_to = _day_before(effective)
    current.save(update_fields=["valid_to"])
    new_name = CourtName.objects.create(court=court, valid_from=effective, basis=basis, **fields)
    before = {key: getattr(court, key) for key in fields}
    for key, value in fields.items():
        setattr(court, key, value)
    court.save(update_fields=list(fields))
    _registry_audit(
        "registry.court_renamed",
        court,
        actor,
        effective=effective.isoformat(),
        before=before,
        after=fields,
        basis=basis,
    )
    transaction.on_commit(registry_changed)
    return new_name


@transaction.atomic
def court_merge(
    *,
    source: Court,
    target: Court,
    effective: dt.date,
    basis: str = "",
    actor: User | None = None,
) -> None:
    """`source` ceases the day before `effective`; its courts and future reports go to `target`.

    Old cases keep pointing at `source` and so keep its name.
    """
    if source.pk == target.pk:
        raise DomainError(_("A court cannot be merged into itself."))
    if source.valid_to is not None or target.valid_to is not None:
        raise DomainError(_("Only courts that are still active can be merged."))
    if source.valid_from is not None and _day_before(effective) < source.valid_from:
        raise DomainError(_("A court cannot close before it opened."))
    source.valid_to = _day_before(effective)
    source.merged_into = target
    source.closing_basis = basis
    source.save(update_fields=["valid_to", "merged_into", "closing_basis"])
    moved = Court.objects.filter(parent=source, valid_to__isnull=True).update(parent=target)
    _registry_audit(
        "registry.court_merged",
        source,
        actor,
        into=target.code,
        effective=effective.isoformat(),
        courts_moved=moved,
        basis=basis,
    )
    transaction.on_commit(registry_changed)


@transaction.atomic
def court_close(
    *, court: Court, effective: dt.date, basis: str = "", actor: User | None = None
) -> None:
    """The court's last day is `effective`; a court with active courts under it cannot close."""
    if court.valid_to is not None:
        raise DomainError(_("This court is already closed."))
    if court.children.filter(valid_to__isnull=True).exists():
        raise DomainError(_("Close or merge the courts under this court first."))
    if court.valid_from is not None and effective < court.valid_from:
        raise DomainError(_("A court cannot close before it opened."))
    court.valid_to = effective
    court.closing_basis = basis
    court.save(update_fields=["valid_to", "closing_basis"])
    _registry_audit(
        "registry.court_closed", court, actor, last_day=effective.isoformat(), basis=basis
    )
    transaction.on_commit(registry_changed)


def headcount_set(*, court: Court, period_start: dt.date, judges: int, staff: int) -> HeadCount:
    """Judges and staff of a court from `period_start` (staff includes the judges)."""
    if judges < 0 or staff < judges:
        raise DomainError(_("Staff must be a whole number no smaller than the number of judges."))
    head_count, _created = HeadCount.objects.update_or_create(
        court=court, period_start=period_start, defaults={"judges": judges, "staff": staff}
    )
    return head_count


@transaction.atomic
def staff_create(
    *,
    username: str,
    unit: Unit,
    role: str,
    password: str | None,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    position: str = "",
    is_demo: bool = False,
) -> User:
    """A staff account bound to its unit; central-only roles refuse a territorial unit."""
    if role in CENTRAL_ROLES and not unit.is_central:
        raise DomainError(_("This role exists only in the central department."))
    user_model = get_user_model()
    user = user_model(
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=email,
        is_demo=is_demo,
        is_staff=role == Role.ADMINISTRATOR,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    StaffMember.objects.create(user=user, unit=unit, role=role, position=position)
    audit(
        action="staff.created",
        object_type="user",
        object_id=user.pk,
        detail={"username": username, "unit": unit.code, "role": role},
    )
    return user


@transaction.atomic
def staff_role_change(*, actor: User, user: User, unit: Unit, role: str) -> StaffMember:
    """A permission change: a new unit or role for a staff member, always audited."""
    if role in CENTRAL_ROLES and not unit.is_central:
        raise DomainError(_("This role exists only in the central department."))
    member = StaffMember.objects.select_for_update().get(user=user)
    before = {"unit": member.unit.code, "role": member.role}
    member.unit, member.role = unit, role
    member.save(update_fields=["unit", "role"])
    audit(
        action="staff.role_changed",
        actor=actor,
        object_type="user",
        object_id=user.pk,
        detail={"before": before, "after": {"unit": unit.code, "role": role}},
    )
    return member
