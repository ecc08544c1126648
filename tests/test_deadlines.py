"""Deadlines across holidays, transfers and month ends: the working-day calendar (property
tests), the statutory 15 working days, administrators' transfers, extensions and states."""

from __future__ import annotations

import calendar as month_calendar
import datetime as dt
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from hypothesis import given, settings
from hypothesis import strategies as st

from senim.cases.deadlines import deadline_state
from senim.cases.models import Case, Extension, Status
from senim.cases.services import consideration_due
from senim.core.calendar import WorkingCalendar, add_months
from senim.core.models import AuditEvent, CalendarDay
from senim.intake.models import Appeal, MailboxMessage, MessageDirection
from tests.intake_helpers import coupon_of, report_data

ALMATY = ZoneInfo("Asia/Almaty")
PLAIN = WorkingCalendar()
PROPERTY = settings(max_examples=200, deadline=None)

starts = st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2030, 12, 31))
counts = st.integers(min_value=0, max_value=60)


def at_almaty(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=ALMATY)


@st.composite
def calendars_and_starts(draw: st.DrawFn) -> tuple[WorkingCalendar, dt.date]:
    """A start date and a calendar with transfers near it: Saturdays and Sundays made working,
    weekdays (holidays or not) made days off, as the government's yearly decrees do."""
    start = draw(starts)
    offsets = draw(st.lists(st.integers(min_value=-7, max_value=120), max_size=12, unique=True))
    overrides: dict[dt.date, bool] = {}
    for offset in offsets:
        day = start + dt.timedelta(days=offset)
        if day.weekday() < 5 and PLAIN.is_working_day(day):
            overrides[day] = False  # a weekday made a day off
        elif day.weekday() >= 5:
            overrides[day] = True  # a Saturday or Sunday made a working day
        else:
            overrides[day] = draw(st.booleans())  # a holiday kept or worked
    return WorkingCalendar(overrides), start


# --- the calendar itself: pure, no database -------------------------------------------------


def _check_add_working_days(cal: WorkingCalendar, start: dt.date, n: int) -> None:
    result = cal.add_working_days(start, n)
    assert cal.is_working_day(result)
    assert result >= start
    assert cal.working_days_between(cal.next_working_day(start), result) == n
    # Every day in between that counts is a working day; the count is exactly n.
    counted = list(cal.working_days(cal.next_working_day(start), result))
    assert len(counted) == n + 1
    assert counted[0] == cal.next_working_day(start) and counted[-1] == result


@PROPERTY
@given(start=starts, n=counts)
def test_adding_working_days_lands_on_a_working_day_n_days_on(start: dt.date, n: int) -> None:
    _check_add_working_days(PLAIN, start, n)


@PROPERTY
@given(start=starts, n=st.integers(min_value=0, max_value=59))
def test_adding_working_days_is_strictly_monotonic(start: dt.date, n: int) -> None:
    assert PLAIN.add_working_days(start, n) < PLAIN.add_working_days(start, n + 1)


@PROPERTY
@given(start=starts, n=counts)
def test_a_non_working_start_counts_from_the_next_working_day(start: dt.date, n: int) -> None:
    first = PLAIN.next_working_day(start)
    assert PLAIN.is_working_day(first)
    assert all(not PLAIN.is_working_day(d) for d in _days(start, first - dt.timedelta(days=1)))
    assert PLAIN.add_working_days(start, n) == PLAIN.add_working_days(first, n)
    if not PLAIN.is_working_day(start):
        assert PLAIN.add_working_days(start, 0) > start


@PROPERTY
@given(setup=calendars_and_starts(), n=counts)
def test_the_properties_hold_under_transfers(
    setup: tuple[WorkingCalendar, dt.date], n: int
) -> None:
    cal, start = setup
    _check_add_working_days(cal, start, n)
    assert cal.add_working_days(start, n) < cal.add_working_days(start, n + 1)
    assert cal.add_working_days(start, n) == cal.add_working_days(cal.next_working_day(start), n)
    for day, working in cal.overrides.items():
        assert cal.is_working_day(day) is working  # an administrator's entry wins


@PROPERTY
@given(start=starts, n=counts)
def test_working_days_between_is_antisymmetric(start: dt.date, n: int) -> None:
    end = start + dt.timedelta(days=n)
    assert PLAIN.working_days_between(start, end) == -PLAIN.working_days_between(end, start)
    assert PLAIN.working_days_between(start, start) == 0


