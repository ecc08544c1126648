"""Public-council anti-corruption commissions: members, meetings, resolutions with an owner and
a due date; a resolution that becomes overdue is reminded once, shown on the chief's home page,
and leaves it when it is followed up."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from openpyxl import load_workbook  # type: ignore[import-untyped]

from senim.core.models import AuditEvent
from senim.organization.models import Role
from senim.prevention.models import (
    Commission,
    CommissionMember,
    Meeting,
    PreventionReminder,
    Resolution,
    WorkStatus,
)
from senim.prevention.reminders.services import prevention_remind
from senim.sweep import sweep

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
ALMATY = ZoneInfo("Asia/Almaty")
URL = "/office/prevention"
MEETING_DAY = dt.datetime(2026, 2, 10, 15, 0, tzinfo=ALMATY)


@pytest.fixture
def people(make_staff, login) -> dict[str, Any]:
    users = {
        "coordinator": make_staff(Role.COORDINATOR, username="coord-com"),
        "chief": make_staff(Role.CHIEF, "REG-75", username="chief-almaty"),
        "chief_astana": make_staff(Role.CHIEF, "REG-71", username="chief-astana"),
        "investigator": make_staff(Role.INVESTIGATOR, "REG-75", username="inv-almaty"),
    }
    return {"users": users, **{name: login(user) for name, user in users.items()}}


def _post(client: Client, url: str, data: dict[str, Any]) -> str:
    response = client.post(url, data, follow=True, **EN)  # type: ignore[arg-type]
    assert response.status_code == 200
    return response.content.decode()


def _commission_with_a_meeting(people, unit) -> Meeting:
    chief = people["chief"]
    page = _post(
        chief,
        f"{URL}/commissions/",
        {
            "form": "commission",
            "commission-unit": unit("REG-75").pk,
            "commission-level": "regional",
            "commission-name": "Anti-corruption commission of the Almaty public council",
            "commission-court": "REG-75",
            "commission-established_on": "2025-09-01",
        },
    )
    assert "The commission has been registered." in page
    commission = Commission.objects.get()
    page = _post(
        chief,
        f"{URL}/commissions/{commission.pk}/",
        {
            "form": "member",
            "member-full_name": "Aigerim Seitova",
            "member-role": "chair",
            "member-affiliation": "Bar association",
        },
    )
    assert "The member has been added." in page and "Aigerim Seitova" in page
    page = _post(
        chief,
        f"{URL}/commissions/{commission.pk}/",
        {"form": "member", "member-full_name": "Second Chair", "member-role": "chair"},
    )
    assert "The commission already has a chair." in page
    assert 'value="Second Chair"' in page
    page = _post(
        chief,
        f"{URL}/commissions/{commission.pk}/",
        {
            "form": "meeting",
            "meeting-held_on": "2026-02-10",
            "meeting-place": "Almaty City Court, conference room",
            "meeting-agenda": "1. Copies of judgments issued late.\n2. Reception of citizens.",
            "meeting-minutes": "Heard the registry; decided as below.",
        },
    )
    assert "The meeting has been recorded." in page
    return Meeting.objects.get()


def test_a_resolution_becomes_overdue_is_reminded_and_followed_up(people, unit, login) -> None:
    with time_machine.travel(MEETING_DAY, tick=False):
        meeting = _commission_with_a_meeting(people, unit)
        assert meeting.number == 1 and CommissionMember.objects.count() == 1
        page = _post(
            people["chief"],
            f"{URL}/meetings/{meeting.pk}/",
            {
                "form": "resolution",
                "resolution-text": "Check how long copies of judgments take in district courts.",
                "resolution-owner": people["users"]["investigator"].pk,
                "resolution-due_on": "2026-03-31",
            },
        )
        assert "The resolution has been added." in page
        resolution = Resolution.objects.get()
        assert (resolution.number, resolution.status) == ("1.1", WorkStatus.PLANNED)
        assert resolution.owner == people["users"]["investigator"]
        page = _post(
            people["chief"],
            f"{URL}/meetings/{meeting.pk}/",
            {
                "form": "resolution",
                "resolution-text": "Backdated",
                "resolution-owner": people["users"]["chief"].pk,
                "resolution-due_on": "2026-01-31",
            },
        )
        assert "The due date cannot be before the meeting." in page
        assert Resolution.objects.count() == 1
        assert prevention_remind() == 0

    with time_machine.travel(dt.datetime(2026, 4, 1, 9, 0, tzinfo=ALMATY), tick=False):
        first = {r.name: r.handled for r in sweep()}
        # The owner and the unit's chief, once each.
        assert first["prevention_remind"] == 2
        assert {r.name: r.handled for r in sweep()}["prevention_remind"] == 0
        assert set(PreventionReminder.objects.values_list("user__username", flat=True)) == {
            "inv-almaty",
            "chief-almaty",
        }
        assert AuditEvent.objects.filter(action="prevention.resolution_overdue").count() == 1

        chief, coordinator = login(people["users"]["chief"]), login(people["users"]["coordinator"])
        home = chief.get("/office/", **EN).content.decode()
        assert "1 commission resolution overdue" in home
        assert "Commission resolution overdue" in home  # the reminder
        assert (
            "1 commission resolution overdue" in coordinator.get("/office/", **EN).content.decode()
        )
        astana = login(people["users"]["chief_astana"])
        assert "resolution overdue" not in astana.get("/office/", **EN).content.decode()

        overdue = chief.get(f"{URL}/resolutions/?overdue=on", **EN).content.decode()
        assert "Check how long copies of judgments take" in overdue

        # Done needs an account of what was done; then it leaves the home page.
        url = f"{URL}/resolutions/{resolution.pk}/"
        page = _post(chief, url, {"form": "follow_up", "follow_up-status": "done"})
        assert "Say how the resolution was carried out" in page
        page = _post(
            chief,
            url,
            {
                "form": "follow_up",
                "follow_up-status": "done",
                "follow_up-follow_up": "Checked 12 courts; two clerks warned.",
            },
        )
        assert "The follow-up has been recorded." in page
        resolution.refresh_from_db()
        assert resolution.status == WorkStatus.DONE
        assert resolution.completed_on == dt.date(2026, 4, 1)
        home = chief.get("/office/", **EN).content.decode()
        assert "resolution overdue" not in home.lower()
        assert prevention_remind() == 0


def test_commissions_are_seen_within_the_unit_and_exported(people, unit) -> None:
    with time_machine.travel(MEETING_DAY, tick=False):
        meeting = _commission_with_a_meeting(people, unit)
        commission = meeting.commission
        astana = people["chief_astana"]
        assert astana.get(f"{URL}/commissions/{commission.pk}/").status_code == 404
        assert astana.get(f"{URL}/meetings/{meeting.pk}/").status_code == 404
        assert (
            "Almaty public council" not in astana.get(f"{URL}/commissions/", **EN).content.decode()
        )
        # Reading is not changing: the investigator sees the meeting but adds nothing.
        investigator = people["investigator"]
        page = investigator.get(f"{URL}/meetings/{meeting.pk}/", **EN).content.decode()
        assert "Copies of judgments issued late." in page and "Add a resolution" not in page
        assert (
            investigator.post(f"{URL}/meetings/{meeting.pk}/", {"form": "resolution"}).status_code
            == 403
        )
        # A district commission needs its court.
        page = _post(
            people["chief"],
            f"{URL}/commissions/",
            {
                "form": "commission",
                "commission-unit": unit("REG-75").pk,
                "commission-level": "district",
                "commission-name": "District commission",
            },
        )
        assert "Name the court of a district commission." in page
        response = people["coordinator"].get(f"{URL}/commissions/export.xlsx", **EN)
        rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
        assert rows[1][2] == "Anti-corruption commission of the Almaty public council"
        assert rows[1][4:] == (1, 1)  # one member, one meeting
        response = people["coordinator"].get(f"{URL}/resolutions/export.xlsx", **EN)
        assert response["Content-Disposition"].startswith('attachment; filename="resolutions-')
