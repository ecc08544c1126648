"""Conflict-of-interest exclusion in every listing and in search, routing of appeals about the
unit's own staff or a regional court's chairman, and the search itself."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.test import Client

from senim.cases.deadlines import deadlines_escalate
from senim.cases.models import Case, CaseExclusion, Notification
from senim.cases.selectors import home_counts, notifications_for
from senim.core import clock
from senim.core.models import AuditEvent
from senim.organization.models import Role
from tests.intake_helpers import coupon_of, report_data

pytestmark = pytest.mark.django_db

WORD = "bailiff"  # in every appeal text below; searched in exactly this form
TEXT = f"The {WORD} demanded money to enforce the writ against my former employer."


def _report(**overrides: Any) -> Case:
    data = report_data(**{"text": TEXT, **overrides})
    number, _code = coupon_of(Client().post("/report/", data).content.decode())
    return Case.objects.select_related("appeal", "unit").get(appeal__number=number)


def _named(make_staff, role: str, court: str, first: str, last: str) -> Any:
    user = make_staff(role, court)
    user.first_name, user.last_name = first, last
    user.save(update_fields=["first_name", "last_name"])
    return user


def _queue(client: Client, query: str = "") -> str:
    response = client.get(f"/office/cases/{query}")
    assert response.status_code == 200
    return response.content.decode()


def _far() -> dt.date:
    return clock.today() + dt.timedelta(days=30)


# --- a staff member named in the appeal -------------------------------------------------


@pytest.fixture
def named_coordinator(make_staff, login) -> dict[str, Any]:
    """A coordinator (who otherwise sees every case) named in an Almaty appeal."""
    named = _named(make_staff, Role.COORDINATOR, "SC", "Marat", "Seitkali")
    other = make_staff(Role.COORDINATOR)
    case = _report(person_1_name="Seitkali Marat Ermekovich", person_1_position="inspector")
    return {
        "case": case,
        "named": named,
        "other": other,
        "named_client": login(named),
        "other_client": login(other),
    }


def test_named_staff_are_excluded_automatically_and_it_is_logged(named_coordinator) -> None:
    case, named = named_coordinator["case"], named_coordinator["named"]
    assert case.unit.court.code == "REG-75"  # a central employee: the appeal stays territorial
    exclusion = CaseExclusion.objects.get(case=case)
    assert exclusion.user == named
    entry = AuditEvent.objects.get(action="case.excluded", object_id=case.appeal.number)
    assert entry.detail["user"] == named.username and entry.detail["reason"]


def test_named_staff_do_not_find_the_case_in_the_queue_or_search(named_coordinator) -> None:
    number = named_coordinator["case"].appeal.number
    assert number in _queue(named_coordinator["other_client"])
    assert number in _queue(named_coordinator["other_client"], f"?q={WORD}")
    assert number not in _queue(named_coordinator["named_client"])
    assert number not in _queue(named_coordinator["named_client"], f"?q={WORD}")
    assert number not in _queue(named_coordinator["named_client"], "?q=Seitkali")
    assert number not in _queue(named_coordinator["named_client"], "?status=received&unit=")


def test_named_staff_get_404_on_the_case_page_and_its_actions(named_coordinator) -> None:
    case_id = named_coordinator["case"].pk
    named = named_coordinator["named_client"]
    assert named_coordinator["other_client"].get(f"/office/cases/{case_id}/").status_code == 200
    assert named.get(f"/office/cases/{case_id}/").status_code == 404
    note = named.post(f"/office/cases/{case_id}/do/note/", {"body": "I was not there."})
    assert note.status_code == 404
    assert not AuditEvent.objects.filter(action="case.note").exists()


def test_named_staff_home_counts_and_page_leave_it_out(named_coordinator) -> None:
    today = clock.today()
    counts_named = home_counts(named_coordinator["named"], today=today, horizon=_far())
    counts_other = home_counts(named_coordinator["other"], today=today, horizon=_far())
    assert counts_other["new"] == 1 and counts_other["due_soon"] == 1
    assert counts_named["new"] == 0 and counts_named["due_soon"] == 0
    number = named_coordinator["case"].appeal.number
    assert number in named_coordinator["other_client"].get("/office/").content.decode()
    assert number not in named_coordinator["named_client"].get("/office/").content.decode()


def test_named_staff_get_no_notification_about_the_case(named_coordinator) -> None:
    case = named_coordinator["case"]
    named, other = named_coordinator["named"], named_coordinator["other"]
    assert case.due_on is not None
    late = dt.datetime.combine(case.due_on + dt.timedelta(days=7), dt.time(12), tzinfo=dt.UTC)
    with time_machine.travel(late, tick=False):
        assert deadlines_escalate() >= 1
    assert Notification.objects.filter(user=other, case=case, kind="overdue").exists()
    assert not Notification.objects.filter(user=named, case=case).exists()

    # A reminder made before the exclusion existed is not shown afterwards either.
    Notification.objects.create(
        user=named, case=case, kind="due_soon", due_on=case.due_on, created_at=clock.now()
    )
    assert not notifications_for(named).exists()
    assert notifications_for(other).filter(case=case).exists()
    page = named_coordinator["named_client"].get("/office/").content.decode()
    assert case.appeal.number not in page


# --- routing to the central department --------------------------------------------------


def test_an_appeal_about_the_units_own_staff_goes_to_central(make_staff, login) -> None:
    investigator = _named(make_staff, Role.INVESTIGATOR, "REG-75", "Dana", "Abenova")
    chief = make_staff(Role.CHIEF, "REG-75")
    case = _report(person_1_name="Abenova Dana", person_1_position="investigator")
    assert case.unit.is_central
    assert CaseExclusion.objects.filter(case=case, user=investigator).exists()
    assert case.appeal.number not in _queue(login(chief))
    assert case.appeal.number in _queue(login(make_staff(Role.COORDINATOR)))


def test_a_same_named_stranger_is_not_a_match(make_staff) -> None:
    """Only a person whose first and last names both appear is taken for the staff member."""
    _named(make_staff, Role.INVESTIGATOR, "REG-75", "Dana", "Abenova")
    case = _report(person_1_name="Dana Karimova", person_1_position="secretary")
    assert case.unit.court.code == "REG-75"
    assert not CaseExclusion.objects.exists()


@pytest.mark.parametrize(
    "position", ["председатель суда", "chairman of the court", "Алматы қалалық сотының төрағасы"]
)
def test_an_appeal_about_a_regional_courts_chairman_goes_to_central(registry, position) -> None:
    case = _report(court="REG-75", person_1_name="K. Ospanov", person_1_position=position)
    assert case.unit.is_central


def test_a_district_courts_chairman_stays_territorial(registry) -> None:
    case = _report(court="DST-75-02", person_1_position="председатель суда")
    assert case.unit.court.code == "REG-75"


def test_an_appeal_about_a_regional_courts_clerk_stays_territorial(registry) -> None:
    case = _report(court="REG-75", person_1_position="office clerk")
    assert case.unit.court.code == "REG-75"


# --- a chief excludes someone -----------------------------------------------------------


def test_a_chief_excludes_a_coordinator(registry, make_staff, login) -> None:
    chief_user = make_staff(Role.CHIEF, "REG-75", username="chief-excl")
    coordinator_user = make_staff(Role.COORDINATOR, username="coord-excl")
    chief, coordinator = login(chief_user), login(coordinator_user)
    case = _report()
    number = case.appeal.number
    assert number in _queue(coordinator, f"?q={WORD}")

    short = chief.post(
        f"/office/cases/{case.pk}/do/exclude/",
        {"person": coordinator_user.username, "reason": "kin"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "Give the reason for this decision." in short.content.decode()
    assert not CaseExclusion.objects.exists()

    reason = "Brother-in-law of the clerk concerned"
    response = chief.post(
        f"/office/cases/{case.pk}/do/exclude/",
        {"person": coordinator_user.username, "reason": reason},
    )
    assert response.status_code == 302
    assert number not in _queue(coordinator)
    assert number not in _queue(coordinator, f"?q={WORD}")
    assert coordinator.get(f"/office/cases/{case.pk}/").status_code == 404
    assert number in _queue(chief)  # the chief still works on it
    entry = AuditEvent.objects.get(action="case.excluded", object_id=number)
    assert entry.actor == "chief-excl"
    assert entry.detail == {"user": "coord-excl", "reason": reason}
    assert CaseExclusion.objects.get(case=case).reason == reason


def test_excluding_the_responsible_investigator_takes_the_case_off_them(
    registry, make_staff, login
) -> None:
    chief = login(make_staff(Role.CHIEF, "REG-75"))
    investigator_user = make_staff(Role.INVESTIGATOR, "REG-75")
    investigator = login(investigator_user)
    case = _report()
    Case.objects.filter(pk=case.pk).update(assignee=investigator_user)
    assert case.appeal.number in _queue(investigator, f"?q={WORD}")

    chief.post(
        f"/office/cases/{case.pk}/do/exclude/",
        {"person": investigator_user.username, "reason": "Works with the reporter's spouse"},
    )
    case.refresh_from_db()
    assert case.assignee is None
    assert case.appeal.number not in _queue(investigator, f"?q={WORD}")
    assert investigator.get(f"/office/cases/{case.pk}/").status_code == 404


# --- search -----------------------------------------------------------------------------


def test_search_finds_the_units_case_and_not_another_units(registry, make_staff, login) -> None:
    almaty_case = _report(court="DST-75-02")
    astana_case = _report(court="DST-71-03")
    other = _report(court="DST-75-03", text="The registry clerk lost the file twice.")
    assert almaty_case.unit != astana_case.unit
    almaty = login(make_staff(Role.CHIEF, "REG-75"))
    astana = login(make_staff(Role.CHIEF, "REG-71"))

    found = _queue(almaty, f"?q={WORD}")
    assert almaty_case.appeal.number in found
    assert astana_case.appeal.number not in found
    assert other.appeal.number not in found  # same unit, no such word
    assert other.appeal.number in _queue(almaty)  # but it is in the unfiltered queue

    found = _queue(astana, f"?q={WORD}")
    assert astana_case.appeal.number in found and almaty_case.appeal.number not in found

    nothing = _queue(almaty, "?q=xylophone")
    assert almaty_case.appeal.number not in nothing and other.appeal.number not in nothing
