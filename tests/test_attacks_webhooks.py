"""Attacks on webhooks: a subscription is a request the server makes on a manager's behalf, so
its address must not reach the server's own network (SSRF): loopback, private and link-local
addresses, written as names, decimal numbers or IPv6, at creation and again at delivery (a name
may resolve elsewhere by then). Hosts the administrator names in SENIM_WEBHOOK_HTTP_HOSTS stay
allowed (that is how a unit's own system inside the network is reached)."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client, override_settings

from senim.core import clock
from senim.organization.models import Role, Unit
from senim.webhooks.models import Attempt, Subscription
from senim.webhooks.signing import secret_new, secret_seal

pytestmark = pytest.mark.django_db(transaction=True)

PORT = 8291


@pytest.fixture
def login(login: Any) -> Any:
    def do(user: Any) -> Client:
        client: Client = login(user)
        client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
        return client

    return do


class Listener:
    """A bare TCP port on loopback that counts the connections it accepts."""

    def __init__(self, port: int) -> None:
        self.accepted = 0
        self.sock = socket.create_server(("127.0.0.1", port))
        self.sock.settimeout(0.2)
        self.running = True
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while self.running:
            try:
                conn, _addr = self.sock.accept()
            except (TimeoutError, OSError):
                continue
            self.accepted += 1
            conn.close()

    def stop(self) -> None:
        self.running = False
        self.thread.join()
        self.sock.close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    made = Listener(PORT)
    yield made
    made.stop()


INTERNAL = [
    f"https://127.0.0.1:{PORT}/hook",
    f"https://localhost:{PORT}/hook",
    f"https://2130706433:{PORT}/hook",  # 127.0.0.1 as one decimal number
    f"https://0x7f000001:{PORT}/hook",
    f"https://[::1]:{PORT}/hook",
    f"https://[::ffff:127.0.0.1]:{PORT}/hook",
    "https://169.254.169.254/latest/meta-data/",
    "https://10.1.2.3/hook",
    "https://192.168.0.1/hook",
    "https://0.0.0.0/hook",
]


@pytest.mark.parametrize("url", INTERNAL)
def test_a_subscription_to_an_internal_address_is_refused(make_staff, login, url) -> None:
    coordinator = login(make_staff(Role.COORDINATOR, "SC"))
    unit = Unit.objects.get(court__code="SC")
    page = coordinator.post(
        "/office/webhooks/new/",
        {"name": "Probe", "url": url, "kinds": ["registered"], "unit": unit.pk},
    )
    assert page.status_code == 200
    assert "whsec_" not in page.content.decode()
    assert not Subscription.objects.exists()


def _subscription(url: str, make_staff) -> Subscription:
    """As if created while its name pointed elsewhere (DNS changes; the check is repeated)."""
    now = clock.now()
    subscription = Subscription.objects.create(
        name="Rebound",
        url=url,
        secret_sealed=secret_seal(secret_new()),
        kinds=["registered"],
        unit=Unit.objects.get(court__code="SC"),
        state=Subscription.State.ACTIVE,
        created_by=make_staff(Role.COORDINATOR, "SC"),
        created_at=now,
    )
    return subscription


@pytest.mark.parametrize("url", [f"https://localhost:{PORT}/hook", f"https://127.0.0.1:{PORT}/"])
def test_delivery_never_connects_to_an_internal_address(make_staff, login, listener, url) -> None:
    subscription = _subscription(url, make_staff)
    coordinator = login(make_staff(Role.COORDINATOR, "SC", username="coord2"))
    coordinator.post(f"/office/webhooks/{subscription.pk}/test/")
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    attempt = Attempt.objects.get()
    assert listener.accepted == 0, "the worker connected to the server's own loopback"
    assert attempt.status_code is None
    assert attempt.error == "address not allowed"


@override_settings(SENIM_WEBHOOK_HTTP_HOSTS=["localhost"])
def test_a_host_the_administrator_allows_is_still_reached(make_staff, login, listener) -> None:
    subscription = _subscription(f"http://localhost:{PORT}/hook", make_staff)
    coordinator = login(make_staff(Role.COORDINATOR, "SC", username="coord2"))
    coordinator.post(f"/office/webhooks/{subscription.pk}/test/")
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    assert listener.accepted == 1