def _days(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]


KAZAKH_HOLIDAYS = [(1, 1), (1, 2), (1, 7), (3, 8), (3, 21), (3, 22), (3, 23), (5, 1), (5, 7),
                   (5, 9), (7, 6), (10, 25), (12, 16)]  # fmt: skip


@pytest.mark.parametrize("year", range(2022, 2031))
def test_kazakhstan_public_holidays_are_not_working_days(year: int) -> None:
    for month, day in KAZAKH_HOLIDAYS:
        assert not PLAIN.is_working_day(dt.date(year, month, day)), f"{day}.{month}.{year}"


def test_ordinary_weekdays_are_working_days_and_weekends_are_not() -> None:
    assert PLAIN.is_working_day(dt.date(2026, 4, 14))  # a Tuesday
    assert not PLAIN.is_working_day(dt.date(2026, 4, 11))  # a Saturday
    assert not PLAIN.is_working_day(dt.date(2026, 4, 12))  # a Sunday
    # Holidays falling on a weekend move to the next Monday (Nauryz 2026: 21 March a Saturday).
    assert not PLAIN.is_working_day(dt.date(2026, 3, 24))
    assert not PLAIN.is_working_day(dt.date(2026, 3, 25))
    assert PLAIN.is_working_day(dt.date(2026, 3, 26))


# --- the statutory 15 working days from registration --------------------------------------


@pytest.mark.django_db
def test_an_appeal_on_a_friday_is_due_fifteen_working_days_later_across_nauryz() -> None:
    # Fri 20 March 2026; Nauryz 21-23 March with 24-25 March observed: days 1.. are 26, 27,
    # 30, 31 March, 1, 2, 3, 6, 7, 8, 9, 10, 13, 14, 15 April.
    assert consideration_due(at_almaty(2026, 3, 20)) == dt.date(2026, 4, 15)


@pytest.mark.django_db
def test_an_appeal_on_a_saturday_holiday_counts_from_the_next_working_day() -> None:
    # Sat 21 March 2026 (also Nauryz): counting starts on Thu 26 March, so one day later.
    assert consideration_due(at_almaty(2026, 3, 21)) == dt.date(2026, 4, 16)


@pytest.mark.django_db
def test_the_registration_day_is_the_day_in_almaty_not_in_utc() -> None:
    # 00:30 on Saturday in Almaty is still Friday 19:30 in UTC: Almaty's calendar decides.
    just_after_midnight = at_almaty(2026, 3, 21, 0, 30)
    assert just_after_midnight.astimezone(dt.UTC).date() == dt.date(2026, 3, 20)
    assert consideration_due(just_after_midnight) == dt.date(2026, 4, 16)
    assert consideration_due(at_almaty(2026, 3, 20, 23, 59)) == dt.date(2026, 4, 15)


@pytest.mark.django_db
def test_an_appeal_on_independence_day_crosses_the_new_year_holidays() -> None:
    # Tue 16 December 2025 is a holiday: counting starts on 17 December; 1-2 January and
    # 7 January 2026 and the weekends are skipped: the 15th working day is Mon 12 January.
    assert consideration_due(at_almaty(2025, 12, 16)) == dt.date(2026, 1, 12)


# --- transfers entered by an administrator ----------------------------------------------------

# Thursday 2 April 2026 in Almaty: 15 working days later is Thursday 23 April.
REGISTRATION_DAY = at_almaty(2026, 4, 2)


def _register_on_the_portal() -> Case:
    response = Client().post("/report/", report_data(), HTTP_ACCEPT_LANGUAGE="en")
    number, _code = coupon_of(response.content.decode())
    return Appeal.objects.get(number=number).case


