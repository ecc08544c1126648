"""The optional international timers: acknowledge within 7 days, feedback within 3 months of
it. Off by default; when on, shown on the case page and reminded by the sweep, by travelling
in time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import override_settings

from senim.cases.models import Case, Notification, Status
from senim.intake.models import MailboxMessage, MessageDirection
from senim.sweep import sweep

pytestmark = pytest.mark.django_db

ALMATY = ZoneInfo("Asia/Almaty")
REGISTERED = dt.datetime(2026, 3, 2, 10, 0, tzinfo=ALMATY)  # a Monday
ACK_DUE = dt.date(2026, 3, 9)
ASSESS = {
    "competence": "ours",
    "complete": "on",
    "relevant": "on",
    "priority": "normal",
    "category": "bribery",
    "retaliation_risk": "low",
    "decision": "open",
}


def _at(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, 0, tzinfo=ALMATY)


def _handled(name: str) -> int:
    return next(result.handled for result in sweep() if result.name == name)


def _notices(kind: str) -> list[tuple[Any, dt.date]]:
    return sorted(
        ((n.user.username, n.due_on) for n in Notification.objects.filter(kind=kind)),
        key=lambda row: row[0],
    )


@pytest.fixture
def received(make_case: Callable[..., Case]) -> Case:
    return make_case("DST-75-02", status=Status.RECEIVED, registered_at=REGISTERED)


def test_the_timers_are_off_unless_configured(
    received: Case, make_staff: Callable[..., Any], login: Callable[..., Any]
) -> None:
    chief = make_staff("chief", "REG-75")
    with time_machine.travel(_at(dt.date(2026, 3, 20)), tick=False):
        assert _handled("international_timers_remind") == 0
        page = login(chief).get(f"/office/cases/{received.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    assert "Acknowledgement (7 days)" not in page.content.decode()
    assert not Notification.objects.exists()


@override_settings(SENIM_INTERNATIONAL_TIMERS=True)
def test_acknowledgement_is_reminded_then_met_by_the_assessment(
    received: Case, make_staff: Callable[..., Any], login: Callable[..., Any]
) -> None:
    chief = make_staff("chief", "REG-75", username="chief-75")
    make_staff("chief", "REG-71", username="chief-71")  # another unit hears nothing
    with time_machine.travel(_at(dt.date(2026, 3, 6)), tick=False):  # 3 days before: quiet
        assert _handled("international_timers_remind") == 0
    with time_machine.travel(_at(dt.date(2026, 3, 7)), tick=False):  # 2 days before
        assert _handled("international_timers_remind") == 1
        assert _handled("international_timers_remind") == 0  # idempotent
        office = login(chief)
        html = office.get(f"/office/cases/{received.pk}/", HTTP_ACCEPT_LANGUAGE="en").content
        assert "Acknowledgement (7 days)" in html.decode() and "by March 9, 2026" in html.decode()
    assert _notices(Notification.Kind.ACKNOWLEDGE_DUE) == [("chief-75", ACK_DUE)]
    with time_machine.travel(_at(dt.date(2026, 3, 10)), tick=False):  # a day late: missed
        office = login(chief)
        page = office.get(f"/office/cases/{received.pk}/", HTTP_ACCEPT_LANGUAGE="en")
        assert "missed" in page.content.decode()
        office.post(f"/office/cases/{received.pk}/do/start/")
        office.post(f"/office/cases/{received.pk}/do/assess/", ASSESS)
        page = office.get(f"/office/cases/{received.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert "met late, on March 10, 2026" in html
    # Feedback: 3 months from the acknowledgement on 10 March.
    assert "Feedback to the reporter (3 months)" in html and "by June 10, 2026" in html


@override_settings(SENIM_INTERNATIONAL_TIMERS=True)
def test_feedback_owed_is_reminded_until_the_reporter_hears(
    make_case: Callable[..., Case], make_staff: Callable[..., Any], login: Callable[..., Any]
) -> None:
    chief = make_staff("chief", "REG-75", username="chief-75")
    investigator = make_staff("investigator", "REG-75", username="inv-75")
    case = make_case(
        "DST-75-02", assignee=investigator, status=Status.ASSESSMENT, registered_at=REGISTERED
    )
    with time_machine.travel(_at(dt.date(2026, 3, 3)), tick=False):
        login(chief).post(f"/office/cases/{case.pk}/do/assess/", ASSESS)
    feedback_due = dt.date(2026, 6, 3)  # assessed (acknowledged) on 3 March
    with time_machine.travel(_at(dt.date(2026, 5, 19)), tick=False):  # 15 days before: quiet
        assert _handled("international_timers_remind") == 0
    with time_machine.travel(_at(dt.date(2026, 5, 20)), tick=False):  # 14 days before
        assert _handled("international_timers_remind") == 1
    assert _notices(Notification.Kind.FEEDBACK_DUE) == [("inv-75", feedback_due)]
    MailboxMessage.objects.create(
        appeal=case.appeal,
        direction=MessageDirection.TO_REPORTER,
        channel="portal",
        body="Your report is being checked.",
        created_at=_at(dt.date(2026, 5, 21)),
    )
    with time_machine.travel(_at(dt.date(2026, 6, 5)), tick=False):
        Notification.objects.all().delete()
        assert _handled("international_timers_remind") == 0  # the reporter has heard
        page = login(investigator).get(f"/office/cases/{case.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    assert "met on May 21, 2026" in page.content.decode()
