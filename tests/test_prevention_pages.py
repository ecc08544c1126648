"""The demo data has prevention content on every page, and every prevention page answers in
kk, ru and en for a coordinator and for a territorial chief, in a bounded number of queries."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from senim.demo.models import SeedState
from senim.demo.prevention_seed import prevention_ensure
from senim.demo.seed import seed
from senim.organization.services import registry_load
from senim.prevention.models import (
    Commission,
    ConceptMeasure,
    CorruptionRisk,
    Document,
    Event,
    GrecoAssessment,
    GrecoRecommendation,
    GrecoReport,
    GrecoRound,
    Measure,
    Meeting,
    Plan,
    Resolution,
)

pytestmark = pytest.mark.django_db

URL = "/office/prevention"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# The word "Prevention" in the office navigation, in each language's catalogue (or English
# until the translator has been): the page is rendered in the language asked for.
LANG_ATTR = {"kk": '<html lang="kk">', "ru": '<html lang="ru">', "en": '<html lang="en">'}


@pytest.fixture
def seeded(db) -> None:
    registry_load()
    seed(cases=120, demo_accounts=True)


def _pages() -> list[str]:
    """One of each page, about Almaty's department where the page is about a unit."""
    almaty = {"unit__court__code": "REG-75"}
    plan = Plan.objects.filter(**almaty).order_by("-period_start").first()
    measure = Measure.objects.filter(plan=plan).order_by("number").first()
    event = Event.objects.filter(**almaty).first()
    commission = Commission.objects.filter(**almaty).first()
    meeting = Meeting.objects.filter(commission=commission).first()
    resolution = Resolution.objects.filter(meeting=meeting).first()
    risk = CorruptionRisk.objects.filter(**almaty).first()
    concept = ConceptMeasure.objects.first()
    joint = GrecoRound.objects.get()
    recommendation = GrecoRecommendation.objects.first()
    assert all([plan, measure, event, commission, meeting, resolution, risk, concept])
    return [
        f"{URL}/",
        f"{URL}/plans/",
        f"{URL}/plans/{plan.pk}/",
        f"{URL}/measures/",
        f"{URL}/measures/?overdue=on",
        f"{URL}/measures/{measure.pk}/",
        f"{URL}/events/",
        f"{URL}/events/new/",
        f"{URL}/events/{event.pk}/",
        f"{URL}/commissions/",
        f"{URL}/commissions/{commission.pk}/",
        f"{URL}/meetings/{meeting.pk}/",
        f"{URL}/resolutions/",
        f"{URL}/resolutions/{resolution.pk}/",
        f"{URL}/risks/",
        f"{URL}/risks/heat-map/",
        f"{URL}/risks/new/",
        f"{URL}/risks/{risk.pk}/",
        f"{URL}/concept/",
        f"{URL}/concept/{concept.pk}/",
        f"{URL}/greco/",
        f"{URL}/greco/rounds/{joint.pk}/",
        f"{URL}/greco/recommendations/{recommendation.pk}/",
        "/office/",
    ]


def _exports() -> list[str]:
    joint = GrecoRound.objects.get()
    return [
        f"{URL}/{name}/export.xlsx"
        for name in (
            "plans",
            "measures",
            "events",
            "commissions",
            "resolutions",
            "risks",
            "concept",
        )
    ] + [f"{URL}/greco/rounds/{joint.pk}/export.xlsx"]


def _client(username: str) -> Client:
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


@pytest.mark.parametrize("username", ["central", "chief-almaty"])
def test_every_prevention_page_answers_in_each_language(seeded, username: str) -> None:
    client = _client(username)
    for url in _pages():
        for language, marker in LANG_ATTR.items():
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
            assert response.status_code == 200, (url, language)
            body = response.content.decode()
            assert marker in body, (url, language)
            assert "Traceback" not in body
            assert len(queries) <= 40, (url, language, len(queries))
    for url in _exports():
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="kk")
        assert response.status_code == 200 and response["Content-Type"] == XLSX, url
        assert response["Content-Disposition"].startswith("attachment;"), url


def test_the_demo_fills_every_page(seeded) -> None:
    chief = _client("chief-almaty")
    central = _client("central")
    plans = chief.get(f"{URL}/plans/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "План по формированию имиджа" in plans and "%" in plans
    assert Plan.objects.filter(unit__kind="territorial").values("unit").distinct().count() > 10
    assert Measure.objects.filter(status="done").exists()
    assert Measure.objects.filter(status="in_progress").exists()
    assert Event.objects.filter(kind="detention_visit").exists()
    assert Event.objects.values("kind").distinct().count() == 6
    assert Document.objects.filter(event__isnull=False, content_type="image/jpeg").exists()
    assert Resolution.objects.filter(status="done").exists()
    assert Resolution.objects.filter(status="in_progress").exists()
    assert CorruptionRisk.objects.filter(cases__isnull=False).exists()
    heat = central.get(f"{URL}/risks/heat-map/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "active risks by likelihood and impact" in heat and "0 active risks" not in heat

    # GRECO: the joint First and Second Round, 27 placeholder recommendations, two reports.
    joint = GrecoRound.objects.get()
    reports = list(joint.reports.order_by("adopted_on"))
    assert [(r.kind, str(r.adopted_on)[:7]) for r in reports] == [
        ("evaluation", "2022-03"),
        ("compliance", "2024-03"),
    ]
    assert reports[0].adopted_on.isoformat() == "2022-03-25"
    assert GrecoReport.objects.filter(country_assessment="globally_unsatisfactory").count() == 1
    recommendations = list(joint.recommendations.order_by("position"))
    assert len(recommendations) == 27
    assert (recommendations[0].label, recommendations[-1].label) == ("i", "xxvii")
    for rec in recommendations:
        assert rec.text_en.startswith("[Placeholder]")
        assert rec.text_ru.startswith("[Заглушка]") and rec.text_kk.startswith("[Толтырғыш]")
    statuses = set(GrecoAssessment.objects.values_list("status", flat=True))
    assert {"implemented", "partly", "not_implemented"} <= statuses
    page = chief.get(f"{URL}/greco/rounds/{joint.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "xxvii" in page and "globally unsatisfactory" in page


def test_the_prevention_demo_is_seeded_once(seeded) -> None:
    counts: dict[str, Any] = {
        model.__name__: model.objects.count()
        for model in (Plan, Measure, Event, Commission, Resolution, CorruptionRisk)
    }
    prevention_ensure()
    seed(cases=120, demo_accounts=True)
    assert counts == {
        model.__name__: model.objects.count()
        for model in (Plan, Measure, Event, Commission, Resolution, CorruptionRisk)
    }
    assert SeedState.objects.get(key="prevention").value == 1
    # Even with its seed state gone, existing prevention work is left alone.
    SeedState.objects.filter(key="prevention").delete()
    prevention_ensure()
    assert counts["Plan"] == Plan.objects.count()
