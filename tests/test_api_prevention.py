"""Prevention records through /api/v1: every list and detail shows a territorial investigator
their own unit's work only (another unit's record is a 404, and a risk's linked cases are only
those they may see), GRECO to all staff; an event is recorded as in the office, audited with
the token's name, and refused as the office refuses it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from senim.cases.models import Status
from senim.core import clock
from senim.core.models import AuditEvent
from senim.organization.models import Role
from senim.prevention.commissions import services as commissions
from senim.prevention.models import Event, GrecoRound, Measure
from senim.prevention.plans import services as plans
from senim.prevention.risks import services as risks
from tests.api_helpers import is_problem, token_for
from tests.api_resources import get, post, via

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(make_staff: Any) -> dict[str, Any]:
    return {
        "coordinator": make_staff(Role.COORDINATOR, username="coord"),
        "chief": make_staff(Role.CHIEF, "REG-75", username="chief-a"),
        "investigator": make_staff(Role.INVESTIGATOR, "REG-75", username="inv-a"),
        "astana_chief": make_staff(Role.CHIEF, "REG-71", username="chief-b"),
        "operator": make_staff(Role.OPERATOR, username="operator"),
    }


def _work(chief: Any, unit: Any, name: str) -> dict[str, Any]:
    """A plan with a measure, a commission with a meeting, a risk and an event of one unit."""
    today = clock.today()
    plan = plans.plan_create(
        user=chief,
        unit=unit,
        kind="image_policy",
        title=f"{name} plan",
        period_start=dt.date(today.year, 1, 1),
        period_end=dt.date(today.year, 12, 31),
    )
    measure = plans.measure_add(
        user=chief,
        plan_id=plan.pk,
        title=f"{name}: training of court staff",
        responsible_unit=unit,
        due_on=dt.date(today.year, 12, 31),
        target_label="officials trained",
        target=40,
        counts="participants",
    )
    commission = commissions.commission_create(
        user=chief, unit=unit, level="regional", name=f"{name} commission"
    )
    commissions.meeting_record(
        user=chief, commission_id=commission.pk, held_on=today, agenda="Copies of judgments."
    )
    risk = risks.risk_create(
        user=chief,
        unit=unit,
        title=f"{name}: cases re-allocated by hand",
        process="case_allocation",
        risk_map="organisational",
        likelihood=4,
        impact=5,
        identified_on=today,
    )
    event = Event.objects.create(
        unit=unit, kind="training", title=f"{name} training", held_on=today, place="Hall"
    )
    return {
        "plan": plan,
        "measure": measure,
        "commission": commission,
        "risk": risk,
        "event": event,
    }


@pytest.fixture
def work(people: dict[str, Any], unit: Any) -> dict[str, dict[str, Any]]:
    return {
        "almaty": _work(people["chief"], unit("REG-75"), "Almaty"),
        "astana": _work(people["astana_chief"], unit("REG-71"), "Astana"),
    }


LISTS = {
    "plans": "plan",
    "events": "event",
    "commissions": "commission",
    "risks": "risk",
}


def test_an_investigator_sees_only_their_units_records_in_every_list_and_detail(
    people: dict[str, Any], work: dict[str, dict[str, Any]], client: Client
) -> None:
    secret = token_for(people["investigator"], "read")
    for path, key in LISTS.items():
        listed = get(client, f"prevention/{path}", secret)
        assert listed.status_code == 200, (path, listed.content)
        ids = [row["id"] for row in listed.json()["items"]]
        assert ids == [work["almaty"][key].pk], path
        assert all(row["unit"] == "TD-REG-75" for row in listed.json()["items"])
        # Asking for the other unit by name gives nothing, not its records.
        assert get(client, f"prevention/{path}", secret, unit="TD-REG-71").json()["items"] == []
        own = get(client, f"prevention/{path}/{work['almaty'][key].pk}", secret)
        assert own.status_code == 200, (path, own.content)
        hidden = get(client, f"prevention/{path}/{work['astana'][key].pk}", secret)
        assert is_problem(hidden, 404, "not_found"), path
        assert "Astana" not in hidden.content.decode()
    # The coordinator sees both units' work.
    central = token_for(people["coordinator"], "read")
    for path, key in LISTS.items():
        seen = {row["id"] for row in get(client, f"prevention/{path}", central).json()["items"]}
        assert seen == {work["almaty"][key].pk, work["astana"][key].pk}, path


def test_a_risks_linked_cases_are_only_those_the_reader_sees(
    people: dict[str, Any], work: dict[str, dict[str, Any]], make_case: Any, client: Client
) -> None:
    risk = work["almaty"]["risk"]
    mine = make_case("DST-75-02", status=Status.INVESTIGATION, assignee=people["investigator"])
    other = make_case("DST-75-02", status=Status.INVESTIGATION)
    risk.cases.add(mine, other)
    investigator = token_for(people["investigator"], "read")
    seen = get(client, f"prevention/risks/{risk.pk}", investigator).json()
    assert seen["cases"] == [mine.appeal.number]
    assert seen["band"] == "critical" and seen["score"] == 20
    chief = token_for(people["chief"], "read")
    assert set(get(client, f"prevention/risks/{risk.pk}", chief).json()["cases"]) == {
        mine.appeal.number,
        other.appeal.number,
    }


def test_an_operator_follows_no_units_work_but_reads_greco(
    people: dict[str, Any], work: dict[str, dict[str, Any]], client: Client
) -> None:
    greco = GrecoRound.objects.create(
        code="T1", name_kk="Бірінші раунд", name_ru="Первый раунд", name_en="First round"
    )
    secret = token_for(people["operator"], "read")
    for path in LISTS:
        assert is_problem(get(client, f"prevention/{path}", secret), 403, "forbidden"), path
    rounds = get(client, "prevention/greco", secret).json()["items"]
    assert greco.pk in [r["id"] for r in rounds]
    detail = get(client, f"prevention/greco/{greco.pk}", secret).json()
    assert detail["name"]["en"] == "First round" and detail["recommendations"] == []


def test_a_chief_records_an_event_that_feeds_the_measure(
    people: dict[str, Any], work: dict[str, dict[str, Any]], client: Client
) -> None:
    measure = work["almaty"]["measure"]
    secret = token_for(people["chief"], name="prevention desk")
    data = {
        "unit": "TD-REG-75",
        "kind": "training",
        "title": "Ethics training for court clerks",
        "held_on": str(clock.today()),
        "place": "Almaty City Court, hall 2",
        "attendance": {"court_staff": 25, "judges": 3},
        "measure": measure.pk,
        "staff": ["inv-a"],
    }
    response = post(client, "prevention/events", secret, data)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["participants"] == 28 and body["measure"] == measure.pk
    assert body["staff"] == ["inv-a"]
    assert {a["category"]: a["count"] for a in body["attendance"]} == {
        "court_staff": 25,
        "judges": 3,
    }
    assert Measure.objects.get(pk=measure.pk).progress == 28
    entry = AuditEvent.objects.get(action="prevention.event_recorded")
    assert entry.actor == "chief-a" and via(entry) == "prevention desk"

    # Another unit's event, a future one, no participants, a read token: refused, nothing kept.
    before = Event.objects.count()
    other_unit = post(client, "prevention/events", secret, {**data, "unit": "TD-REG-71"})
    assert is_problem(other_unit, 403, "forbidden")
    other_measure = {**data, "measure": work["astana"]["measure"].pk}
    assert is_problem(post(client, "prevention/events", secret, other_measure), 404, "not_found")
    future = {**data, "held_on": str(clock.today() + dt.timedelta(days=3))}
    assert is_problem(post(client, "prevention/events", secret, future), 409, "conflict")
    empty = {**data, "attendance": {"judges": 0}}
    assert is_problem(post(client, "prevention/events", secret, empty), 409, "conflict")
    reader = token_for(people["chief"], "read")
    assert is_problem(post(client, "prevention/events", reader, data), 403, "insufficient_scope")
    investigator = token_for(people["investigator"])
    assert is_problem(post(client, "prevention/events", investigator, data), 403, "forbidden")
    assert Event.objects.count() == before


def test_lists_page_by_cursor(
    people: dict[str, Any], work: dict[str, dict[str, Any]], unit: Any, client: Client
) -> None:
    almaty = unit("REG-75")
    for days in range(1, 4):
        Event.objects.create(
            unit=almaty,
            kind="briefing",
            title=f"Briefing {days}",
            held_on=clock.today() - dt.timedelta(days=days),
            place="Room 5",
        )
    secret = token_for(people["chief"], "read")
    seen, cursor = [], None
    while True:
        page = get(
            client, "prevention/events", secret, limit=2, **({"cursor": cursor} if cursor else {})
        ).json()
        seen += [e["title"] for e in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == ["Almaty training", "Briefing 1", "Briefing 2", "Briefing 3"]
    risks_page = get(client, "prevention/risks", secret, limit=1).json()
    assert len(risks_page["items"]) == 1 and risks_page["next_cursor"] is None
