"""Every role x object kind x action, through the policy and through HTTP.

The policy (`senim.organization.policy`) is the one place that says who may do what. This test
walks each role through each action the office offers: the policy's answer is computed from its
table, the same action is tried over HTTP as that person, and the two must agree both ways.
A view that lets through what the policy refuses, or refuses what it allows, fails here; so does
any module that decides by a role's name instead of asking the policy (the last test).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from senim.cases.models import CentralTask, Note, ProtectedPerson, RevealRequest
from senim.intake import vault
from senim.intake.models import MailboxMessage, ReporterIdentity
from senim.organization.models import Role, Unit
from senim.organization.policy import CAPABILITIES, CASE_SIGHT, Capability
from senim.webhooks.models import Subscription

pytestmark = pytest.mark.django_db
C = Capability
ROOT = Path(__file__).resolve().parent.parent

# The table, written out: a change to who may do what is a decision, made here as well.
TABLE = {
    Role.OPERATOR: {C.PREVENTION_READ_COMMITMENTS, C.TRUST_LINE, C.CALLBACK_NOTE, C.RECEPTION_BOOK},
    Role.INVESTIGATOR: {
        C.PREVENTION_READ_COMMITMENTS, C.CASES_OWN, C.CASE_WORK, C.IDENTITY_READ,
        C.REPORTER_WRITE, C.PREVENTION_VIEW_UNIT,
        C.ANALYTICS_UNIT,
    },
    Role.CHIEF: {
        C.PREVENTION_READ_COMMITMENTS, C.CASES_UNIT, C.CASE_WORK, C.IDENTITY_READ,
        C.REPORTER_WRITE, C.CASE_HANDLE,
        C.ANSWER_SIGN, C.PROTECTION_MANAGE, C.DEADLINES_UNIT, C.RECEPTION_HOLD, C.TASKS_ANSWER,
        C.PREVENTION_VIEW_UNIT, C.PREVENTION_EDIT_UNIT, C.ANALYTICS_UNIT,
    },
    Role.COORDINATOR: {
        C.PREVENTION_READ_COMMITMENTS, C.CASES_ALL, C.CASE_WORK, C.IDENTITY_READ,
        C.REPORTER_WRITE, C.CASE_HANDLE,
        C.CASE_REROUTE, C.ANSWER_SIGN, C.PROTECTION_MANAGE, C.SPAM_DECIDE, C.DEADLINES_ALL,
        C.TRUST_LINE, C.CALLBACK_NOTE, C.RECEPTION_BOOK, C.TASKS_SET, C.PREVENTION_VIEW_ALL,
        C.ANALYTICS_COUNTRY, C.PREVENTION_EDIT_ALL, C.PREVENTION_EDIT_CENTRAL,
        C.WEBHOOKS_MANAGE, C.RETENTION_DECIDE,
    },
    Role.ANALYST: {C.PREVENTION_READ_COMMITMENTS, C.PREVENTION_VIEW_ALL, C.ANALYTICS_COUNTRY},
    Role.AUDITOR: {
        C.PREVENTION_READ_COMMITMENTS, C.PREVENTION_VIEW_ALL, C.ANALYTICS_COUNTRY, C.AUDIT_READ,
    },
    Role.ADMINISTRATOR: {
        C.PREVENTION_READ_COMMITMENTS, C.PREVENTION_VIEW_ALL, C.ANALYTICS_COUNTRY,
        C.AUDIT_READ, C.STAFF_ADMIN,
        C.CALENDAR_ADMIN, C.REGISTRY_ADMIN, C.WEBHOOKS_MANAGE,
    },
    # Decides on requests to read identities; sees no case.
    Role.CUSTODIAN: {C.PREVENTION_READ_COMMITMENTS, C.IDENTITY_APPROVE},
    # An integration client's service account (/api/v1): its unit's cases and the intake.
    Role.INTEGRATION: {C.CASES_UNIT, C.TRUST_LINE},
}  # fmt: skip
UNIT_OF: dict[str, str] = {
    Role.INVESTIGATOR: "REG-75",
    Role.CHIEF: "REG-75",
    Role.INTEGRATION: "REG-75",  # a client of the Almaty unit sees its case
}  # others: central


def test_the_policy_table_is_the_one_written_here() -> None:
    assert {role: set(held) for role, held in CAPABILITIES.items()} == TABLE


@dataclass(frozen=True)
class World:
    people: dict[str, Any]
    case: Any  # a named reporter's case in Almaty, assigned to the investigator
    clients: dict[str, Client]


@pytest.fixture
def world(make_staff, make_case, login) -> World:
    people = {role: make_staff(role, UNIT_OF.get(role, "SC")) for role in Role.values}
    case = make_case("DST-75-02", assignee=people[Role.INVESTIGATOR])
    case.appeal.is_anonymous = False
    case.appeal.save(update_fields=["is_anonymous"])
    sealed = vault.seal_json({"full_name": "Айгерім С.", "phone": "+77011112233"})
    ReporterIdentity.objects.create(appeal=case.appeal, sealed=sealed)
    return World(people, case, {role: login(person) for role, person in people.items()})


def _status(client: Client, method: str, url: str, data: dict[str, Any] | None = None) -> bool:
    """Whether the page let the person in (a refusal is 403, or 404 for a case not in sight)."""
    response = client.post(url, data or {}) if method == "POST" else client.get(url)
    assert response.status_code in (200, 302, 403, 404), (url, response.status_code)
    return response.status_code in (200, 302)


def _case_action(
    action: str, data: Callable[[World], dict[str, Any]], happened: Callable[[World], object]
) -> Callable[[World, str], bool]:
    """A case action: allowed when what it does happened, refused when nothing changed."""

    def attempt(world: World, role: str) -> bool:
        url = f"/office/cases/{world.case.pk}/do/{action}/"
        _status(world.clients[role], "POST", url, data(world))
        return bool(happened(world))

    return attempt


def _page(url: str) -> Callable[[World, str], bool]:
    return lambda world, role: _status(world.clients[role], "GET", url)


def _reveal(world: World, role: str) -> bool:
    url = f"/office/cases/{world.case.pk}/"
    response = world.clients[role].post(url, {"reason": "Need to call the reporter back"})
    return response.status_code == 200 and "Айгерім С." in response.content.decode()


def _task_set(world: World, role: str) -> bool:
    data = {
        "unit": Unit.objects.get(court__code="REG-75").pk,
        "title": f"Task by {role}",
        "instruction": "Report on the gifts register.",
        "due_on": (dt.date.today() + dt.timedelta(days=20)).isoformat(),
    }
    _status(world.clients[role], "POST", "/office/tasks/", data)
    return CentralTask.objects.filter(title=f"Task by {role}").exists()


def _webhook_create(world: World, role: str) -> bool:
    data = {
        "name": f"Dashboard of {role}",
        "url": "https://dashboard.example.kz/hooks",
        "kinds": ["registered"],
        "unit": Unit.objects.get(court__code="SC").pk,
    }
    _status(world.clients[role], "GET", "/office/webhooks/")
    _status(world.clients[role], "POST", "/office/webhooks/new/", data)
    return Subscription.objects.filter(name=f"Dashboard of {role}").exists()


@dataclass(frozen=True)
class Row:
    kind: str
    action: str
    needs: tuple[Capability, ...]  # any of them
    attempt: Callable[[World, str], bool]
    # Case actions need the case in sight too (the visibility rule): all case roles see it here.
    on_case: bool = False


ROWS = [
    Row("case", "see the queue", CASE_SIGHT, _page("/office/cases/")),
    Row("case", "open", CASE_SIGHT, lambda w, r: _page(f"/office/cases/{w.case.pk}/")(w, r)),
    Row(
        "case",
        "add a note",
        (C.CASE_WORK,),
        _case_action(
            "note",
            lambda w: {"body": "A note on the case."},
            lambda w: Note.objects.filter(case=w.case).exists(),
        ),
        on_case=True,
    ),
    Row(
        "case",
        "write to the reporter",
        (C.REPORTER_WRITE,),
        _case_action(
            "message",
            lambda w: {"body": "Please call us."},
            lambda w: MailboxMessage.objects.filter(appeal=w.case.appeal).exists(),
        ),
        on_case=True,
    ),
    Row("case", "reveal the identity", (C.IDENTITY_READ,), _reveal, on_case=True),
    Row(
        "case",
        "ask a custodian for the identity",
        (C.IDENTITY_READ,),
        lambda w, r: (
            _status(
                w.clients[r],
                "POST",
                f"/office/reveals/cases/{w.case.pk}/request/",
                {"reason": "Need to call the reporter back"},
            )
            and RevealRequest.objects.filter(case=w.case, requester=w.people[r]).exists()
        ),
        on_case=True,
    ),
    Row(
        "case",
        "protect the reporter",
        (C.PROTECTION_MANAGE,),
        _case_action(
            "protect",
            lambda w: {"since": dt.date.today().isoformat()},
            lambda w: ProtectedPerson.objects.filter(case=w.case).exists(),
        ),
        on_case=True,
    ),
    Row("protection register", "see", (C.PROTECTION_MANAGE,), _page("/office/protection/")),
    Row("appeal", "take a call", (C.TRUST_LINE,), _page("/office/trust-line/call/")),
    Row("appeal", "take a call-back", (C.CALLBACK_NOTE,), _page("/office/trust-line/callback/")),
    Row("reception", "hold the day", (C.RECEPTION_HOLD,), _page("/office/reception/")),
    Row("reception", "book for a caller", (C.RECEPTION_BOOK,), _page("/office/reception/book/")),
    Row("task", "see", (C.TASKS_SET, C.TASKS_ANSWER), _page("/office/tasks/")),
    Row("task", "set", (C.TASKS_SET,), _task_set),
    Row("surge", "see and decide", (C.SPAM_DECIDE,), _page("/office/surges/")),
    Row(
        "identity reveal request",
        "see and decide",
        (C.IDENTITY_APPROVE,),
        _page("/office/reveals/"),
    ),
    Row(
        "prevention record",
        "read the concept and GRECO",
        (C.PREVENTION_READ_COMMITMENTS,),
        _page("/office/prevention/greco/"),
    ),
    Row(
        "prevention record",
        "see plans",
        (C.PREVENTION_VIEW_ALL, C.PREVENTION_VIEW_UNIT),
        _page("/office/prevention/plans/"),
    ),
    Row(
        "prevention record",
        "record an event",
        (C.PREVENTION_EDIT_ALL, C.PREVENTION_EDIT_UNIT),
        _page("/office/prevention/events/new/"),
    ),
    Row(
        "analytics scope",
        "see",
        (C.ANALYTICS_COUNTRY, C.ANALYTICS_UNIT),
        _page("/office/analytics/"),
    ),
    Row("audit log", "read", (C.AUDIT_READ,), _page("/office/audit/")),
    Row("staff", "administer", (C.STAFF_ADMIN,), _page("/office/staff/")),
    Row("calendar", "administer", (C.CALENDAR_ADMIN,), _page("/office/calendar/")),
    Row("court registry", "add a court", (C.REGISTRY_ADMIN,), _page("/office/registry/add/")),
    Row("webhook subscription", "manage", (C.WEBHOOKS_MANAGE,), _webhook_create),
    Row(
        "records",
        "decide on keeping and disposal",
        (C.RETENTION_DECIDE,),
        _page("/office/retention/"),
    ),
    # Last: it moves the case out of the Almaty unit.
    Row(
        "case",
        "re-route",
        (C.CASE_REROUTE,),
        _case_action(
            "reroute",
            lambda w: {"unit": Unit.objects.get(court__code="REG-71").pk, "reason": "Wrong"},
            lambda w: type(w.case).objects.get(pk=w.case.pk).unit.court.code == "REG-71",
        ),
        on_case=True,
    ),
]


@pytest.mark.parametrize("role", Role.values)
def test_http_does_exactly_what_the_policy_says(world: World, role: str) -> None:
    """One person per role walks every row; every disagreement is listed."""
    held = CAPABILITIES[role]
    disagreements = []
    for row in ROWS:
        policy_says = any(c in held for c in row.needs)
        if row.on_case:
            policy_says = policy_says and any(c in held for c in CASE_SIGHT)
        if row.attempt(world, role) is not policy_says:
            disagreements.append(f"{row.kind}: {row.action}: the policy says {policy_says}")
    assert disagreements == []


def test_an_inactive_account_may_do_nothing(world: World) -> None:
    coordinator = world.people[Role.COORDINATOR]
    client = world.clients[Role.COORDINATOR]
    coordinator.is_active = False
    coordinator.save(update_fields=["is_active"])
    for url in ("/office/cases/", "/office/tasks/", "/office/trust-line/", "/office/surges/"):
        assert client.get(url).status_code in (302, 403)


# Where a role's name may appear: the policy's table, the models' choices and structural rules,
# account creation (Django's admin flag) and the demo's accounts.
ALLOWED = {
    "senim/cli.py",  # `senim staff add --role`: checks the name given is a role
    "senim/organization/policy.py",
    "senim/organization/models.py",
    "senim/organization/services.py",
}
DECIDES_BY_ROLE = [
    re.compile(
        r"\bRole\.(OPERATOR|INVESTIGATOR|CHIEF|COORDINATOR|ANALYST|AUDITOR|ADMINISTRATOR"
        r"|CUSTODIAN)\b"
    ),
    re.compile(r"\.role\s*(==|!=|\bin\b|\bnot in\b)"),
    re.compile(r"""\brole\s*==\s*["']"""),
]


def test_no_module_decides_by_a_roles_name() -> None:
    found = []
    for path in sorted((ROOT / "senim").rglob("*")):
        relative = str(path.relative_to(ROOT))
        if path.suffix not in (".py", ".html") or relative in ALLOWED:
            continue
        if "/migrations/" in relative or relative.startswith("senim/demo/"):
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if "CommissionMember.Role" in line or "MemberRole" in line:
                continue  # a commission's chair or member: a domain role, not a staff role
            if any(pattern.search(line) for pattern in DECIDES_BY_ROLE):
                found.append(f"{relative}:{number}: {line.strip()}")
    assert found == []
