"""The exclusion form names a person by username; a small page finds the username (issue 18).

The case page used to render every staff member as an option on every view.
"""

from __future__ import annotations

import pytest

from senim.cases.models import CaseExclusion
from senim.organization.models import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting(make_staff, make_case, login):
    chief_user = make_staff(Role.CHIEF, "REG-75", username="chief-search")
    others = [make_staff(Role.INVESTIGATOR, "REG-75", username=f"inv-many-{i}") for i in range(40)]
    kin = make_staff(Role.INVESTIGATOR, "REG-75", username="Zhumabekov.A")
    kin.first_name, kin.last_name = "Aidos", "Zhumabekov"
    kin.save()
    case = make_case()
    return login(chief_user), case, kin, others


def test_the_case_page_lists_no_staff(setting) -> None:
    chief, case, _kin, others = setting
    html = chief.get(f"/office/cases/{case.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'name="person"' in html and '<select name="person"' not in html
    assert not any(o.username in html for o in others)
    assert f'href="/office/cases/{case.pk}/exclude/people/"' in html


def test_the_search_page_finds_a_username_by_name_and_excludes(setting) -> None:
    chief, case, kin, _others = setting
    url = f"/office/cases/{case.pk}/exclude/people/"
    page = chief.get(url, {"q": "zhumab aidos"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Aidos Zhumabekov" in page and "<code>Zhumabekov.A</code>" in page
    # The one match is put in the form on the same page, which posts to the case's action.
    assert 'value="Zhumabekov.A"' in page
    assert f'action="/office/cases/{case.pk}/do/exclude/"' in page
    nothing = chief.get(url, {"q": "nobody-like-this"}, HTTP_ACCEPT_LANGUAGE="en")
    assert "No staff member matches." in nothing.content.decode()
    response = chief.post(
        f"/office/cases/{case.pk}/do/exclude/",
        {"person": "zhumabekov.a", "reason": "Married to the reporter's sister"},
    )
    assert response.status_code == 302
    assert CaseExclusion.objects.get(case=case).user == kin
    # Once excluded, the person is no longer offered.
    again = chief.get(url, {"q": "Zhumabekov"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<code>Zhumabekov.A</code>" not in again


def test_an_unknown_username_comes_back_with_what_was_typed(setting) -> None:
    chief, case, _kin, _others = setting
    response = chief.post(
        f"/office/cases/{case.pk}/do/exclude/",
        {"person": "no-such-user", "reason": "A reason long enough"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "No staff member has this username." in html
    assert 'value="no-such-user"' in html and "A reason long enough" in html
    assert not CaseExclusion.objects.exists()


def test_only_those_who_may_exclude_see_the_staff_list(setting, make_staff, login) -> None:
    _chief, case, _kin, _others = setting
    investigator = login(make_staff(Role.INVESTIGATOR, "REG-75"))
    assert investigator.get(f"/office/cases/{case.pk}/exclude/people/?q=inv").status_code == 404
    outsider = login(make_staff(Role.CHIEF, "REG-71"))
    assert outsider.get(f"/office/cases/{case.pk}/exclude/people/?q=inv").status_code == 404
