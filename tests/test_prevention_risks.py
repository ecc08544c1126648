"""The corruption-risk register: the band follows from likelihood x impact (one function, backed
by check constraints on 1..5), the heat map counts risks in the right cell, reviews keep their
history, risks are linked to the cases that revealed them, and units see their own."""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook  # type: ignore[import-untyped]

from senim.organization.models import Role
from senim.prevention.models import CorruptionRisk, RiskReview
from senim.prevention.rules import Band, band_score_range, risk_band

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
URL = "/office/prevention"


@pytest.mark.parametrize(
    ("likelihood", "impact", "band"),
    [
        (1, 1, Band.LOW),
        (2, 2, Band.LOW),
        (1, 4, Band.LOW),
        (1, 5, Band.MEDIUM),
        (3, 3, Band.MEDIUM),
        (2, 5, Band.HIGH),
        (4, 4, Band.HIGH),
        (4, 5, Band.CRITICAL),
        (5, 5, Band.CRITICAL),
    ],
)
def test_the_band_follows_from_likelihood_times_impact(likelihood, impact, band) -> None:
    assert risk_band(likelihood, impact) == band
    assert risk_band(impact, likelihood) == band  # the product does not care about order


@given(st.integers(1, 5), st.integers(1, 5), st.integers(1, 5), st.integers(1, 5))
def test_a_higher_score_never_gives_a_lower_band(l1, i1, l2, i2) -> None:
    order = list(Band)
    if l1 * i1 <= l2 * i2:
        assert order.index(risk_band(l1, i1)) <= order.index(risk_band(l2, i2))
    low, high = band_score_range(risk_band(l1, i1))
    assert low <= l1 * i1 <= high


@pytest.mark.parametrize(("likelihood", "impact"), [(0, 3), (6, 3), (3, 0), (3, 6)])
def test_scores_outside_one_to_five_are_refused(likelihood, impact) -> None:
    with pytest.raises(ValueError):
        risk_band(likelihood, impact)


@pytest.mark.django_db
@pytest.mark.parametrize(("likelihood", "impact"), [(0, 3), (6, 3), (3, 0), (3, 6)])
def test_the_database_refuses_scores_outside_one_to_five(unit, likelihood, impact) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        CorruptionRisk.objects.create(
            unit=unit("REG-75"),
            title="Out of range",
            process="hr",
            risk_map="organisational",
            likelihood=likelihood,
            impact=impact,
            identified_on=dt.date(2026, 1, 1),
        )


@pytest.fixture
def people(make_staff, login) -> dict[str, Any]:
    users = {
        "coordinator": make_staff(Role.COORDINATOR, username="coord-risk"),
        "chief": make_staff(Role.CHIEF, "REG-75", username="chief-almaty"),
        "chief_astana": make_staff(Role.CHIEF, "REG-71", username="chief-astana"),
        "analyst": make_staff(Role.ANALYST, username="analyst-risk"),
    }
    return {"users": users, **{name: login(user) for name, user in users.items()}}


def _post(client: Client, url: str, data: dict[str, Any]) -> str:
    response = client.post(url, data, follow=True, **EN)  # type: ignore[arg-type]
    assert response.status_code == 200
    return response.content.decode()


def _enter(client: Client, unit_pk: int, **overrides: Any) -> str:
    data = {
        "form": "risk",
        "unit": unit_pk,
        "court": "DST-75-02",
        "title": "Cases re-allocated by hand around the automated system",
        "description": "Found in three appeals about the Almaly court.",
        "process": "case_allocation",
        "risk_map": "organisational",
        "likelihood": "4",
        "impact": "5",
        "identified_on": "2026-01-15",
    }
    data.update(overrides)
    return _post(client, f"{URL}/risks/new/", data)


def _cell(page: str, likelihood: int, impact: int) -> str:
    found = re.search(
        rf'<td class="band-(\w+)" data-likelihood="{likelihood}" data-impact="{impact}">(.*?)</td>',
        page,
        re.S,
    )
    assert found, f"no cell {likelihood}x{impact}"
    count = re.search(r'<span class="count">(\d+)</span>', found.group(2))
    assert count
    return f"{found.group(1)}:{count.group(1)}"


