"""The one transition table: every move, allowed and refused, by role; through HTTP too."""

from __future__ import annotations

import itertools

import pytest
from django.utils import translation

from senim.cases import lifecycle
from senim.cases.models import Case, Status
from senim.core.errors import DomainError, PermissionDenied
from senim.core.models import AuditEvent
from senim.organization.models import Role
from senim.organization.policy import roles_with

pytestmark = pytest.mark.django_db

STATUSES = [s.value for s in Status]
ROLES = [Role.CHIEF, Role.COORDINATOR, Role.INVESTIGATOR]
EXPECTED = {
    ("received", "assessment"): {Role.CHIEF, Role.COORDINATOR, Role.INVESTIGATOR},
    ("assessment", "investigation"): {Role.CHIEF, Role.COORDINATOR},
    ("assessment", "concluded"): {Role.CHIEF, Role.COORDINATOR},
    ("assessment", "closed"): {Role.CHIEF, Role.COORDINATOR},
    ("investigation", "concluded"): {Role.CHIEF, Role.COORDINATOR, Role.INVESTIGATOR},
    ("concluded", "investigation"): {Role.CHIEF, Role.COORDINATOR},
    ("concluded", "closed"): {Role.CHIEF, Role.COORDINATOR},
    # Spam: only before the merits are examined, only by the central department, reversible.
    ("received", "spam"): {Role.COORDINATOR},
    ("assessment", "spam"): {Role.COORDINATOR},
    ("spam", "received"): {Role.COORDINATOR},
    ("spam", "assessment"): {Role.COORDINATOR},
}


def test_the_table_is_exactly_the_lifecycle() -> None:
    table = {pair: set(roles_with(t.capability)) for pair, t in lifecycle.TRANSITIONS.items()}
    assert table == EXPECTED


@pytest.fixture
def people(make_staff):
    return {
        Role.CHIEF: make_staff(Role.CHIEF, "REG-75"),
        Role.COORDINATOR: make_staff(Role.COORDINATOR),
        Role.INVESTIGATOR: make_staff(Role.INVESTIGATOR, "REG-75"),
    }


@pytest.mark.parametrize(
    ("source", "target", "role"), list(itertools.product(STATUSES, STATUSES, ROLES))
)
def test_every_move_is_allowed_or_refused_by_the_table(
    people, make_case, source, target, role
) -> None:
    user = people[role]
    case = make_case("DST-75-02", status=source, assignee=people[Role.INVESTIGATOR])
    if (source, target) not in EXPECTED:
        with pytest.raises(DomainError) as refused, translation.override("en"):
            lifecycle.allowed(user, case, target)
        assert not isinstance(refused.value, PermissionDenied)
        assert "cannot go from" in str(refused.value)
    elif role not in EXPECTED[(source, target)]:
        with pytest.raises(PermissionDenied):
            lifecycle.allowed(user, case, target)
    else:
        if target in ("concluded", "closed"):
            case.outcome = "not_substantiated"
        lifecycle.transition(user, case, target)
        case.save()
        case.refresh_from_db()
        assert case.status == target
        assert AuditEvent.objects.filter(
            action="case.transition", detail__to=target, object_id=case.appeal.number
        ).exists()


def test_an_invalid_move_through_the_office_gets_a_clear_message(people, make_case, login) -> None:
    case = make_case("DST-75-02", status="investigation", assignee=people[Role.INVESTIGATOR])
    client = login(people[Role.CHIEF])
    response = client.post(
        f"/office/cases/{case.pk}/do/close/", follow=True, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "A case cannot go from «investigation» to «closed»." in response.content.decode()
    assert Case.objects.get(pk=case.pk).status == "investigation"


def test_a_role_not_in_the_table_is_told_so(people, make_case, login) -> None:
    case = make_case("DST-75-02", status="concluded", assignee=people[Role.INVESTIGATOR])
    client = login(people[Role.INVESTIGATOR])
    response = client.post(
        f"/office/cases/{case.pk}/do/close/", follow=True, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "Your role may not close." in response.content.decode()
    assert Case.objects.get(pk=case.pk).status == "concluded"


def test_the_database_refuses_an_unknown_status_or_a_missing_outcome(make_case) -> None:
    from django.db import IntegrityError, transaction

    case = make_case()
    with pytest.raises(IntegrityError), transaction.atomic():
        Case.objects.filter(pk=case.pk).update(status="lost")
    with pytest.raises(IntegrityError), transaction.atomic():
        Case.objects.filter(pk=case.pk).update(status="closed", outcome="")
