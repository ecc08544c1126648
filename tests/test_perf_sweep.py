"""The sweep's reminders and escalations work a batch of cases per transaction: every case of
every batch is handled once, a second run (or a case changed meanwhile) adds nothing, each
batch of escalations has its audit entry, and the case page still shows when it was escalated.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.test import Client

from senim.cases import deadlines
from senim.cases.models import Case, CaseExclusion, Notification, Status
from senim.core.audit import audit_verify
from senim.core.models import AuditEvent

pytestmark = pytest.mark.django_db

ALMATY = ZoneInfo("Asia/Almaty")
DUE = dt.date(2026, 4, 20)  # a Monday
THREE_BEFORE = dt.datetime(2026, 4, 15, 9, tzinfo=ALMATY)
DAY_AFTER = dt.datetime(2026, 4, 21, 9, tzinfo=ALMATY)


@pytest.fixture
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(deadlines, "BATCH", 2)


def _cases(make_case: Callable[..., Case], count: int, **kwargs: Any) -> list[Case]:
    made = []
    for _ in range(count):
        case = make_case("DST-75-02", **kwargs)
        case.due_on = case.original_due_on = DUE
        case.save(update_fields=["due_on", "original_due_on"])
        made.append(case)
    return made


def test_every_case_of_every_batch_is_escalated_once_and_audited_per_batch(
    small_batches: None,
    make_case: Callable[..., Case],
    make_staff: Callable[..., Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    chief = make_staff("chief", "REG-75")
    coordinator = make_staff("coordinator")
    coordinator.email = "coordinator@sud.kz"
    coordinator.save(update_fields=["email"])
    investigator = make_staff("investigator", "REG-75")
    cases = _cases(make_case, 3, assignee=investigator) + _cases(make_case, 2, status="received")
    CaseExclusion.objects.create(case=cases[0], user=coordinator, reason="Relative")
    with time_machine.travel(DAY_AFTER, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            # chief and coordinator for each case, the investigator for three, less one
            assert deadlines.deadlines_escalate() == 5 * 2 + 3 - 1
        with django_capture_on_commit_callbacks(execute=True):
            assert deadlines.deadlines_escalate() == 0
    for case in cases:
        notified = set(Notification.objects.filter(case=case).values_list("user", flat=True))
        expected = {chief.pk, coordinator.pk} | ({investigator.pk} if case.assignee else set())
        if case == cases[0]:
            expected.discard(coordinator.pk)
        assert notified == expected
    assert len(mail.outbox) == 4  # the coordinator's, once per case not excluded
    entries = AuditEvent.objects.filter(action="case.escalated").order_by("seq")
    assert [len(e.detail["cases"]) for e in entries] == [2, 2, 1]
    assert sorted(n for e in entries for n in e.detail["cases"]) == sorted(
        c.appeal.number for c in cases
    )
    assert audit_verify().ok


def test_reminders_in_batches_reach_the_investigator_or_else_the_chiefs(
    small_batches: None, make_case: Callable[..., Case], make_staff: Callable[..., Any]
) -> None:
    chiefs = [make_staff("chief", "REG-75"), make_staff("chief", "REG-75")]
    investigator = make_staff("investigator", "REG-75")
    assigned = _cases(make_case, 3, assignee=investigator)
    unassigned = _cases(make_case, 2, status=Status.ASSESSMENT)
    with time_machine.travel(THREE_BEFORE, tick=False):
        assert deadlines.deadlines_remind() == 3 + 2 * 2
        assert deadlines.deadlines_remind() == 0
    for case in assigned:
        assert list(Notification.objects.filter(case=case).values_list("user", flat=True)) == [
            investigator.pk
        ]
    for case in unassigned:
        notified = set(Notification.objects.filter(case=case).values_list("user", flat=True))
        assert notified == {c.pk for c in chiefs}
    assert not AuditEvent.objects.filter(action="case.escalated").exists()


def test_a_case_closed_after_it_was_found_is_not_escalated(
    make_case: Callable[..., Case], make_staff: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    make_staff("chief", "REG-75")
    late, closing = _cases(make_case, 2)
    found = deadlines._pending

    def pending_then_closed(*args: Any) -> list[tuple[int, str]]:
        rows = found(*args)
        Case.objects.filter(pk=closing.pk).update(status=Status.CONCLUDED, outcome="partly")
        return rows

    monkeypatch.setattr(deadlines, "_pending", pending_then_closed)
    with time_machine.travel(DAY_AFTER, tick=False):
        assert deadlines.deadlines_escalate() == 1
    assert set(Notification.objects.values_list("case", flat=True)) == {late.pk}


def test_the_case_page_shows_when_the_case_was_escalated(
    make_case: Callable[..., Case], make_staff: Callable[..., Any], login: Callable[[Any], Client]
) -> None:
    chief = make_staff("chief", "REG-75")
    (case,) = _cases(make_case, 1)
    with time_machine.travel(DAY_AFTER, tick=False):
        deadlines.deadlines_escalate()
    page = login(chief).get(f"/office/cases/{case.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    timeline = page.content.decode().split('<ol class="timeline">', 1)[1]
    assert timeline.count("escalated as overdue") == 1
