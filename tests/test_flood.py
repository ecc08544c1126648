"""64 clients flood a real `senim serve` (gunicorn): reports and wrong receipt codes, first all
from one address, then from 50 addresses. The limits per client hold, refusals are the clear
429 pages, nothing is half-saved, no request fails, and a reporter with the right code is let
in throughout, whatever everyone else does."""

from __future__ import annotations

import collections
import re
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from senim.cases.models import Case
from senim.core.models import AuditEvent
from senim.intake.models import Appeal, Mailbox
from tests.intake_helpers import coupon_of, report_data
from tests.served import Answer, Browser, Server, gunicorn

CLIENTS = 64
REPORTS_PER_CLIENT = 20  # the defaults: the flood meets the limits as configured out of the box
CODE_ATTEMPTS = 10
WRONG_CODE = "1111 2222 3333 4444"
COUPON = re.compile(r'class="coupon-number">([^<]+)<')

pytestmark = pytest.mark.django_db(transaction=True)


class Tally:
    """Every answer the flood got, by what it was, and the coupons it was given."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.counts: collections.Counter[str] = collections.Counter()
        self.coupons: list[str] = []
        self.per_address: collections.Counter[str] = collections.Counter()
        self.failures: list[str] = []
        self.refused_report_page = ""

    def note(self, what: str, address: str = "", coupon: str = "") -> None:
        with self.lock:
            self.counts[what] += 1
            if coupon:
                self.coupons.append(coupon)
                self.per_address[address] += 1

    def fail(self, message: str) -> None:
        with self.lock:
            self.failures.append(message)


def _report(browser: Browser, tally: Tally, subject: str) -> None:
    answer = browser.request("POST", "/report/", report_data(subject=subject))
    coupon = COUPON.search(answer.body)
    if answer.status == 200 and coupon:
        tally.note("report acknowledged", browser.source, coupon.group(1))
    elif answer.status == 429:
        tally.note("report refused (429)")
        if "Too many reports have been sent from this connection" not in answer.body:
            tally.fail(f"a refused report without its message from {browser.source}")
        elif subject not in answer.body:
            tally.fail("a refused report's page lost what was typed")
        else:
            tally.refused_report_page = answer.body
    else:
        tally.fail(f"report: {answer.status} from {browser.source}")


def _wrong_code(browser: Browser, tally: Tally) -> None:
    answer = browser.request("POST", "/follow-up/", {"code": WRONG_CODE})
    if answer.status == 200 and "No report matches this code" in answer.body:
        tally.note("wrong code answered")
    elif answer.status == 429 and "Too many attempts" in answer.body:
        tally.note("wrong code refused (429)")
    else:
        tally.fail(f"wrong code: {answer.status} from {browser.source}")


def _flood(
    server: Server, addresses: list[str], reports: int, wrong_codes: int, tally: Tally
) -> None:
    """CLIENTS threads at once, client i from addresses[i % len(addresses)]."""
    barrier = threading.Barrier(CLIENTS)

    def client(i: int) -> None:
        browser = Browser(server, addresses[i % len(addresses)])
        try:
            browser.open_form("/report/")
            barrier.wait(timeout=60)
            for n in range(max(reports, wrong_codes)):
                if n < reports:
                    _report(browser, tally, f"Flood report {browser.source} {i}-{n}")
                if n < wrong_codes:
                    _wrong_code(browser, tally)
        except Exception as failure:  # noqa: BLE001 - a connection error is a finding
            tally.fail(f"client {i} from {browser.source}: {failure!r}")

    threads = [threading.Thread(target=client, args=(i,)) for i in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)


def _follow_up(server: Server, source: str, code: str) -> Answer:
    browser = Browser(server, source)
    browser.open_form("/follow-up/")
    return browser.request("POST", "/follow-up/", {"code": code})


def _let_in(answer: Answer) -> bool:
    cookies = " ".join(answer.headers.get_all("Set-Cookie") or [])
    return answer.status == 302 and "senim_mailbox=" in cookies


def _during(work: Callable[[], None], honest: Callable[[], Answer]) -> list[Answer]:
    """Run `work`, following up honestly every tenth of a second until it ends."""
    done = threading.Event()
    answers: list[Answer] = []

    def keep_following_up() -> None:
        while not done.is_set():
            answers.append(honest())
            time.sleep(0.1)

    follower = threading.Thread(target=keep_following_up)
    follower.start()
    try:
        work()
    finally:
        done.set()
        follower.join(timeout=120)
    return answers


def test_a_flood_is_refused_per_client_and_never_locks_out_the_right_code(
    registry, tmp_path: Path
) -> None:
    env = {
        # A cheap KDF keeps the flood fast on a small machine; the limits are the defaults.
        "SENIM_RECEIPT_KDF_OPSLIMIT": "1",
        "SENIM_RECEIPT_KDF_MEMLIMIT": "8192",
        # Low enough that this flood tells the central department.
        "SENIM_FOLLOW_UP_PRESSURE": "100",
    }
    # The server keys clients by the hour: a flood across the hour's turn would meet fresh
    # keys, and allowances, halfway. Start after the turn when it is near.
    to_the_hour = 3600 - time.time() % 3600
    if to_the_hour < 90:
        time.sleep(to_the_hour + 1)
    with gunicorn(tmp_path, **env) as server:
        reporter = Browser(server, "127.0.0.200")
        reporter.open_form("/report/")
        registered = reporter.request("POST", "/report/", report_data(subject="The honest one"))
        honest_number, code = coupon_of(registered.body)
        started = time.monotonic()

        # (a) Everything from one address.
        one = Tally()
        single = ["127.0.0.60"]
        one_honest = _during(
            lambda: _flood(server, single, reports=2, wrong_codes=2, tally=one),
            lambda: _follow_up(server, "127.0.0.201", code),
        )
        one_seconds = time.monotonic() - started

        # (b) From 50 addresses, 127.0.0.2 to 127.0.0.51; 14 of them carry two clients.
        many = Tally()
        fifty = [f"127.0.0.{n}" for n in range(2, 52)]
        many_honest = _during(
            lambda: _flood(server, fifty, reports=2, wrong_codes=7, tally=many),
            lambda: _follow_up(server, "127.0.0.202", code),
        )
        seconds = time.monotonic() - started

        after_fresh = _follow_up(server, "127.0.0.203", code)
        after_single_flooder = _follow_up(server, single[0], code)
        after_many_flooder = _follow_up(server, fifty[0], code)
        log = server.log_text()

    print(
        f"\n(a) one address, {one_seconds:.1f} s: {dict(one.counts)}; honest follow-ups "
        f"{sum(map(_let_in, one_honest))}/{len(one_honest)} let in"
        f"\n(b) 50 addresses, {seconds - one_seconds:.1f} s: {dict(many.counts)}; honest "
        f"follow-ups {sum(map(_let_in, many_honest))}/{len(many_honest)} let in"
    )
    assert one.failures == [] and many.failures == [], one.failures + many.failures
    assert not re.search(r"Traceback|ERROR|CRITICAL", log), log

    # (a) One address gets its allowance and the clear 429 page after it, the form kept.
    assert one.counts["report acknowledged"] == REPORTS_PER_CLIENT
    assert one.counts["report refused (429)"] == 2 * CLIENTS - REPORTS_PER_CLIENT
    assert one.counts["wrong code answered"] == CODE_ATTEMPTS
    assert one.counts["wrong code refused (429)"] == 2 * CLIENTS - CODE_ATTEMPTS
    assert "Files are not kept" not in one.refused_report_page  # none were attached
    assert 'name="text"' in one.refused_report_page and "20 000 tenge" in one.refused_report_page

    # (b) 50 addresses: each within its own allowance, so every report is registered; the
    # addresses with two clients use up their wrong codes (14 x (14 - 10) refused).
    assert many.counts["report acknowledged"] == 2 * CLIENTS
    assert max(many.per_address.values()) <= REPORTS_PER_CLIENT
    assert many.counts["wrong code answered"] == 36 * 7 + 14 * CODE_ATTEMPTS
    assert many.counts["wrong code refused (429)"] == 14 * (14 - CODE_ATTEMPTS)

    # The right code opened the mailbox every time, during both floods and after them.
    assert one_honest and many_honest
    assert all(map(_let_in, one_honest + many_honest)), [a.status for a in many_honest]
    assert _let_in(after_fresh)
    # A connection is refused for its own wrong codes only: the flooders' addresses wait out
    # the window, right code or not (a reporter sharing one waits with them).
    assert after_single_flooder.status == 429 and after_many_flooder.status == 429

    # Everyone's wrong codes were reported to the central department, without any address.
    told = AuditEvent.objects.filter(action="receipt_code.guessing")
    assert told.exists()
    assert all("127.0.0" not in str(event.detail) for event in told)

    # Nothing half-saved: every acknowledged report is one appeal with its case and mailbox.
    acknowledged = {honest_number, *one.coupons, *many.coupons}
    assert len(acknowledged) == 1 + len(one.coupons) + len(many.coupons)
    numbers = set(Appeal.objects.values_list("number", flat=True))
    assert numbers == acknowledged
    assert Case.objects.count() == Mailbox.objects.count() == len(acknowledged)
    assert not Appeal.objects.filter(case__isnull=True).exists()
