"""What a portal submission costs in statements, and the calendar kept per process (issue 18)."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from senim.cases.models import Case
from senim.core import calendar as working_calendar
from senim.core.models import CalendarDay
from tests.intake_helpers import coupon_of, report_data

pytestmark = pytest.mark.django_db

# Measured on SQLite and PostgreSQL (27-29 with the test database's savepoints): the throttle's
# cache entry, the court, the routing, the rows written, the number and the audit head, triage.
MAX_STATEMENTS = 30


def _submit(client: Client) -> Case:
    response = client.post("/report/", report_data(), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    number, _code = coupon_of(response.content.decode())
    return Case.objects.get(appeal__number=number)


def test_a_submission_stays_within_its_statements_and_does_not_read_the_calendar(
    registry,
) -> None:
    client = Client()
    _submit(client)  # the first one reads the calendar and the courts into this process
    with CaptureQueriesContext(connection) as queries:
        _submit(client)
    statements = [q["sql"] for q in queries.captured_queries]
    assert len(statements) <= MAX_STATEMENTS, "\n".join(statements)
    assert not [s for s in statements if "core_calendarday" in s]


def test_a_calendar_change_elsewhere_is_seen_by_the_next_registration(registry) -> None:
    client = Client()
    # 2026-12-07 is a Monday; with no transfers, the calendar kept here is read once.
    before = working_calendar.calendar()
    assert working_calendar.calendar() is before
    # Another host changes the transfers (its own process's transfer_set): the rows and the
    # shared version move, this process's kept calendar does not know.
    CalendarDay.objects.create(day=dt.date(2026, 12, 8), working=False, note="Decree")
    assert working_calendar.calendar() is before  # the version has not moved yet
    cache.set(working_calendar.CALENDAR_VERSION_KEY, uuid.uuid4().hex, None)
    after = working_calendar.calendar()
    assert after is not before and not after.is_working_day(dt.date(2026, 12, 8))
    case = _submit(client)
    assert case.due_on == after.add_working_days(case.appeal.registered_at.date(), 15)


def test_a_lost_version_reads_the_calendar_again(registry) -> None:
    kept = working_calendar.calendar()
    cache.delete(working_calendar.CALENDAR_VERSION_KEY)  # cleared or culled
    assert working_calendar.calendar() is not kept
