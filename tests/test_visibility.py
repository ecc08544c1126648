"""The one visibility rule, per role and unit, through the selector and through the office."""

from __future__ import annotations

import pytest

from senim.cases.models import CaseExclusion
from senim.cases.selectors import access_case, cases_visible_to
from senim.core.errors import NotFound
from senim.organization.models import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(make_staff, make_case):
    """Two territorial units (Almaty City, Astana) with a chief and an investigator each."""
    people = {
        "chief_almaty": make_staff(Role.CHIEF, "REG-75"),
        "inv_almaty": make_staff(Role.INVESTIGATOR, "REG-75"),
        "inv_almaty_2": make_staff(Role.INVESTIGATOR, "REG-75"),
        "chief_astana": make_staff(Role.CHIEF, "REG-71"),
        "inv_astana": make_staff(Role.INVESTIGATOR, "REG-71"),
        "coordinator": make_staff(Role.COORDINATOR),
        "operator": make_staff(Role.OPERATOR),
        "analyst": make_staff(Role.ANALYST),
        "auditor": make_staff(Role.AUDITOR),
        "administrator": make_staff(Role.ADMINISTRATOR),
    }
    cases = {
        "almaty_a": make_case("DST-75-02", assignee=people["inv_almaty"]),
        "almaty_b": make_case("DST-75-03", assignee=people["inv_almaty_2"]),
        "astana": make_case("DST-71-03", assignee=people["inv_astana"]),
        "supreme": make_case("SC"),
    }
    return people, cases


EXPECTED = {
    "coordinator": {"almaty_a", "almaty_b", "astana", "supreme"},
    "chief_almaty": {"almaty_a", "almaty_b"},
    "chief_astana": {"astana"},
    "inv_almaty": {"almaty_a"},
    "inv_almaty_2": {"almaty_b"},
    "inv_astana": {"astana"},
    "operator": set(),
    "analyst": set(),
    "auditor": set(),
    "administrator": set(),
}


@pytest.mark.parametrize("who", sorted(EXPECTED))
def test_each_role_sees_exactly_its_cases(world, who) -> None:
    people, cases = world
    visible = set(cases_visible_to(people[who]).values_list("pk", flat=True))
    assert visible == {cases[name].pk for name in EXPECTED[who]}


@pytest.mark.parametrize("who", sorted(EXPECTED))
def test_office_case_list_follows_the_rule(world, who, login) -> None:
    people, cases = world
    page = login(people[who]).get("/office/cases/").content.decode()
    for name, case in cases.items():
        assert (case.appeal.number in page) == (name in EXPECTED[who]), name


def test_not_found_and_not_allowed_are_the_same_answer(world) -> None:
    people, cases = world
    with pytest.raises(NotFound) as not_allowed:
        access_case(people["chief_astana"], cases["almaty_a"].pk)
    with pytest.raises(NotFound) as missing:
        access_case(people["chief_astana"], 10**9)
    assert str(not_allowed.value) == str(missing.value)
    assert access_case(people["chief_almaty"], cases["almaty_a"].pk) == cases["almaty_a"]


def test_an_excluded_person_does_not_see_the_case(world) -> None:
    people, cases = world
    CaseExclusion.objects.create(
        case=cases["almaty_a"], user=people["chief_almaty"], reason="Named in the report"
    )
    CaseExclusion.objects.create(
        case=cases["almaty_a"], user=people["coordinator"], reason="Relative of the judge"
    )
    assert cases["almaty_a"] not in cases_visible_to(people["chief_almaty"])
    assert cases["almaty_a"] not in cases_visible_to(people["coordinator"])
    assert cases["almaty_b"] in cases_visible_to(people["chief_almaty"])


def test_a_deactivated_account_sees_nothing(world) -> None:
    people, _cases = world
    people["coordinator"].is_active = False
    assert not cases_visible_to(people["coordinator"]).exists()


def test_anonymous_visitors_are_sent_to_the_login(client) -> None:
    response = client.get("/office/cases/")
    assert response.status_code == 302
    assert response["Location"].startswith("/office/login/")
