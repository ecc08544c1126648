"""In Chromium, with JavaScript off: a territorial chief records a visit of officials to the
remand prison, with participants by category and a named investigator, for the measure of the
plan it fulfils, and sees the measure's progress and the plan's completion change."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from senim.core import clock
from senim.organization.models import Role, Unit
from senim.prevention.models import Event, Measure
from senim.prevention.plans import services
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_chief_records_a_remand_prison_visit(live_server, browser, make_staff) -> None:
    base = live_server.url
    chief = make_staff(Role.CHIEF, "REG-75", username="chief-almaty")
    investigator = make_staff(Role.INVESTIGATOR, "REG-75", username="inv-almaty")
    investigator.first_name, investigator.last_name = "Dana", "Investigator"
    investigator.save()
    almaty = Unit.objects.get(court__code="REG-75")
    year = clock.today().year
    plan = services.plan_create(
        user=chief,
        unit=almaty,
        kind="image_policy",
        title=f"Image-policy plan {year}",
        period_start=dt.date(year, 1, 1),
        period_end=dt.date(year, 12, 31),
    )
    for title, label, target, counts in [
        ("Visits of officials to the remand prison", "visits", 4, "events"),
        ("Training of court staff", "officials trained", 100, "participants"),
    ]:
        services.measure_add(
            user=chief,
            plan_id=plan.pk,
            title=title,
            responsible_unit=almaty,
            due_on=dt.date(year, 12, 31),
            target_label=label,
            target=target,
            counts=counts,
        )
    visits = Measure.objects.get(counts="events")

    context = browser.new_context(locale="en-GB", java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{base}/office/login/")
    page.get_by_label("Username").fill("chief-almaty")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base}/office/")

    # Prevention -> Plans -> the plan: nothing done yet.
    page.get_by_role("link", name="Prevention", exact=True).click()
    page.get_by_role("link", name="Plans", exact=True).click()
    page.get_by_role("link", name=f"Image-policy plan {year}").click()
    expect(page.locator("#plan-completion")).to_have_text(re.compile(r"^\s*0%"))

    # The measure, and an event recorded for it.
    page.get_by_role("link", name="Visits of officials to the remand prison").click()
    page.get_by_role("link", name="Record an event for this measure").click()
    page.get_by_label("Kind of event").select_option(label="visit to a pre-trial detention centre")
    page.get_by_label("Title").fill("Visit to remand prison No. 1 of Almaty")
    page.get_by_label("Place").fill("Remand prison No. 1, Almaty")
    page.get_by_label("Organisers").fill("Territorial department and the regional prosecutor")
    assert page.get_by_label("Plan measure it fulfils").input_value() == str(visits.pk)
    page.get_by_label("Judges", exact=True).fill("2")
    page.get_by_label("Officials of other bodies").fill("1")
    page.get_by_label("Persons held in detention").fill("25")
    page.get_by_label("Dana Investigator").check()
    page.get_by_label("Result").fill("Explained how to report extortion; 3 complaints taken.")
    page.get_by_role("button", name="Record the event").click()

    expect(page.locator("body")).to_contain_text("The event has been recorded.")
    assert "Visit to remand prison No. 1 of Almaty" in page.locator("h1").inner_text()
    participants = page.locator("table", has_text="Participants")
    assert "Persons held in detention" in participants.inner_text()
    assert "28" in participants.locator("tfoot").inner_text()
    assert "Dana Investigator" in page.content()
    event = Event.objects.get()
    assert event.kind == "detention_visit" and list(event.staff_participants.all()) == [
        investigator
    ]

    # The measure moved on, and so did the plan's completion: (1/4 + 0/100) / 2 = 12.5%.
    page.get_by_role("link", name="1 Visits of officials to the remand prison").click()
    expect(page.locator("#measure-progress")).to_have_text(re.compile(r"^\s*1 / 4"))
    page.get_by_role("link", name=f"Image-policy plan {year}").click()
    expect(page.locator("#plan-completion")).to_have_text(re.compile(r"^\s*12%"))
    visits.refresh_from_db()
    assert (visits.progress, visits.status) == (1, "in_progress")
    context.close()
