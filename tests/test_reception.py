"""The daily reception: slots on working days only, booking, cancelling, the chief's day."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
import time_machine
from django.test import Client, override_settings
from django.utils import timezone

from senim.core.calendar import is_working_day
from senim.core.models import AuditEvent
from senim.intake.models import Appeal, BookingStatus, ReceptionBooking, ReceptionSlot
from senim.intake.reception import reception_slots_open
from senim.organization.models import Role, Unit

pytestmark = pytest.mark.django_db

# A Thursday before Kazakhstan's Nauryz holidays (21-23 March) and a weekend.
TODAY = dt.datetime(2026, 3, 19, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def almaty(unit) -> Unit:
    return unit("REG-75")


def test_slots_open_only_on_working_days(almaty) -> None:
    made = reception_slots_open(
        unit=almaty,
        first_day=dt.date(2026, 3, 19),
        last_day=dt.date(2026, 3, 29),
        times=[dt.time(10, 0), dt.time(11, 0)],
        minutes=30,
        capacity=2,
        location="Room 101",
    )
    days = {timezone.localtime(s.starts_at).date() for s in ReceptionSlot.objects.all()}
    assert all(is_working_day(day) for day in days)
    assert dt.date(2026, 3, 21) not in days  # Saturday, Nauryz
    assert dt.date(2026, 3, 23) not in days  # Nauryz holiday on a Monday
    assert made == 2 * len(days)
    again = reception_slots_open(
        unit=almaty, first_day=dt.date(2026, 3, 19), last_day=dt.date(2026, 3, 29),
        times=[dt.time(10, 0), dt.time(11, 0)], minutes=30, capacity=2, location="Room 101",
    )  # fmt: skip
    assert again == 0  # opening twice changes nothing


@time_machine.travel(TODAY, tick=False)
def test_citizen_books_on_the_portal_and_cancels(almaty) -> None:
    reception_slots_open(
        unit=almaty, first_day=dt.date(2026, 3, 20), last_day=dt.date(2026, 3, 20),
        times=[dt.time(10, 0)], minutes=30, capacity=1, location="Room 101",
    )  # fmt: skip
    client = Client()
    page = client.get(f"/reception/{almaty.code}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    slot = ReceptionSlot.objects.get()
    assert f'value="{slot.pk}"' in page
    response = client.post(
        f"/reception/{almaty.code}/",
        {"slot": slot.pk, "name": "Дина Қ.", "phone": "+7 700 100 10 10", "topic": "A bribe",
         "language": "kk"},
        HTTP_ACCEPT_LANGUAGE="en",
    )  # fmt: skip
    html = response.content.decode()
    number = re.search(r'class="booking-number">([^<]+)<', html).group(1)
    code = re.search(r'class="cancel-code">([^<]+)<', html).group(1)
    booking = ReceptionBooking.objects.get(number=number)
    assert b"\xd0\x94\xd0\xb8\xd0\xbd\xd0\xb0" not in bytes(booking.sealed_contact)  # sealed
    # The slot is full now: a second citizen cannot book it.
    full = client.get(f"/reception/{almaty.code}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "There are no free times" in full
    wrong = client.post("/reception/cancel/", {"number": number, "code": "00000000"},
                        HTTP_ACCEPT_LANGUAGE="en")  # fmt: skip
    assert "No booking matches" in wrong.content.decode()
    client.post("/reception/cancel/", {"number": number, "code": code})
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    # The page (rendered once per state of the free times) offers the time again.
    again = client.get(f"/reception/{almaty.code}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f'value="{slot.pk}"' in again


def test_a_time_that_has_begun_leaves_the_booking_page(almaty) -> None:
    with time_machine.travel(TODAY, tick=False) as traveller:
        reception_slots_open(
            unit=almaty, first_day=dt.date(2026, 3, 19), last_day=dt.date(2026, 3, 19),
            times=[dt.time(15, 0), dt.time(16, 0)], minutes=30, capacity=2, location="Room 101",
        )  # fmt: skip
        early, late = ReceptionSlot.objects.order_by("starts_at")
        url = f"/reception/{almaty.code}/"
        page = Client().get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert f'value="{early.pk}"' in page and f'value="{late.pk}"' in page
        # Five minutes past the first time's start, the page no longer offers it...
        traveller.move_to(early.starts_at + dt.timedelta(minutes=5))
        page = Client().get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert f'value="{early.pk}"' not in page and f'value="{late.pk}"' in page
        # ...and a booking of it sent from a page kept open is refused, with the reason.
        refused = Client().post(
            url,
            {"slot": early.pk, "name": "Дина Қ.", "phone": "+7 700 100 10 10", "topic": "A bribe",
             "language": "kk"},
            HTTP_ACCEPT_LANGUAGE="en",
        )  # fmt: skip
        assert ReceptionBooking.objects.count() == 0
        assert refused.status_code == 200
        assert "Select a valid choice" in refused.content.decode()


@time_machine.travel(TODAY, tick=False)
def test_chief_turns_the_meeting_into_a_registered_appeal(almaty, make_staff, login) -> None:
    from senim.intake.reception import reception_book

    reception_slots_open(
        unit=almaty, first_day=dt.date(2026, 3, 19), last_day=dt.date(2026, 3, 19),
        times=[dt.time(15, 0)], minutes=30, capacity=1, location="Room 101",
    )  # fmt: skip
    booking, _code = reception_book(
        slot_id=ReceptionSlot.objects.get().pk, name="Марат Б.", phone="+7 701 200 20 20",
        topic="Extortion at the registry", language="ru",
    )  # fmt: skip
    chief = make_staff(Role.CHIEF, "REG-75")
    client = login(chief)
    day = client.get(
        "/office/reception/?day=2026-03-19", HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "Марат Б." in day and booking.number in day
    assert AuditEvent.objects.filter(action="reception.day_opened").exists()
    client.post(f"/office/reception/{booking.number}/attended/")
    form = client.get(f"/office/reception/{booking.number}/protocol/").content.decode()
    assert "Марат Б." in form  # prefilled from the booking
    assert AuditEvent.objects.filter(
        action="reception.contact_opened", object_id=booking.number
    ).exists()
    data = {
        "kind": "violation", "category": "red_tape", "court": "DST-75-04",
        "subject": "Extortion at the registry", "text": "Протокол устного обращения: ...",
        "identity": "named", "full_name": "Марат Б.", "phone": "+7 701 200 20 20", "language": "ru",
    }  # fmt: skip
    unconfirmed = client.post(f"/office/reception/{booking.number}/protocol/", data,
                              HTTP_ACCEPT_LANGUAGE="en")  # fmt: skip
    assert "This field is required." in unconfirmed.content.decode()
    assert Appeal.objects.count() == 0
    done = client.post(
        f"/office/reception/{booking.number}/protocol/", {**data, "reporter_confirmed": "on"}
    )
    assert "coupon-number" in done.content.decode()
    # The receipt code in four groups, as the portal shows it, to be read out or copied.
    assert re.search(r'class="receipt-code">\d{4} \d{4} \d{4} \d{4}<', done.content.decode())
    booking.refresh_from_db()
    assert booking.appeal is not None and booking.status == BookingStatus.ATTENDED
    appeal = booking.appeal
    assert appeal.channel == "reception" and appeal.reporter_confirmed
    assert appeal.received_by == chief and appeal.case.unit == almaty


def test_another_units_chief_cannot_touch_the_booking(almaty, make_staff, login) -> None:
    from senim.intake.reception import reception_walk_in

    chief = make_staff(Role.CHIEF, "REG-75")
    booking = reception_walk_in(unit=almaty, name="A", phone="", topic="t", language="ru",
                                chief=chief)  # fmt: skip
    other = login(make_staff(Role.CHIEF, "REG-71"))
    assert other.get(f"/office/reception/{booking.number}/protocol/").status_code == 404
    assert other.post(f"/office/reception/{booking.number}/no_show/").status_code == 404


def test_operator_books_for_a_citizen(almaty, make_staff, login) -> None:
    start = timezone.localdate() + dt.timedelta(days=1)
    reception_slots_open(
        unit=almaty, first_day=start, last_day=start + dt.timedelta(days=6),
        times=[dt.time(10, 0)], minutes=30, capacity=3, location="Room 5",
    )  # fmt: skip
    slot = ReceptionSlot.objects.order_by("starts_at").first()
    client = login(make_staff(Role.OPERATOR))
    response = client.post(
        f"/office/reception/book/?unit={almaty.code}",
        {"unit": almaty.code, "slot": slot.pk, "name": "Ержан", "phone": "+7 705 500 50 50",
         "topic": "Complaint", "language": "kk"},
    )  # fmt: skip
    assert "booking-number" in response.content.decode()
    assert ReceptionBooking.objects.get().booked_by.staff.role == Role.OPERATOR


@time_machine.travel(TODAY, tick=False)
def test_the_chief_adds_a_walk_in_and_marks_a_no_show(almaty, make_staff, login) -> None:
    from senim.intake.reception import reception_book

    reception_slots_open(
        unit=almaty, first_day=dt.date(2026, 3, 19), last_day=dt.date(2026, 3, 19),
        times=[dt.time(15, 0)], minutes=30, capacity=1, location="Room 101",
    )  # fmt: skip
    booked, _code = reception_book(
        slot_id=ReceptionSlot.objects.get().pk, name="Айдос К.", phone="+7 701 300 30 30",
        topic="Lost case file", language="kk",
    )  # fmt: skip
    client = login(make_staff(Role.CHIEF, "REG-75"))
    # A walk-in without a topic is refused with a message, and nothing is added.
    refused = client.post(
        "/office/reception/walk-in/",
        {"name": "Сауле Т.", "topic": "", "language": "ru"},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "Give the visitor&#x27;s name and topic." in refused.content.decode()
    assert not ReceptionBooking.objects.filter(walk_in=True).exists()
    client.post(
        "/office/reception/walk-in/",
        {"name": "Сауле Т.", "phone": "", "topic": "Fees at the registry", "language": "ru"},
    )
    walk_in = ReceptionBooking.objects.get(walk_in=True)
    assert walk_in.status == BookingStatus.ATTENDED and walk_in.day == dt.date(2026, 3, 19)
    client.post(f"/office/reception/{booked.number}/no_show/")
    day = client.get(
        "/office/reception/?day=2026-03-19", HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    booked.refresh_from_db()
    assert booked.status == BookingStatus.NO_SHOW
    assert "Сауле Т." in day and "Айдос К." in day and "did not come" in day
    # No protocol for a meeting that did not take place, however complete the form.
    data = {
        "kind": "complaint", "category": "red_tape", "court": "DST-75-04",
        "subject": "Lost case file", "text": "Протокол устного обращения: ...",
        "identity": "named", "full_name": "Айдос К.", "phone": "+7 701 300 30 30", "language": "kk",
        "reporter_confirmed": "on",
    }  # fmt: skip
    refused = client.post(
        f"/office/reception/{booked.number}/protocol/", data, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "The citizen did not attend this meeting." in refused.content.decode()
    assert Appeal.objects.count() == 0


@time_machine.travel(TODAY, tick=False)
def test_a_booking_number_drawn_twice_is_drawn_again(almaty, monkeypatch) -> None:
    from senim.intake import reception
    from senim.intake.reception import reception_book

    reception_slots_open(
        unit=almaty, first_day=dt.date(2026, 3, 20), last_day=dt.date(2026, 3, 20),
        times=[dt.time(10, 0)], minutes=30, capacity=2, location="Room 101",
    )  # fmt: skip
    # The random part of the number comes out the same for both citizens, then differs.
    draws = iter(["R260320-424242", "R260320-424242", "R260320-777777"])
    monkeypatch.setattr(reception, "_booking_number", lambda day: next(draws))
    slot = ReceptionSlot.objects.get()
    first, _ = reception_book(
        slot_id=slot.pk, name="А.", phone="+7 701 100 00 01", topic="t", language="ru"
    )
    second, _ = reception_book(
        slot_id=slot.pk, name="Б.", phone="+7 701 100 00 02", topic="t", language="ru"
    )
    assert (first.number, second.number) == ("R260320-424242", "R260320-777777")
    assert ReceptionBooking.objects.count() == 2


@time_machine.travel(TODAY, tick=False)
@override_settings(SENIM_RECEPTION_BOOKINGS_PER_CLIENT=2)
def test_one_connection_cannot_take_every_place(almaty) -> None:
    reception_slots_open(
        unit=almaty, first_day=dt.date(2026, 3, 20), last_day=dt.date(2026, 3, 20),
        times=[dt.time(10, 0)], minutes=30, capacity=10, location="Room 101",
    )  # fmt: skip
    slot = ReceptionSlot.objects.get()
    client = Client()

    def book(name: str, address: str) -> Any:
        data = {"slot": slot.pk, "name": name, "phone": "+7 700 100 10 10", "topic": "A bribe",
                "language": "ru"}  # fmt: skip
        return client.post(
            f"/reception/{almaty.code}/", data, REMOTE_ADDR=address, HTTP_ACCEPT_LANGUAGE="en"
        )

    for n in range(2):
        assert 'class="booking-number"' in book(f"Citizen {n}", "192.0.2.10").content.decode()
    refused = book("Citizen 3", "192.0.2.10")
    assert refused.status_code == 429
    html = refused.content.decode()
    assert "Several bookings were made from this connection" in html
    assert 'value="Citizen 3"' in html  # what was typed is kept
    assert ReceptionBooking.objects.count() == 2
    # Another citizen, from another connection, still books.
    assert 'class="booking-number"' in book("Neighbour", "192.0.2.11").content.decode()


@time_machine.travel(TODAY, tick=False)
def test_the_booking_service_refuses_a_phone_nobody_can_dial(almaty, make_staff) -> None:
    from senim.core.errors import DomainError
    from senim.intake.reception import reception_book, reception_walk_in

    reception_slots_open(
        unit=almaty, first_day=dt.date(2026, 3, 20), last_day=dt.date(2026, 3, 20),
        times=[dt.time(10, 0)], minutes=30, capacity=2, location="Room 101",
    )  # fmt: skip
    slot = ReceptionSlot.objects.get()
    with pytest.raises(DomainError, match="Enter a phone number with its code"):
        reception_book(slot_id=slot.pk, name="А.", phone="+7 701", topic="t", language="ru")
    with pytest.raises(DomainError, match="Enter a phone number with its code"):
        reception_walk_in(
            unit=almaty,
            name="Б.",
            phone="call me",
            topic="t",
            language="ru",
            chief=make_staff(Role.CHIEF, "REG-75"),
        )
    assert ReceptionBooking.objects.count() == 0
