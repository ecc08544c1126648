"""Webhooks over HTTP: real subscribers (HTTP servers in threads on this task's ports), cases
driven through the portal and the office, the real task worker delivering.

A subscriber that is down for a while (connections refused, then 503) receives every event
once, in order per case, signed with the secret the office showed once; a territorial unit's
subscriber hears of nothing of another unit; no payload carries the reporter's name or the
report's words. The office pages and who may open them are tested at the end.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils import timezone
from standardwebhooks import Webhook

from senim.cases.models import Case
from senim.core.models import AuditEvent
from senim.organization.models import Role, Unit
from senim.webhooks.models import Message, Subscription
from tests.intake_helpers import coupon_of, report_data

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning"),
]

CENTRAL_PORT, ASTANA_PORT, ALMATY_PORT = 8231, 8232, 8233
REPORTER = "Ержан Бекмуханов"
SECRET_WORDS = ("Жумабаев", "конвертте", "тенге")
ASSESS = {
    "competence": "ours",
    "complete": "on",
    "relevant": "on",
    "priority": "high",
    "category": "bribery",
    "retaliation_risk": "low",
}


@dataclass
class Subscriber:
    """A receiver: answers with `status` and keeps what it accepted (2xx) and every request."""

    port: int
    status: int = 200
    accepted: list[tuple[dict[str, str], bytes]] = field(default_factory=list)
    requests: int = 0
    delay: float = 0.0  # seconds before answering
    server: ThreadingHTTPServer | None = None

    def start(self) -> None:
        subscriber = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                subscriber.requests += 1
                time.sleep(subscriber.delay)
                status = subscriber.status
                if 200 <= status < 300:
                    subscriber.accepted.append((dict(self.headers.items()), body))
                self.send_response(status)
                if status in (301, 302):
                    self.send_header("Location", f"http://127.0.0.1:{subscriber.port}/elsewhere")
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hooks/senim"

    def events(self) -> list[dict[str, Any]]:
        return [json.loads(body) for _headers, body in self.accepted]


@pytest.fixture
def login(login: Any) -> Any:
    """The office in English, whatever the default language (the pages are asserted in it)."""

    def do(user: Any) -> Client:
        client: Client = login(user)
        client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
        return client

    return do


@pytest.fixture
def subscribers() -> Iterator[dict[str, Subscriber]]:
    made = {
        "central": Subscriber(CENTRAL_PORT),
        "astana": Subscriber(ASTANA_PORT),
        "almaty": Subscriber(ALMATY_PORT),
    }
    yield made
    for subscriber in made.values():
        subscriber.stop()


def _work() -> None:
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)


def _subscribe(client: Client, name: str, url: str, unit_code: str, kinds: list[str]) -> str:
    """Create a subscription through the office; the secret as the page shows it, once."""
    unit = Unit.objects.get(court__code=unit_code)
    page = client.post(
        "/office/webhooks/new/", {"name": name, "url": url, "kinds": kinds, "unit": unit.pk}
    )
    assert page.status_code == 200, page.content.decode()
    assert "no-store" in page["Cache-Control"]
    found = re.search(r'id="webhook-secret"[^>]*value="(whsec_[^"]+)"', page.content.decode())
    assert found, "no secret on the page"
    return found.group(1)


def _report(court: str) -> Case:
    data = report_data(
        court=court,
        identity="named",
        full_name=REPORTER,
        phone="+7 701 555 44 33",
        contact_by="mailbox",
        subject="Жумабаев просил деньги",
        text="Секретарь Жумабаев попросил 50 000 тенге в конвертте за копию решения.",
    )
    number, _code = coupon_of(Client().post("/report/", data).content.decode())
    return Case.objects.get(appeal__number=number)


def _do(client: Client, case: Case, action: str, data: dict[str, Any] | None = None) -> None:
    response = client.post(f"/office/cases/{case.pk}/do/{action}/", data or {})
    assert response.status_code in (200, 302), (action, response.status_code)


KINDS_ALL = [
    "registered",
    "assigned",
    "status",
    "deadline_breached",
    "answer_issued",
    "extended",
    "referred",
    "rerouted",
]


@override_settings(SENIM_WEBHOOK_HTTP_HOSTS=["127.0.0.1"])
def test_a_subscriber_down_for_a_while_then_receives_every_event_once_in_order(
    make_staff, login, subscribers
) -> None:
    coordinator = login(make_staff(Role.COORDINATOR, "SC"))
    chief_user = make_staff(Role.CHIEF, "REG-75")
    investigator_user = make_staff(Role.INVESTIGATOR, "REG-75")
    chief, investigator = login(chief_user), login(investigator_user)
    central, astana, almaty = subscribers["central"], subscribers["astana"], subscribers["almaty"]
    secrets = {
        "central": _subscribe(coordinator, "Dashboard", central.url, "SC", KINDS_ALL),
        "astana": _subscribe(coordinator, "Astana tickets", astana.url, "REG-71", KINDS_ALL),
        "almaty": _subscribe(
            coordinator, "Almaty tickets", almaty.url, "REG-75", ["registered", "status"]
        ),
    }
    astana.start()  # up all along: it must still hear nothing of Almaty's cases
    almaty.start()

    # Two Almaty cases and one Astana case, worked on through the office.
    first, second = _report("DST-75-02"), _report("DST-75-02")
    in_astana = _report("DST-71-03")
    assert {first.unit.court.code, in_astana.unit.court.code} == {"REG-75", "REG-71"}
    _do(chief, first, "assess", {**ASSESS, "decision": "open"})
    _do(chief, first, "assign", {"assignee": investigator_user.pk})
    _do(chief, second, "assess", {**ASSESS, "decision": "open"})
    first.refresh_from_db()
    assert first.due_on is not None
    later = first.due_on + dt.timedelta(days=10)
    _do(
        chief,
        first,
        "extend",
        {"new_due_on": later.isoformat(), "reason": "Expert opinion awaited"},
    )
    conclusion = {"outcome": "not_substantiated", "findings": "No demand made.", "measures": "-"}
    _do(investigator, first, "conclude", conclusion)
    for action in ("answer-draft", "answer-review"):
        _do(investigator, first, action)
    for action in ("answer-sign", "answer-issue"):
        _do(chief, first, action)
    first.refresh_from_db()
    assert first.status == "closed"

    central_sub = Subscription.objects.get(name="Dashboard")
    expected = list(central_sub.messages.order_by("pk"))
    kinds_of_first = [m.payload["type"] for m in expected if m.case_id == first.pk]
    assert kinds_of_first == [
        "case.registered",
        "case.status",  # received -> assessment
        "case.status",  # assessment -> investigation
        "case.assigned",
        "case.extended",
        "case.status",  # investigation -> concluded
        "case.answer_issued",
        "case.status",  # concluded -> closed
    ]

    # 1. The central subscriber is down: connections refused.
    _work()
    assert central.requests == 0
    waiting = central_sub.messages.filter(state="pending", attempts__gte=1)
    assert waiting.exists()
    assert all(m.last_error for m in waiting)

    # 2. Up, but answering 503 for a while.
    central.status = 503
    central.start()
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=2), tick=True):
        _work()
    assert central.requests >= 1 and central.accepted == []
    assert central_sub.messages.filter(last_status=503).exists()
    assert not central_sub.messages.filter(state="delivered").exists()

    # 3. Healthy again: after the back-off, everything arrives.
    central.status = 200
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=15), tick=True):
        _work()
        received = central.accepted
        # Signatures verify with the library and the secret the office showed once (inside
        # the travel: the library checks the timestamp against the clock).
        for headers, body in received:
            Webhook(secrets["central"]).verify(body, headers)
    assert central_sub.messages.exclude(state="delivered").count() == 0

    ids = [headers["Webhook-Id"] for headers, _body in received]
    assert len(ids) == len(set(ids)), "an event arrived twice"
    assert sorted(ids) == sorted(m.message_id for m in expected), "an event never arrived"
    for case in (first, second, in_astana):
        arrived = [
            headers["Webhook-Id"]
            for headers, body in received
            if json.loads(body)["data"]["case"] == case.pk
        ]
        assert arrived == [m.message_id for m in expected if m.case_id == case.pk]
    # The statuses of the first case, as they happened.
    moves = [
        (e["data"]["from"], e["data"]["to"])
        for e in central.events()
        if e["type"] == "case.status" and e["data"]["case"] == first.pk
    ]
    assert moves == [
        ("received", "assessment"),
        ("assessment", "investigation"),
        ("investigation", "concluded"),
        ("concluded", "closed"),
    ]

    # A territorial subscriber hears of its own unit's cases only.
    for subscriber, unit, case_ids in (
        (astana, "REG-71", {in_astana.pk}),
        (almaty, "REG-75", {first.pk, second.pk}),
    ):
        events = subscriber.events()
        code = Unit.objects.get(court__code=unit).code
        assert events and {e["data"]["unit"] for e in events} == {code}
        assert {e["data"]["case"] for e in events} == case_ids
    assert {e["type"] for e in almaty.events()} == {"case.registered", "case.status"}
    for name in ("astana", "almaty"):
        for headers, body in subscribers[name].accepted:
            Webhook(secrets[name]).verify(body, headers)
        with pytest.raises(Exception, match="signature"):
            headers, body = subscribers[name].accepted[0]
            Webhook(secrets["central"]).verify(body, headers)

    # Ids and states only: no name, no identity, no word of the report.
    everything = b"".join(
        body for s in subscribers.values() for _headers, body in s.accepted
    ).decode()
    # The phone as written and as digits only: a bare "701" also turns up in timestamps and ids.
    phone_forms = ("+7 701 555 44 33", "77015554433", "7015554433", "555 44 33")
    for word in (REPORTER, "Ержан", "Бекмуханов", *phone_forms, *SECRET_WORDS, "Секретарь"):
        assert word not in everything
    assert investigator_user.username not in everything
    for event in central.events():
        assert set(event) == {"type", "timestamp", "data"}
        assert set(event["data"]) <= {
            "case", "appeal", "unit", "status", "due_on", "from", "to", "channel",
            "assignee", "previous_due_on", "body", "from_unit",
        }  # fmt: skip


@override_settings(SENIM_WEBHOOK_HTTP_HOSTS=["127.0.0.1"])
def test_a_deadline_breach_is_told_once(make_staff, login, subscribers) -> None:
    coordinator = login(make_staff(Role.COORDINATOR, "SC"))
    make_staff(Role.CHIEF, "REG-75")
    central = subscribers["central"]
    _subscribe(coordinator, "Breaches", central.url, "SC", ["deadline_breached"])
    central.start()
    case = _report("DST-75-02")
    assert case.due_on is not None
    from senim.sweep import sweep

    with time_machine.travel(
        dt.datetime.combine(case.due_on + dt.timedelta(days=3), dt.time(10), tzinfo=dt.UTC),
        tick=True,
    ):
        sweep()
        sweep()  # twice: the breach is still told once
        _work()
        [event] = central.events()
    assert event["type"] == "case.deadline_breached"
    assert event["data"]["case"] == case.pk and event["data"]["due_on"] == str(case.due_on)


@override_settings(
    SENIM_WEBHOOK_HTTP_HOSTS=["127.0.0.1"], SENIM_WEBHOOK_ATTEMPTS=2, SENIM_WEBHOOK_RETRY_SECONDS=5
)
def test_a_message_failing_every_attempt_pauses_the_subscription_until_resumed(
    make_staff, login, subscribers
) -> None:
    coordinator_user = make_staff(Role.COORDINATOR, "SC")
    coordinator = login(coordinator_user)
    central = subscribers["central"]
    secret = _subscribe(coordinator, "Flaky", central.url, "SC", ["registered"])
    subscription = Subscription.objects.get(name="Flaky")
    central.status = 302  # a redirect is not followed: it is a failure
    central.start()
    first, second = _report("DST-75-02"), _report("DST-71-03")
    _work()
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=5), tick=True):
        _work()
    subscription.refresh_from_db()
    assert (subscription.state, subscription.paused_reason) == ("paused", "failing")
    failed = Message.objects.get(state="failed")
    assert failed.attempts == 2 and failed.last_status == 302
    assert central.accepted == []
    assert AuditEvent.objects.filter(action="webhook.failed", object_id=str(subscription.pk))
    page = coordinator.get(f"/office/webhooks/{subscription.pk}/").content.decode()
    assert "paused by Senim" in page and "HTTP 302" in page and "redirect not followed" in page

    # Resumed: the failed message goes first, then the one that waited.
    central.status = 200
    response = coordinator.post(f"/office/webhooks/{subscription.pk}/resume/")
    assert response.status_code == 302
    _work()
    assert [e["data"]["case"] for e in central.events()] == [first.pk, second.pk]
    for headers, body in central.accepted:
        Webhook(secret).verify(body, headers)
    assert AuditEvent.objects.filter(action="webhook.resumed", actor_id=coordinator_user.pk)


@override_settings(SENIM_WEBHOOK_HTTP_HOSTS=["127.0.0.1"])
def test_the_office_pages_create_pause_test_and_replay(make_staff, login, subscribers) -> None:
    coordinator = login(make_staff(Role.COORDINATOR, "SC"))
    central = subscribers["central"]
    central.start()

    # A plain http address to a host not allowed is refused, keeping what was typed.
    page = coordinator.post(
        "/office/webhooks/new/",
        {
            "name": "Outside",
            "url": "http://tickets.example.kz/in",
            "kinds": ["status"],
            "unit": Unit.objects.get(court__code="SC").pk,
        },
    ).content.decode()
    assert "must start with https://" in page
    assert 'value="Outside"' in page and "http://tickets.example.kz/in" in page
    assert 'value="status" checked' in page or "checked" in page
    assert not Subscription.objects.exists()
    page = coordinator.post("/office/webhooks/new/", {"name": "", "url": "nonsense"})
    assert page.status_code == 200 and not Subscription.objects.exists()

    secret = _subscribe(coordinator, "Dashboard", central.url, "SC", ["registered", "status"])
    subscription = Subscription.objects.get()
    # Shown once: never again on any page, and not kept in the clear.
    detail = coordinator.get(f"/office/webhooks/{subscription.pk}/").content.decode()
    listing = coordinator.get("/office/webhooks/").content.decode()
    assert secret not in detail and secret not in listing and "Dashboard" in listing
    assert secret.encode() not in bytes(subscription.secret_sealed)
    assert secret not in json.dumps(list(AuditEvent.objects.values("detail")), default=str)
    assert AuditEvent.objects.filter(action="webhook.created").count() == 1

    # A test event.
    assert coordinator.post(f"/office/webhooks/{subscription.pk}/test/").status_code == 302
    _work()
    [(headers, body)] = central.accepted
    assert Webhook(secret).verify(body, headers)["type"] == "webhook.test"
    detail = coordinator.get(f"/office/webhooks/{subscription.pk}/").content.decode()
    assert "Test event" in detail and "webhook.test" in detail and "HTTP 200" in detail

    # Paused: events are kept, not sent; resumed: they go.
    coordinator.post(f"/office/webhooks/{subscription.pk}/pause/")
    subscription.refresh_from_db()
    assert subscription.state == "paused"
    case = _report("DST-75-02")
    _work()
    assert len(central.accepted) == 1
    coordinator.post(f"/office/webhooks/{subscription.pk}/resume/")
    _work()
    assert [e["type"] for e in central.events()] == ["webhook.test", "case.registered"]

    # Replay from the test event: both again, with the same webhook-ids, in order.
    test_message = subscription.messages.get(kind="test")
    response = coordinator.post(
        f"/office/webhooks/{subscription.pk}/replay/", {"message": test_message.pk}
    )
    assert response.status_code == 302
    _work()
    ids = [headers["Webhook-Id"] for headers, _body in central.accepted]
    assert ids[2:] == ids[:2]
    assert central.events()[1]["data"]["case"] == case.pk
    acts = set(AuditEvent.objects.filter(object_type="webhook").values_list("action", flat=True))
    assert acts == {
        "webhook.created", "webhook.tested", "webhook.paused", "webhook.resumed",
        "webhook.replayed",
    }  # fmt: skip


@pytest.mark.parametrize("role", [Role.CHIEF, Role.INVESTIGATOR, Role.ANALYST, Role.AUDITOR])
def test_only_the_policy_s_managers_reach_the_webhook_pages(make_staff, login, role) -> None:
    manager = login(make_staff(Role.ADMINISTRATOR, "SC"))
    with override_settings(SENIM_WEBHOOK_HTTP_HOSTS=["127.0.0.1"]):
        _subscribe(manager, "Dashboard", "https://dash.example.kz/in", "SC", ["status"])
    subscription = Subscription.objects.get()
    other = login(make_staff(role, "REG-75" if role in (Role.CHIEF, Role.INVESTIGATOR) else "SC"))
    for url in (
        "/office/webhooks/",
        "/office/webhooks/new/",
        f"/office/webhooks/{subscription.pk}/",
    ):
        assert other.get(url).status_code == 403
    for action in ("pause", "test", "resume", "replay"):
        assert other.post(f"/office/webhooks/{subscription.pk}/{action}/").status_code == 403
    assert other.post("/office/webhooks/new/", {"name": "x"}).status_code == 403
    subscription.refresh_from_db()
    assert subscription.state == "active" and not subscription.messages.exists()
    assert "/office/webhooks/" not in other.get("/office/").content.decode()
    assert "/office/webhooks/" in manager.get("/office/").content.decode()


@override_settings(SENIM_WEBHOOK_HTTP_HOSTS=["127.0.0.1"])
def test_two_workers_at_once_deliver_each_message_once_in_order_per_case(
    make_staff, login, subscribers
) -> None:
    """Two workers drain one subscription at the same time (PostgreSQL: SKIP LOCKED claims;
    SQLite's writers queue, and its one-worker rule is not what this test is about)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("two concurrent workers are a PostgreSQL set-up")
    from senim.webhooks.delivery import messages_deliver

    coordinator = login(make_staff(Role.COORDINATOR, "SC"))
    chief = login(make_staff(Role.CHIEF, "REG-75"))
    central = subscribers["central"]
    _subscribe(coordinator, "Dashboard", central.url, "SC", ["registered", "status"])
    subscription = Subscription.objects.get()
    cases = [_report("DST-75-02") for _ in range(6)]
    for case in cases:
        _do(chief, case, "assess", {**ASSESS, "decision": "open"})
    expected = list(subscription.messages.order_by("pk"))
    assert len(expected) == 18  # registered, received -> assessment -> investigation

    central.start()
    delivered: list[int] = []

    def worker() -> None:
        try:
            delivered.append(messages_deliver(subscription_id=subscription.pk))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    _work()  # whatever the two left (a message its case's earlier one held back)
    ids = [headers["Webhook-Id"] for headers, _body in central.accepted]
    assert sorted(ids) == sorted(m.message_id for m in expected)
    assert len(ids) == len(set(ids))
    for case in cases:
        arrived = [
            i for i, e in zip(ids, central.events(), strict=True) if e["data"]["case"] == case.pk
        ]
        assert arrived == [m.message_id for m in expected if m.case_id == case.pk]


@override_settings(SENIM_WEBHOOK_HTTP_HOSTS=["127.0.0.1"])
def test_the_sweep_queues_messages_whose_delivery_task_was_lost(
    make_staff, login, subscribers
) -> None:
    from django_tasks_db.models import DBTaskResult

    from senim.sweep import sweep

    coordinator = login(make_staff(Role.COORDINATOR, "SC"))
    central = subscribers["central"]
    _subscribe(coordinator, "Dashboard", central.url, "SC", ["registered"])
    central.start()
    case = _report("DST-75-02")
    DBTaskResult.objects.all().delete()  # the enqueue after commit was lost (a crash)
    _work()
    assert central.accepted == []
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=2), tick=True):
        steps = {step.name: step.handled for step in sweep()}
        assert steps["webhooks_resume"] == 1
        _work()
        assert [e["data"]["case"] for e in central.events()] == [case.pk]
        assert {step.name: step.handled for step in sweep()}["webhooks_resume"] == 0


@override_settings(SENIM_WEBHOOK_HTTP_HOSTS=["127.0.0.1"], SENIM_WEBHOOK_TIMEOUT_SECONDS=0.5)
def test_a_subscriber_too_slow_to_answer_is_a_failed_attempt_tried_again(
    make_staff, login, subscribers
) -> None:
    coordinator = login(make_staff(Role.COORDINATOR, "SC"))
    central = subscribers["central"]
    _subscribe(coordinator, "Slow", central.url, "SC", ["registered"])
    central.delay = 2.0
    central.start()
    _report("DST-75-02")
    _work()  # the worker gives up after its timeout: a 2 s answer would be "delivered"
    message = Message.objects.get()
    assert (message.state, message.attempts) == ("pending", 1)
    assert "timeout" in message.last_error.lower() and message.last_status is None
    assert message.next_attempt_at > timezone.now()
