"""Every indicator computed on a small hand-made data set whose answers are known.

Six appeals in the first quarter of 2026 (and one conviction in the second), dated so that each
figure has one obvious value: the expected numbers are written out beside each case.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.utils import timezone, translation

from senim.analytics import rollups
from senim.analytics.indicators import Scope, figures, league
from senim.analytics.periods import month, quarter, year
from senim.cases.models import Assessment, Case, Extension, Referral
from senim.core.calendar import calendar
from senim.intake.models import Appeal, MailboxMessage
from senim.intake.registration import registration_number_next
from senim.organization.models import Court, HeadCount, Region
from senim.organization.selectors import unit_for_court

TODAY = dt.datetime(2026, 6, 15, 12, 0, tzinfo=dt.UTC)
STAFFED = "DST-75-02"  # 50 judges and staff
UNSTAFFED = "DST-75-03"  # no staff figures at all


def at(day: str, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.fromisoformat(day).replace(hour=hour))


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def make(
    court: str,
    registered: str,
    *,
    channel: str = "portal",
    anonymous: bool = True,
    category: str = "bribery",
    status: str = "investigation",
    outcome: str = "",
    concluded: str | None = None,
    closed: str | None = None,
    due: str | None = None,
    assessed_after_days: int | None = None,
    retaliation_for: Case | None = None,
    user: Any = None,
) -> Case:
    court_obj = Court.objects.get(code=court)
    registered_at = at(registered)
    appeal = Appeal.objects.create(
        number=registration_number_next(at=registered_at),
        registered_at=registered_at,
        channel=channel,
        kind="violation",
        category=category,
        language="ru",
        court=court_obj,
        is_anonymous=anonymous,
        subject="Hand-made",
        text="Hand-made appeal.",
    )
    # The statutory date comes from the working-day calendar (weekends, holidays, transfers).
    original = calendar().working_days_after(registered_at.date(), 15)
    case = Case.objects.create(
        appeal=appeal,
        unit=unit_for_court(court_obj),
        status=status,
        outcome=outcome,
        category=category,
        original_due_on=original,
        due_on=day(due) if due else original,
        concluded_at=at(concluded, 15) if concluded else None,
        closed_at=at(closed, 16) if closed else None,
        retaliation_for=retaliation_for,
    )
    if assessed_after_days is not None:
        Assessment.objects.create(
            case=case,
            competence="ours",
            complete=True,
            relevant=True,
            retaliation_risk="low",
            decision="open",
            decided_by=user,
            decided_at=registered_at + dt.timedelta(days=assessed_after_days),
        )
    return case


@pytest.fixture
def hand_made(registry: None, make_staff: Any) -> dict[str, Case]:
    chief = make_staff("chief", "REG-75")
    HeadCount.objects.create(
        court=Court.objects.get(code=STAFFED), period_start=day("2025-01-01"), judges=10, staff=50
    )
    with time_machine.travel(TODAY, tick=False):
        # A: anonymous bribery, substantiated on time, closed after 13 days; wrote back.
        a = make(
            STAFFED,
            "2026-01-12",
            status="closed",
            outcome="substantiated",
            concluded="2026-01-20",
            closed="2026-01-25",
            assessed_after_days=2,
            user=chief,
        )
        MailboxMessage.objects.create(
            appeal=a.appeal,
            direction="in",
            channel="portal",
            body="More.",
            created_at=at("2026-01-14"),
        )
        # B: named ethics complaint, extended across 8 March, decided late against the
        # original date but within the extension; closed after 37 days; assessed on day 10.
        b = make(
            STAFFED,
            "2026-01-15",
            channel="trust_line",
            anonymous=False,
            category="ethics",
            status="closed",
            outcome="not_substantiated",
            concluded="2026-02-20",
            closed="2026-02-21",
            due="2026-03-10",
            assessed_after_days=10,
            user=chief,
        )
        Extension.objects.create(
            case=b,
            decided_by=chief,
            decided_at=at("2026-02-04"),
            reason="Witnesses abroad.",
            previous_due_on=day("2026-02-05"),
            new_due_on=day("2026-03-10"),
            notify_due_on=day("2026-02-09"),
        )
        # C: named bribery referred to the anti-corruption service; conviction in April.
        c = make(
            STAFFED,
            "2026-02-03",
            channel="reception",
            anonymous=False,
            status="closed",
            outcome="referred_acs",
            concluded="2026-02-10",
            closed="2026-02-12",
            assessed_after_days=1,
            user=chief,
        )
        Referral.objects.create(
            case=c,
            body="acs",
            sent_at=at("2026-02-10"),
            result="convicted",
            result_at=at("2026-04-05"),
        )
        # D: anonymous abuse still under investigation, its deadline (20 March) passed.
        d = make(STAFFED, "2026-03-02", category="abuse", due="2026-03-20")
        # E: retaliation against A's reporter, substantiated; no corruption offence itself.
        e = make(
            STAFFED,
            "2026-03-10",
            channel="trust_line",
            anonymous=False,
            category="retaliation",
            status="closed",
            outcome="substantiated",
            concluded="2026-03-30",
            closed="2026-03-31",
            assessed_after_days=3,
            retaliation_for=a,
            user=chief,
        )
        # F: a consultation in a court without staff figures, closed after 2 days.
        f = make(
            UNSTAFFED,
            "2026-02-14",
            anonymous=False,
            category="other",
            status="closed",
            outcome="consultation",
            concluded="2026-02-16",
            closed="2026-02-16",
            assessed_after_days=1,
            user=chief,
        )
        rollups.rebuild()
    return {"a": a, "b": b, "c": c, "d": d, "e": e, "f": f}


def _values(scope: Scope, period: Any) -> dict[str, Any]:
    with translation.override("en"):
        return {v.indicator.key: v for v in figures(scope, period).values()}


@pytest.mark.django_db
def test_the_first_quarter_has_the_known_answers(hand_made: dict[str, Case]) -> None:
    q1 = quarter(day("2026-01-01"))
    v = _values(Scope(), q1)
    got = {key: (value.numerator, value.denominator) for key, value in v.items()}
    assert got["reports"] == (6, None)
    assert got["offences"] == (1, None)  # A; C's conviction came in April
    assert v["offences_per_100"].display == "2.00"  # 1 in the staffed court of 50
    assert got["reports_per_100"] == (5, 50)  # F's court has no staff figures
    assert v["reports_per_100"].display == "10.00"
    assert got["substantiation"] == (2, 4)  # A, E of A, B, C, E (F was a consultation)
    assert got["anonymous_share"] == (2, 6)  # A, D
    assert got["anonymous_followup"] == (1, 2)  # A wrote back
    assert got["on_time"] == (4, 5)  # all but B
    assert got["extended"] == (1, 5)  # B
    # Due in the quarter: all but E, whose 15 working days run into April over Nauryz. Overdue:
    # D; B was extended and decided before its new date.
    assert got["overdue"] == (1, 5)
    assert v["median_days"].value == 13  # 2, 9, 13, 21, 37
    assert got["acknowledged"] == (4, 6)  # B on day 10 and D never
    assert got["retaliation_share"] == (1, 6)
    assert got["retaliation_substantiation"] == (1, 1)
    assert got["referrals"] == (1, None)
    assert v["substantiation"].display == "50.0%"
    assert v["anonymous_share"].display == "33.3%"


@pytest.mark.django_db
def test_a_month_without_offences_shows_zero_and_the_conviction_counts_when_it_came(
    hand_made: dict[str, Case],
) -> None:
    assert _values(Scope(), month(day("2026-03-01")))["offences"].numerator == 0
    april = _values(Scope(), month(day("2026-04-01")))
    assert april["offences"].numerator == 1  # C's conviction
    assert april["reports"].numerator == 0
    assert april["substantiation"].value is None and april["substantiation"].display == "—"
    assert _values(Scope(), year(2025))["offences"].display == "0"


@pytest.mark.django_db
def test_a_court_without_staff_figures_has_no_per_100_rate(hand_made: dict[str, Case]) -> None:
    court = Court.objects.get(code=UNSTAFFED)
    v = _values(Scope(court_id=court.pk), quarter(day("2026-01-01")))
    assert v["reports"].numerator == 1
    assert v["reports_per_100"].value is None and v["reports_per_100"].display == "—"
    rows = {
        row.court.code: row
        for row in league(Scope(), quarter(day("2026-01-01")), ("reports", "reports_per_100"))
    }
    assert rows[UNSTAFFED].values["reports_per_100"].display == "—"
    assert rows[STAFFED].values["reports_per_100"].display == "10.00"


@pytest.mark.django_db
def test_an_extension_across_a_holiday_is_counted_once_and_on_time_uses_the_original_date(
    hand_made: dict[str, Case],
) -> None:
    b = hand_made["b"]
    # 15 working days from 15 January skip weekends only: 5 February; the extension moved the
    # deadline over International Women's Day (8 March, a Sunday: its day off moves to Monday
    # 9 March), and B was decided on 20 February: late against the original date, on time
    # against the extended one.
    assert b.original_due_on == day("2026-02-05")
    assert not calendar().is_working_day(day("2026-03-09"))
    feb = _values(Scope(), month(day("2026-02-01")))
    assert (feb["extended"].numerator, feb["on_time"].numerator) == (1, 2)  # B; C and F on time
    march = _values(Scope(), month(day("2026-03-01")))
    assert march["overdue"].numerator == 1  # D only: B's deadline, 10 March, was kept


@pytest.mark.django_db
def test_a_region_and_a_unit_see_only_their_figures(hand_made: dict[str, Case]) -> None:
    almaty = Region.objects.get(code="KZ-75")
    q1 = quarter(day("2026-01-01"))
    assert _values(Scope(region_id=almaty.pk), q1)["reports"].numerator == 6
    other = Region.objects.get(code="KZ-10")
    assert _values(Scope(region_id=other.pk), q1)["reports"].numerator == 0
    unit = hand_made["a"].unit
    assert _values(Scope(unit_id=unit.pk), q1)["reports"].numerator == 6
