"""Limits per client on the portal, at the interface.

Reports: SENIM_REPORTS_PER_CLIENT a window, counted when registered; the refusal is a 429 page
with the form as typed. Receipt codes: a client's own wrong codes refuse it, everyone's
together never do, and tell the central department.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings

from senim.cases.models import Case
from senim.core.models import AuditEvent
from senim.intake.models import Appeal
from tests.intake_helpers import coupon_of, report_data

ALMATY = ZoneInfo("Asia/Almaty")
ELSEWHERE = "198.51.100.20"


@pytest.fixture(autouse=True)
def mid_hour() -> Iterator[None]:
    """Clients are keyed by the hour: a test that ran across the hour's turn would meet a fresh
    key (and allowance) halfway. Each test starts at a quarter past instead."""
    with time_machine.travel(dt.datetime(2026, 3, 2, 10, 15, tzinfo=ALMATY), tick=True):
        yield


def _report(client: Client, address: str = "127.0.0.1", files=None, **fields):
    data = report_data(**fields)
    if files:
        data["evidence"] = files
    return client.post("/report/", data, HTTP_ACCEPT_LANGUAGE="en", REMOTE_ADDR=address)


def _follow_up(client: Client, code: str, address: str):
    return client.post(
        "/follow-up/", {"code": code}, HTTP_ACCEPT_LANGUAGE="en", REMOTE_ADDR=address
    )


# --- Reports per client -------------------------------------------------------------------


@pytest.mark.django_db
@override_settings(SENIM_REPORTS_PER_CLIENT=3)
def test_reports_past_the_allowance_get_429_with_the_form_as_typed(registry) -> None:
    client = Client()
    for n in range(3):
        coupon_of(_report(client, subject=f"Report number {n}").content.decode())
    refused = _report(
        client,
        subject="The fourth, typed with care",
        text="Every word of this must come back to me.",
        files=[SimpleUploadedFile("receipt.pdf", b"%PDF-1.4 evidence")],
    )
    assert refused.status_code == 429
    html = refused.content.decode()
    assert "Too many reports have been sent from this connection in the last hour." in html
    assert "The fourth, typed with care" in html
    assert "Every word of this must come back to me." in html
    assert "Files are not kept when a form has an error: attach them again." in html
    assert 'class="coupon-number"' not in html
    assert Appeal.objects.count() == Case.objects.count() == 3
    # Another connection is not concerned.
    coupon_of(_report(Client(), address=ELSEWHERE).content.decode())


@pytest.mark.django_db
@override_settings(SENIM_REPORTS_PER_CLIENT=2)
def test_only_registered_reports_use_up_the_allowance(registry) -> None:
    client = Client()
    for _ in range(3):
        script = SimpleUploadedFile("photo.jpg", b"<script>alert(1)</script>")
        refused = _report(client, files=[script])
        assert refused.status_code == 200 and "photo.jpg" in refused.content.decode()
    for n in range(2):
        coupon_of(_report(client, subject=f"Registered {n}").content.decode())
    assert _report(client).status_code == 429


@pytest.mark.django_db
@override_settings(SENIM_REPORTS_PER_CLIENT=1, SENIM_REPORTS_WINDOW_SECONDS=60)
def test_the_report_allowance_comes_back_after_the_window(registry) -> None:
    client = Client()
    with time_machine.travel(dt.datetime(2026, 3, 2, 10, 5, tzinfo=dt.UTC), tick=False) as clock:
        coupon_of(_report(client).content.decode())
        assert _report(client).status_code == 429
        clock.shift(dt.timedelta(seconds=61))
        coupon_of(_report(client).content.decode())


# --- Receipt codes -----------------------------------------------------------------------


@pytest.mark.django_db
@override_settings(SENIM_FOLLOW_UP_ATTEMPTS=3, SENIM_FOLLOW_UP_PRESSURE=40)
def test_wrong_codes_from_many_clients_never_refuse_the_right_code(registry) -> None:
    """The issue's attack, scaled down: 55 addresses guess until each is refused, more wrong
    codes together than the old global ceiling (50 clients' worth) allowed before it refused
    everyone. The reporter's right code still opens the mailbox, the guessers stay refused,
    and the central department is told once."""
    number, code = coupon_of(_report(Client()).content.decode())
    for n in range(55):
        guesser = f"203.0.113.{n}"
        for _ in range(3):
            wrong = _follow_up(Client(), "1111 2222 3333 4444", guesser)
            assert "No report matches this code." in wrong.content.decode()
        assert _follow_up(Client(), code, guesser).status_code == 429
    reporter = Client()
    let_in = _follow_up(reporter, code, ELSEWHERE)
    assert let_in.status_code == 302 and "senim_mailbox" in let_in.cookies
    page = reporter.get("/follow-up/mailbox/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert number in page
    told = AuditEvent.objects.get(action="receipt_code.guessing")
    assert told.detail["wrong_codes"] >= 40 and told.detail["threshold"] == 40
    assert "203.0.113" not in str(told.detail)


@pytest.mark.django_db
@override_settings(SENIM_FOLLOW_UP_ATTEMPTS=2)
def test_a_right_code_is_not_counted_against_the_client(registry) -> None:
    _number, code = coupon_of(_report(Client()).content.decode())
    assert _follow_up(Client(), "1111 2222 3333 4444", ELSEWHERE).status_code == 200
    for _ in range(5):
        assert _follow_up(Client(), code, ELSEWHERE).status_code == 302
    assert _follow_up(Client(), "1111 2222 3333 4444", ELSEWHERE).status_code == 200
    # Two wrong codes now: the connection waits, right code or not.
    assert _follow_up(Client(), code, ELSEWHERE).status_code == 429


@pytest.mark.django_db
@override_settings(SENIM_FOLLOW_UP_ATTEMPTS=2)
def test_ipv6_clients_are_one_client_per_64_network(registry) -> None:
    """A subscriber has a whole /64: a new address from it for each guess is the same client."""
    _number, code = coupon_of(_report(Client()).content.decode())
    for host in ("1", "2"):
        _follow_up(Client(), "1111 2222 3333 4444", f"2001:db8:5:7::{host}")
    assert _follow_up(Client(), code, "2001:db8:5:7::99").status_code == 429
    assert _follow_up(Client(), code, "2001:db8:5:8::1").status_code == 302
