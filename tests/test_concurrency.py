"""Sixteen simultaneous submissions all succeed with distinct registration numbers."""

from __future__ import annotations

import http.cookiejar
import re
import threading
import urllib.parse
import urllib.request

import pytest

from senim.cases.models import Case
from senim.intake.models import Appeal
from tests.intake_helpers import report_data

CLIENTS = 16


def _client(base: str) -> tuple[urllib.request.OpenerDirector, str]:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{base}/report/", timeout=30).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token
    return opener, token.group(1)


@pytest.mark.django_db(transaction=True)
def test_sixteen_simultaneous_reports_all_get_distinct_numbers(registry, live_server) -> None:
    clients = [_client(live_server.url) for _ in range(CLIENTS)]
    barrier = threading.Barrier(CLIENTS)
    results: list[str] = []
    errors: list[str] = []

    def submit(opener: urllib.request.OpenerDirector, token: str, i: int) -> None:
        body = urllib.parse.urlencode(
            {**report_data(subject=f"Concurrent report {i}"), "csrfmiddlewaretoken": token}
        ).encode()
        request = urllib.request.Request(
            f"{live_server.url}/report/", data=body, headers={"Referer": live_server.url}
        )
        barrier.wait(timeout=30)
        try:
            html = opener.open(request, timeout=60).read().decode()
        except Exception as failure:  # noqa: BLE001 - every failure is a lost submission
            errors.append(repr(failure))
            return
        number = re.search(r'class="coupon-number">([^<]+)<', html)
        if number is None:
            errors.append("no coupon in the answer")
        else:
            results.append(number.group(1))

    threads = [
        threading.Thread(target=submit, args=(opener, token, i))
        for i, (opener, token) in enumerate(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    assert len(results) == CLIENTS and len(set(results)) == CLIENTS
    assert Appeal.objects.count() == CLIENTS and Case.objects.count() == CLIENTS
