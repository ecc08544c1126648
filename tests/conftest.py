"""Shared fixtures: the real court registry, staff in real units, cases built through the ORM."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from senim.cases.models import Case, Status
from senim.core import page_cache
from senim.intake.models import Appeal, Channel
from senim.intake.registration import registration_number_next
from senim.organization.models import Court, Role, Unit
from senim.organization.selectors import unit_for_court
from senim.organization.services import registry_load, staff_create

PASSWORD = "correct horse battery staple"
_counter = itertools.count()


_DATABASE_FIXTURES = frozenset({"db", "transactional_db", "live_server"})


@pytest.fixture(autouse=True)
def fresh_cache(request: Any, django_db_setup: Any, django_db_blocker: Any) -> None:
    """Each test that uses the database starts with an empty cache. The cache is a database
    table that neither a rolled-back test nor a transactional test's flush empties, so
    throttle counts (bookings, receipt-code attempts) would carry over from test to test.
    (A test without the database is left alone: a connection opened for it would outlive it
    and block the test database's removal.)"""
    page_cache.clear()  # pages rendered once per process (issue 18) are built from the database
    uses_database = request.node.get_closest_marker("django_db") is not None
    if uses_database or _DATABASE_FIXTURES & set(request.fixturenames):
        with django_db_blocker.unblock():
            cache.clear()


@pytest.fixture
def registry(db: Any) -> None:
    registry_load()


@pytest.fixture
def unit(registry: None) -> Callable[[str], Unit]:
    """A unit by the code of its court: unit("REG-75") is Almaty City's, unit("SC") central."""

    def get(court_code: str) -> Unit:
        return Unit.objects.get(court__code=court_code)

    return get


@pytest.fixture
def make_staff(registry: None) -> Callable[..., Any]:
    def make(role: str, court_code: str = "SC", username: str | None = None) -> Any:
        name = username or f"{role}-{next(_counter)}"
        return staff_create(
            username=name,
            unit=Unit.objects.get(court__code=court_code),
            role=role,
            password=PASSWORD,
            first_name=name.title(),
        )

    return make


@pytest.fixture
def make_case(registry: None) -> Callable[..., Case]:
    def make(
        court_code: str = "DST-75-02",
        *,
        assignee: Any = None,
        status: str = Status.INVESTIGATION,
        registered_at: dt.datetime | None = None,
        subject: str = "Secretary asked for money",
    ) -> Case:
        court = Court.objects.get(code=court_code)
        at = registered_at or timezone.now()
        appeal = Appeal.objects.create(
            number=registration_number_next(at=at),
            registered_at=at,
            channel=Channel.PORTAL,
            kind="violation",
            category="bribery",
            language="ru",
            court=court,
            subject=subject,
            text="Подробности.",
        )
        outcome = "substantiated" if status in (Status.CONCLUDED, Status.CLOSED) else ""
        return Case.objects.create(
            appeal=appeal,
            unit=unit_for_court(court),
            status=status,
            assignee=assignee,
            outcome=outcome,
        )

    return make


@pytest.fixture
def login() -> Callable[[Any], Client]:
    def do(user: Any) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return do


ROLES_CENTRAL = [Role.COORDINATOR, Role.ANALYST, Role.AUDITOR, Role.ADMINISTRATOR]
