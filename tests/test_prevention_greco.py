"""The GRECO tracker and the anti-corruption policy concept: the country's, read by all staff,
kept by the central coordinators. A recommendation's status across two reports is its history."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import translation
from openpyxl import load_workbook  # type: ignore[import-untyped]

from senim.core.errors import DomainError, PermissionDenied
from senim.core.models import AuditEvent
from senim.organization.models import Role
from senim.prevention.greco import services
from senim.prevention.models import (
    ConceptMeasure,
    ConceptObjective,
    GrecoAssessment,
    GrecoRecommendation,
    GrecoReport,
    GrecoRound,
    Measure,
    Plan,
)
from senim.prevention.plans import services as plans

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
URL = "/office/prevention"


@pytest.fixture
def people(make_staff, login) -> dict[str, Any]:
    users = {
        "coordinator": make_staff(Role.COORDINATOR, username="coord-greco"),
        "chief": make_staff(Role.CHIEF, "REG-75", username="chief-almaty"),
        "chief_astana": make_staff(Role.CHIEF, "REG-71", username="chief-astana"),
        "operator": make_staff(Role.OPERATOR, username="operator-greco"),
    }
    return {"users": users, **{name: login(user) for name, user in users.items()}}


def _post(client: Client, url: str, data: dict[str, Any]) -> str:
    response = client.post(url, data, follow=True, **EN)  # type: ignore[arg-type]
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def joint_round(people) -> dict[str, Any]:
    coordinator = people["coordinator"]
    _post(
        coordinator,
        f"{URL}/greco/",
        {
            "form": "round",
            "round-code": "I-II",
            "round-name_kk": "Бірінші және екінші раундтар",
            "round-name_ru": "Первый и второй раунды",
            "round-name_en": "Joint First and Second Evaluation Rounds",
        },
    )
    found = GrecoRound.objects.get()
    url = f"{URL}/greco/rounds/{found.pk}/"
    for kind, plenary, adopted, assessment in [
        ("evaluation", "90", "2022-03-25", ""),
        ("compliance", "96", "2024-03-22", "globally_unsatisfactory"),
        ("addendum", "99", "2025-03-21", "not_globally_unsatisfactory"),
    ]:
        page = _post(
            coordinator,
            url,
            {
                "form": "report",
                "report-kind": kind,
                "report-plenary": plenary,
                "report-adopted_on": adopted,
                "report-country_assessment": assessment,
            },
        )
        assert "The report has been added." in page
    page = _post(
        coordinator,
        url,
        {
            "form": "recommendation",
            "recommendation-label": "iv",
            "recommendation-text_kk": "[Толтырғыш] iv ұсынымы",
            "recommendation-text_ru": "[Заглушка] Рекомендация iv",
            "recommendation-text_en": "[Placeholder] Recommendation iv",
        },
    )
    assert "The recommendation has been added." in page
    return {
        "round": found,
        "recommendation": GrecoRecommendation.objects.get(),
        "reports": {r.kind: r for r in GrecoReport.objects.all()},
    }


def test_a_recommendation_shows_its_status_history_across_reports(people, joint_round) -> None:
    rec, reports = joint_round["recommendation"], joint_round["reports"]
    url = f"{URL}/greco/recommendations/{rec.pk}/"
    coordinator = people["coordinator"]
    page = _post(
        coordinator,
        url,
        {
            "form": "assess",
            "assess-report": reports["compliance"].pk,
            "assess-status": "not_implemented",
            "assess-note": "No law on the selection of court staff yet.",
        },
    )
    assert "The status has been recorded." in page
    evidence = SimpleUploadedFile("draft-law.txt", b"Draft law, first reading", "text/plain")
    page = _post(
        coordinator,
        url,
        {
            "form": "assess",
            "assess-report": reports["addendum"].pk,
            "assess-status": "partly",
            "assess-note": "Draft law passed the first reading.",
            "assess-evidence": [evidence],
        },
    )
    assert GrecoAssessment.objects.count() == 2

    # Every member of staff reads the history, in the order of the reports.
    page = people["chief"].get(url, **EN).content.decode()
    history = page[page.index('id="greco-history"') :]
    evaluation = history.index("Evaluation report")
    compliance = history.index("Compliance report")
    addendum = history.index("Addendum to the compliance report")
    assert evaluation < compliance < addendum
    assert "issued" in history[evaluation:compliance]
    assert "Not implemented" in history[compliance:addendum]
    assert "Partly implemented" in history[addendum:]
    assert "draft-law.txt" in history[addendum:]
    assert "[Placeholder] Recommendation iv" in page and "[Заглушка] Рекомендация iv" in page

    # The round shows the matrix and the country-level assessment.
    round_page = (
        people["operator"]
        .get(f"{URL}/greco/rounds/{joint_round['round'].pk}/", **EN)
        .content.decode()
    )
    assert "globally unsatisfactory" in round_page
    assert "not globally unsatisfactory" in round_page
    row = round_page[round_page.index(">iv</a>") :]
    row = row[: row.index("</tr>")]
    assert row.index("not implemented") < row.index("partly implemented")

    # Correcting a status for the same report is audited with the previous one.
    services.greco_assess(
        user=people["users"]["coordinator"],
        recommendation_id=rec.pk,
        report_id=reports["addendum"].pk,
        status="implemented",
    )
    assert GrecoAssessment.objects.count() == 2
    last = AuditEvent.objects.filter(action="prevention.greco_assessed").order_by("-seq").first()
    assert last.detail["from"] == "partly" and last.detail["to"] == "implemented"

    # An export of the round, with one column per report.
    response = people["chief"].get(
        f"{URL}/greco/rounds/{joint_round['round'].pk}/export.xlsx", **EN
    )
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "Number" and len(rows[0]) == 5 + 3
    assert rows[1][0] == "iv"
    assert rows[1][5:] == (None, "not implemented", "implemented satisfactorily")


def test_only_coordinators_change_greco(people, joint_round) -> None:
    rec, reports = joint_round["recommendation"], joint_round["reports"]
    url = f"{URL}/greco/recommendations/{rec.pk}/"
    chief = people["chief"]
    page = chief.get(url, **EN).content.decode()
    assert "Record the status in a report" not in page
    data = {"form": "assess", "assess-report": reports["compliance"].pk, "assess-status": "partly"}
    assert chief.post(url, data).status_code == 403
    with pytest.raises(PermissionDenied):
        services.greco_assess(
            user=people["users"]["chief"],
            recommendation_id=rec.pk,
            report_id=reports["compliance"].pk,
            status="partly",
        )
    # An evaluation report issues recommendations; it does not rate them.
    with pytest.raises(DomainError, match="does not rate them"), translation.override("en"):
        services.greco_assess(
            user=people["users"]["coordinator"],
            recommendation_id=rec.pk,
            report_id=reports["evaluation"].pk,
            status="partly",
        )
    with (
        pytest.raises(DomainError, match="no country-level assessment"),
        translation.override("en"),
    ):
        services.greco_report_add(
            user=people["users"]["coordinator"],
            round_id=joint_round["round"].pk,
            kind="evaluation",
            plenary="100",
            adopted_on=dt.date(2025, 6, 20),
            country_assessment="globally_unsatisfactory",
        )
    # The owner and the next situation-report deadline.
    page = _post(
        people["coordinator"],
        url,
        {
            "form": "edit",
            "edit-text_kk": rec.text_kk,
            "edit-text_ru": rec.text_ru,
            "edit-text_en": "Recommendation iv: the real text.",
            "edit-owner_unit": people["users"]["coordinator"].staff.unit_id,
            "edit-owner": people["users"]["coordinator"].pk,
            "edit-next_report_due": "2026-06-30",
        },
    )
    rec.refresh_from_db()
    assert rec.text_en == "Recommendation iv: the real text."
    assert (
        rec.next_report_due == dt.date(2026, 6, 30) and rec.owner == people["users"]["coordinator"]
    )


def test_the_concept_links_to_plan_measures_within_the_visibility_rule(people, unit) -> None:
    coordinator = people["coordinator"]
    page = _post(
        coordinator,
        f"{URL}/concept/",
        {
            "form": "objective",
            "objective-number": "3",
            "objective-title_kk": "Сыбайлас жемқорлыққа қарсы мәдениет",
            "objective-title_ru": "Антикоррупционная культура",
            "objective-title_en": "Anti-corruption culture",
        },
    )
    assert "The objective has been added." in page
    page = _post(
        coordinator,
        f"{URL}/concept/",
        {
            "form": "measure",
            "measure-objective": ConceptObjective.objects.get().pk,
            "measure-number": "3.1",
            "measure-text_kk": "Оқыту",
            "measure-text_ru": "Обучение",
            "measure-text_en": "Training judges and court staff",
            "measure-units": [unit("REG-75").pk, unit("REG-71").pk],
        },
    )
    assert "The measure has been added." in page
    concept = ConceptMeasure.objects.get()
    plan = plans.plan_create(
        user=people["users"]["chief"],
        unit=unit("REG-75"),
        kind="image_policy",
        title="Almaty plan",
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 12, 31),
    )
    plans.measure_add(
        user=people["users"]["chief"],
        plan_id=plan.pk,
        title="Seminars for secretaries",
        responsible_unit=unit("REG-75"),
        due_on=dt.date(2026, 10, 1),
        target_label="secretaries trained",
        target=50,
        counts="participants",
        concept_measure=concept,
    )
    page = people["chief"].get(f"{URL}/concept/", **EN).content.decode()
    assert "Training judges and court staff" in page and "Almaty City Court" in page
    page = people["chief_astana"].get(f"{URL}/concept/", **EN).content.decode()
    assert "Training judges and court staff" in page
    linked = page[page.index("Training judges and court staff") :]
    assert "measures/" not in linked[: linked.index("</tr>")]  # not Almaty's measure

    # Only coordinators change the concept.
    url = f"{URL}/concept/{concept.pk}/"
    assert people["chief"].post(url, {"form": "update"}).status_code == 403
    page = _post(
        coordinator,
        url,
        {"form": "update", "update-status": "in_progress", "update-note": "On track."},
    )
    concept.refresh_from_db()
    assert concept.status == "in_progress" and concept.note == "On track."
    assert list(concept.units.all()) == []  # the units were not ticked this time
    assert Measure.objects.get().concept_measure == concept and Plan.objects.count() == 1
    response = people["operator"].get(f"{URL}/concept/export.xlsx", **EN)
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[1][1:3] == ("3.1", "Training judges and court staff")
