"""The daily reception through /api/v1: a chief opens and lists their unit's times, lists the
day's bookings (never the citizens' contacts) and marks who came; nobody sees another unit's
bookings, an investigator sees no reception at all, and a read token marks nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.test import Client

from senim.core.models import AuditEvent
from senim.intake.models import BookingStatus, ReceptionBooking, ReceptionSlot
from senim.intake.reception import reception_book, reception_slots_open
from senim.organization.models import Role
from tests.api_helpers import is_problem, token_for
from tests.api_resources import get, headers, post, via

pytestmark = pytest.mark.django_db

# A Thursday before Kazakhstan's Nauryz holidays (21-23 March) and a weekend.
TODAY = dt.datetime(2026, 3, 19, 9, 0, tzinfo=dt.UTC)
FRIDAY = dt.date(2026, 3, 20)
CITIZEN = {"name": "Айгерим Сапарова", "phone": "+77011234567"}


@pytest.fixture
def people(make_staff: Any) -> dict[str, Any]:
    return {
        "chief": make_staff(Role.CHIEF, "REG-75", username="chief-a"),
        "astana_chief": make_staff(Role.CHIEF, "REG-71", username="chief-b"),
        "investigator": make_staff(Role.INVESTIGATOR, "REG-75", username="inv-a"),
        "operator": make_staff(Role.OPERATOR, username="operator"),
    }


def _open(unit: Any, day: dt.date = FRIDAY) -> ReceptionSlot:
    reception_slots_open(
        unit=unit, first_day=day, last_day=day, times=[dt.time(10, 0)], minutes=30,
        capacity=2, location="Room 101",
    )  # fmt: skip
    return ReceptionSlot.objects.get(unit=unit, starts_at__date=day)


def _book(slot: ReceptionSlot) -> ReceptionBooking:
    booking, _code = reception_book(
        slot_id=slot.pk,
        name=CITIZEN["name"],
        phone=CITIZEN["phone"],
        topic="A clerk asked for money",
        language="ru",
    )
    return booking


@time_machine.travel(TODAY, tick=False)
def test_a_chief_opens_times_on_working_days_and_lists_them(
    people: dict[str, Any], unit: Any, client: Client
) -> None:
    secret = token_for(people["chief"], name="schedule")
    data = {
        "first_day": "2026-03-20",
        "last_day": "2026-03-23",
        "times": ["10:00", "11:30"],
        "minutes": 30,
        "capacity": 2,
        "location": "Room 101",
    }
    response = post(client, "reception/slots", secret, data)
    assert response.status_code == 201, response.content
    # Friday 20 March only: the weekend and Nauryz (23 March) are skipped.
    assert response.json() == {"opened": 2}
    assert post(client, "reception/slots", secret, data).json() == {"opened": 0}
    listed = get(client, "reception/slots", secret, since="2026-03-20", until="2026-03-31").json()[
        "items"
    ]
    assert [(s["unit"], s["capacity"], s["booked"]) for s in listed] == [("TD-REG-75", 2, 0)] * 2
    assert [e.detail["via"]["name"] for e in AuditEvent.objects.filter(action="api.write")] == [
        "schedule",
        "schedule",
    ]
    # Opened for the chief's own unit only; the other chief sees none of them.
    assert set(ReceptionSlot.objects.values_list("unit__code", flat=True)) == {"TD-REG-75"}
    other = token_for(people["astana_chief"])
    assert get(client, "reception/slots", other, since="2026-03-20").json()["items"] == []
    assert get(client, "reception/slots", other, unit="TD-REG-75").json()["items"] == []


@time_machine.travel(TODAY, tick=False)
def test_who_sees_reception_times(people: dict[str, Any], unit: Any, client: Client) -> None:
    almaty, astana = _open(unit("REG-75")), _open(unit("REG-71"))
    _book(almaty)
    _book(almaty)  # full now
    operator = token_for(people["operator"], "read")
    # The trust line books for callers at any unit: it sees every unit's times.
    seen = get(client, "reception/slots", operator).json()["items"]
    assert {s["unit"] for s in seen} == {"TD-REG-75", "TD-REG-71"}
    free = get(client, "reception/slots", operator, free="true").json()["items"]
    assert [s["id"] for s in free] == [astana.pk]
    narrowed = get(client, "reception/slots", operator, unit="TD-REG-75").json()["items"]
    assert [(s["id"], s["booked"]) for s in narrowed] == [(almaty.pk, 2)]
    # An investigator has no part in the reception: refused, as the office refuses.
    investigator = token_for(people["investigator"], "read")
    assert is_problem(get(client, "reception/slots", investigator), 403, "forbidden")
    assert is_problem(get(client, "reception/bookings", investigator), 403, "forbidden")
    # Opening times is the chief's: an operator may not.
    opener = token_for(people["operator"], "act")
    response = post(
        client,
        "reception/slots",
        opener,
        {"first_day": "2026-03-20", "last_day": "2026-03-20", "times": ["12:00"], "location": "A"},
    )
    assert is_problem(response, 403, "forbidden")


@time_machine.travel(TODAY, tick=False)
def test_the_days_bookings_without_contacts_and_marking_who_came(
    people: dict[str, Any], unit: Any, client: Client
) -> None:
    almaty = _book(_open(unit("REG-75")))
    astana = _book(_open(unit("REG-71")))
    secret = token_for(people["chief"], name="reception desk")
    response = get(client, "reception/bookings", secret, day="2026-03-20")
    assert response.status_code == 200
    assert [(b["number"], b["status"], b["walk_in"]) for b in response.json()["items"]] == [
        (almaty.number, "booked", False)
    ]
    # The citizen's name and phone stay sealed; listing opens nothing.
    text = response.content.decode()
    assert CITIZEN["name"] not in text and CITIZEN["phone"] not in text
    assert not AuditEvent.objects.filter(action__startswith="reception.day_opened").exists()

    marked = post(
        client, f"reception/bookings/{almaty.number}/attendance", secret, {"status": "attended"}
    )
    assert marked.status_code == 200, marked.content
    assert marked.json()["status"] == "attended"
    almaty.refresh_from_db()
    assert almaty.status == BookingStatus.ATTENDED
    entry = AuditEvent.objects.get(action="reception.attended", object_id=almaty.number)
    assert entry.actor == "chief-a" and via(entry) == "reception desk"

    # Another unit's booking is not found; a state that is not attendance is refused.
    response = post(
        client, f"reception/bookings/{astana.number}/attendance", secret, {"status": "no_show"}
    )
    assert is_problem(response, 404, "not_found")
    response = post(
        client, f"reception/bookings/{almaty.number}/attendance", secret, {"status": "booked"}
    )
    assert is_problem(response, 409, "conflict")
    astana.refresh_from_db()
    assert astana.status == BookingStatus.BOOKED
    # A read token lists but does not mark.
    reader = token_for(people["astana_chief"], "read")
    listed = get(client, "reception/bookings", reader, day="2026-03-20").json()["items"]
    assert [b["number"] for b in listed] == [astana.number]
    response = post(
        client, f"reception/bookings/{astana.number}/attendance", reader, {"status": "no_show"}
    )
    assert is_problem(response, 403, "insufficient_scope")
    astana.refresh_from_db()
    assert astana.status == BookingStatus.BOOKED


@time_machine.travel(TODAY, tick=False)
def test_bad_ranges_and_input_are_problems(people: dict[str, Any], client: Client) -> None:
    secret = token_for(people["chief"])
    response = get(client, "reception/slots", secret, since="2026-03-20", until="2026-01-01")
    assert is_problem(response, 400, "invalid_request")
    response = post(
        client,
        "reception/slots",
        secret,
        {"first_day": "2026-03-20", "last_day": "2026-09-20", "times": ["10:00"], "location": "A"},
    )
    assert is_problem(response, 409, "conflict")
    response = post(
        client,
        "reception/slots",
        secret,
        {"first_day": "2026-03-20", "last_day": "2026-03-20", "times": [], "location": "A"},
    )
    assert is_problem(response, 422, "validation_failed")
    # Days no reception is held on, and times with an offset, are refused before any arithmetic.
    response = get(client, "reception/slots", secret, since="9999-12-31")
    assert is_problem(response, 400, "invalid_request")
    response = post(
        client,
        "reception/slots",
        secret,
        {"first_day": "0001-01-01", "last_day": "0001-01-02", "times": ["10:00"], "location": "A"},
    )
    assert is_problem(response, 400, "invalid_request")
    response = post(
        client,
        "reception/slots",
        secret,
        {
            "first_day": "2026-03-20",
            "last_day": "2026-03-20",
            "times": ["10:00+05:00"],
            "location": "A",
        },
    )
    assert is_problem(response, 400, "invalid_request")
    assert not ReceptionSlot.objects.exists()


@time_machine.travel(TODAY, tick=False)
def test_pages_by_cursor_and_etags(people: dict[str, Any], unit: Any, client: Client) -> None:
    almaty = unit("REG-75")
    reception_slots_open(
        unit=almaty, first_day=FRIDAY, last_day=FRIDAY, times=[dt.time(10, 0), dt.time(11, 0),
        dt.time(12, 0)], minutes=30, capacity=1, location="Room 101",
    )  # fmt: skip
    secret = token_for(people["chief"], "read")
    seen: list[int] = []
    cursor = None
    for _page in range(3):
        query: dict[str, Any] = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = get(client, "reception/slots", secret, **query).json()
        seen += [s["id"] for s in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == list(ReceptionSlot.objects.order_by("starts_at").values_list("pk", flat=True))
    assert is_problem(
        get(client, "reception/slots", secret, cursor="forged"), 400, "invalid_request"
    )
    first = get(client, "reception/slots", secret)
    again = client.get(
        "/api/v1/reception/slots",
        headers={**headers(secret), "If-None-Match": first["ETag"]},
    )
    assert again.status_code == 304
