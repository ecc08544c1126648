"""e-Otinish: a batch imported through the command line and the API, twice; bad items refused
with their position and nothing of their batch registered; the status and the answer written
back to the exchange directory once each by the real task worker."""

from __future__ import annotations

import base64
import json
import time
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client, override_settings

from senim.cases.models import Case
from senim.cli import main
from senim.core.models import AuditEvent
from senim.intake.models import Appeal, Channel
from senim.integrations.models import ExternalAppeal, ExternalReport
from senim.organization.models import Role
from tests.api_helpers import client_for, is_problem

pytestmark = [pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
ASSESS = {
    "competence": "ours",
    "complete": "on",
    "relevant": "on",
    "priority": "high",
    "category": "bribery",
    "retaliation_risk": "medium",
    "decision": "open",
}


def item(number: str, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "number": number,
        "received_at": "2026-12-01T09:30:00+05:00",
        "court": "DST-75-02",
        "kind": "complaint",
        "category": "bribery",
        "language": "ru",
        "subject": "Вымогательство при выдаче копии решения",
        "text": "Секретарь потребовал 20 000 тенге за копию решения.",
        "people": [{"name": "Б. секретарь", "position": "секретарь суда"}],
        "applicant": {
            "full_name": "Айгерим Сапарова",
            "iin": "",
            "phone": "+7 701 555 12 34",
            "email": "",
            "address": "Алматы, ул. Абая 1",
        },
        "files": [{"name": "скан.pdf", "content_base64": base64.b64encode(PDF).decode()}],
    }
    data.update(overrides)
    return data


def batch(*items: dict[str, Any]) -> dict[str, Any]:
    return {"format": "senim-eotinish/1", "appeals": list(items)}


def write(tmp_path: Path, content: dict[str, Any] | str, name: str = "batch.json") -> str:
    path = tmp_path / name
    text = content if isinstance(content, str) else json.dumps(content, ensure_ascii=False)
    path.write_text(text, encoding="utf-8")
    return str(path)


def run(capsys: Any, *args: str) -> tuple[int, str, str]:
    code = main(["eotinish", "import", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def worker() -> None:
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)


def exchange(directory: Path) -> list[dict[str, Any]]:
    return [
        json.loads(path.read_text(encoding="utf-8")) for path in sorted(directory.glob("*.json"))
    ]


def test_a_batch_imported_twice_registers_each_appeal_once_and_reports_flow_back(
    tmp_path, capsys, make_staff, login
) -> None:
    out_dir = tmp_path / "out"
    chief = make_staff(Role.CHIEF, "REG-75", username="chief-e")
    investigator = make_staff(Role.INVESTIGATOR, "REG-75", username="inv-e")
    good = batch(item("ЖТ-2026-0000101"), item("ЖТ-2026-0000102", files=[]))

    # A bad batch: each bad item with its position and field; nothing registered, not even
    # the good items beside them.
    bad = batch(
        item("ЖТ-2026-0000101"),
        item("ЖТ-2026-0000103", court="NO-SUCH-COURT"),
        item("ЖТ-2026-0000104", received_at="yesterday", subject=""),
        item("ЖТ-2026-0000101"),
    )
    code, out, err = run(capsys, write(tmp_path, bad))
    assert code == 1
    assert "item 2 (ЖТ-2026-0000103): court:" in err
    assert "item 3 (ЖТ-2026-0000104): received_at:" in err
    assert "item 4 (ЖТ-2026-0000101): number: The same number as item 1" in err
    assert "nothing registered" in err
    assert Appeal.objects.count() == 0 and ExternalAppeal.objects.count() == 0

    # Not JSON at all: the line of the fault.
    code, out, err = run(
        capsys, write(tmp_path, '{"format": "senim-eotinish/1",\n "appeals": [,]}')
    )
    assert code == 1 and "line 2" in err

    # A dry run checks and registers nothing.
    path = write(tmp_path, good)
    code, out, err = run(capsys, path, "--dry-run")
    assert code == 0, err
    assert "would register: 2" in out and Appeal.objects.count() == 0

    with override_settings(SENIM_EOTINISH_OUTBOX_DIR=str(out_dir)):
        code, out, err = run(capsys, path)
        assert code == 0, err
        assert "registered: 2, skipped (imported before): 0" in out
        code, out, err = run(capsys, path)
        assert code == 0, err
        assert "registered: 0, skipped (imported before): 2" in out
        assert "item 1 (ЖТ-2026-0000101): skipped" in out
        assert Appeal.objects.count() == 2 and ExternalAppeal.objects.count() == 2

        link = ExternalAppeal.objects.select_related("appeal").get(number="ЖТ-2026-0000101")
        appeal = link.appeal
        assert appeal.channel == Channel.E_OTINISH and not appeal.is_anonymous
        case = Case.objects.get(appeal=appeal)
        assert case.unit.court.code == "REG-75"  # routed like any other appeal
        assert appeal.attachments.count() == 1

        # The case page shows both numbers; the e-Otinish number finds the case in the queue.
        office = login(chief)
        page = office.get(f"/office/cases/{case.pk}/").content.decode()
        assert appeal.number in page and "ЖТ-2026-0000101" in page
        found = office.get("/office/cases/", {"q": "ЖТ-2026-0000101"}).content.decode()
        assert f"/office/cases/{case.pk}/" in found
        other = Case.objects.get(appeal__external__number="ЖТ-2026-0000102")
        assert f"/office/cases/{other.pk}/" not in found

        # Nothing has left inside the requests: the worker delivers.
        assert exchange(out_dir) == []
        worker()
        first = exchange(out_dir)
        assert sorted((f["type"], f["number"], f["status"]) for f in first) == [
            ("status", "ЖТ-2026-0000101", "received"),
            ("status", "ЖТ-2026-0000102", "received"),
        ]
        assert {f["registration_number"] for f in first} == {
            appeal.number,
            other.appeal.number,
        }

        # The case is handled and answered in the office; the worker writes the answer once.
        chief_client, investigator_client = office, login(investigator)

        def act(client: Client, action: str, data: dict[str, Any] | None = None) -> None:
            response = client.post(f"/office/cases/{case.pk}/do/{action}/", data or {})
            assert response.status_code in (200, 302)

        act(chief_client, "assess", ASSESS)
        act(chief_client, "assign", {"assignee": investigator.pk})
        act(
            investigator_client,
            "conclude",
            {"outcome": "not_substantiated", "findings": "No demand.", "measures": "None."},
        )
        act(investigator_client, "answer-draft")
        act(investigator_client, "answer-review")
        act(chief_client, "answer-sign")
        act(chief_client, "answer-issue")
        worker()
        worker()  # a second run delivers nothing again
        files = [f for f in exchange(out_dir) if f["number"] == "ЖТ-2026-0000101"]
        answers = [f for f in files if f["type"] == "answer"]
        assert len(answers) == 1
        answer = answers[0]
        assert answer["registration_number"] == appeal.number
        assert answer["text"] == case.answer.body if hasattr(case, "answer") else answer["text"]
        assert base64.b64decode(answer["pdf_base64"]).startswith(b"%PDF")
        statuses = [f["status"] for f in files if f["type"] == "status"]
        assert "closed" in statuses  # the case's status changes flow back too
        assert len(statuses) == len(set(statuses))  # each once
        assert not ExternalReport.objects.exclude(state=ExternalReport.State.SENT).exists()


def test_the_api_imports_for_a_client_allowed_to_and_refuses_one_that_is_not(
    make_staff, unit
) -> None:
    admin = make_staff(Role.ADMINISTRATOR, "SC", username="admin-e")
    allowed = client_for(
        admin, unit("SC"), ["eotinish.batch_import", "eotinish.appeal_import"], name="eotinish"
    )
    refused = client_for(admin, unit("SC"), ["telephony.call_started"], name="other")
    api = Client()

    response = api.post(
        "/api/v1/eotinish/batches",
        batch(item("ЖТ-2026-0000201")),
        content_type="application/json",
        headers=refused,
    )
    assert is_problem(response, 403, "operation_not_allowed")
    assert Appeal.objects.count() == 0

    response = api.post(
        "/api/v1/eotinish/batches",
        batch(item("ЖТ-2026-0000201"), item("ЖТ-2026-0000202", category="nonsense")),
        content_type="application/json",
        headers=allowed,
    )
    assert is_problem(response, 422, "validation_failed")
    assert {"loc": ["appeals", "2", "category"], "type": "eotinish"}.items() <= (
        response.json()["errors"][0].items()
    )
    assert Appeal.objects.count() == 0
    # A null character, or a time with no UTC equivalent, is an item's problem, not a crash.
    odd = api.post(
        "/api/v1/eotinish/batches",
        batch(
            item("ЖТ-2026-0000203", subject="a\x00b"),
            item("ЖТ-2026-0000204", received_at="0001-01-01T00:00:00+14:00"),
        ),
        content_type="application/json",
        headers=allowed,
    )
    assert is_problem(odd, 422, "validation_failed")
    assert [e["loc"] for e in odd.json()["errors"]] == [
        ["appeals", "1", "subject"],
        ["appeals", "2", "received_at"],
    ]

    response = api.post(
        "/api/v1/eotinish/appeals",
        item("ЖТ-2026-0000201"),
        content_type="application/json",
        headers=allowed,
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["registered"] == 1 and body["items"][0]["registration_number"]
    again = api.post(
        "/api/v1/eotinish/batches",
        batch(item("ЖТ-2026-0000201")),
        content_type="application/json",
        headers=allowed,
    ).json()
    assert again["registered"] == 0 and again["skipped"] == 1
    assert Appeal.objects.filter(channel=Channel.E_OTINISH).count() == 1


def test_a_delivery_that_fails_is_tried_again_then_given_up(tmp_path, capsys, registry) -> None:
    """e-Otinish's side unreachable (the exchange directory cannot be written): the worker
    records the failure and tries again after the back-off; once reachable, the report arrives
    once; a report that keeps failing is given up after the attempts allowed."""
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the directory should be")
    out_dir = tmp_path / "out"
    with override_settings(
        SENIM_EOTINISH_OUTBOX_DIR=str(blocked / "out"),
        SENIM_EOTINISH_RETRY_SECONDS=1,
        SENIM_EOTINISH_ATTEMPTS=2,
    ):
        code, _out, err = run(capsys, write(tmp_path, batch(item("ЖТ-2026-0000301"))))
        assert code == 0, err
        worker()
        report = ExternalReport.objects.get()
        assert (report.state, report.attempts) == ("pending", 1)
        assert report.failure in ("NotADirectoryError", "FileExistsError")
    with override_settings(SENIM_EOTINISH_OUTBOX_DIR=str(out_dir), SENIM_EOTINISH_ATTEMPTS=2):
        time.sleep(1.5)  # the back-off
        worker()
        worker()
    report.refresh_from_db()
    assert (report.state, report.attempts) == ("sent", 2)
    assert [f["number"] for f in exchange(out_dir)] == ["ЖТ-2026-0000301"]

    with override_settings(
        SENIM_EOTINISH_OUTBOX_DIR=str(blocked / "out"),
        SENIM_EOTINISH_RETRY_SECONDS=1,
        SENIM_EOTINISH_ATTEMPTS=2,
    ):
        code, _out, err = run(capsys, write(tmp_path, batch(item("ЖТ-2026-0000302"))))
        assert code == 0, err
        worker()
        time.sleep(1.5)
        worker()
        failed = ExternalReport.objects.get(link__number="ЖТ-2026-0000302")
        assert (failed.state, failed.attempts) == ("failed", 2)
    assert AuditEvent.objects.filter(action="eotinish.status_failed").count() == 3
    assert AuditEvent.objects.filter(action="eotinish.status_sent").count() == 1
