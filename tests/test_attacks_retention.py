"""Attacks on retention: after an approved disposal, a copy of the database and the storage must
hold nothing that a person wrote about the matter or that identifies the reporter. These look
where the disposal did not: the reporter's protection record and the HR events about them, and
the caller's number the telephony integration keeps sealed for a named caller."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from senim.cases.models import Case, DisposalBatch, HrEvent, ProtectedPerson, Status
from senim.core import clock
from senim.integrations.models import PhoneCall
from senim.organization.models import Role
from senim.sweep import sweep
from senim.triage.models import RuleFiring
from tests.api_helpers import client_for
from tests.intake_helpers import coupon_of, report_data
from tests.stolen_copy import database_bytes

pytestmark = pytest.mark.django_db(transaction=True)

PROTECTION_NOTE = "Reporter-Protect-7781 works in the registry office, desk 4"
HR_TEXT = "Transfer of Kalibekova-6613 to the archive after the report"
REPRESENTATIVE = "Representative Nurlanov-2219"


def _finished_long_ago(case: Case) -> None:
    closed = timezone.now() - dt.timedelta(days=365 * 6 + 10)
    Case.objects.filter(pk=case.pk).update(
        status=Status.CLOSED, outcome="not_substantiated", closed_at=closed, concluded_at=closed
    )
    type(case.appeal).objects.filter(pk=case.appeal_id).update(
        registered_at=closed - dt.timedelta(days=30)
    )


def _dispose(office: Client) -> None:
    assert {s.name: s.handled for s in sweep()}["retention_propose"] == 1
    batch = DisposalBatch.objects.get(state=DisposalBatch.State.PROPOSED)
    decided = office.post(
        f"/office/retention/lists/{batch.pk}/decide/", {"decision": "approve", "note": ""}
    )
    assert decided.status_code == 302
    assert {s.name: s.handled for s in sweep()}["disposals_carry_out"] == 1


def test_disposal_destroys_the_reporters_protection_record(registry, make_staff, login) -> None:
    number, _code = coupon_of(
        Client()
        .post(
            "/report/",
            report_data(identity="named", full_name="Reporter Aigerim", phone="+7 701 987 65 43"),
        )
        .content.decode()
    )
    case = Case.objects.select_related("appeal").get(appeal__number=number)
    coordinator = make_staff(Role.COORDINATOR, "SC")
    office = login(coordinator)
    protect = office.post(
        f"/office/cases/{case.pk}/do/protect/",
        {"since": clock.today().isoformat(), "note": PROTECTION_NOTE},
    )
    assert protect.status_code in (200, 302)
    hr = office.post(
        f"/office/cases/{case.pk}/do/hr-event/",
        {
            "kind": "transfer",
            "happened_on": clock.today().isoformat(),
            "description": HR_TEXT,
            "acs_representative_present": "yes",
            "representative_name": REPRESENTATIVE,
        },
    )
    assert hr.status_code in (200, 302)
    assert ProtectedPerson.objects.filter(case=case).exists()
    assert HrEvent.objects.filter(person__case=case).exists()
    _finished_long_ago(case)

    _dispose(office)

    dump = database_bytes()
    for needle in (PROTECTION_NOTE, HR_TEXT, REPRESENTATIVE):
        assert needle.encode() not in dump, f"{needle!r} is still in a copy after disposal"


OPERATIONS = ["telephony.call_started", "telephony.call_ended", "telephony.recording_upload"]


def test_disposal_destroys_the_callers_sealed_number(make_staff, unit, login) -> None:
    admin = make_staff(Role.ADMINISTRATOR, "SC", username="admin-t")
    operator = make_staff(Role.OPERATOR, "SC", username="op-t")
    switch = client_for(admin, unit("SC"), OPERATIONS, name="asterisk")
    started = clock.now() - dt.timedelta(seconds=40)
    event = {
        "call_id": "1733560000.77",
        "line": "1414",
        "operator": "op-t",
        "started_at": started.isoformat(),
        "caller_number": "+7 701 999 88 77",
    }
    answer = Client().post(
        "/api/v1/telephony/calls", event, content_type="application/json", headers=switch
    )
    assert answer.status_code == 201
    console = login(operator)
    page = console.get("/office/trust-line/").content.decode()
    link = re.search(r'href="(/office/trust-line/call/\?telephony=\d+)"', page)
    assert link
    token = re.search(
        r'name="started" value="([^"]+)"', console.get(link.group(1)).content.decode()
    )
    assert token
    data: dict[str, Any] = report_data(
        started=token.group(1),
        outcome="report",
        summary="Caller reports a bribe.",
        recording_consent="on",
        identity="named",
        full_name="Ержан Б.",
        phone="+7 701 999 88 77",
        language="ru",
    )
    number, _code = coupon_of(console.post("/office/trust-line/call/", data).content.decode())
    case = Case.objects.select_related("appeal").get(appeal__number=number)
    assert PhoneCall.objects.get().caller_sealed
    _finished_long_ago(case)

    _dispose(login(make_staff(Role.COORDINATOR, "SC")))

    assert not PhoneCall.objects.get().caller_sealed, "the caller's number outlived the disposal"


def test_disposal_forgets_which_rule_words_a_report_held(registry, make_staff, login) -> None:
    """A central rule may name a person ("any report naming X"): the firing records which of its
    words the report held, which after disposal would still say the case named X."""
    coordinator = make_staff(Role.COORDINATOR, "SC")
    office = login(coordinator)
    made = office.post(
        "/office/triage/rules/",
        {"name": "Watch a name", "words": "Temirkhanov", "action": "central_review"},
    )
    assert made.status_code == 302, made.content.decode()[:2000]
    data = report_data(person_1_name="Arman Temirkhanov", subject="Payment for a copy")
    number, _code = coupon_of(Client().post("/report/", data).content.decode())
    case = Case.objects.select_related("appeal").get(appeal__number=number)
    assert RuleFiring.objects.get(case=case).matched.get("words")
    _finished_long_ago(case)

    _dispose(office)

    firing = RuleFiring.objects.get(case=case)  # the firing stays: the case was reviewed or not
    assert "words" not in firing.matched, firing.matched