@time_machine.travel(REGISTRATION_DAY, tick=False)
def test_an_administrators_transfer_moves_the_due_date_of_new_registrations(
    make_staff: Callable[..., Any], login: Callable[[Any], Client]
) -> None:
    admin = login(make_staff("administrator"))
    assert _register_on_the_portal().due_on == dt.date(2026, 4, 23)

    # Saturday 11 April made a working day: one working day more, due a day earlier.
    response = admin.post(
        "/office/calendar/", {"day": "2026-04-11", "kind": "working", "note": "Decree No. 1"}
    )
    assert response.status_code == 302
    assert CalendarDay.objects.get(day=dt.date(2026, 4, 11)).working is True
    assert _register_on_the_portal().due_on == dt.date(2026, 4, 22)

    # Wednesday 8 April made a day off instead: due a day later than without transfers.
    admin.post("/office/calendar/", {"day": "2026-04-11", "kind": "remove", "note": ""})
    admin.post("/office/calendar/", {"day": "2026-04-08", "kind": "day_off", "note": "Decree"})
    assert _register_on_the_portal().due_on == dt.date(2026, 4, 24)

    # Removing it restores the plain calendar.
    admin.post("/office/calendar/", {"day": "2026-04-08", "kind": "remove", "note": ""})
    assert not CalendarDay.objects.exists()
    assert _register_on_the_portal().due_on == dt.date(2026, 4, 23)
    assert AuditEvent.objects.filter(action="calendar.changed").count() == 4

    page = admin.get("/office/calendar/?year=2026", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200


@pytest.mark.parametrize("role", ["chief", "coordinator", "investigator", "auditor", "analyst"])
def test_only_an_administrator_may_change_the_calendar(
    role: str, make_staff: Callable[..., Any], login: Callable[[Any], Client]
) -> None:
    client = login(make_staff(role, "REG-75" if role in ("chief", "investigator") else "SC"))
    response = client.post("/office/calendar/", {"day": "2026-04-11", "kind": "working"})
    assert response.status_code == 403
    assert client.get("/office/calendar/").status_code == 403
    assert not CalendarDay.objects.exists()


# --- month arithmetic for the two-month cap -------------------------------------------------


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (dt.date(2027, 1, 31), 1, dt.date(2027, 2, 28)),
        (dt.date(2028, 1, 31), 1, dt.date(2028, 2, 29)),
        (dt.date(2026, 3, 31), 2, dt.date(2026, 5, 31)),
        (dt.date(2026, 12, 30), 2, dt.date(2027, 2, 28)),
        (dt.date(2027, 12, 30), 2, dt.date(2028, 2, 29)),
        (dt.date(2026, 11, 15), 2, dt.date(2027, 1, 15)),
        (dt.date(2026, 8, 31), 1, dt.date(2026, 9, 30)),
    ],
)
def test_add_months_clips_to_the_months_end(day: dt.date, months: int, expected: dt.date) -> None:
    assert add_months(day, months) == expected


@PROPERTY
@given(day=starts, months=st.integers(min_value=0, max_value=36))
def test_add_months_keeps_the_day_or_clips_it(day: dt.date, months: int) -> None:
    result = add_months(day, months)
    assert (result.year * 12 + result.month) - (day.year * 12 + day.month) == months
    assert result.day <= day.day
    last = month_calendar.monthrange(result.year, result.month)[1]
    assert result.day == min(day.day, last)
    assert result >= day


# --- extensions through the case page -------------------------------------------------------

# Monday 6 April 2026 in Almaty; the case is due on Monday 20 April.
EXTENSION_DAY = at_almaty(2026, 4, 6)
DUE = dt.date(2026, 4, 20)
REASON = "Witnesses at the court are on leave until May."


@pytest.fixture
def open_case(make_case: Callable[..., Case], make_staff: Callable[..., Any]) -> Case:
    investigator = make_staff("investigator", "REG-75")
    case = make_case("DST-75-02", status=Status.INVESTIGATION, assignee=investigator)
    case.due_on = case.original_due_on = DUE
    case.save(update_fields=["due_on", "original_due_on"])
    return case


def _extend(client: Client, case: Case, new_due_on: dt.date | str, reason: str = REASON) -> str:
    day = new_due_on.isoformat() if isinstance(new_due_on, dt.date) else new_due_on
    response = client.post(
        f"/office/cases/{case.pk}/do/extend/",
        {"new_due_on": day, "reason": reason},
        HTTP_ACCEPT_LANGUAGE="en",
        follow=True,
    )
    assert response.status_code == 200
    return response.content.decode()


def _reporter_messages(case: Case) -> list[MailboxMessage]:
    return list(
        MailboxMessage.objects.filter(appeal=case.appeal, direction=MessageDirection.TO_REPORTER)
    )


