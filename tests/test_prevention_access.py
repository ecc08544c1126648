"""Who sees and who changes prevention work, decided by the policy's capabilities: each role
through `access`, and through the office pages: an analyst reads every unit's work and changes
none of it; a chief changes their own unit's records only; an operator sees the concept and
GRECO alone."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from senim.core import clock
from senim.organization.models import Role, Unit
from senim.prevention import access
from senim.prevention.commissions import services as commissions
from senim.prevention.models import Event, Measure, Resolution, RiskAction, WorkStatus
from senim.prevention.plans import services as plans
from senim.prevention.risks import services as risks

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
URL = "/office/prevention"


@pytest.fixture
def people(make_staff, login) -> dict[str, Any]:
    users = {
        "coordinator": make_staff(Role.COORDINATOR, username="coord-access"),
        "analyst": make_staff(Role.ANALYST, username="analyst-access"),
        "operator": make_staff(Role.OPERATOR, username="operator-access"),
        "chief": make_staff(Role.CHIEF, "REG-75", username="chief-almaty"),
        "investigator": make_staff(Role.INVESTIGATOR, "REG-75", username="inv-almaty"),
        "chief_astana": make_staff(Role.CHIEF, "REG-71", username="chief-astana"),
    }
    return {"users": users, **{name: login(user) for name, user in users.items()}}


@pytest.fixture
def almaty_work(people, unit) -> dict[str, Any]:
    """A plan with a measure, a commission's resolution and a risk with an action: Almaty's."""
    chief, almaty, today = people["users"]["chief"], unit("REG-75"), clock.today()
    year = dt.date(today.year, 1, 1)
    plan = plans.plan_create(
        user=chief,
        unit=almaty,
        kind="image_policy",
        title="Almaty plan",
        period_start=year,
        period_end=dt.date(today.year, 12, 31),
    )
    measure = plans.measure_add(
        user=chief,
        plan_id=plan.pk,
        title="Training of court staff",
        responsible_unit=almaty,
        due_on=dt.date(today.year, 12, 31),
        target_label="officials trained",
        target=40,
        counts="participants",
    )
    commission = commissions.commission_create(
        user=chief, unit=almaty, level="regional", name="Almaty commission"
    )
    meeting = commissions.meeting_record(
        user=chief, commission_id=commission.pk, held_on=today, agenda="Copies of judgments."
    )
    resolution = commissions.resolution_add(
        user=chief,
        meeting_id=meeting.pk,
        text="Check the copies.",
        owner=chief,
        due_on=today + dt.timedelta(days=30),
    )
    risk = risks.risk_create(
        user=chief,
        unit=almaty,
        title="Cases re-allocated by hand",
        process="case_allocation",
        risk_map="organisational",
        likelihood=4,
        impact=5,
        identified_on=today,
    )
    action = risks.risk_action_add(
        user=chief,
        risk_id=risk.pk,
        description="Monthly check of the log",
        due_on=today + dt.timedelta(days=30),
    )
    return {
        "plan": plan,
        "measure": measure,
        "meeting": meeting,
        "resolution": resolution,
        "risk": risk,
        "action": action,
    }


# (sees, edits own unit's, edits another unit's, edits the concept and GRECO)
EXPECTED = {
    "coordinator": ("everything", True, True, True),
    "analyst": ("everything", False, False, False),
    "operator": ("nothing", False, False, False),
    "chief": ("own unit", True, False, False),
    "investigator": ("own unit", False, False, False),
}


@pytest.mark.parametrize("name", list(EXPECTED))
def test_each_role_through_the_policy(people, unit, name: str) -> None:
    user = people["users"][name]
    sees, edits_own, edits_other, edits_central = EXPECTED[name]
    scope = access.scope_of(user)
    seen = "everything" if scope.everything else "nothing" if scope.nothing else "own unit"
    assert seen == sees
    own = user.staff.unit_id
    other = unit("REG-71").pk
    assert access.may_edit_unit(user, own) is edits_own
    assert access.may_edit_unit(user, other) is edits_other
    assert access.may_edit_central(user) is edits_central
    assert access.is_staff_member(user)
    # An account switched off loses everything at once.
    user.is_active = False
    assert access.scope_of(user).nothing and not access.may_edit_unit(user, own)
    assert not access.is_staff_member(user)


def _snapshot() -> list[tuple[object, ...]]:
    return [
        *Measure.objects.values_list("status", "progress"),
        *Resolution.objects.values_list("status", "follow_up"),
        *RiskAction.objects.values_list("status"),
    ]


def test_an_analyst_views_every_unit_but_edits_nothing(people, almaty_work) -> None:
    analyst, work = people["analyst"], almaty_work
    before = _snapshot()
    measure_url = f"{URL}/measures/{work['measure'].pk}/"
    page = analyst.get(measure_url, **EN).content.decode()
    assert "Training of court staff" in page
    assert "Change the status" not in page and "Report progress" not in page
    assert analyst.post(measure_url, {"form": "status", "status-status": "done"}).status_code == 403
    assert analyst.post(measure_url, {"form": "report", "report-amount": "5"}).status_code == 403

    plan_page = analyst.get(f"{URL}/plans/{work['plan'].pk}/", **EN).content.decode()
    assert "Almaty plan" in plan_page and "Add a measure" not in plan_page

    resolution_url = f"{URL}/resolutions/{work['resolution'].pk}/"
    page = analyst.get(resolution_url, **EN).content.decode()
    assert "Check the copies." in page and "Record the follow-up" not in page
    refused = analyst.post(
        resolution_url,
        {"form": "follow_up", "follow_up-status": "done", "follow_up-follow_up": "Done."},
    )
    assert refused.status_code == 403

    risk_url = f"{URL}/risks/{work['risk'].pk}/"
    page = analyst.get(risk_url, **EN).content.decode()
    assert "Monthly check of the log" in page and 'name="action_status-status"' not in page
    assert "Review the risk" not in page
    refused = analyst.post(
        risk_url,
        {
            "form": "action_status",
            "action_status-action": work["action"].pk,
            "action_status-status": "done",
        },
    )
    assert refused.status_code == 403
    assert analyst.get(f"{URL}/events/new/").status_code == 403
    assert analyst.get(f"{URL}/risks/new/").status_code == 403
    assert _snapshot() == before


def test_a_chief_cannot_edit_another_units_records(people, unit, almaty_work) -> None:
    astana, work = people["chief_astana"], almaty_work
    before = _snapshot()
    # Another unit's records: the same answer as for records that do not exist.
    measure_url = f"{URL}/measures/{work['measure'].pk}/"
    assert astana.get(measure_url).status_code == 404
    refused = astana.post(measure_url, {"form": "status", "status-status": "done"})
    assert refused.status_code == 404
    refused = astana.post(
        f"{URL}/resolutions/{work['resolution'].pk}/",
        {"form": "follow_up", "follow_up-status": "done", "follow_up-follow_up": "Done."},
    )
    assert refused.status_code == 404
    refused = astana.post(
        f"{URL}/risks/{work['risk'].pk}/",
        {
            "form": "action_status",
            "action_status-action": work["action"].pk,
            "action_status-status": "cancelled",
        },
    )
    assert refused.status_code == 404
    # Nor may they record an event for Almaty: the unit is not among their choices.
    response = astana.post(
        f"{URL}/events/new/",
        {
            "form": "event",
            "unit": unit("REG-75").pk,
            "kind": "training",
            "title": "Not theirs",
            "held_on": clock.today().isoformat(),
            "place": "Almaty",
            "count_public": "5",
        },
        **EN,
    )
    assert "Select a valid choice" in response.content.decode() and not Event.objects.exists()
    assert _snapshot() == before

    # A central plan that gives Astana a measure: Astana sees the plan and works on its own
    # measure, but the plan is the central department's to change.
    coordinator = people["users"]["coordinator"]
    central = plans.plan_create(
        user=coordinator,
        unit=Unit.objects.get(kind=Unit.Kind.CENTRAL),
        kind="prevention",
        title="Republican plan",
        period_start=work["plan"].period_start,
        period_end=work["plan"].period_end,
    )
    pilot = plans.measure_add(
        user=coordinator,
        plan_id=central.pk,
        title="Astana pilot",
        responsible_unit=unit("REG-71"),
        due_on=work["plan"].period_end,
        target_label="documents",
        target=1,
        counts="manual",
    )
    plan_url = f"{URL}/plans/{central.pk}/"
    page = astana.get(plan_url, **EN).content.decode()
    assert "Astana pilot" in page and "Add a measure" not in page
    assert astana.post(plan_url, {"form": "measure"}).status_code == 403
    page = astana.get(f"{URL}/measures/{pilot.pk}/", **EN).content.decode()
    assert "Report progress or add evidence" in page

    # The coordinator changes every unit's work.
    page = people["coordinator"].post(
        measure_url, {"form": "status", "status-status": "in_progress"}, follow=True, **EN
    )
    assert "The status has been changed." in page.content.decode()
    work["measure"].refresh_from_db()
    assert work["measure"].status == WorkStatus.IN_PROGRESS


def test_an_operator_sees_only_the_concept_and_greco(people) -> None:
    operator = people["operator"]
    page = operator.get(f"{URL}/", **EN).content.decode()
    assert f'href="{URL}/concept/"' in page and f'href="{URL}/greco/"' in page
    assert f'href="{URL}/plans/"' not in page and f'href="{URL}/risks/"' not in page
    for path in ("plans/", "measures/", "events/", "commissions/", "resolutions/", "risks/"):
        assert operator.get(f"{URL}/{path}").status_code == 403, path
    assert operator.get(f"{URL}/concept/").status_code == 200
    page = people["chief"].get(f"{URL}/", **EN).content.decode()
    assert f'href="{URL}/plans/"' in page
