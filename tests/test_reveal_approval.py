"""Identity reveals approved by a custodian (SENIM_REVEAL_APPROVAL), through the office's and the
portal's pages: request, approve or refuse, read within the approval's time, expiry, the
sweep's escalation, and the reporter told when their identity was read and why, never by whom.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.db import IntegrityError, transaction
from django.test import Client, override_settings
from django.utils import timezone

from senim.cases import reveals
from senim.cases.models import Case, CaseExclusion, Notification, RevealRequest
from senim.core.models import AuditEvent
from senim.organization.models import Role, StaffMember
from senim.sweep import sweep
from tests.intake_helpers import coupon_of, report_data

pytestmark = pytest.mark.django_db

State = RevealRequest.State
FULL_NAME = "Айгерім Сапарова"
REASON = "Need to call the reporter about the room number"
APPROVAL = "The check needs a call to the reporter"
START = dt.datetime(2026, 12, 7, 10, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def approval_required() -> Iterator[None]:
    with override_settings(SENIM_REVEAL_APPROVAL=True):
        yield


@dataclass
class World:
    case: Case
    code: str  # the reporter's receipt code
    investigator: Any
    custodian: Any
    other_custodian: Any
    coordinator: Any
    chief_elsewhere: Any


@pytest.fixture
def world(make_staff: Callable[..., Any]) -> World:
    """A named web report routed to Almaty City, assigned to an investigator there."""
    with time_machine.travel(START, tick=False):
        response = Client().post(
            "/report/",
            report_data(identity="named", full_name=FULL_NAME, phone="+7 701 555 0101"),
            HTTP_ACCEPT_LANGUAGE="en",
        )
    number, code = coupon_of(response.content.decode())
    investigator = make_staff(Role.INVESTIGATOR, "REG-75", username="dana")
    investigator.first_name, investigator.last_name = "Dana", "Investigatorova"
    investigator.save()
    case = Case.objects.get(appeal__number=number)
    case.assignee = investigator
    case.save(update_fields=["assignee"])
    custodian = make_staff(Role.CUSTODIAN, "SC", username="keeper")
    custodian.first_name, custodian.last_name = "Kamila", "Keeperova"
    custodian.email = "keeper@example.kz"
    custodian.save()
    return World(
        case=case,
        code=code,
        investigator=investigator,
        custodian=custodian,
        other_custodian=make_staff(Role.CUSTODIAN, "SC", username="keeper-2"),
        coordinator=make_staff(Role.COORDINATOR, "SC", username="central-1"),
        chief_elsewhere=make_staff(Role.CHIEF, "REG-71", username="chief-astana"),
    )


def _client(user: Any) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def _page(client: Client, case: Case) -> str:
    response = client.get(f"/office/cases/{case.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def _ask(client: Client, case: Case, reason: str = REASON) -> Any:
    return client.post(f"/office/reveals/cases/{case.pk}/request/", {"reason": reason})


def _decide(client: Client, request: RevealRequest, decision: str, reason: str = APPROVAL) -> Any:
    return client.post(f"/office/reveals/{request.pk}/", {"decision": decision, "reason": reason})


def _show(client: Client, case: Case) -> Any:
    return client.post(f"/office/reveals/cases/{case.pk}/show/")


def _actions(*names: str) -> list[str]:
    return list(
        AuditEvent.objects.filter(action__in=names).order_by("seq").values_list("action", flat=True)
    )


def test_request_approve_read_and_expire(world: World) -> None:
    case = world.case
    with time_machine.travel(START + dt.timedelta(hours=1), tick=False):
        investigator = _client(world.investigator)
        page = _page(investigator, case)
        assert "Request the identity" in page and FULL_NAME not in page
        # No direct reveal while approval is required.
        direct = investigator.post(f"/office/cases/{case.pk}/", {"reason": REASON})
        assert FULL_NAME not in direct.content.decode()
        assert "needs a custodian" in direct.content.decode()

        assert _ask(investigator, case).status_code == 302
        request = RevealRequest.objects.get(case=case)
        assert request.state == State.PENDING and request.requester == world.investigator
        page = _page(investigator, case)
        assert "Your request is waiting for a custodian of identities since" in page
        assert FULL_NAME not in page
        # A second request while one waits is refused.
        _ask(investigator, case, "Another reason for the same case")
        assert RevealRequest.objects.filter(case=case).count() == 1

        # The custodian sees the request's summary, not the case nor the identity.
        custodian = _client(world.custodian)
        listing = custodian.get("/office/reveals/").content.decode()
        assert case.appeal.number in listing and "Dana Investigatorova" in listing
        assert REASON in listing and "bribery or extortion" in listing
        assert case.appeal.subject not in listing and FULL_NAME not in listing
        assert custodian.get(f"/office/cases/{case.pk}/").status_code == 403
        decide_page = custodian.get(f"/office/reveals/{request.pk}/").content.decode()
        assert 'for="id_decision_reason"' in decide_page and "csrfmiddlewaretoken" in decide_page
        assert case.appeal.text not in decide_page
        assert _decide(custodian, request, "approve").status_code == 302
        request.refresh_from_db()
        assert request.state == State.APPROVED and request.decided_by == world.custodian
        assert request.decided_at is not None
        assert request.valid_until == request.decided_at + dt.timedelta(minutes=60)

        page = _page(investigator, case)
        assert "you may read the identity until" in page and FULL_NAME not in page
        shown = _show(investigator, case)
        assert shown.status_code == 200 and FULL_NAME in shown.content.decode()
        _show(investigator, case)
        readings = AuditEvent.objects.filter(action="identity.revealed")
        assert readings.count() == 2
        assert all(
            e.detail == {"reason": REASON, "request": request.pk} and e.actor == "dana"
            for e in readings
        )
        # The identity is never in the audit log.
        for event in AuditEvent.objects.all():
            assert FULL_NAME not in str(event.detail) and "701 555" not in str(event.detail)

    # After the approval's time: "expired", the identity hidden, request again.
    with time_machine.travel(START + dt.timedelta(hours=2, minutes=1), tick=False):
        investigator = _client(world.investigator)
        page = _page(investigator, case)
        assert "The approval expired at" in page and "Request the identity" in page
        assert FULL_NAME not in page
        refused = _show(investigator, case)
        assert refused.status_code == 302
        assert FULL_NAME not in investigator.get(refused["Location"]).content.decode()
        request.refresh_from_db()
        assert request.state == State.EXPIRED
        assert reveals.reveal_requests_expire() == 0  # recorded once, when noticed
        assert _ask(investigator, case, "Second call needed about the hearing").status_code == 302
    assert _actions(
        "identity.reveal_requested",
        "identity.reveal_approved",
        "identity.reveal_expired",
    ) == [
        "identity.reveal_requested",
        "identity.reveal_approved",
        "identity.reveal_expired",
        "identity.reveal_requested",
    ]


def test_the_sweep_records_an_approval_past_its_time(world: World) -> None:
    with time_machine.travel(START + dt.timedelta(hours=1), tick=False):
        made = reveals.reveal_request(user=world.investigator, case_id=world.case.pk, reason=REASON)
        reveals.reveal_approve(user=world.custodian, request_id=made.pk, reason=APPROVAL)
    with time_machine.travel(START + dt.timedelta(hours=1, minutes=59), tick=False):
        assert reveals.reveal_requests_expire() == 0
    with time_machine.travel(START + dt.timedelta(hours=2, minutes=1), tick=False):
        assert {r.name: r.handled for r in sweep()}["reveal_requests_expire"] == 1
        assert reveals.reveal_requests_expire() == 0
    made.refresh_from_db()
    assert made.state == State.EXPIRED
    assert _actions("identity.reveal_expired") == ["identity.reveal_expired"]


def test_a_refusal_is_shown_with_its_reason(world: World) -> None:
    investigator = _client(world.investigator)
    _ask(investigator, world.case)
    request = RevealRequest.objects.get()
    _decide(_client(world.custodian), request, "refuse", "The reason shows no need to know")
    request.refresh_from_db()
    assert request.state == State.REFUSED and request.valid_until is None
    page = _page(investigator, world.case)
    assert "A custodian refused your request" in page
    assert "The reason shows no need to know" in page and "Request the identity" in page
    assert FULL_NAME not in _show(investigator, world.case).content.decode()
    assert _actions("identity.reveal_refused") == ["identity.reveal_refused"]
    assert not AuditEvent.objects.filter(action="identity.revealed").exists()


def test_a_decision_needs_a_reason(world: World) -> None:
    _ask(_client(world.investigator), world.case)
    request = RevealRequest.objects.get()
    page = _decide(_client(world.custodian), request, "approve", "ok").content.decode()
    assert 'role="alert"' in page
    request.refresh_from_db()
    assert request.state == State.PENDING


def test_nobody_approves_their_own_request(world: World) -> None:
    _ask(_client(world.investigator), world.case)
    request = RevealRequest.objects.get()
    # The requester becomes a custodian: still not for their own request.
    StaffMember.objects.filter(user=world.investigator).update(
        role=Role.CUSTODIAN, unit=world.custodian.staff.unit
    )
    world.investigator.refresh_from_db()
    page = _decide(_client(world.investigator), request, "approve").content.decode()
    assert "Nobody decides on their own request" in page
    request.refresh_from_db()
    assert request.state == State.PENDING
    # The database says so too.
    with pytest.raises(IntegrityError), transaction.atomic():
        RevealRequest.objects.filter(pk=request.pk).update(
            state=State.APPROVED,
            decided_by=world.investigator,
            decided_at=timezone.now(),
            valid_until=timezone.now(),
        )


def test_only_a_custodian_decides(world: World, make_staff: Callable[..., Any]) -> None:
    _ask(_client(world.investigator), world.case)
    request = RevealRequest.objects.get()
    chief = make_staff(Role.CHIEF, "REG-75")
    for person in (world.coordinator, chief, world.investigator):
        client = _client(person)
        assert client.get("/office/reveals/").status_code == 403
        assert client.get(f"/office/reveals/{request.pk}/").status_code == 403
        assert _decide(client, request, "approve").status_code == 403
    request.refresh_from_db()
    assert request.state == State.PENDING
    # And the custodian's navigation offers the page; the others' does not.
    assert 'href="/office/reveals/"' in _client(world.custodian).get("/office/").content.decode()
    assert 'href="/office/reveals/"' not in _client(chief).get("/office/").content.decode()


def test_an_investigator_of_another_unit_cannot_ask(
    world: World, make_staff: Callable[..., Any]
) -> None:
    stranger = _client(make_staff(Role.INVESTIGATOR, "REG-71"))
    assert _ask(stranger, world.case).status_code == 404
    assert _client(world.chief_elsewhere).get(f"/office/cases/{world.case.pk}/").status_code == 404
    assert _ask(_client(world.chief_elsewhere), world.case).status_code == 404
    assert not RevealRequest.objects.exists()


def test_a_custodian_excluded_from_the_case_does_not_see_the_request(world: World) -> None:
    _ask(_client(world.investigator), world.case)
    request = RevealRequest.objects.get()
    CaseExclusion.objects.create(case=world.case, user=world.custodian, reason="Relative")
    custodian = _client(world.custodian)
    assert world.case.appeal.number not in custodian.get("/office/reveals/").content.decode()
    assert _decide(custodian, request, "approve").status_code == 404
    assert _decide(_client(world.other_custodian), request, "approve").status_code == 302


def test_the_requester_withdraws_and_may_ask_again(world: World) -> None:
    investigator = _client(world.investigator)
    _ask(investigator, world.case)
    request = RevealRequest.objects.get()
    assert "Withdraw the request" in _page(investigator, world.case)
    # Nobody else withdraws it.
    other = _client(world.coordinator)
    assert other.post(f"/office/reveals/{request.pk}/withdraw/").status_code == 404
    response = investigator.post(f"/office/reveals/{request.pk}/withdraw/")
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.state == State.WITHDRAWN
    assert "You withdrew your request." in _page(investigator, world.case)
    assert _decide(_client(world.custodian), request, "approve").status_code == 200
    request.refresh_from_db()
    assert request.state == State.WITHDRAWN
    assert _ask(investigator, world.case).status_code == 302
    assert RevealRequest.objects.filter(state=State.PENDING).count() == 1


def test_an_anonymous_reporter_has_no_identity_to_ask_for(world: World) -> None:
    world.case.appeal.is_anonymous = True
    world.case.appeal.save(update_fields=["is_anonymous"])
    investigator = _client(world.investigator)
    assert "Request the identity" not in _page(investigator, world.case)
    _ask(investigator, world.case)
    assert not RevealRequest.objects.exists()


def test_a_request_left_waiting_is_escalated_once(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    with time_machine.travel(START + dt.timedelta(hours=1), tick=False):
        _ask(_client(world.investigator), world.case)
    request = RevealRequest.objects.get()
    with time_machine.travel(START + dt.timedelta(hours=24, minutes=59), tick=False):
        assert reveals.reveal_requests_escalate() == 0
    with time_machine.travel(START + dt.timedelta(hours=25, minutes=1), tick=False):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            first = {r.name: r.handled for r in sweep()}
        second = {r.name: r.handled for r in sweep()}
        assert first["reveal_requests_escalate"] == 1
        assert second["reveal_requests_escalate"] == 0
        request.refresh_from_db()
        assert request.escalated_at is not None and request.state == State.PENDING
        told = set(
            Notification.objects.filter(
                reveal=request, kind=Notification.Kind.REVEAL_WAITING
            ).values_list("user__username", flat=True)
        )
        assert told == {"keeper", "keeper-2", "central-1"}
        assert [m.to for m in mail.outbox] == [["keeper@example.kz"]]
        assert world.case.appeal.number in mail.outbox[0].body
        assert _actions("identity.reveal_escalated") == ["identity.reveal_escalated"]
        # The notice is on the custodian's home page, leading to the decision.
        home = _client(world.custodian).get("/office/").content.decode()
        assert f'href="/office/reveals/{request.pk}/"' in home
        assert "Identity reveal waiting for a custodian" in home
        # Once decided, the notice is gone.
        _decide(_client(world.other_custodian), request, "refuse", "No need to know shown")
        home = _client(world.custodian).get("/office/").content.decode()
        assert f'href="/office/reveals/{request.pk}/"' not in home


def _mailbox(code: str) -> str:
    reporter = Client(HTTP_ACCEPT_LANGUAGE="en")
    assert reporter.post("/follow-up/", {"code": code}).status_code == 302
    return reporter.get("/follow-up/mailbox/").content.decode()


def test_the_reporter_sees_when_and_why_not_by_whom(world: World) -> None:
    assert "When your identity was read" not in _mailbox(world.code)
    with time_machine.travel(dt.datetime(2026, 12, 8, 6, 30, tzinfo=dt.UTC), tick=False):
        made = reveals.reveal_request(user=world.investigator, case_id=world.case.pk, reason=REASON)
        reveals.reveal_approve(user=world.custodian, request_id=made.pk, reason=APPROVAL)
        investigator = _client(world.investigator)
        _show(investigator, world.case)
        _show(investigator, world.case)  # two readings under one approval: one access
    page = _mailbox(world.code)
    assert "When your identity was read" in page
    section = page.split("When your identity was read", 1)[1].split("</section>", 1)[0]
    assert section.count("Your identity was read on") == 1
    assert "Dec. 8, 2026 at 11:30" in section and REASON in section  # Almaty time
    for name in ("Dana", "Investigatorova", "dana", "Kamila", "Keeperova", "keeper", APPROVAL):
        assert name not in page


def test_the_reporter_is_not_told_when_the_setting_says_so(world: World) -> None:
    made = reveals.reveal_request(user=world.investigator, case_id=world.case.pk, reason=REASON)
    reveals.reveal_approve(user=world.custodian, request_id=made.pk, reason=APPROVAL)
    _show(_client(world.investigator), world.case)
    with override_settings(SENIM_REVEAL_TELL_REPORTER=False):
        assert "When your identity was read" not in _mailbox(world.code)


def test_without_approval_the_direct_reveal_still_works(world: World) -> None:
    with override_settings(SENIM_REVEAL_APPROVAL=False):
        investigator = _client(world.investigator)
        page = _page(investigator, world.case)
        assert "Reveal the identity" in page and "Request the identity" not in page
        shown = investigator.post(f"/office/cases/{world.case.pk}/", {"reason": REASON})
        assert FULL_NAME in shown.content.decode()
        # The reporter is told of a direct reading too.
        assert REASON in _mailbox(world.code)