@time_machine.travel(EXTENSION_DAY, tick=False)
def test_a_chief_extends_the_deadline_and_the_reporter_is_told(
    open_case: Case, make_staff: Callable[..., Any], login: Callable[[Any], Client]
) -> None:
    chief = make_staff("chief", "REG-75")
    html = _extend(login(chief), open_case, dt.date(2026, 5, 20))
    assert "Saved." in html

    open_case.refresh_from_db()
    assert open_case.due_on == dt.date(2026, 5, 20)
    assert open_case.original_due_on == DUE  # the cap is still counted from here
    extension = Extension.objects.get(case=open_case)
    assert extension.decided_by == chief
    assert extension.previous_due_on == DUE
    assert extension.new_due_on == dt.date(2026, 5, 20)
    assert extension.reason == REASON
    assert extension.notify_due_on == dt.date(2026, 4, 9)  # Mon + 3 working days = Thu
    assert extension.notified_at is not None

    [message] = _reporter_messages(open_case)
    assert "20.05.2026" in message.body
    assert REASON in message.body
    assert message.author == chief
    assert AuditEvent.objects.filter(
        action="case.extended", object_id=open_case.appeal.number
    ).exists()


def _assert_nothing_changed(case: Case) -> None:
    case.refresh_from_db()
    assert case.due_on == DUE
    assert not Extension.objects.filter(case=case).exists()
    assert _reporter_messages(case) == []


@time_machine.travel(EXTENSION_DAY, tick=False)
@pytest.mark.parametrize(
    ("new_due_on", "reason", "refusal"),
    [
        (dt.date(2026, 5, 20), "Need more time.", "at least 20 characters"),
        (dt.date(2026, 5, 20), "                         x", "at least 20 characters"),
        (DUE, REASON, "must be later than the current one"),
        (dt.date(2026, 4, 17), REASON, "must be later than the current one"),
        (dt.date(2026, 6, 21), REASON, "until 20.06.2026"),
        (dt.date(2027, 1, 1), REASON, "until 20.06.2026"),
    ],
)
def test_a_bad_extension_is_refused_clearly_and_changes_nothing(
    new_due_on: dt.date,
    reason: str,
    refusal: str,
    open_case: Case,
    make_staff: Callable[..., Any],
    login: Callable[[Any], Client],
) -> None:
    html = _extend(login(make_staff("chief", "REG-75")), open_case, new_due_on, reason)
    assert refusal in html
    _assert_nothing_changed(open_case)


@time_machine.travel(EXTENSION_DAY, tick=False)
def test_two_extensions_together_stay_within_two_months_of_the_original_date(
    open_case: Case, make_staff: Callable[..., Any], login: Callable[[Any], Client]
) -> None:
    chief = login(make_staff("chief", "REG-75"))
    assert "Saved." in _extend(chief, open_case, dt.date(2026, 5, 20))  # + 1 month
    refused = _extend(chief, open_case, dt.date(2026, 6, 21))  # + 2 months + 1 day
    assert "until 20.06.2026" in refused
    open_case.refresh_from_db()
    assert open_case.due_on == dt.date(2026, 5, 20)
    assert Extension.objects.filter(case=open_case).count() == 1

    assert "Saved." in _extend(chief, open_case, dt.date(2026, 6, 20))  # exactly + 2 months
    open_case.refresh_from_db()
    assert open_case.due_on == dt.date(2026, 6, 20)
    assert [e.new_due_on for e in Extension.objects.filter(case=open_case)] == [
        dt.date(2026, 5, 20),
        dt.date(2026, 6, 20),
    ]
    assert len(_reporter_messages(open_case)) == 2


@time_machine.travel(EXTENSION_DAY, tick=False)
def test_an_investigator_cannot_extend_a_deadline(
    open_case: Case, login: Callable[[Any], Client]
) -> None:
    # The form is not on an investigator's page; a hand-made request is refused all the same.
    html = _extend(login(open_case.assignee), open_case, dt.date(2026, 5, 20))
    assert "Saved." not in html
    _assert_nothing_changed(open_case)


@time_machine.travel(EXTENSION_DAY, tick=False)
def test_a_chief_of_another_unit_does_not_even_see_the_case(
    open_case: Case, make_staff: Callable[..., Any], login: Callable[[Any], Client]
) -> None:
    stranger = login(make_staff("chief", "REG-71"))
    response = stranger.post(
        f"/office/cases/{open_case.pk}/do/extend/",
        {"new_due_on": "2026-05-20", "reason": REASON},
    )
    assert response.status_code == 404
    _assert_nothing_changed(open_case)


