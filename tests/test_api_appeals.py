"""Registering appeals through /api/v1 with an Idempotency-Key (over HTTP)."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from typing import Any

import pytest
from django.test import Client

from senim.cases.models import Case
from senim.core.models import AuditEvent
from senim.intake.models import Appeal, ReporterIdentity
from senim.organization.models import Role
from tests.api_helpers import bearer, client_for, is_problem, token_for

CONCURRENT = 16


def appeal(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "channel": "post",
        "kind": "violation",
        "category": "bribery",
        "language": "ru",
        "court": "DST-75-02",
        "subject": "Money demanded for a copy of the judgment",
        "text": "The clerk asked for 20 000 tenge to release the copy.",
        "people": [{"name": "B. clerk", "position": "office clerk"}],
    }
    data.update(overrides)
    return data


def post(client: Client, secret: str, body: dict[str, Any], key: str | None = "key-1") -> Any:
    headers = bearer(secret)
    if key is not None:
        headers["Idempotency-Key"] = key
    return client.post(
        "/api/v1/appeals", json.dumps(body), content_type="application/json", headers=headers
    )


@pytest.mark.django_db
def test_registers_once_and_a_replay_returns_the_first_answer(
    make_staff: Any, client: Client
) -> None:
    secret = token_for(make_staff(Role.OPERATOR), name="mailroom scanner")
    first = post(client, secret, appeal())
    assert first.status_code == 201, first.content
    body = first.json()
    assert body["replayed"] is False and len(body["receipt_code"]) >= 16
    assert body["unit"] and body["due_on"] and body["status"] == "received"
    assert first["Location"] == f"/api/v1/cases/{body['case']}"

    again = post(client, secret, appeal())
    assert again.status_code == 201
    replay = again.json()
    assert replay["number"] == body["number"] and replay["case"] == body["case"]
    assert replay["replayed"] is True
    assert replay["receipt_code"] is None  # shown once, stored nowhere
    assert Appeal.objects.count() == 1 and Case.objects.count() == 1


@pytest.mark.django_db
def test_same_key_with_another_body_is_refused(make_staff: Any, client: Client) -> None:
    secret = token_for(make_staff(Role.OPERATOR))
    assert post(client, secret, appeal()).status_code == 201
    changed = post(client, secret, appeal(subject="Another matter"))
    assert is_problem(changed, 422, "idempotency_key_reused")
    assert Appeal.objects.count() == 1
    # Another key is another appeal.
    assert post(client, secret, appeal(), key="key-2").status_code == 201
    assert Appeal.objects.count() == 2


@pytest.mark.django_db
def test_keys_belong_to_their_caller(make_staff: Any, client: Client) -> None:
    one = token_for(make_staff(Role.OPERATOR))
    other = token_for(make_staff(Role.OPERATOR))
    assert post(client, one, appeal()).json()["replayed"] is False
    assert post(client, other, appeal()).json()["replayed"] is False
    assert Appeal.objects.count() == 2


@pytest.mark.django_db
def test_missing_key_and_bad_drafts_are_problems_and_register_nothing(
    make_staff: Any, client: Client
) -> None:
    secret = token_for(make_staff(Role.OPERATOR))
    missing = post(client, secret, appeal(), key=None)
    assert is_problem(missing, 422, "validation_failed")
    assert any("Idempotency-Key" in e["loc"] for e in missing.json()["errors"])

    unknown_court = post(client, secret, appeal(court="NO-SUCH"), key="k-court")
    assert is_problem(unknown_court, 422, "validation_failed")
    assert unknown_court.json()["errors"][0]["loc"] == ["body", "court"]

    blank = post(client, secret, appeal(subject="  ", text=" "), key="k-blank")
    assert is_problem(blank, 422, "validation_failed")
    assert {e["loc"][-1] for e in blank.json()["errors"]} >= {"subject", "text"}

    nul = post(client, secret, appeal(text="a\x00b"), key="k-nul")
    assert is_problem(nul, 422, "validation_failed")

    bad_channel = post(client, secret, appeal(channel="trust_line"), key="k-channel")
    assert is_problem(bad_channel, 422, "validation_failed")
    assert Appeal.objects.count() == 0
    # A refused request leaves its key free: corrected, it registers.
    assert post(client, secret, appeal(), key="k-blank").status_code == 201


@pytest.mark.django_db
def test_named_reporter_is_sealed_and_the_write_audited_with_the_token(
    make_staff: Any, client: Client
) -> None:
    operator = make_staff(Role.OPERATOR)
    secret = token_for(operator, name="post room")
    reporter = {"full_name": "Aigerim Sadykova", "phone": "+77011234567"}
    response = post(client, secret, appeal(reporter=reporter, contact_by="sms"))
    assert response.status_code == 201, response.content
    stored = ReporterIdentity.objects.get()
    assert b"Sadykova" not in bytes(stored.sealed)
    registered = AuditEvent.objects.filter(action="appeal.registered").first()
    assert registered is not None and registered.actor_id == operator.pk
    assert registered.detail["via"] == {"api": "token", "name": "post room"}
    write = AuditEvent.objects.filter(action="api.write").first()
    assert write is not None and write.object_id == "appeals.appeal_register"
    assert "Sadykova" not in json.dumps(list(AuditEvent.objects.values("detail")), default=str)


@pytest.mark.django_db
def test_who_may_register(make_staff: Any, unit: Any, client: Client) -> None:
    chief = token_for(make_staff(Role.CHIEF, "REG-75"))
    assert is_problem(post(client, chief, appeal()), 403, "forbidden")
    reader = token_for(make_staff(Role.OPERATOR), "read")
    assert is_problem(post(client, reader, appeal()), 403, "insufficient_scope")
    headers = client_for(
        make_staff(Role.ADMINISTRATOR), unit("REG-75"), ["appeals.appeal_register"]
    )
    headers["Idempotency-Key"] = "client-1"
    response = client.post(
        "/api/v1/appeals", json.dumps(appeal()), content_type="application/json", headers=headers
    )
    assert response.status_code == 201, response.content
    assert Appeal.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_sixteen_concurrent_replays_register_exactly_one_appeal(
    make_staff: Any, live_server: Any
) -> None:
    secret = token_for(make_staff(Role.OPERATOR), name="concurrent")
    barrier = threading.Barrier(CONCURRENT)
    answers: list[tuple[int, dict[str, Any]]] = []
    failures: list[str] = []
    body = json.dumps(appeal()).encode()

    def send() -> None:
        request = urllib.request.Request(
            f"{live_server.url}/api/v1/appeals",
            data=body,
            headers={
                "Authorization": f"Bearer {secret}",
                "Idempotency-Key": "the-same-key",
                "Content-Type": "application/json",
            },
        )
        barrier.wait(timeout=30)
        try:
            with urllib.request.urlopen(request, timeout=90) as response:
                answers.append((response.status, json.loads(response.read())))
        except urllib.error.HTTPError as refused:
            failures.append(f"{refused.code} {refused.read()[:300]!r}")
        except Exception as failure:  # noqa: BLE001 - every failure counts
            failures.append(repr(failure))

    threads = [threading.Thread(target=send) for _ in range(CONCURRENT)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert failures == []
    assert len(answers) == CONCURRENT
    assert {status for status, _ in answers} == {201}
    assert len({answer["number"] for _, answer in answers}) == 1
    assert sum(1 for _, answer in answers if not answer["replayed"]) == 1
    assert sum(1 for _, answer in answers if answer["receipt_code"]) == 1
    assert Appeal.objects.count() == 1 and Case.objects.count() == 1
