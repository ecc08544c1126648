"""The roll-ups: kept current by marks they equal a rebuild; on the demo data they equal an
independent SQL count over the cases."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.utils import timezone

from senim.analytics import rollups
from senim.analytics.indicators import Scope, figures
from senim.analytics.models import RollupCount, RollupMark
from senim.analytics.periods import local_midnight, year
from senim.cases import handling
from senim.cases.models import Case, Extension, Referral, Status
from senim.core import clock
from senim.demo.seed import seed
from senim.intake.models import MailboxMessage
from senim.organization.models import Unit

NOW = dt.datetime(2026, 5, 11, 9, 0, tzinfo=dt.UTC)


@pytest.mark.django_db
def test_refreshing_after_each_change_equals_a_rebuild(
    make_case: Any, make_staff: Any, unit: Any
) -> None:
    coordinator = make_staff("coordinator", "SC")
    with time_machine.travel(NOW, tick=False) as traveller:
        rollups.rebuild()
        first = make_case("DST-75-02", registered_at=NOW - dt.timedelta(days=40))
        second = make_case("DST-75-02", registered_at=NOW - dt.timedelta(days=3))
        third = make_case("DST-10-01", registered_at=NOW - dt.timedelta(days=70))
        assert RollupMark.objects.exists()  # written in the transaction of each change
        rollups.refresh()
        assert not RollupMark.objects.exists()

        # Concluded through the service, as an investigator's chief would.
        handling.case_conclude(
            user=coordinator,
            case_id=first.pk,
            outcome="substantiated",
            findings="Proven by the recording.",
            measures="Dismissed.",
        )
        rollups.refresh()
        # An extension moves the deadline to another month.
        old_due = clock.today() + dt.timedelta(days=5)
        second.due_on = second.original_due_on = old_due
        second.save(update_fields=["due_on", "original_due_on"])
        third.due_on = third.original_due_on = clock.today() + dt.timedelta(days=10)
        third.save(update_fields=["due_on", "original_due_on"])
        Extension.objects.create(
            case=second,
            decided_by=coordinator,
            decided_at=clock.now(),
            reason="Waiting for the expert.",
            previous_due_on=old_due,
            new_due_on=old_due + dt.timedelta(days=40),
            notify_due_on=old_due,
        )
        second.due_on = old_due + dt.timedelta(days=40)
        second.save(update_fields=["due_on"])
        # A referral and, later, its result.
        referral = Referral.objects.create(case=third, body="acs", sent_at=clock.now())
        MailboxMessage.objects.create(
            appeal=third.appeal, direction="in", channel="portal", body="+", created_at=clock.now()
        )
        rollups.refresh()
        traveller.shift(dt.timedelta(days=33))  # into June: deadlines pass without any write
        referral.result = "convicted"
        referral.result_at = clock.now()
        referral.save()
        third.unit = unit("SC")  # re-routed to the central department
        third.save(update_fields=["unit"])
        rollups.refresh()

        refreshed = rollups.fingerprint()
        rollups.rebuild()
        assert rollups.fingerprint() == refreshed
        assert any(key[3] == "overdue" for key in refreshed)  # time alone made the third overdue
        assert any(key[2] == unit("SC").pk for key in refreshed)


@pytest.mark.django_db
def test_the_sweep_refreshes_the_roll_ups(make_case: Any) -> None:
    from senim.sweep import sweep

    with time_machine.travel(NOW, tick=False):
        rollups.rebuild()
        make_case("DST-75-02", registered_at=NOW - dt.timedelta(days=1))
        assert not RollupCount.objects.filter(metric="reports").exists()
        results = {r.name: r.handled for r in sweep()}
        assert results["analytics_refresh"] >= 1
        assert RollupCount.objects.get(metric="reports").value == 1


def _sql(query: str, params: list[Any]) -> int:
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        return int(cursor.fetchone()[0])


def _local_date(column: str) -> str:
    """A timestamp column as a date in Almaty (UTC+5 all through the demo's two years)."""
    if connection.vendor == "postgresql":
        return f"({column} AT TIME ZONE 'Asia/Almaty')::date"
    return f"date({column}, '+5 hours')"


@pytest.mark.django_db
def test_the_demo_data_agree_with_an_independent_sql_count(registry: None) -> None:
    seed(cases=400, demo_accounts=True)  # seeding ends with a rebuild
    for number in (clock.today().year - 1, clock.today().year):
        period = year(number)
        start, end = local_midnight(period.start), local_midnight(period.end)
        got = figures(Scope(), period)
        join = "FROM cases_case c JOIN intake_appeal a ON a.id = c.appeal_id"
        registered = f"{join} WHERE a.registered_at >= %s AND a.registered_at < %s"
        concluded = f"{join} WHERE c.concluded_at >= %s AND c.concluded_at < %s"
        span = [start, end]
        assert got.get("reports") == _sql(f"SELECT count(*) {registered}", span)
        assert got.get("channel:trust_line") == _sql(
            f"SELECT count(*) {registered} AND a.channel = 'trust_line'", span
        )
        assert got.get("anonymous") == _sql(
            f"SELECT count(*) {registered} AND a.is_anonymous", span
        )
        assert got.get("concluded") == _sql(f"SELECT count(*) {concluded}", span)
        assert got.get("substantiated") == _sql(
            f"SELECT count(*) {concluded} AND c.outcome IN ('substantiated', 'partly')", span
        )
        assert got.get("on_time") == _sql(
            f"SELECT count(*) {concluded} AND {_local_date('c.concluded_at')} <= c.original_due_on",
            span,
        )
        assert got.get("offence_internal") == _sql(
            f"SELECT count(*) {concluded} AND c.outcome IN ('substantiated', 'partly') "
            "AND c.category IN ('bribery', 'abuse', 'conflict', 'red_tape')",
            span,
        )
        today = clock.today()
        assert got.get("overdue") == _sql(
            f"SELECT count(*) {join} WHERE c.due_on >= %s AND c.due_on < %s AND ("
            "(c.status IN ('received', 'assessment', 'investigation') AND c.due_on < %s) "
            f"OR {_local_date('c.concluded_at')} > c.due_on)",
            [period.start, period.end, today],
        )
        assert got.get("closed") == _sql(
            f"SELECT count(*) {join} WHERE c.closed_at >= %s AND c.closed_at < %s", span
        )
        assert got.get("referrals") == _sql(
            "SELECT count(*) FROM cases_referral r WHERE r.sent_at >= %s AND r.sent_at < %s", span
        )
    assert Case.objects.filter(status=Status.CLOSED).exists()
    assert RollupCount.objects.filter(unit__in=Unit.objects.all()).exists()
    assert timezone.get_current_timezone_name() == "Asia/Almaty"
