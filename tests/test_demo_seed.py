"""Demo data: reproducible, idempotent, in three languages, with every promised account."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client, override_settings

from senim.cases.models import Case, Status
from senim.demo.models import SeedState
from senim.demo.seed import UNIT_SLUGS, demo_accounts_table, seed
from senim.intake.models import Appeal
from senim.organization.models import HeadCount, Role, StaffMember, Unit
from senim.organization.services import registry_load

pytestmark = pytest.mark.django_db


def _snapshot() -> list[tuple[str, str, str, str, str]]:
    return list(
        Appeal.objects.order_by("number").values_list(
            "number", "channel", "court__code", "language", "subject"
        )
    )


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    # 47 demo accounts hashed with Argon2 per test is most of this module's time; the hasher
    # itself is tested in test_auth.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def seeded(db):
    registry_load()
    assert seed(cases=120, demo_accounts=True) == 120
    return _snapshot()


def test_seeding_twice_adds_nothing(seeded) -> None:
    assert seed(cases=120, demo_accounts=True) == 0
    assert _snapshot() == seeded
    assert Case.objects.count() == 120


def test_seeding_is_reproducible(seeded) -> None:
    from senim.cases.models import ProtectedPerson

    ProtectedPerson.objects.all().delete()  # protects its case from deletion
    Case.objects.all().delete()
    Appeal.objects.all().delete()
    SeedState.objects.all().delete()
    from senim.intake.models import RegistrationCounter

    RegistrationCounter.objects.all().delete()
    seed(cases=120, demo_accounts=True)
    assert _snapshot() == seeded


def test_activity_spans_two_years_channels_languages_and_outcomes(seeded) -> None:
    appeals = Appeal.objects.all()
    dates = sorted(appeals.values_list("registered_at", flat=True))
    assert (dates[-1] - dates[0]).days > 700
    assert set(appeals.values_list("language", flat=True)) == {"kk", "ru", "en"}
    assert len(set(appeals.values_list("channel", flat=True))) >= 4
    assert len(set(appeals.values_list("category", flat=True))) >= 6
    closed = Case.objects.filter(status=Status.CLOSED)
    assert len(set(closed.values_list("outcome", flat=True))) >= 4
    assert Case.objects.exclude(status__in=[Status.CLOSED, Status.CONCLUDED]).exists()
    assert HeadCount.objects.exists()


def test_every_demo_account_exists_with_its_role(seeded) -> None:
    users = get_user_model().objects
    for login, role in [
        ("admin", Role.ADMINISTRATOR),
        ("central", Role.COORDINATOR),
        ("analyst", Role.ANALYST),
        ("auditor", Role.AUDITOR),
        ("operator", Role.OPERATOR),
        ("custodian", Role.CUSTODIAN),
    ]:
        assert users.get(username=login).staff.role == role
    almaty = Unit.objects.get(court__code="REG-75")
    assert users.get(username="chief-almaty").staff.unit == almaty
    assert users.get(username="investigator-almaty").staff.role == Role.INVESTIGATOR
    for unit in Unit.objects.filter(kind=Unit.Kind.TERRITORIAL):
        roles = set(StaffMember.objects.filter(unit=unit).values_list("role", flat=True))
        assert {Role.CHIEF, Role.INVESTIGATOR} <= roles, unit.code
    assert len(demo_accounts_table()) == 6 + 2 * len(UNIT_SLUGS)


@override_settings(SENIM_DEMO_PASSWORD="senim-demo")
def test_demo_logins_work_with_the_demo_password(seeded) -> None:
    client = Client()
    response = client.post("/office/login/", {"username": "chief-almaty", "password": "senim-demo"})
    assert response.status_code == 302
    home = client.get("/office/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Almaty City Court" in home


def test_the_custodian_has_requests_to_decide(seeded) -> None:
    from senim.cases.models import RevealRequest

    waiting = RevealRequest.objects.filter(state=RevealRequest.State.PENDING)
    assert waiting.count() >= 1
    assert all(r.requester.is_demo and len(r.reason) >= 10 for r in waiting)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    assert client.login(username="custodian", password="senim-demo")
    page = client.get("/office/reveals/").content.decode()
    assert all(r.case.appeal.number in page for r in waiting)
