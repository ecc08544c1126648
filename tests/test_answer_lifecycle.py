"""The answer's lifecycle is one table: what is signed is what was reviewed, what is issued is
what was signed; the office offers only the table's moves and the database refuses rows that
contradict it."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django.test import Client

from senim.cases.answers import ANSWER_STEPS
from senim.cases.models import Answer, Case, Status
from senim.organization.models import Role
from senim.organization.policy import roles_with

pytestmark = pytest.mark.django_db

EXPECTED = {
    ("draft", "draft"): {Role.CHIEF, Role.COORDINATOR, Role.INVESTIGATOR},
    ("reviewed", "draft"): {Role.CHIEF, Role.COORDINATOR, Role.INVESTIGATOR},
    ("draft", "reviewed"): {Role.CHIEF, Role.COORDINATOR, Role.INVESTIGATOR},
    ("reviewed", "signed"): {Role.CHIEF, Role.COORDINATOR},
    ("signed", "issued"): {Role.CHIEF, Role.COORDINATOR},
}


def test_the_table_is_exactly_the_answers_lifecycle() -> None:
    assert {pair: set(roles_with(s.capability)) for pair, s in ANSWER_STEPS.items()} == EXPECTED


@pytest.fixture
def concluded(make_case, make_staff) -> tuple[Case, Client, Client]:
    chief = make_staff(Role.CHIEF, "REG-75", username="chief-al")
    investigator = make_staff(Role.INVESTIGATOR, "REG-75", username="inv-al")
    case = make_case("DST-75-02", status=Status.CONCLUDED, assignee=investigator)
    case.outcome = "not_substantiated"
    case.save(update_fields=["outcome"])
    return case, chief, investigator


def _do(client: Client, case: Case, action: str, **data: str) -> str:
    response = client.post(
        f"/office/cases/{case.pk}/do/{action}/", data, HTTP_ACCEPT_LANGUAGE="en", follow=True
    )
    return response.content.decode()


def test_a_signed_answer_is_neither_redrafted_nor_edited(concluded, login) -> None:
    case, chief, investigator = concluded
    inv, boss = login(investigator), login(chief)
    _do(inv, case, "answer-draft")
    _do(inv, case, "answer-review")
    _do(boss, case, "answer-sign")
    signed = Answer.objects.get(case=case)
    assert signed.state == "signed"
    page = _do(inv, case, "answer-draft")
    assert "A signed answer can no longer be changed." in page
    _do(inv, case, "answer-edit", body="Changed after signing " * 5)
    after = Answer.objects.get(case=case)
    assert (after.state, after.body, after.signed_by) == ("signed", signed.body, chief)


def test_the_page_offers_only_the_moves_of_the_table(concluded, login) -> None:
    case, chief, investigator = concluded
    inv, boss = login(investigator), login(chief)
    _do(inv, case, "answer-draft")
    _do(inv, case, "answer-review")
    page = inv.get(f"/office/cases/{case.pk}/").content.decode()
    assert "/do/answer-sign/" not in page  # reviewed, but an investigator does not sign
    assert "/do/answer-sign/" in boss.get(f"/office/cases/{case.pk}/").content.decode()
    # Issuing before signing is refused, whoever asks.
    assert "Only a signed answer can be issued." in _do(boss, case, "answer-issue")
    assert Answer.objects.get(case=case).state == "reviewed"


def test_the_database_refuses_a_signed_answer_without_its_signer(concluded) -> None:
    case, _chief, investigator = concluded
    with pytest.raises(IntegrityError), transaction.atomic():
        Answer.objects.create(
            case=case, language="ru", body="x", state="signed", drafted_by=investigator,
            reviewed_by=investigator,
        )  # fmt: skip
