"""Prevention plans, measures and events through the office pages: a plan with measures, an
event that moves a measure's progress and the plan's completion, evidence and photos without
metadata, overdue measures on the chief's home page and in the sweep's reminders, exports."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import load_workbook  # type: ignore[import-untyped]

from senim.core.models import AuditEvent
from senim.organization.models import Role
from senim.prevention.models import (
    Document,
    Event,
    Measure,
    Plan,
    PreventionReminder,
    ProgressEntry,
    WorkStatus,
)
from senim.prevention.reminders.services import prevention_remind
from senim.sweep import sweep
from tests.intake_helpers import jpeg_with_gps

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
ALMATY = ZoneInfo("Asia/Almaty")
MARCH = dt.datetime(2026, 3, 10, 10, 0, tzinfo=ALMATY)
URL = "/office/prevention"


@pytest.fixture
def people(make_staff, login) -> dict[str, Any]:
    users = {
        "coordinator": make_staff(Role.COORDINATOR, username="coord-prev"),
        "chief": make_staff(Role.CHIEF, "REG-75", username="chief-almaty"),
        "chief_astana": make_staff(Role.CHIEF, "REG-71", username="chief-astana"),
        "investigator": make_staff(Role.INVESTIGATOR, "REG-75", username="inv-almaty"),
        "analyst": make_staff(Role.ANALYST, username="analyst-prev"),
    }
    return {"users": users, **{name: login(user) for name, user in users.items()}}


@pytest.fixture
def march():
    with time_machine.travel(MARCH, tick=False):
        yield


def _post(client: Client, url: str, data: dict[str, Any]) -> str:
    """POST, follow the redirect, and return the page the user lands on."""
    response = client.post(url, data, follow=True, **EN)  # type: ignore[arg-type]
    assert response.status_code == 200
    return response.content.decode()


def _plan(client: Client, unit_pk: int, **overrides: Any) -> str:
    data = {
        "form": "plan",
        "plan-unit": unit_pk,
        "plan-kind": "image_policy",
        "plan-title": "Image-policy plan 2026",
        "plan-period_start": "2026-01-01",
        "plan-period_end": "2026-12-31",
    }
    data.update(overrides)
    return _post(client, f"{URL}/plans/", data)


def _measure(client: Client, plan: Plan, **overrides: Any) -> str:
    data = {
        "form": "measure",
        "measure-title": "Anti-corruption training of court staff",
        "measure-responsible_unit": plan.unit_id,
        "measure-due_on": "2026-06-30",
        "measure-target_label": "officials trained",
        "measure-target": "40",
        "measure-counts": "participants",
    }
    data.update(overrides)
    return _post(client, f"{URL}/plans/{plan.pk}/", data)


def _event(client: Client, unit_pk: int, **overrides: Any) -> str:
    data: dict[str, Any] = {
        "form": "event",
        "unit": unit_pk,
        "kind": "training",
        "title": "Seminar on conflicts of interest",
        "held_on": "2026-03-05",
        "place": "Almaty City Court, hall 2",
        "organisers": "Territorial department",
        "result": "Tested: 28 of 30 passed.",
    }
    data.update(overrides)
    return _post(client, f"{URL}/events/new/", data)


def _completion(page: str) -> str:
    start = page.index('id="plan-completion"')
    return page[start : page.index("</dd>", start)]


def test_a_chief_plans_measures_and_events_move_the_progress(people, unit, march) -> None:
    almaty = unit("REG-75")
    page = _plan(people["chief"], almaty.pk)
    assert "The plan has been created." in page
    plan = Plan.objects.get()
    assert (plan.unit, plan.kind, plan.created_by) == (
        almaty,
        "image_policy",
        people["users"]["chief"],
    )
    assert AuditEvent.objects.filter(
        action="prevention.plan_created", object_id=str(plan.pk)
    ).exists()

    page = _measure(people["chief"], plan)
    assert "The measure has been added." in page
    page = _measure(
        people["chief"],
        plan,
        **{
            "measure-title": "Visits of officials to the remand prison",
            "measure-target_label": "visits",
            "measure-target": "4",
            "measure-counts": "events",
            "measure-responsible": people["users"]["investigator"].pk,
        },
    )
    training, visits = Measure.objects.order_by("pk")
    assert (training.number, visits.number) == ("1", "2")
    assert visits.responsible == people["users"]["investigator"]
    assert "0%" in _completion(page)

    # A training with 25 staff and 5 judges: 30 of the 40 officials trained.
    page = _event(
        people["chief"],
        almaty.pk,
        measure=training.pk,
        count_court_staff="25",
        count_judges="5",
        staff=[people["users"]["investigator"].pk],
    )
    assert "The event has been recorded." in page
    event = Event.objects.get()
    assert event.measure == training and list(event.staff_participants.all()) == [
        people["users"]["investigator"]
    ]
    assert "Court staff" in page or "court staff" in page
    training.refresh_from_db()
    assert (training.progress, training.status) == (30, WorkStatus.IN_PROGRESS)
    assert ProgressEntry.objects.get(event=event).amount == 30
    plan_page = people["chief"].get(f"{URL}/plans/{plan.pk}/", **EN).content.decode()
    assert "37%" in _completion(plan_page)  # (30/40 + 0/4) / 2 = 37.5, rounded down

    # A visit to the remand prison counts one visit of four.
    _event(
        people["chief"],
        almaty.pk,
        kind="detention_visit",
        title="Visit to remand prison No. 1",
        measure=visits.pk,
        count_judges="2",
        count_detainees="30",
    )
    visits.refresh_from_db()
    assert (visits.progress, visits.status) == (1, WorkStatus.IN_PROGRESS)

    # Reaching the target completes the measure.
    _event(people["chief"], almaty.pk, measure=training.pk, count_court_staff="12")
    training.refresh_from_db()
    assert (training.progress, training.status) == (42, WorkStatus.DONE)
    assert training.completed_on == dt.date(2026, 3, 10)
    plan_page = people["chief"].get(f"{URL}/plans/{plan.pk}/", **EN).content.decode()
    assert "62%" in _completion(plan_page)  # (1 + 1/4) / 2 = 62.5, rounded down
    assert "1 of 2 measures done" in _completion(plan_page)

    # The central department sees every unit's plan and its completion.
    plans = people["coordinator"].get(f"{URL}/plans/", **EN).content.decode()
    assert "Image-policy plan 2026" in plans and "62%" in plans


def test_visibility_and_who_may_edit(people, unit, march) -> None:
    almaty = unit("REG-75")
    _plan(people["chief"], almaty.pk)
    plan = Plan.objects.get()
    _measure(people["chief"], plan)
    measure = Measure.objects.get()

    # Another territory sees nothing of it: the same answer as for a plan that does not exist.
    astana = people["chief_astana"]
    assert astana.get(f"{URL}/plans/{plan.pk}/").status_code == 404
    assert astana.get(f"{URL}/measures/{measure.pk}/").status_code == 404
    assert "Image-policy plan 2026" not in astana.get(f"{URL}/plans/", **EN).content.decode()
    # ...and may not plan for Almaty: the unit is not among its choices.
    page = _plan(astana, almaty.pk, **{"plan-title": "Someone else's plan"})
    assert "Select a valid choice" in page and Plan.objects.count() == 1

    # The investigator reads the unit's plan but changes nothing.
    investigator = people["investigator"]
    page = investigator.get(f"{URL}/plans/{plan.pk}/", **EN).content.decode()
    assert "Anti-corruption training of court staff" in page and "Add a measure" not in page
    assert investigator.post(f"{URL}/plans/{plan.pk}/", {"form": "measure"}).status_code == 403
    assert investigator.get(f"{URL}/events/new/").status_code == 403

    # The analyst sees every unit's work, read only.
    analyst = people["analyst"]
    assert "Image-policy plan 2026" in analyst.get(f"{URL}/plans/", **EN).content.decode()
    assert analyst.post(f"{URL}/measures/{measure.pk}/", {"form": "report"}).status_code == 403

    # The coordinator may plan for any unit, and give a measure of a central plan to a
    # territory, which then sees that measure (and only that one).
    central = unit("SC")
    _plan(people["coordinator"], central.pk, **{"plan-title": "Republican plan"})
    republican = Plan.objects.get(title="Republican plan")
    _measure(
        people["coordinator"],
        republican,
        **{"measure-responsible_unit": unit("REG-71").pk, "measure-title": "Astana pilot"},
    )
    _measure(people["coordinator"], republican, **{"measure-title": "Central survey"})
    page = astana.get(f"{URL}/plans/{republican.pk}/", **EN).content.decode()
    assert "Astana pilot" in page and "Central survey" not in page


def test_a_refused_form_keeps_what_was_typed(people, unit, march) -> None:
    almaty = unit("REG-75")
    _plan(people["chief"], almaty.pk)
    plan = Plan.objects.get()
    page = _measure(people["chief"], plan, **{"measure-due_on": "2027-02-01"})
    assert "The due date must fall within the plan&#x27;s period." in page
    assert 'value="officials trained"' in page and Measure.objects.count() == 0

    page = _event(people["chief"], almaty.pk, title="Seminar nobody came to")
    assert "Record how many people took part." in page
    assert 'value="Seminar nobody came to"' in page and not Event.objects.exists()

    page = _event(people["chief"], almaty.pk, held_on="2026-04-01", count_public="5")
    assert "An event is recorded once it has taken place." in page


def test_photos_lose_their_metadata_and_are_served_as_downloads(people, unit, march) -> None:
    almaty = unit("REG-75")
    photo = SimpleUploadedFile("visit.jpg", jpeg_with_gps(), content_type="image/jpeg")
    page = _event(
        people["chief"], almaty.pk, kind="open_day", count_students="40", evidence=[photo]
    )
    assert "The event has been recorded." in page
    document = Document.objects.get()
    assert document.event == Event.objects.get() and document.content_type == "image/jpeg"
    response = people["chief"].get(f"{URL}/files/{document.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")
    data = b"".join(response.streaming_content) if response.streaming else response.content
    assert data.startswith(b"\xff\xd8\xff")
    assert b"SecretCam" not in data and b"Owner Name" not in data and b"GPS" not in data
    assert AuditEvent.objects.filter(action="prevention.file_downloaded").exists()
    assert people["chief_astana"].get(f"{URL}/files/{document.pk}/").status_code == 404

    # A file that is not what it says is refused, and the event is not recorded.
    fake = SimpleUploadedFile(
        "minutes.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"
    )
    page = _event(people["chief"], almaty.pk, count_public="5", evidence=[fake])
    assert "is not of an accepted type" in page and Event.objects.count() == 1


def test_evidence_reported_by_hand_moves_a_manual_measure(people, unit, march) -> None:
    almaty = unit("REG-75")
    _plan(people["chief"], almaty.pk)
    plan = Plan.objects.get()
    _measure(
        people["chief"],
        plan,
        **{"measure-counts": "manual", "measure-target": "1", "measure-target_label": "report"},
    )
    measure = Measure.objects.get()
    report = SimpleUploadedFile("analysis.txt", b"Risk analysis 2026", "text/plain")
    page = _post(
        people["chief"],
        f"{URL}/measures/{measure.pk}/",
        {
            "form": "report",
            "report-amount": "1",
            "report-note": "Approved.",
            "report-evidence": [report],
        },
    )
    assert "The progress has been recorded." in page and "analysis.txt" in page
    measure.refresh_from_db()
    assert (measure.progress, measure.status) == (1, WorkStatus.DONE)
    page = _post(
        people["chief"],
        f"{URL}/measures/{measure.pk}/",
        {"form": "status", "status-status": "cancelled", "status-note": ""},
    )
    assert "Give the reason for cancelling the measure." in page


def test_overdue_measures_are_reminded_once_and_shown_on_the_home_page(people, unit, login) -> None:
    almaty = unit("REG-75")
    with time_machine.travel(MARCH, tick=False):
        _plan(people["chief"], almaty.pk)
        plan = Plan.objects.get()
        _measure(
            people["chief"],
            plan,
            **{
                "measure-due_on": "2026-04-30",
                "measure-responsible": people["users"]["investigator"].pk,
            },
        )
        assert prevention_remind() == 0
    measure = Measure.objects.get()
    with time_machine.travel(dt.datetime(2026, 4, 30, 18, 0, tzinfo=ALMATY), tick=False):
        assert prevention_remind() == 0  # due today is not yet overdue
    with time_machine.travel(dt.datetime(2026, 5, 4, 9, 0, tzinfo=ALMATY), tick=False):
        first = {r.name: r.handled for r in sweep()}
        assert first["prevention_remind"] == 2  # the chief and the responsible investigator
        assert prevention_remind() == 0  # idempotent
        reminded = set(PreventionReminder.objects.values_list("user__username", flat=True))
        assert reminded == {"chief-almaty", "inv-almaty"}
        assert AuditEvent.objects.filter(action="prevention.measure_overdue").count() == 1
        # Two months on, the sessions of the morning have long expired: log in again.
        people.update({name: login(user) for name, user in people["users"].items()})

        home = people["chief"].get("/office/", **EN).content.decode()
        assert "1 plan measure overdue" in home
        assert "Plan measure overdue" in home and "Anti-corruption training of court staff" in home
        assert (
            "Anti-corruption training"
            not in people["chief_astana"].get("/office/", **EN).content.decode()
        )
        assert (
            "1 plan measure overdue" in people["coordinator"].get("/office/", **EN).content.decode()
        )

        # The reminder can be put away; the overdue measure stays until it is done.
        reminder = PreventionReminder.objects.get(user=people["users"]["chief"])
        response = people["chief"].post(f"{URL}/reminders/{reminder.pk}/dismiss/")
        assert response.status_code == 302
        assert (
            people["investigator"].post(f"{URL}/reminders/{reminder.pk}/dismiss/").status_code
            == 404
        )
        home = people["chief"].get("/office/", **EN).content.decode()
        assert "Plan measure overdue" not in home and "1 plan measure overdue" in home

        _post(
            people["chief"],
            f"{URL}/measures/{measure.pk}/",
            {"form": "status", "status-status": "done", "status-note": "Held in April."},
        )
        home = people["investigator"].get("/office/", **EN).content.decode()
        assert "Plan measure overdue" not in home
        assert "plan measure overdue" not in people["chief"].get("/office/", **EN).content.decode()
        assert prevention_remind() == 0


def test_lists_filter_and_export_to_xlsx(people, unit, march) -> None:
    almaty = unit("REG-75")
    _plan(people["chief"], almaty.pk)
    plan = Plan.objects.get()
    _measure(people["chief"], plan)
    _event(people["chief"], almaty.pk, count_public="12", measure=Measure.objects.get().pk)
    _plan(people["chief_astana"], unit("REG-71").pk, **{"plan-title": "Astana plan"})

    coordinator = people["coordinator"]
    page = coordinator.get(f"{URL}/plans/?unit=TD-REG-71", **EN).content.decode()
    assert "Astana plan" in page and "Image-policy plan 2026" not in page

    response = coordinator.get(f"{URL}/plans/export.xlsx?unit=TD-REG-75", **EN)
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"].startswith('attachment; filename="plans-')
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("Unit", "Kind of plan", "Title")
    assert [r[2] for r in rows[1:]] == ["Image-policy plan 2026"]
    assert rows[1][-1] == 30  # 12 of 40 officials: 30%
    assert AuditEvent.objects.filter(action="prevention.exported", object_id="plans").exists()

    for name in ("measures", "events"):
        response = people["chief"].get(f"{URL}/{name}/export.xlsx", **EN)
        book = load_workbook(io.BytesIO(response.content))
        assert book.active.max_row == 2, name
    events = people["chief_astana"].get(f"{URL}/events/export.xlsx", **EN)
    assert load_workbook(io.BytesIO(events.content)).active.max_row == 1  # only the header
