"""No N+1: the queue, the home page and the case page run the same number of queries
whatever the amount of data."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from senim.cases.models import Note
from senim.intake.models import MailboxMessage, PersonConcerned
from senim.organization.models import Role

pytestmark = pytest.mark.django_db


def _queries(client, url: str) -> int:
    # An unmeasured request first: an active session is written at most once a minute
    # (senim.core.middleware.session_idle_refresh), and that write is not the page's.
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def _fill(make_case, user, count: int) -> list[Any]:
    cases = []
    for i in range(count):
        case = make_case("DST-75-02" if i % 2 else "DST-75-03", assignee=user)
        PersonConcerned.objects.create(appeal=case.appeal, name=f"Person {i}", position="clerk")
        Note.objects.create(case=case, author=user, body=f"note {i}", created_at=case.created_at)
        MailboxMessage.objects.create(
            appeal=case.appeal,
            direction="in",
            channel="portal",
            body=f"message {i}",
            created_at=case.created_at,
        )
        case.collaborators.add(user)
        cases.append(case)
    return cases


@pytest.mark.parametrize(
    "url", ["/office/", "/office/cases/", "/office/cases/?deadline=overdue&sort=due"]
)
def test_lists_run_a_bounded_number_of_queries(make_staff, make_case, login, url) -> None:
    chief = make_staff(Role.CHIEF, "REG-75")
    client = login(chief)
    _fill(make_case, chief, 3)
    few = _queries(client, url)
    _fill(make_case, chief, 30)
    many = _queries(client, url)
    assert many == few, f"{url}: {few} queries with 3 cases, {many} with 33"
    assert many <= 25


def test_the_case_page_runs_a_bounded_number_of_queries(make_staff, make_case, login) -> None:
    chief = make_staff(Role.CHIEF, "REG-75")
    client = login(chief)
    small = _fill(make_case, chief, 1)[0]
    few = _queries(client, f"/office/cases/{small.pk}/")
    big = _fill(make_case, chief, 1)[0]
    for i in range(25):
        Note.objects.create(case=big, author=chief, body=f"more {i}", created_at=big.created_at)
        MailboxMessage.objects.create(
            appeal=big.appeal,
            direction="out",
            channel="portal",
            body=f"more {i}",
            created_at=big.created_at,
        )
        PersonConcerned.objects.create(appeal=big.appeal, name=f"Extra {i}")
    many = _queries(client, f"/office/cases/{big.pk}/")
    assert many == few, f"case page: {few} queries for a small case, {many} for a big one"
    assert many <= 45
