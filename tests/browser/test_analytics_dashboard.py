"""The analytics dashboard in Chromium, on the demo data: the central department narrows it to a
region, another period, a region's tile on the cartogram and a court of the league, and drills
down to the cases behind a figure; a territorial chief sees only their unit's figures and cases,
whatever the address asks for."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils import timezone, translation

from senim.cases.models import Case, CaseExclusion
from senim.demo.seed import seed
from senim.organization.models import Court, Region, Unit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGE_SIZE = 25  # the drill-down's page (senim.cases.selectors.page_of)


@pytest.fixture
def demo(registry: None) -> None:
    # The demo seed writes in bulk and then rebuilds the roll-ups the dashboard reads.
    seed(cases=120, demo_accounts=True)


def _registered(year: int, **where: Any) -> QuerySet[Case]:
    """Cases registered in `year` (days in the court system's time zone): "Reports received"."""
    start = timezone.make_aware(dt.datetime(year, 1, 1))
    end = timezone.make_aware(dt.datetime(year + 1, 1, 1))
    return Case.objects.filter(
        appeal__registered_at__gte=start, appeal__registered_at__lt=end, **where
    )


def _en(thing: Any) -> str:
    """A region's, court's or unit's name as the English page shows it."""
    with translation.override("en"):
        return str(thing.name)


def _login(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/office/login/")
    if page.locator("html").get_attribute("lang") != "en":
        page.get_by_label("Language").select_option("en")
        page.get_by_role("button", name="Switch").click()
        page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(settings.SENIM_DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base}/office/")
    page.get_by_role("link", name="Indicators").click()
    page.wait_for_url(f"{base}/office/analytics/")


def _heading(page: Any) -> str:
    return str(page.locator("h1").inner_text())


def _reports(page: Any) -> int:
    """The "Reports received" card's figure, as a number (thousands separators dropped)."""
    text = page.locator("#indicator-reports .figure a").inner_text()
    return int(re.sub(r"\D", "", text))


def _listed(page: Any) -> list[str]:
    """Registration numbers listed by the drill-down page (its first page)."""
    return [str(n) for n in page.locator("main table tbody tr td:first-child a").all_inner_texts()]


def _first_page(cases: QuerySet[Case]) -> list[str]:
    ordered = cases.order_by("-appeal__registered_at", "-pk")
    return list(ordered.values_list("appeal__number", flat=True)[:PAGE_SIZE])


def test_central_coordinator_narrows_the_dashboard_and_drills_down(
    live_server: Any, page: Any, demo: None
) -> None:
    base = live_server.url
    year = timezone.localdate().year
    _login(page, base, "central")
    assert _heading(page) == "Level of corruptness: Republic of Kazakhstan"
    country = _reports(page)
    assert country == _registered(year).count() > 0

    # A region through the form (select + Show): the heading and the figures follow.
    almaty = Region.objects.get(code="KZ-75")
    page.get_by_label("Region", exact=True).select_option(str(almaty.pk))
    page.get_by_role("button", name="Show").click()
    page.wait_for_url(re.compile(rf"region={almaty.pk}\b"))
    assert _heading(page) == f"Level of corruptness: {_en(almaty)}"
    in_almaty = _registered(year, appeal__court__region=almaty).count()
    assert _reports(page) == in_almaty < country
    assert page.get_by_label("Region", exact=True).input_value() == str(almaty.pk)

    # The previous year, same region: the period is part of the form too.
    page.get_by_label("Period", exact=True).select_option(str(year - 1))
    page.get_by_role("button", name="Show").click()
    page.wait_for_url(re.compile(rf"period={year - 1}\b"))
    assert _heading(page) == f"Level of corruptness: {_en(almaty)}"
    assert "Period: " + str(year - 1) in page.locator("main").inner_text()
    assert _reports(page) == _registered(year - 1, appeal__court__region=almaty).count()

    # A tile of the cartogram (an SVG link) selects its region, keeping the period.
    busiest = max(
        Region.objects.exclude(pk=almaty.pk),
        key=lambda r: _registered(year - 1, appeal__court__region=r).count(),
    )
    tile = page.locator(f'svg.cartogram a[href$="region={busiest.pk}"]')
    assert _en(busiest) in tile.get_attribute("aria-label")
    tile.click()
    page.wait_for_url(re.compile(rf"region={busiest.pk}$"))
    assert _heading(page) == f"Level of corruptness: {_en(busiest)}"
    assert _reports(page) == _registered(year - 1, appeal__court__region=busiest).count() > 0
    selected = page.locator(f'svg.cartogram a[href$="region={busiest.pk}"] rect')
    assert selected.get_attribute("stroke-width") == "4"  # the chosen tile is outlined

    # A court of the league table: its own figures.
    courts = Court.objects.filter(region=busiest)
    court = max(courts, key=lambda c: _registered(year - 1, appeal__court=c).count())
    in_court = _registered(year - 1, appeal__court=court)
    league = page.locator("table.league")
    league.get_by_role("link", name=_en(court), exact=True).click()
    page.wait_for_url(re.compile(rf"court={court.pk}\b"))
    assert _heading(page) == f"Level of corruptness: {_en(court)}"
    assert _reports(page) == in_court.count() > 0

    # The figure drills down to the very cases it counts (the coordinator sees every case).
    page.locator("#indicator-reports .figure a").click()
    page.wait_for_url(re.compile(r"/office/analytics/cases/\?.*metric=reports"))
    assert _heading(page) == "Reports received"
    assert _listed(page) == _first_page(in_court)
    first = in_court.order_by("-appeal__registered_at", "-pk").first()
    assert first is not None
    page.get_by_role("link", name=first.appeal.number).click()
    page.wait_for_url(f"{base}/office/cases/{first.pk}/")


def test_a_chief_sees_and_lists_only_the_own_unit(live_server: Any, page: Any, demo: None) -> None:
    base = live_server.url
    year = timezone.localdate().year
    unit = Unit.objects.get(court__code="REG-75")
    chief = get_user_model().objects.get(username="chief-almaty", staff__unit=unit)
    own = _registered(year, unit=unit).exclude(exclusions__user=chief)
    elsewhere = _registered(year).exclude(unit=unit).select_related("appeal__court").first()
    assert own.exists() and elsewhere is not None
    # A case of their own unit they are excluded from (a conflict of interest) is not listed.
    excluded = own.order_by("-appeal__registered_at").first()
    assert excluded is not None
    CaseExclusion.objects.create(case=excluded, user=chief, reason="Related to a party.")

    _login(page, base, "chief-almaty")
    assert _heading(page) == f"Level of corruptness: {_en(unit)}"
    assert page.locator("#id_region").count() == 0  # no country, no other region
    assert page.locator("svg.cartogram").count() == 0
    figure = _reports(page)
    assert figure == _registered(year, unit=unit).count()  # the figure counts every case

    # Asking for another region's court changes nothing: the unit's own figures.
    other_court = elsewhere.appeal.court
    page.goto(
        f"{base}/office/analytics/?period={year}&region={other_court.region_id}"
        f"&court={other_court.pk}"
    )
    assert _heading(page) == f"Level of corruptness: {_en(unit)}"
    assert _reports(page) == figure

    page.locator("#indicator-reports .figure a").click()
    page.wait_for_url(re.compile(r"/office/analytics/cases/\?.*metric=reports"))
    listed = _listed(page)
    visible = _registered(year, unit=unit).exclude(exclusions__user=chief)
    assert listed == _first_page(visible)
    assert elsewhere.appeal.number not in listed
    assert excluded.appeal.number not in listed
    units = Case.objects.filter(appeal__number__in=listed).values_list("unit", flat=True)
    assert set(units) == {unit.pk}

    # The same drill-down asked for the other region's court lists none of its cases.
    page.goto(
        f"{base}/office/analytics/cases/?metric=reports&period={year}"
        f"&region={other_court.region_id}&court={other_court.pk}"
    )
    assert elsewhere.appeal.number not in _listed(page)
    assert not Case.objects.filter(appeal__number__in=_listed(page)).exclude(unit=unit).exists()
