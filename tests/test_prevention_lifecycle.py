"""Every lifecycle of prevention work has its transition table: the office offers only the
allowed moves, the services refuse the others with a clear message (the form keeping what was
typed, nothing changed), reopening done work is the central department's, with a reason, and
the database refuses what the table's rules imply."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.db import IntegrityError, transaction
from django.test import Client

from senim.core import clock
from senim.core.models import AuditEvent
from senim.organization.models import Role
from senim.prevention import lifecycle
from senim.prevention.commissions import services as commissions
from senim.prevention.concept import services as concept
from senim.prevention.models import (
    ConceptMeasure,
    Measure,
    ProgressEntry,
    Resolution,
    RiskAction,
    WorkStatus,
)
from senim.prevention.plans import services as plans
from senim.prevention.risks import services as risks

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
URL = "/office/prevention"
PLANNED, IN_PROGRESS, DONE, CANCELLED = "planned", "in_progress", "done", "cancelled"


@pytest.fixture
def people(make_staff, login) -> dict[str, Any]:
    users = {
        "coordinator": make_staff(Role.COORDINATOR, username="coord-life"),
        "chief": make_staff(Role.CHIEF, "REG-75", username="chief-almaty"),
    }
    return {"users": users, **{name: login(user) for name, user in users.items()}}


@pytest.fixture
def measure(people, unit) -> Measure:
    chief, today = people["users"]["chief"], clock.today()
    plan = plans.plan_create(
        user=chief,
        unit=unit("REG-75"),
        kind="image_policy",
        title="Almaty plan",
        period_start=dt.date(today.year, 1, 1),
        period_end=dt.date(today.year, 12, 31),
    )
    return plans.measure_add(
        user=chief,
        plan_id=plan.pk,
        title="Training of court staff",
        responsible_unit=unit("REG-75"),
        due_on=dt.date(today.year, 12, 31),
        target_label="officials trained",
        target=40,
        counts="participants",
    )


def _post(client: Client, url: str, data: dict[str, Any]) -> str:
    response = client.post(url, data, follow=True, **EN)  # type: ignore[arg-type]
    assert response.status_code == 200
    return response.content.decode()


def _options(page: str, name: str) -> list[str]:
    """The values a select offers (the first select of that name on the page)."""
    found = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', page, re.S)
    assert found, f"no select {name}"
    return re.findall(r'<option value="([^"]*)"', found.group(1))


def _status(client: Client, measure: Measure, status: str, note: str = "") -> str:
    return _post(
        client,
        f"{URL}/measures/{measure.pk}/",
        {"form": "status", "status-status": status, "status-note": note},
    )


def test_a_cancelled_measure_cannot_be_marked_done(people, measure) -> None:
    chief = people["chief"]
    page = _status(chief, measure, CANCELLED, "The plan was revised by order No. 12.")
    assert "The status has been changed." in page
    measure.refresh_from_db()
    assert (measure.status, measure.completed_on) == (CANCELLED, None)
    # Cancelled is final: the page offers no move at all.
    page = chief.get(f"{URL}/measures/{measure.pk}/", **EN).content.decode()
    assert "Change the status" not in page
    entries, audits = ProgressEntry.objects.count(), AuditEvent.objects.count()

    page = _status(chief, measure, DONE, "Found the report after all.")
    assert "The status cannot change from «cancelled» to «done»." in page
    assert "Found the report after all." in page  # the form keeps what was typed
    measure.refresh_from_db()
    assert (measure.status, measure.completed_on) == (CANCELLED, None)
    assert (ProgressEntry.objects.count(), AuditEvent.objects.count()) == (entries, audits)


def test_the_office_offers_only_the_allowed_moves(people, measure) -> None:
    chief, coordinator = people["chief"], people["coordinator"]
    url = f"{URL}/measures/{measure.pk}/"
    page = chief.get(url, **EN).content.decode()
    assert _options(page, "status-status") == ["", IN_PROGRESS, DONE, CANCELLED]

    page = _status(chief, measure, IN_PROGRESS)
    assert _options(page, "status-status") == ["", DONE, CANCELLED]
    page = _status(chief, measure, DONE)
    measure.refresh_from_db()
    assert measure.status == DONE and measure.completed_on == clock.today()
    # Done is final for the unit; the central department may reopen it, with a reason.
    assert "Change the status" not in page
    page = coordinator.get(url, **EN).content.decode()
    assert _options(page, "status-status") == ["", IN_PROGRESS]

    page = _status(chief, measure, IN_PROGRESS, "Wrong figures.")
    assert "Your role may not reopen." in page
    page = _status(coordinator, measure, IN_PROGRESS)
    assert "Give the reason for reopening." in page
    measure.refresh_from_db()
    assert measure.status == DONE
    page = _status(coordinator, measure, IN_PROGRESS, "The attendance lists were counted twice.")
    assert "The status has been changed." in page
    measure.refresh_from_db()
    assert (measure.status, measure.completed_on) == (IN_PROGRESS, None)
    assert ProgressEntry.objects.filter(note__startswith="The attendance lists").exists()


def test_resolutions_and_mitigation_actions_follow_their_tables(people, unit) -> None:
    chief, coordinator = people["chief"], people["coordinator"]
    user, today = people["users"]["chief"], clock.today()
    commission = commissions.commission_create(
        user=user, unit=unit("REG-75"), level="regional", name="Almaty commission"
    )
    meeting = commissions.meeting_record(
        user=user, commission_id=commission.pk, held_on=today, agenda="Copies of judgments."
    )
    resolution = commissions.resolution_add(
        user=user,
        meeting_id=meeting.pk,
        text="Check the copies.",
        owner=user,
        due_on=today + dt.timedelta(days=30),
    )
    url = f"{URL}/resolutions/{resolution.pk}/"
    page = chief.get(url, **EN).content.decode()
    # Keeping the status records the follow-up alone; the moves come after it.
    assert _options(page, "follow_up-status") == [PLANNED, IN_PROGRESS, DONE, CANCELLED]
    page = _post(
        chief,
        url,
        {"form": "follow_up", "follow_up-status": CANCELLED, "follow_up-follow_up": "Moot."},
    )
    assert "The follow-up has been recorded." in page
    assert _options(page, "follow_up-status") == [CANCELLED]
    page = _post(
        chief,
        url,
        {"form": "follow_up", "follow_up-status": DONE, "follow_up-follow_up": "Done after all."},
    )
    assert "The status cannot change from «cancelled» to «done»." in page
    assert "Done after all." in page
    resolution.refresh_from_db()
    assert (resolution.status, resolution.follow_up) == (CANCELLED, "Moot.")
    # The account of a cancelled resolution may be added to; it stays cancelled.
    page = _post(
        coordinator,
        url,
        {
            "form": "follow_up",
            "follow_up-status": CANCELLED,
            "follow_up-follow_up": "Moot: merged.",
        },
    )
    resolution.refresh_from_db()
    assert (resolution.status, resolution.follow_up) == (CANCELLED, "Moot: merged.")

    risk = risks.risk_create(
        user=user,
        unit=unit("REG-75"),
        title="Cases re-allocated by hand",
        process="case_allocation",
        risk_map="organisational",
        likelihood=4,
        impact=5,
        identified_on=today,
    )
    action = risks.risk_action_add(
        user=user,
        risk_id=risk.pk,
        description="Monthly check of the log",
        due_on=today + dt.timedelta(days=30),
    )
    risk_url = f"{URL}/risks/{risk.pk}/"
    page = chief.get(risk_url, **EN).content.decode()
    assert _options(page, "action_status-status") == [PLANNED, IN_PROGRESS, DONE, CANCELLED]
    assert _options(page, "review-status") == ["active", "closed"]
    data = {"form": "action_status", "action_status-action": action.pk}
    _post(chief, risk_url, {**data, "action_status-status": DONE})
    page = _post(chief, risk_url, {**data, "action_status-status": CANCELLED})
    assert "The status cannot change from «done» to «cancelled»." in page
    assert 'name="action_status-status"' not in page  # done: nothing left to offer
    action.refresh_from_db()
    assert action.status == DONE and action.completed_on == today


def test_concept_measures_have_their_table(people) -> None:
    coordinator = people["users"]["coordinator"]
    objective = concept.concept_objective_add(
        user=coordinator, number="1", title_kk="Мақсат", title_ru="Цель", title_en="Objective"
    )
    found = concept.concept_measure_add(
        user=coordinator,
        objective=objective,
        number="1.1",
        text_kk="Шара",
        text_ru="Мера",
        text_en="Measure",
        units=[],
    )
    url = f"{URL}/concept/{found.pk}/"
    page = people["coordinator"].get(url, **EN).content.decode()
    assert _options(page, "update-status") == [PLANNED, IN_PROGRESS, DONE, CANCELLED]
    page = _post(people["coordinator"], url, {"form": "update", "update-status": CANCELLED})
    assert "Give the reason for cancelling the measure." in page
    assert ConceptMeasure.objects.get().status == PLANNED


def test_the_tables() -> None:
    work = [
        lifecycle.MEASURES,
        lifecycle.RESOLUTIONS,
        lifecycle.RISK_ACTIONS,
        lifecycle.CONCEPT_MEASURES,
    ]
    for table in work:
        moves = {(t.source, t.target) for t in table.transitions}
        # Nothing leaves a cancelled piece of work; done work may only be reopened.
        assert not {m for m in moves if m[0] == CANCELLED}
        assert {m for m in moves if m[0] == DONE} <= {(DONE, IN_PROGRESS)}
        assert (CANCELLED, DONE) not in moves and (IN_PROGRESS, PLANNED) not in moves
        for t in table.transitions:
            assert t.source in WorkStatus.values and t.target in WorkStatus.values
            assert t.capabilities and str(t.label)
    reopen = lifecycle.MEASURES.find(DONE, IN_PROGRESS)
    assert reopen is not None and reopen.capabilities == lifecycle.OVERSIGHT
    assert lifecycle.RISK_ACTIONS.find(DONE, IN_PROGRESS) is None


def test_the_database_refuses_what_the_tables_imply(people, measure, unit) -> None:
    rows = Measure.objects.filter(pk=measure.pk)
    with pytest.raises(IntegrityError), transaction.atomic():
        rows.update(status=DONE)  # done without a completion date
    with pytest.raises(IntegrityError), transaction.atomic():
        rows.update(completed_on=clock.today())  # a completion date for open work
    user, today = people["users"]["chief"], clock.today()
    commission = commissions.commission_create(
        user=user, unit=unit("REG-75"), level="regional", name="Almaty commission"
    )
    meeting = commissions.meeting_record(
        user=user, commission_id=commission.pk, held_on=today, agenda="Agenda."
    )
    resolution = commissions.resolution_add(
        user=user, meeting_id=meeting.pk, text="Check.", owner=user, due_on=today
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        # Cancelled without saying why.
        Resolution.objects.filter(pk=resolution.pk).update(status=CANCELLED)
    risk = risks.risk_create(
        user=user,
        unit=unit("REG-75"),
        title="Risk",
        process="other",
        risk_map="organisational",
        likelihood=1,
        impact=1,
        identified_on=today,
    )
    action = risks.risk_action_add(user=user, risk_id=risk.pk, description="Act", due_on=today)
    with pytest.raises(IntegrityError), transaction.atomic():
        RiskAction.objects.filter(pk=action.pk).update(status=DONE)
