"""Attacks on /api/v1 over HTTP: a territorial chief's token asks for another unit's case through
every list filter, search, detail and sub-resource; tokens revoked, expired, read-only; an
integration client outside its operations; hostile filter values and cursors."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import Client

from senim.accounts.api_tokens import token_revoke
from senim.accounts.models import PersonalAccessToken
from senim.cases.models import Case
from senim.organization.models import Role, Unit
from tests.api_helpers import bearer, client_for, is_problem, token_for
from tests.intake_helpers import coupon_of, report_data

pytestmark = pytest.mark.django_db(transaction=True)

HIDDEN_WORDS = "Karasholakov-8812 demanded a payment"


def _report(court: str, subject: str) -> Case:
    data = report_data(court=court, subject=subject, text=f"{subject} in the corridor.")
    number, _code = coupon_of(Client().post("/report/", data).content.decode())
    return Case.objects.select_related("appeal", "unit").get(appeal__number=number)


def test_a_territorial_token_never_reaches_another_units_case(make_staff) -> None:
    mine = _report("DST-75-02", "Almaty matter Bolatov-1100")
    hidden = _report("DST-71-03", HIDDEN_WORDS)
    assert mine.unit_id != hidden.unit_id
    chief = make_staff(Role.CHIEF, "REG-75")
    headers = bearer(token_for(chief, "act"))
    api = Client()
    other_unit = Unit.objects.get(pk=hidden.unit_id)
    for query in (
        "",
        f"?unit={other_unit.code}",
        f"?court={hidden.appeal.court.code}",
        "?q=Karasholakov-8812",
        "?q=demanded",
        "?status=received",
        "?assignee=none",
        "?sort=oldest&limit=100",
    ):
        page = api.get(f"/api/v1/cases{query}", headers=headers)
        assert page.status_code in (200, 400, 422), (query, page.status_code)
        assert hidden.appeal.number not in page.content.decode(), query
        assert "Karasholakov" not in page.content.decode(), query
    for path in ("", "/timeline", "/assignees", "/referrals", "/answer"):
        answer = api.get(f"/api/v1/cases/{hidden.pk}{path}", headers=headers)
        assert answer.status_code == 404, (path, answer.status_code)
        assert "Karasholakov" not in answer.content.decode()
    for path, body in (
        ("/assessment", {}),
        ("/close", {}),
        ("/messages", {"body": "hello there"}),
        ("/return", {"reason": "not ours, back it goes"}),
    ):
        answer = api.post(
            f"/api/v1/cases/{hidden.pk}{path}", body, content_type="application/json",
            headers=headers,
        )  # fmt: skip
        assert answer.status_code in (404, 422), (path, answer.status_code)
        assert "Karasholakov" not in answer.content.decode()
    # Its own case is there.
    assert mine.appeal.number in api.get("/api/v1/cases", headers=headers).content.decode()


def test_revoked_expired_and_read_only_tokens(make_staff) -> None:
    _report("DST-75-02", "Almaty matter Bolatov-1101")
    chief = make_staff(Role.CHIEF, "REG-75")
    api = Client()
    revoked = token_for(chief, "act", name="revoked")
    assert api.get("/api/v1/me", headers=bearer(revoked)).status_code == 200
    token_revoke(user=chief, token_id=PersonalAccessToken.objects.get(name="revoked").pk)
    assert api.get("/api/v1/me", headers=bearer(revoked)).status_code == 401
    short = token_for(chief, "act", name="short", days=1)
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(days=2)):
        assert api.get("/api/v1/me", headers=bearer(short)).status_code == 401
    reader = bearer(token_for(chief, "read", name="reader"))
    case = Case.objects.get()
    answer = api.post(
        f"/api/v1/cases/{case.pk}/close", {}, content_type="application/json", headers=reader
    )
    assert is_problem(answer, 403, "insufficient_scope")
    # A token of a person who left (account deactivated) opens nothing.
    leaver = token_for(chief, "act", name="leaver")
    type(chief).objects.filter(pk=chief.pk).update(is_active=False)
    assert api.get("/api/v1/me", headers=bearer(leaver)).status_code == 401


def test_an_integration_client_stays_within_its_operations(make_staff, unit) -> None:
    _report("DST-75-02", "Almaty matter Bolatov-1102")
    admin = make_staff(Role.ADMINISTRATOR, "SC", username="admin-a")
    switch = client_for(admin, unit("REG-75"), ["telephony.call_started"], name="switch")
    api = Client()
    for path in ("/api/v1/cases", "/api/v1/me", "/api/v1/cases/1"):
        answer = api.get(path, headers=switch)
        assert answer.status_code in (403, 404), (path, answer.status_code)
        assert "Bolatov" not in answer.content.decode()
    answer = api.post("/api/v1/appeals", {}, content_type="application/json", headers=switch)
    assert answer.status_code == 403


@pytest.mark.parametrize(
    "query",
    [
        "?q=%27%3B%20DROP%20TABLE%20cases_case%3B--",
        "?q=%22%20OR%201%3D1",
        "?q=*",
        "?q=NEAR(a%20b)",
        "?q=%25%25%25",
        "?q=a%00b",
        "?cursor=not-a-cursor",
        "?cursor=eyJzb3J0IjoibmV3ZXN0IiwicGsiOjF9",
        "?unit=%27",
        "?assignee=1%20OR%201",
        "?limit=100000",
    ],
)
def test_hostile_filters_are_refused_or_harmless(make_staff, query) -> None:
    _report("DST-75-02", "Almaty matter Bolatov-1103")
    chief = make_staff(Role.CHIEF, "REG-75")
    answer = Client().get(f"/api/v1/cases{query}", headers=bearer(token_for(chief, "read")))
    assert answer.status_code in (200, 400, 422), answer.status_code
    assert "Traceback" not in answer.content.decode()
    assert "cases_case" not in answer.content.decode()
