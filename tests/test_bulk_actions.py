"""Acting on many cases at once from the queue: assign, re-route, close as spam, export; each
reasoned and audited per case, refused as a whole when any selected case is not the user's to act
on (and then nothing changes and the form keeps what was chosen)."""

from __future__ import annotations

import csv
import io
import time
from typing import Any

import pytest
import time_machine
from django.test import Client, override_settings

from senim.cases.models import Case, CaseExclusion, Status
from senim.core.models import AuditEvent
from senim.organization.models import Role, Unit
from tests.second_factor_helpers import enrol_totp, password_step, sign_in_with_code, totp

pytestmark = pytest.mark.django_db

REASON = "Workload spread after the audit of the unit"


def _post(client: Client, cases: list[Case], **fields: Any) -> Any:
    data = {"case": [str(c.pk) for c in cases], "reason": REASON, **fields}
    return client.post("/office/cases/?status=received", data, HTTP_ACCEPT_LANGUAGE="en")


def test_a_chief_assigns_a_selection_and_each_case_records_why(make_staff, make_case, login):
    chief = make_staff(Role.CHIEF, "REG-75")
    investigator = make_staff(Role.INVESTIGATOR, "REG-75")
    cases = [make_case("DST-75-02", status=Status.RECEIVED) for _ in range(3)]
    client = login(chief)

    page = client.get("/office/cases/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    for case in cases:
        assert f'name="case" value="{case.pk}"' in page
        assert f'aria-label="Select {case.appeal.number}"' in page

    done = _post(client, cases, act="assign", assignee=investigator.pk)
    assert done.status_code == 302 and done["Location"] == "/office/cases/?status=received"
    assert "Done for 3 cases." in client.get(done["Location"]).content.decode()
    for case in cases:
        case.refresh_from_db()
        assert case.assignee == investigator
        entry = AuditEvent.objects.get(action="case.bulk", object_id=case.appeal.number)
        assert entry.detail == {"act": "assign", "reason": REASON, "selected": 3}
        assert entry.actor == chief.username or entry.actor_id == chief.pk


def test_one_case_of_another_unit_refuses_the_whole_selection(make_staff, make_case, login):
    chief = make_staff(Role.CHIEF, "REG-75")
    investigator = make_staff(Role.INVESTIGATOR, "REG-75")
    own = make_case("DST-75-02", status=Status.RECEIVED)
    elsewhere = make_case("DST-79-03", status=Status.RECEIVED)  # another region's unit
    client = login(chief)

    refused = _post(client, [own, elsewhere], act="assign", assignee=investigator.pk)
    assert refused.status_code == 200
    page = refused.content.decode()
    assert "Some of the selected cases are not yours to act on. Nothing was done." in page
    assert elsewhere.appeal.number not in page  # the refusal names no case out of sight
    # What was chosen is kept: the selection, the investigator, the reasons.
    assert f'value="{own.pk}" id="pick-{own.pk}" form="bulk" checked' in page
    assert REASON in page
    own.refresh_from_db()
    assert own.assignee is None
    assert not AuditEvent.objects.filter(action__in=["case.bulk", "case.assigned"]).exists()


def test_a_case_the_single_service_refuses_refuses_all_and_is_named(make_staff, make_case, login):
    chief = make_staff(Role.CHIEF, "REG-75")
    investigator = make_staff(Role.INVESTIGATOR, "REG-75")
    first, conflicted = (make_case("DST-75-02", status=Status.RECEIVED) for _ in range(2))
    CaseExclusion.objects.create(case=conflicted, user=investigator, reason="Named in the report")
    client = login(chief)

    refused = _post(client, [first, conflicted], act="assign", assignee=investigator.pk)
    page = refused.content.decode()
    assert conflicted.appeal.number in page and "conflict of interest" in page
    assert "Nothing was done." in page
    first.refresh_from_db()
    assert first.assignee is None  # the first case's assignment was rolled back too


def test_reasons_are_required_and_the_form_keeps_the_choice(make_staff, make_case, login):
    chief = make_staff(Role.CHIEF, "REG-75")
    investigator = make_staff(Role.INVESTIGATOR, "REG-75")
    case = make_case("DST-75-02", status=Status.RECEIVED)
    answer = login(chief).post(
        "/office/cases/",
        {"case": [case.pk], "act": "assign", "assignee": investigator.pk, "reason": "ok"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    page = answer.content.decode()
    assert "Give the reasons for the decision (at least 10 characters)." in page
    assert f'<option value="{investigator.pk}" selected>' in page
    case.refresh_from_db()
    assert case.assignee is None


def test_the_central_department_reroutes_and_closes_spam(make_staff, make_case, login):
    coordinator = make_staff(Role.COORDINATOR, "SC")
    moved = [make_case("DST-75-02", status=Status.RECEIVED) for _ in range(2)]
    target = Unit.objects.get(court__code="REG-79")
    client = login(coordinator)
    assert _post(client, moved, act="reroute", unit=target.pk).status_code == 302
    for case in moved:
        case.refresh_from_db()
        assert case.unit == target
        assert AuditEvent.objects.filter(action="case.rerouted", object_id=case.appeal.number)

    junk = [make_case("DST-75-02", status=Status.RECEIVED) for _ in range(2)]
    examined = make_case("DST-75-02", status=Status.INVESTIGATION)
    refused = _post(client, [*junk, examined], act="spam")
    assert examined.appeal.number in refused.content.decode()
    assert not Case.objects.filter(status=Status.SPAM).exists()
    assert _post(client, junk, act="spam").status_code == 302
    assert Case.objects.filter(status=Status.SPAM).count() == 2
    assert AuditEvent.objects.filter(action="case.bulk", detail__act="spam").count() == 2


def test_an_investigator_is_offered_only_the_export(make_staff, make_case, login):
    investigator = make_staff(Role.INVESTIGATOR, "REG-75")
    case = make_case("DST-75-02", assignee=investigator)
    client = login(investigator)
    page = client.get("/office/cases/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'value="export"' in page and 'value="assign"' not in page
    other = make_staff(Role.INVESTIGATOR, "REG-75")
    tried = _post(client, [case], act="assign", assignee=other.pk)
    assert tried.status_code == 200  # not a choice this user has: the form refuses it
    case.refresh_from_db()
    assert case.assignee == investigator


@override_settings(SENIM_MFA_ENFORCED=True, SENIM_STEP_UP_MINUTES=5)
def test_the_export_asks_for_a_fresh_second_factor_and_escapes_formulas(make_staff, make_case):
    make_staff(Role.CHIEF, "REG-75", username="chief-export")
    cases = [
        make_case("DST-75-02", subject='=HYPERLINK("http://evil")'),
        make_case("DST-75-02", subject="Копия решения за плату"),
    ]
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    password_step(client, "chief-export")
    secret, _codes = enrol_totp(client)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    sign_in_with_code(client, "chief-export", totp(secret))

    with time_machine.travel(time.time() + 6 * 60, tick=False):
        stale = client.post("/office/cases/", {"case": [c.pk for c in cases], "act": "export"})
        assert stale.status_code == 302
        assert stale["Location"].startswith("/office/2fa/reauthenticate/?next=")
        assert f"case%3D{cases[0].pk}" in stale["Location"]  # the selection comes back
        assert not AuditEvent.objects.filter(action="case.bulk").exists()

    exported = client.post("/office/cases/", {"case": [c.pk for c in cases], "act": "export"})
    assert exported["Content-Type"] == "text/csv; charset=utf-8"
    assert exported["Content-Disposition"].startswith("attachment; filename=cases-")
    text = exported.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][0] == "Registration number"
    by_number = {row[0]: row for row in rows[1:]}
    assert by_number[cases[0].appeal.number][2] == '\'=HYPERLINK("http://evil")'
    assert by_number[cases[1].appeal.number][2] == "Копия решения за плату"
    assert AuditEvent.objects.filter(action="case.bulk", detail__act="export").count() == 2


def test_a_selection_marked_related_links_every_pair_and_shows_on_each_case(
    make_staff, make_case, login
):
    from senim.triage.models import CaseLink

    chief = make_staff(Role.CHIEF, "REG-75")
    cases = [make_case("DST-75-02", status=Status.RECEIVED) for _ in range(3)]
    client = login(chief)
    assert _post(client, cases, act="relate").status_code == 302
    assert CaseLink.objects.count() == 3  # every pair once
    assert AuditEvent.objects.filter(action="case.bulk", detail__act="relate").count() == 3
    page = client.get(f"/office/cases/{cases[0].pk}/", HTTP_ACCEPT_LANGUAGE="en")
    for other in cases[1:]:
        assert other.appeal.number in page.content.decode()

    many = [make_case("DST-75-02", status=Status.RECEIVED) for _ in range(21)]
    refused = _post(client, many, act="relate")
    assert "Select at most 20 cases at a time." in refused.content.decode()
    assert CaseLink.objects.count() == 3
