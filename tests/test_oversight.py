"""Central tasks for territorial departments, and the protected-person register."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from senim.cases.models import Case, CentralTask, HrEvent, ProtectedPerson
from senim.core import clock
from senim.core.models import AuditEvent
from senim.organization.models import Role
from tests.intake_helpers import coupon_of, report_data

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def _post(client: Client, url: str, data: dict[str, Any] | None = None) -> str:
    """POST, follow the redirect, and return the page the user lands on."""
    response = client.post(url, data or {}, follow=True, **EN)  # type: ignore[arg-type]
    assert response.status_code == 200
    return response.content.decode()


# --- central tasks ----------------------------------------------------------------------


@pytest.fixture
def people(make_staff, login) -> dict[str, Any]:
    users = {
        "coordinator": make_staff(Role.COORDINATOR, username="coord-tasks"),
        "chief_almaty": make_staff(Role.CHIEF, "REG-75", username="chief-almaty"),
        "chief_astana": make_staff(Role.CHIEF, "REG-71", username="chief-astana"),
        "investigator": make_staff(Role.INVESTIGATOR, "REG-75"),
    }
    return {"users": users, **{name: login(user) for name, user in users.items()}}


def _task_data(unit_of, **overrides: Any) -> dict[str, Any]:
    data = {
        "unit": unit_of("REG-75").pk,
        "title": "Check the registry office of the Almaly court",
        "instruction": "Report how copies of judgments are issued and whether fees are asked.",
        "due_on": (clock.today() + dt.timedelta(days=10)).isoformat(),
    }
    data.update(overrides)
    return data


def test_a_task_goes_round_set_respond_return_respond_accept(people, unit) -> None:
    page = _post(people["coordinator"], "/office/tasks/", _task_data(unit))
    assert "The task has been set." in page
    task = CentralTask.objects.get()
    assert task.unit == unit("REG-75") and task.state == "open"
    assert AuditEvent.objects.filter(action="task.created", object_id=str(task.pk)).exists()

    almaty = people["chief_almaty"].get("/office/tasks/", **EN).content.decode()
    assert "Check the registry office of the Almaly court" in almaty
    assert "Send the response" in almaty
    astana = people["chief_astana"].get("/office/tasks/", **EN).content.decode()
    assert "Check the registry office" not in astana and "No tasks." in astana
    home = people["chief_almaty"].get("/office/", **EN).content.decode()
    assert "Check the registry office of the Almaly court" in home

    respond = f"/office/tasks/{task.pk}/respond/"
    page = _post(people["chief_almaty"], respond, {"response": "Copies are issued free."})
    assert "Saved." in page and "Copies are issued free." in page
    task.refresh_from_db()
    assert task.state == "responded" and task.responded_at is not None

    page = _post(people["coordinator"], f"/office/tasks/{task.pk}/return/")
    task.refresh_from_db()
    assert task.state == "returned" and "returned for more work" in page
    tasks_page = people["chief_almaty"].get("/office/tasks/", **EN).content.decode()
    assert "Send the response" in tasks_page

    second = "Copies are issued free; two clerks were warned about fees, see the order."
    _post(people["chief_almaty"], respond, {"response": second})
    page = _post(people["coordinator"], f"/office/tasks/{task.pk}/accept/")
    task.refresh_from_db()
    assert task.state == "accepted" and task.accepted_at is not None and task.response == second
    assert "Saved." in page
    actions = list(
        AuditEvent.objects.filter(object_type="task", object_id=str(task.pk))
        .order_by("seq")
        .values_list("action", flat=True)
    )
    assert actions == [
        "task.created",
        "task.responded",
        "task.returned",
        "task.responded",
        "task.accepted",
    ]


def test_wrong_role_or_wrong_state_is_refused_with_a_message(people, unit) -> None:
    _post(people["coordinator"], "/office/tasks/", _task_data(unit))
    task = CentralTask.objects.get()
    respond = f"/office/tasks/{task.pk}/respond/"
    answer = {"response": "Everything was checked."}

    page = _post(people["coordinator"], f"/office/tasks/{task.pk}/accept/")
    assert "There is no response to accept yet." in page
    page = _post(people["coordinator"], respond, answer)
    assert "The territorial chief responds to tasks." in page
    page = _post(people["chief_astana"], respond, answer)
    assert "No such task." in page  # another unit's task does not exist for them
    page = _post(people["chief_almaty"], respond, {"response": "Done."})
    assert "Write the response (at least 10 characters)." in page
    page = _post(people["chief_almaty"], f"/office/tasks/{task.pk}/frobnicate/")
    assert "Unknown action." in page
    task.refresh_from_db()
    assert task.state == "open" and task.response == ""

    _post(people["chief_almaty"], respond, answer)
    page = _post(people["chief_almaty"], f"/office/tasks/{task.pk}/accept/")
    assert "Only the central department accepts responses." in page
    page = _post(people["chief_almaty"], respond, {"response": "A second answer, overwriting."})
    assert "This task is not waiting for a response." in page
    task.refresh_from_db()
    assert task.state == "responded" and task.response == "Everything was checked."

    assert people["investigator"].post(respond, answer).status_code == 403
    assert people["investigator"].get("/office/tasks/").status_code == 403


def test_a_due_date_in_the_past_is_refused_and_the_form_kept(people, unit) -> None:
    yesterday = (clock.today() - dt.timedelta(days=1)).isoformat()
    response = people["coordinator"].post(
        "/office/tasks/", _task_data(unit, due_on=yesterday), **EN
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "The due date cannot be in the past." in page
    assert "Check the registry office of the Almaly court" in page  # what was typed stays
    assert "Report how copies of judgments are issued" in page
    assert not CentralTask.objects.exists()


def test_tasks_are_set_only_by_the_centre_for_territorial_units(people, unit) -> None:
    response = people["coordinator"].post("/office/tasks/", _task_data(unit, unit=unit("SC").pk))
    assert response.status_code == 200 and not CentralTask.objects.exists()
    assert "Set a task" not in people["chief_almaty"].get("/office/tasks/", **EN).content.decode()
    people["chief_almaty"].post("/office/tasks/", _task_data(unit))
    assert not CentralTask.objects.exists()


# --- the protection register ------------------------------------------------------------


@pytest.fixture
def named_case(registry) -> Case:
    data = report_data(identity="named", full_name="Aigerim Saparova", phone="+77015550101")
    number, _code = coupon_of(Client().post("/report/", data).content.decode())
    return Case.objects.get(appeal__number=number)


def _hr(kind: str = "dismissal", **overrides: str) -> dict[str, str]:
    data = {
        "kind": kind,
        "happened_on": clock.today().isoformat(),
        "description": "Dismissed after the appeal, officially for lateness.",
    }
    data.update(overrides)
    return data


def test_protection_and_hr_events_for_a_named_reporter(named_case, make_staff, login) -> None:
    chief = login(make_staff(Role.CHIEF, "REG-75"))
    case_url = f"/office/cases/{named_case.pk}/"
    page = _post(chief, f"{case_url}do/protect/", {"since": clock.today().isoformat()})
    assert "Saved." in page
    person = ProtectedPerson.objects.get(case=named_case)
    assert AuditEvent.objects.filter(
        action="protection.started", object_id=named_case.appeal.number
    ).exists()

    unanswered = chief.post(f"{case_url}do/hr-event/", _hr(), **EN)
    assert unanswered.status_code == 200
    assert "Please correct the marked fields." in unanswered.content.decode()
    assert not HrEvent.objects.exists()

    page = _post(chief, f"{case_url}do/hr-event/", _hr(acs_representative_present="no"))
    assert "without an anti-corruption service representative" in page
    event = HrEvent.objects.get()
    assert event.person == person and event.acs_representative_present is False

    nameless = chief.post(
        f"{case_url}do/hr-event/", _hr("transfer", acs_representative_present="yes"), **EN
    )
    assert "Name the representative who took part." in nameless.content.decode()
    assert HrEvent.objects.count() == 1

    _post(
        chief,
        f"{case_url}do/hr-event/",
        _hr("transfer", acs_representative_present="yes", representative_name="D. Nurlanov"),
    )
    assert HrEvent.objects.count() == 2
    entries = AuditEvent.objects.filter(action="protection.hr_event").order_by("seq")
    assert [e.detail for e in entries] == [
        {"kind": "dismissal", "representative": False},
        {"kind": "transfer", "representative": True},
    ]

    register = chief.get("/office/protection/", **EN).content.decode()
    assert named_case.appeal.number in register
    assert '<strong class="bad">dismissal' in register  # flagged: no representative
    assert '<strong class="bad">transfer' not in register  # a representative took part
    assert "Aigerim" not in register  # the register does not expose the identity


def test_an_anonymous_reporter_cannot_be_protected(registry, make_staff, login) -> None:
    number, _code = coupon_of(Client().post("/report/", report_data()).content.decode())
    case = Case.objects.get(appeal__number=number)
    chief = login(make_staff(Role.CHIEF, "REG-75"))
    url = f"/office/cases/{case.pk}/"
    page = chief.get(url, **EN).content.decode()
    assert "Enter the reporter in the protection register" not in page  # no form offered
    response = chief.post(f"{url}do/protect/", {"since": clock.today().isoformat()}, **EN)
    assert not ProtectedPerson.objects.exists()
    assert response.status_code == 200
    page = response.content.decode()
    # The protection form is not on the page for an anonymous appeal: the reason is shown at
    # the top instead of a bare "correct the marked fields".
    assert "An anonymous reporter cannot be entered in the register." in page


def test_protecting_twice_is_refused_with_a_message(named_case, make_staff, login) -> None:
    chief = login(make_staff(Role.CHIEF, "REG-75"))
    url = f"/office/cases/{named_case.pk}/do/protect/"
    _post(chief, url, {"since": clock.today().isoformat()})
    response = chief.post(url, {"since": clock.today().isoformat()}, **EN)
    assert ProtectedPerson.objects.count() == 1
    # Same cause: the refused form is hidden once the reporter is in the register.
    assert "This reporter is already protected." in response.content.decode()


def test_another_unit_sees_nothing_of_the_register(named_case, make_staff, login) -> None:
    almaty = login(make_staff(Role.CHIEF, "REG-75"))
    _post(almaty, f"/office/cases/{named_case.pk}/do/protect/", {"since": clock.today()})
    assert ProtectedPerson.objects.count() == 1

    astana = login(make_staff(Role.CHIEF, "REG-71"))
    register = astana.get("/office/protection/", **EN).content.decode()
    assert named_case.appeal.number not in register and "Nobody is in the register." in register
    hr = _hr(acs_representative_present="no")
    refused = astana.post(f"/office/cases/{named_case.pk}/do/hr-event/", hr)
    assert refused.status_code == 404 and not HrEvent.objects.exists()

    coordinator = login(make_staff(Role.COORDINATOR))
    assert named_case.appeal.number in coordinator.get("/office/protection/").content.decode()
    investigator = login(make_staff(Role.INVESTIGATOR, "REG-75"))
    assert investigator.get("/office/protection/").status_code == 403
