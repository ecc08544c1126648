"""The office home's figures: exact up to a cap, "N+" past it, each a link to the queue that
holds every case (SENIM_HOME_COUNT_CAP; the page costs the same at any size)."""

from __future__ import annotations

import re

import pytest
from django.test import override_settings

from senim.cases.models import Status
from senim.organization.models import Role

pytestmark = pytest.mark.django_db


def _figure(page: str, label: str) -> str:
    found = re.search(r'<span class="figure">([^<]*)</span><br>' + re.escape(label), page)
    assert found, label
    return found.group(1)


@override_settings(SENIM_HOME_COUNT_CAP=2)
def test_a_figure_past_the_cap_reads_n_plus_and_its_queue_holds_them_all(
    make_staff, make_case, login
) -> None:
    chief = login(make_staff(Role.CHIEF, "REG-75"))
    for _ in range(3):
        make_case(status=Status.RECEIVED)
    for _ in range(2):
        make_case(status=Status.CONCLUDED)
    page = chief.get("/office/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert _figure(page, "new in the inbox") == "2+"
    assert _figure(page, "awaiting the answer") == "2"
    assert _figure(page, "being assessed") == "0"
    queue = chief.get("/office/cases/?status=received", HTTP_ACCEPT_LANGUAGE="en")
    assert len(queue.context["page"].rows) == 3
    # Another unit's cases are not counted at all.
    make_case("DST-71-01", status=Status.CONCLUDED)
    page = chief.get("/office/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert _figure(page, "awaiting the answer") == "2"
