"""Demo staff and head counts: the central accounts, a chief and an investigator in every
territory, and plausible numbers of judges and staff per court for the last three years.
"""

from __future__ import annotations

import datetime as dt
import random

from django.contrib.auth import get_user_model

from senim.core import clock
from senim.demo.draws import SEED, person
from senim.organization.models import Court, HeadCount, Role, StaffMember, Unit
from senim.organization.services import staff_create

# Login suffix of each territorial unit, by the code of its regional court.
UNIT_SLUGS = {
    "REG-10": "abai",
    "REG-11": "akmola",
    "REG-15": "aktobe",
    "REG-19": "almaty-region",
    "REG-23": "atyrau",
    "REG-27": "west-kazakhstan",
    "REG-31": "zhambyl",
    "REG-33": "zhetysu",
    "REG-35": "karaganda",
    "REG-39": "kostanay",
    "REG-43": "kyzylorda",
    "REG-47": "mangystau",
    "REG-55": "pavlodar",
    "REG-59": "north-kazakhstan",
    "REG-61": "turkistan",
    "REG-62": "ulytau",
    "REG-63": "east-kazakhstan",
    "REG-71": "astana",
    "REG-75": "almaty",
    "REG-79": "shymkent",
    "REG-MIL": "military",
}

CENTRAL_ACCOUNTS = [
    ("admin", Role.ADMINISTRATOR, "Administrator"),
    ("central", Role.COORDINATOR, "Central coordinator"),
    ("analyst", Role.ANALYST, "Analyst"),
    ("auditor", Role.AUDITOR, "Auditor"),
    ("operator", Role.OPERATOR, "Trust-line operator"),
]
# Approves or refuses requests to read reporters' identities (when approval is required).
CUSTODIAN = ("custodian", Role.CUSTODIAN, "Custodian of identities")


def _unit_slug(unit: Unit) -> str:
    return UNIT_SLUGS.get(unit.court.code, unit.court.code.lower())


def demo_accounts_table() -> list[tuple[str, str, str]]:
    """(login, role, unit) of every demo account, central ones first."""
    rows = (
        StaffMember.objects.filter(user__is_demo=True)
        .select_related("user", "unit")
        .order_by("unit__kind", "unit__code", "role")
    )
    return [(s.user.username, str(s.get_role_display()), s.unit.name_en) for s in rows]


def accounts_ensure(password: str) -> int:
    """Demo staff: the central accounts, a chief and an investigator in every territory, and
    the custodian of identities."""
    user_model = get_user_model()
    existing = set(user_model.objects.values_list("username", flat=True))
    rng = random.Random(f"{SEED}:accounts")
    created = 0
    central = Unit.objects.get(kind=Unit.Kind.CENTRAL)
    wanted: list[tuple[str, Unit, str, str]] = [
        (login, central, role, title) for login, role, title in CENTRAL_ACCOUNTS
    ]
    for unit in Unit.objects.filter(kind=Unit.Kind.TERRITORIAL).select_related("court"):
        slug = _unit_slug(unit)
        wanted.append((f"chief-{slug}", unit, Role.CHIEF, "Chief of the territorial department"))
        wanted.append((f"investigator-{slug}", unit, Role.INVESTIGATOR, "Investigator"))
    # After the territories: the custodian's name is drawn last, so the names drawn before
    # it stay what they were.
    wanted.append((CUSTODIAN[0], central, CUSTODIAN[1], CUSTODIAN[2]))
    for login, unit, role, title in wanted:
        first, last = person(rng)
        if login in existing:
            continue
        staff_create(
            username=login,
            unit=unit,
            role=role,
            password=password,
            first_name=first,
            last_name=last,
            position=title,
            is_demo=True,
        )
        created += 1
    return created


def head_counts_ensure() -> int:
    """Plausible judges and staff per court for the last three years (demo figures)."""
    rng = random.Random(f"{SEED}:head-counts")
    this_year = clock.today().year
    created = 0
    for court in Court.objects.order_by("code"):
        base = {"supreme": 45, "cassation": 20, "regional": 35, "district": 9}[court.level]
        for year in range(this_year - 2, this_year + 1):
            judges = max(3, base + rng.randint(-3, 4))
            staff = judges * rng.randint(4, 6) + rng.randint(0, 12)
            _, made = HeadCount.objects.get_or_create(
                court=court,
                period_start=dt.date(year, 1, 1),
                defaults={"judges": judges, "staff": staff},
            )
            created += made
    return created
