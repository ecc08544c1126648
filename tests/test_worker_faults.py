"""A task worker killed with SIGKILL in the middle of a batch of notices loses nothing and hides
nothing: after a restart and a sweep, every notice went out exactly once or is reported as
interrupted, no task is left running, and every letter that left has its audit entry."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from senim.core.models import AuditEvent
from senim.core.tasks import WORKER_LOST
from senim.intake import mailbox as intake
from senim.intake.anonymity import AnonymousPolicy
from senim.intake.models import Appeal, Delivery
from senim.organization.models import Role
from senim.sweep import sweep
from tests.intake_helpers import coupon_of, report_data
from tests.slow_outbox import letters, started

ROOT = Path(__file__).resolve().parent.parent
NOTICES = 16
KILL_AFTER = 6  # letters started when the worker is killed: the sixth is in flight


def database_url() -> str:
    """The test database, as a URL for a process of its own."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    host = db["HOST"] or "127.0.0.1"
    port = db["PORT"] or 5432
    return f"postgres://{db['USER']}{password}@{host}:{port}/{db['NAME']}"


def _worker(outbox: Path, log: Path) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "SENIM_EMAIL_BACKEND": "tests.slow_outbox.SlowOutbox",
        "SENIM_TEST_OUTBOX": str(outbox),
        "SENIM_TEST_MAIL_SECONDS": "0.3",
        # The sixth letter is held long enough for the test to kill the worker during it
        # (polling every 20 ms on a loaded machine saw the 0.3 s letter already sent).
        "SENIM_TEST_MAIL_HOLD_AT": str(KILL_AFTER),
        "SENIM_TEST_MAIL_HOLD_SECONDS": "30",
        "SENIM_TASK_LEASE_SECONDS": "1",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "senim.cli", "manage", "db_worker", "--no-startup-delay"],
        cwd=ROOT,
        env=env,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
    )


def _wait(condition, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)


def _queue_empty() -> bool:
    return not DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).exists()


@pytest.mark.django_db(transaction=True)
def test_a_killed_worker_sends_every_notice_once_or_reports_it(
    registry, make_staff, tmp_path: Path
) -> None:
    from django.test import Client

    outbox = tmp_path / "outbox"
    outbox.mkdir()
    chief = make_staff(Role.CHIEF, "REG-75", username="chief-w")
    with override_settings(SENIM_ANONYMOUS_POLICY=AnonymousPolicy.ISO_37002):
        for i in range(NOTICES):
            data = report_data(
                identity="named",
                full_name=f"Reporter {i}",
                email=f"reporter{i}@example.kz",
                contact_by="email",
            )
            coupon_of(Client().post("/report/", data).content.decode())
    for appeal in Appeal.objects.all():
        intake.message_to_reporter(appeal=appeal, body="A question for you", author=chief)
    assert Delivery.objects.filter(state="pending").count() == NOTICES

    log = tmp_path / "worker.log"
    worker = _worker(outbox, log)
    try:
        _wait(lambda: started(outbox) >= KILL_AFTER, 60, "the worker to start sending")
        worker.send_signal(signal.SIGKILL)  # while the sixth letter is in flight
        worker.wait(timeout=10)
    finally:
        if worker.poll() is None:
            worker.kill()
    assert DBTaskResult.objects.filter(status="RUNNING").count() == 1  # left behind
    assert Delivery.objects.filter(state="sending").count() == 1

    worker = _worker(outbox, log)
    try:
        time.sleep(1.1)  # the lease of the killed worker's task runs out
        with override_settings(SENIM_TASK_LEASE_SECONDS=1):
            results = {step.name: step.handled for step in sweep()}
            assert results["tasks_recover"] == 1
            assert results["deliveries_resume"] == 1
            # A second sweep finds nothing more to do: the steps are safe to run twice.
            again = {step.name: step.handled for step in sweep()}
            assert again["tasks_recover"] == 0 and again["deliveries_resume"] == 0
        _wait(_queue_empty, 90, "the restarted worker to drain the queue")
    finally:
        worker.terminate()
        worker.wait(timeout=15)

    states = sorted(Delivery.objects.values_list("state", flat=True))
    assert states.count("sent") == NOTICES - 1 and states.count("interrupted") == 1
    sent = letters(outbox)
    assert len(sent) == len(set(sent)), "a notice went out twice"
    interrupted = Delivery.objects.select_related("message__appeal").get(state="interrupted")
    for delivery in Delivery.objects.filter(state="sent").select_related("message__appeal"):
        assert sent.count(f"Senim {delivery.message.appeal.number}") == 1
    # The letter in flight at the kill never finished; it is reported, never sent again.
    assert f"Senim {interrupted.message.appeal.number}" not in sent
    assert AuditEvent.objects.filter(
        action="delivery.interrupted", object_id=interrupted.message.appeal.number
    ).exists()
    # Every letter that left has the audit entry of the identity read for it, and no delivery
    # was attempted without one.
    uses = list(
        AuditEvent.objects.filter(action="identity.used_for_delivery").values_list(
            "object_id", flat=True
        )
    )
    assert sorted(uses) == sorted(
        d.message.appeal.number for d in Delivery.objects.select_related("message__appeal")
    )
    assert all(subject.removeprefix("Senim ") in uses for subject in sent)
    lost = DBTaskResult.objects.get(exception_class_path=WORKER_LOST)
    assert lost.status == "FAILED"
    assert not DBTaskResult.objects.filter(status="RUNNING").exists()