def _concluded_case(make_case: Callable[..., Case], status: str) -> Case:
    case = make_case("DST-75-02", status=status)
    case.due_on = case.original_due_on = DUE
    case.save(update_fields=["due_on", "original_due_on"])
    return case


@time_machine.travel(EXTENSION_DAY, tick=False)
@pytest.mark.parametrize("status", [Status.CONCLUDED, Status.CLOSED])
def test_a_concluded_case_cannot_be_extended(
    status: str,
    make_case: Callable[..., Case],
    make_staff: Callable[..., Any],
    login: Callable[[Any], Client],
) -> None:
    case = _concluded_case(make_case, status)
    html = _extend(login(make_staff("chief", "REG-75")), case, dt.date(2026, 5, 20))
    assert "Saved." not in html
    _assert_nothing_changed(case)


@time_machine.travel(EXTENSION_DAY, tick=False)
def test_a_refused_extension_of_a_concluded_case_says_why(
    make_case: Callable[..., Case],
    make_staff: Callable[..., Any],
    login: Callable[[Any], Client],
) -> None:
    # The chief opened the page while the case was open; meanwhile it was concluded.
    case = _concluded_case(make_case, Status.CONCLUDED)
    html = _extend(login(make_staff("chief", "REG-75")), case, dt.date(2026, 5, 20))
    # The extend form is not on a concluded case's page: the reason is shown at the top.
    assert "Only an open case&#x27;s deadline can be extended." in html, (
        "the reason for the refusal is not shown anywhere on the page"
    )


# --- the state shown on the case page and in the queue --------------------------------------


def _state(
    status: str, due_on: dt.date | None, today: dt.date, cal: WorkingCalendar = PLAIN
) -> str:
    return deadline_state(Case(status=status, due_on=due_on), today, cal)


def test_deadline_states_across_a_weekend() -> None:
    thursday = dt.date(2026, 4, 9)
    investigation = Status.INVESTIGATION
    assert _state(investigation, dt.date(2026, 4, 8), thursday) == "overdue"
    assert _state(investigation, thursday, thursday) == "due_soon"  # due today
    # Fri 10, Mon 13, Tue 14: three working days across the weekend.
    assert _state(investigation, dt.date(2026, 4, 14), thursday) == "due_soon"
    assert _state(investigation, dt.date(2026, 4, 15), thursday) == "on_time"
    # Saturday 11 April made a working day: Tuesday is four working days off.
    transfer = WorkingCalendar({dt.date(2026, 4, 11): True})
    assert _state(investigation, dt.date(2026, 4, 14), thursday, transfer) == "on_time"
    # Across Nauryz (21-25 March 2026): Friday 20 March to Friday 27 March is two days.
    assert _state(investigation, dt.date(2026, 3, 27), dt.date(2026, 3, 20)) == "due_soon"


@pytest.mark.parametrize("status", [Status.CONCLUDED, Status.CLOSED])
def test_a_concluded_case_is_done_even_past_its_date(status: str) -> None:
    assert _state(status, dt.date(2026, 1, 1), dt.date(2026, 4, 9)) == "done"


def test_a_case_without_a_due_date_is_done() -> None:
    assert _state(Status.RECEIVED, None, dt.date(2026, 4, 9)) == "done"


@time_machine.travel(at_almaty(2026, 4, 9), tick=False)
@pytest.mark.parametrize(
    ("due_on", "badge"),
    [
        (dt.date(2026, 4, 8), '<span class="badge badge-bad">overdue</span>'),
        (dt.date(2026, 4, 14), '<span class="badge badge-warn">due soon</span>'),
        (dt.date(2026, 4, 15), None),
    ],
)
def test_the_case_page_shows_the_deadline_state(
    due_on: dt.date,
    badge: str | None,
    open_case: Case,
    make_staff: Callable[..., Any],
    login: Callable[[Any], Client],
) -> None:
    chief = login(make_staff("chief", "REG-75"))
    open_case.due_on = due_on
    open_case.save(update_fields=["due_on"])
    html = chief.get(f"/office/cases/{open_case.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    if badge is None:
        assert 'class="badge badge-bad"' not in html and 'class="badge badge-warn"' not in html
    else:
        assert badge in html