@pytest.mark.django_db
def test_a_risk_gets_its_band_and_appears_on_the_heat_map(people, unit) -> None:
    chief = people["chief"]
    page = _enter(chief, unit("REG-75").pk, owner=people["users"]["chief"].pk)
    assert "The risk has been entered in the register." in page
    risk = CorruptionRisk.objects.get()
    assert "4 × 5 = 20" in page and 'class="band band-critical">critical<' in page
    assert RiskReview.objects.filter(risk=risk).count() == 1

    heat = chief.get(f"{URL}/risks/heat-map/", **EN).content.decode()
    assert "<table" in heat and '<th scope="row">4</th>' in heat
    assert _cell(heat, 4, 5) == "critical:1"
    assert _cell(heat, 5, 5) == "critical:0" and _cell(heat, 1, 1) == "low:0"
    assert "1 active risk by likelihood and impact" in heat

    # A review after the mitigation lowers the scores: the band and the heat map follow, and
    # the history keeps both assessments.
    page = _post(
        chief,
        f"{URL}/risks/{risk.pk}/",
        {
            "form": "review",
            "review-likelihood": "2",
            "review-impact": "3",
            "review-status": "active",
            "review-note": "Manual re-allocation now needs the chairman's written order.",
        },
    )
    assert "The review has been recorded." in page and "2 × 3 = 6" in page
    assert 'band-medium">medium<' in page
    history = page[page.index("Review history") :]
    assert history.index("4 × 5") < history.index("2 × 3")
    heat = chief.get(f"{URL}/risks/heat-map/", **EN).content.decode()
    assert _cell(heat, 4, 5) == "critical:0" and _cell(heat, 2, 3) == "medium:1"

    # Filtering the register by band uses the same thresholds.
    assert "re-allocated by hand" in chief.get(f"{URL}/risks/?band=medium", **EN).content.decode()
    assert "re-allocated by hand" not in chief.get(f"{URL}/risks/?band=high", **EN).content.decode()

    # A closed risk leaves the heat map but stays in the register.
    _post(
        chief,
        f"{URL}/risks/{risk.pk}/",
        {
            "form": "review",
            "review-likelihood": "1",
            "review-impact": "3",
            "review-status": "closed",
            "review-note": "Closed after a year without a case.",
        },
    )
    heat = chief.get(f"{URL}/risks/heat-map/", **EN).content.decode()
    assert "0 active risks" in heat
    assert "re-allocated by hand" in chief.get(f"{URL}/risks/", **EN).content.decode()


@pytest.mark.django_db
def test_mitigation_actions_and_linked_cases(people, unit, make_case) -> None:
    chief = people["chief"]
    _enter(chief, unit("REG-75").pk)
    risk = CorruptionRisk.objects.get()
    url = f"{URL}/risks/{risk.pk}/"
    due = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    page = _post(
        chief,
        url,
        {"form": "action", "action-description": "Monthly check of the log", "action-due_on": due},
    )
    assert "The mitigation action has been added." in page
    action = risk.actions.get()
    page = _post(
        chief,
        url,
        {
            "form": "action_status",
            "action_status-action": action.pk,
            "action_status-status": "done",
        },
    )
    action.refresh_from_db()
    assert action.status == "done" and action.completed_on is not None

    ours = make_case("DST-75-02", subject="Case moved to a friendly judge")
    theirs = make_case("DST-71-01", subject="Astana case")
    page = _post(chief, url, {"form": "link", "link-case_number": ours.appeal.number})
    assert "The case has been linked." in page and ours.appeal.number in page
    page = _post(chief, url, {"form": "link", "link-case_number": theirs.appeal.number})
    assert "No case with this registration number is open to you." in page
    assert list(risk.cases.all()) == [ours]
    # The analyst sees the risk but not the case: case content is need-to-know.
    page = people["analyst"].get(url, **EN).content.decode()
    assert "re-allocated by hand" in page and ours.appeal.number not in page


@pytest.mark.django_db
def test_each_unit_sees_its_own_register_and_the_centre_sees_all(people, unit) -> None:
    _enter(people["chief"], unit("REG-75").pk)
    _enter(
        people["chief_astana"],
        unit("REG-71").pk,
        court="",
        title="Fees waived without grounds",
        process="court_fees",
        risk_map="legislative",
        likelihood="2",
        impact="2",
    )
    almaty = CorruptionRisk.objects.get(unit__court__code="REG-75")
    assert people["chief_astana"].get(f"{URL}/risks/{almaty.pk}/").status_code == 404
    page = people["chief_astana"].get(f"{URL}/risks/", **EN).content.decode()
    assert "Fees waived" in page and "re-allocated by hand" not in page
    heat = people["chief_astana"].get(f"{URL}/risks/heat-map/", **EN).content.decode()
    assert _cell(heat, 2, 2) == "low:1" and _cell(heat, 4, 5) == "critical:0"
    heat = people["coordinator"].get(f"{URL}/risks/heat-map/", **EN).content.decode()
    assert _cell(heat, 2, 2) == "low:1" and _cell(heat, 4, 5) == "critical:1"
    # A chief enters risks for their own unit only.
    page = _enter(people["chief_astana"], unit("REG-75").pk, title="Not theirs")
    assert "Select a valid choice" in page and not CorruptionRisk.objects.filter(title="Not theirs")
    # ... and a court of another territory is refused.
    page = _enter(people["chief_astana"], unit("REG-71").pk, title="Wrong court")
    assert "The court is not in this unit&#x27;s territory." in page
    # The export has what the list shows.
    response = people["coordinator"].get(f"{URL}/risks/export.xlsx?band=critical", **EN)
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert [r[2] for r in rows[1:]] == ["Cases re-allocated by hand around the automated system"]
    assert rows[1][5:9] == (4, 5, 20, "critical")
