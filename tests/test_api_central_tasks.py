"""Central tasks through /api/v1: the coordinator sets them and accepts or returns the
responses, a territorial chief sees and answers their own unit's, nobody else sees any; every
step is audited with the token's name and refused as the office refuses it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from senim.cases.models import CentralTask
from senim.core import clock
from senim.core.models import AuditEvent
from senim.organization.models import Role
from tests.api_helpers import is_problem, token_for
from tests.api_resources import get, post, via

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(make_staff: Any) -> dict[str, Any]:
    return {
        "coordinator": make_staff(Role.COORDINATOR, username="coord"),
        "chief": make_staff(Role.CHIEF, "REG-75", username="chief-a"),
        "astana_chief": make_staff(Role.CHIEF, "REG-71", username="chief-b"),
        "investigator": make_staff(Role.INVESTIGATOR, "REG-75", username="inv-a"),
    }


def _task(client: Client, secret: str, unit: str, title: str = "Check the fees") -> Any:
    due = clock.today() + dt.timedelta(days=10)
    return post(
        client,
        "central-tasks",
        secret,
        {
            "unit": unit,
            "title": title,
            "instruction": "Report by the due date.",
            "due_on": str(due),
        },
    )


def test_set_respond_return_respond_accept(people: dict[str, Any], client: Client) -> None:
    central = token_for(people["coordinator"], name="central desk")
    chief = token_for(people["chief"], name="unit desk")
    created = _task(client, central, "TD-REG-75")
    assert created.status_code == 201, created.content
    task = created.json()
    assert task["state"] == "open" and task["unit"] == "TD-REG-75" and task["created_by"] == "coord"

    # The chief may not accept; a short response is refused; then a response.
    assert is_problem(post(client, f"central-tasks/{task['id']}/accept", chief), 403, "forbidden")
    short = post(client, f"central-tasks/{task['id']}/response", chief, {"response": "ok"})
    assert is_problem(short, 409, "conflict")
    answer = {"response": "Fees checked in all district courts; no extortion found."}
    responded = post(client, f"central-tasks/{task['id']}/response", chief, answer)
    assert responded.json()["state"] == "responded"
    returned = post(client, f"central-tasks/{task['id']}/return", central)
    assert returned.json()["state"] == "returned"
    post(client, f"central-tasks/{task['id']}/response", chief, answer)
    accepted = post(client, f"central-tasks/{task['id']}/accept", central)
    assert accepted.json()["state"] == "accepted" and accepted.json()["accepted_at"]
    # Once accepted, nothing is waiting for a response.
    again = post(client, f"central-tasks/{task['id']}/response", chief, answer)
    assert is_problem(again, 409, "conflict")

    names = {
        e.action: via(e)
        for e in AuditEvent.objects.filter(object_type="task", object_id=str(task["id"]))
    }
    assert names == {
        "task.created": "central desk",
        "task.responded": "unit desk",
        "task.returned": "central desk",
        "task.accepted": "central desk",
    }


def test_each_sees_only_their_units_tasks(people: dict[str, Any], client: Client) -> None:
    central = token_for(people["coordinator"])
    almaty = _task(client, central, "TD-REG-75", "Almaty's task").json()
    astana = _task(client, central, "TD-REG-71", "Astana's task").json()
    everything = get(client, "central-tasks", central).json()["items"]
    assert {t["id"] for t in everything} == {almaty["id"], astana["id"]}

    chief = token_for(people["chief"], "read")
    assert [t["id"] for t in get(client, "central-tasks", chief).json()["items"]] == [almaty["id"]]
    assert get(client, "central-tasks", chief, unit="TD-REG-71").json()["items"] == []
    assert get(client, f"central-tasks/{almaty['id']}", chief).json()["title"] == "Almaty's task"
    assert is_problem(get(client, f"central-tasks/{astana['id']}", chief), 404, "not_found")
    # Answering another unit's task: as if it did not exist.
    actor = token_for(people["chief"], "act")
    response = post(client, f"central-tasks/{astana['id']}/response", actor, {"response": "x" * 20})
    assert is_problem(response, 404, "not_found")
    assert CentralTask.objects.get(pk=astana["id"]).state == "open"

    # An investigator sees no task at all, and a read token sets none.
    investigator = token_for(people["investigator"], "read")
    assert get(client, "central-tasks", investigator).json()["items"] == []
    assert is_problem(get(client, f"central-tasks/{almaty['id']}", investigator), 404, "not_found")
    reader = token_for(people["coordinator"], "read")
    assert is_problem(_task(client, reader, "TD-REG-75"), 403, "insufficient_scope")


def test_only_the_centre_sets_tasks_and_only_for_territorial_units(
    people: dict[str, Any], client: Client
) -> None:
    chief = token_for(people["chief"])
    assert is_problem(_task(client, chief, "TD-REG-71"), 403, "forbidden")
    central = token_for(people["coordinator"])
    central_unit = people["coordinator"].staff.unit.code
    assert is_problem(_task(client, central, central_unit), 409, "conflict")
    assert is_problem(_task(client, central, "NO-SUCH-UNIT"), 404, "not_found")
    past = post(
        client,
        "central-tasks",
        central,
        {"unit": "TD-REG-75", "title": "Late", "instruction": "Now.", "due_on": "2000-01-01"},
    )
    assert is_problem(past, 409, "conflict")
    assert not CentralTask.objects.exists()


def test_pages_follow_the_due_dates(people: dict[str, Any], client: Client) -> None:
    central = token_for(people["coordinator"])
    for days in (30, 10, 20):
        due = clock.today() + dt.timedelta(days=days)
        post(
            client,
            "central-tasks",
            central,
            {"unit": "TD-REG-75", "title": f"In {days}", "instruction": "Do.", "due_on": str(due)},
        )
    first = get(client, "central-tasks", central, limit=2).json()
    rest = get(client, "central-tasks", central, limit=2, cursor=first["next_cursor"]).json()
    assert [t["title"] for t in first["items"] + rest["items"]] == ["In 10", "In 20", "In 30"]
    assert rest["next_cursor"] is None
