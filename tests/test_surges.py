"""Surges of reports: the sweep finds an abnormal rate per unit, per court and for the country,
tells the central department once, and a coordinator closes the flood as spam in one reasoned,
audited decision that stops the deadlines, keeps the cases out of the figures and sends the
reporters nothing (issue 12, "Report flooding").

Appeals are registered through the one registration service, in travelled time: the baseline
is the same hour of the previous weeks."""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.db import IntegrityError, connection, transaction
from django.db.models import Sum
from django.test import Client
from django.utils.translation import override

from senim.analytics import rollups
from senim.analytics.models import RollupCount
from senim.cases import spam
from senim.cases.deadlines import deadlines_escalate
from senim.cases.models import (
    Case,
    CaseExclusion,
    Notification,
    SpamDecision,
    Status,
    Surge,
)
from senim.cases.registration import appeal_register
from senim.cases.surges import surges_detect
from senim.core.calendar import calendar
from senim.core.errors import PermissionDenied
from senim.core.models import AuditEvent
from senim.intake.drafts import AppealDraft
from senim.intake.models import Channel, MailboxMessage
from senim.organization.models import Court, Unit
from senim.sweep import sweep

pytestmark = pytest.mark.django_db

ALMATY = ZoneInfo("Asia/Almaty")
# A Tuesday morning; the flood comes between 10:05 and 10:20, the sweep looks at 10:30.
FLOOD = dt.datetime(2026, 4, 14, 10, 5, tzinfo=ALMATY)
SWEEP = dt.datetime(2026, 4, 14, 10, 30, tzinfo=ALMATY)
HOUR = dt.datetime(2026, 4, 14, 10, 0, tzinfo=ALMATY)
REASON = "The same text from many addresses within minutes, with no facts: a scripted flood."
FLOODED_COURT = "DST-75-02"  # a district court of Almaty city: unit REG-75
QUIET_COURT = "DST-71-01"


@pytest.fixture(autouse=True)
def thresholds(settings: Any) -> None:
    # Lower floors than the defaults keep the number of (slow, KDF-bound) registrations small;
    # the rule is the same.
    settings.SENIM_SURGE_WINDOW_MINUTES = 60
    settings.SENIM_SURGE_BASELINE_WEEKS = 4
    settings.SENIM_SURGE_FACTOR = 3
    settings.SENIM_SURGE_MIN_REPORTS = 6
    settings.SENIM_SURGE_MIN_REPORTS_GLOBAL = 10


def register(court: str = FLOODED_COURT, subject: str = "Bribe", text: str = "Give money.") -> Case:
    draft = AppealDraft(
        channel=Channel.PORTAL,
        kind="violation",
        category="bribery",
        language="ru",
        court=Court.objects.get(code=court),
        subject=subject,
        text=text,
    )
    return appeal_register(draft=draft).case


def register_at(moment: dt.datetime, count: int, **kwargs: Any) -> list[Case]:
    """`count` appeals from `moment` on, 30 seconds apart (the clock stands still between)."""
    made = []
    with time_machine.travel(moment, tick=False) as traveller:
        for _ in range(count):
            made.append(register(**kwargs))
            traveller.shift(dt.timedelta(seconds=30))
    return made


def usual_weeks(per_hour: int = 2) -> list[Case]:
    """The same hour of each of the four previous weeks: `per_hour` honest reports."""
    made = []
    for week in range(1, 5):
        made += register_at(FLOOD - dt.timedelta(weeks=week), per_hour, subject="Honest report")
    return made


def sweep_at(moment: dt.datetime = SWEEP) -> Any:
    with time_machine.travel(moment, tick=False):
        return sweep()


@dataclass
class People:
    coordinator: Any
    other_coordinator: Any
    chief: Any
    investigator: Any
    operator: Any
    analyst: Any


@pytest.fixture
def people(make_staff: Callable[..., Any]) -> People:
    coordinator = make_staff("coordinator")
    coordinator.email = "coordinator@example.kz"
    coordinator.save(update_fields=["email"])
    return People(
        coordinator=coordinator,
        other_coordinator=make_staff("coordinator"),
        chief=make_staff("chief", "REG-75"),
        investigator=make_staff("investigator", "REG-75"),
        operator=make_staff("operator"),
        analyst=make_staff("analyst"),
    )


@dataclass
class Flood:
    honest: list[Case]  # the usual reports of the previous weeks
    spam: list[Case]


@pytest.fixture
def flood(people: People) -> Iterator[Flood]:
    honest = usual_weeks()
    yield Flood(honest=honest, spam=register_at(FLOOD, 12, subject="Spam", text="Flood text."))


def browser(user: Any) -> Client:
    """A signed-in client that must send the CSRF token like a browser's form does."""
    client = Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def csrf_of(html: str) -> str:
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert token, "no CSRF token on the page"
    return token.group(1)


def surge_of(scope: str) -> Surge:
    return Surge.objects.get(scope=scope)


# --- Detection --------------------------------------------------------------------------


def test_a_flood_is_a_surge_per_unit_court_and_country_and_a_normal_day_is_not(
    people: People,
) -> None:
    usual_weeks()
    # A normal morning: a little above the usual two, below the floor.
    register_at(FLOOD, 4, subject="Honest report")
    sweep_at()
    assert not Surge.objects.exists()
    assert not Notification.objects.filter(kind=Notification.Kind.SURGE).exists()

    # A report from another region does not make Almaty's flood, and the flood arrives.
    register_at(FLOOD + dt.timedelta(minutes=2), 1, court=QUIET_COURT)
    register_at(FLOOD + dt.timedelta(minutes=5), 8, subject="Spam")
    sweep_at()

    unit = surge_of(Surge.Scope.UNIT)
    assert unit.unit == Unit.objects.get(court__code="REG-75")
    assert unit.count == 12 and unit.baseline == 2.0
    # At least the floor and more than 3 x the median of the previous weeks (2).
    assert unit.threshold == 7
    assert unit.window_start == HOUR and unit.window_end == HOUR + dt.timedelta(hours=1)
    assert surge_of(Surge.Scope.COURT).court.code == FLOODED_COURT
    country = surge_of(Surge.Scope.GLOBAL)
    assert country.count == 13 and country.threshold == 10
    assert Surge.objects.count() == 3  # the quiet court's one report is no surge


def test_a_busy_hour_is_no_surge_where_that_hour_is_usually_busy(people: People) -> None:
    usual_weeks(per_hour=4)
    register_at(FLOOD, 9)  # above the floor, but not three times the usual 4
    sweep_at()
    assert not Surge.objects.exists()


def test_running_the_sweep_twice_records_one_surge_and_one_notice_each(
    people: People, flood: Flood, django_capture_on_commit_callbacks: Any
) -> None:
    for minutes in (0, 5):
        with django_capture_on_commit_callbacks(execute=True):
            sweep_at(SWEEP + dt.timedelta(minutes=minutes))
    assert Surge.objects.count() == 3
    for coordinator in (people.coordinator, people.other_coordinator):
        notices = Notification.objects.filter(user=coordinator, kind=Notification.Kind.SURGE)
        assert notices.count() == 3
    # Nobody else is told: the central department's coordinators decide.
    assert not Notification.objects.filter(
        kind=Notification.Kind.SURGE, user__in=[people.chief, people.analyst]
    ).exists()
    assert AuditEvent.objects.filter(action="surge.detected").count() == 3
    # One e-mail per surge to the coordinator who has an address, none on the second run.
    # In the coordinator's language, or Senim's default when they chose none (as it is sent).
    with override(people.coordinator.preferred_language or settings.LANGUAGE_CODE):
        subject = f"Senim: {Notification.Kind.SURGE.label}"
    surge_mails = [m for m in mail.outbox if m.subject == subject]
    assert [m.to for m in surge_mails] == [["coordinator@example.kz"]] * 3
    assert all("12" in m.body for m in surge_mails)

    # The flood goes on past the hour: the open surge grows, nobody is told again.
    register_at(FLOOD + dt.timedelta(hours=1), 7, subject="Spam")
    sweep_at(SWEEP + dt.timedelta(hours=1))
    assert Surge.objects.count() == 3
    unit = surge_of(Surge.Scope.UNIT)
    assert unit.window_end == HOUR + dt.timedelta(hours=2) and unit.count == 19
    assert Notification.objects.filter(kind=Notification.Kind.SURGE).count() == 6


def test_two_hosts_cannot_record_the_same_surge_twice(people: People, flood: Flood) -> None:
    sweep_at()
    unit = surge_of(Surge.Scope.UNIT)
    with pytest.raises(IntegrityError), transaction.atomic():
        Surge.objects.create(
            scope=Surge.Scope.UNIT,
            unit=unit.unit,
            window_start=unit.window_start,
            window_end=unit.window_end,
            count=1,
            baseline=0,
            threshold=1,
            detected_at=unit.detected_at,
        )
    with time_machine.travel(SWEEP, tick=False):
        assert surges_detect() == 0


@pytest.mark.django_db(transaction=True)
def test_two_sweeps_at_the_same_moment_record_each_surge_once(people: People) -> None:
    register_at(FLOOD, 12, subject="Spam")
    barrier = threading.Barrier(2)
    made: list[int] = []
    errors: list[str] = []

    def host() -> None:
        try:
            barrier.wait(timeout=30)
            made.append(surges_detect())
        except Exception as failure:  # noqa: BLE001 - any failure is a broken sweep
            errors.append(repr(failure))
        finally:
            connection.close()

    with time_machine.travel(SWEEP, tick=False):
        threads = [threading.Thread(target=host) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    assert errors == []
    assert sum(made) == 3 and Surge.objects.count() == 3
    assert Notification.objects.filter(kind=Notification.Kind.SURGE).count() == 3 * 2


# --- The coordinator's decision, through the pages ----------------------------------------


def test_a_coordinator_closes_the_flood_as_spam_in_one_reasoned_decision(
    people: People, flood: Flood, make_case: Callable[..., Case]
) -> None:
    sweep_at()
    unit = surge_of(Surge.Scope.UNIT)
    # A case of the same window someone is already investigating is never spam.
    examined = make_case(FLOODED_COURT, registered_at=FLOOD + dt.timedelta(minutes=1))
    mail.outbox.clear()
    messages_before = MailboxMessage.objects.count()
    client = browser(people.coordinator)

    home = client.get("/office/").content.decode()
    assert f"/office/spam/?surge={unit.pk}" in home

    page = client.get(f"/office/spam/?surge={unit.pk}")
    assert page.status_code == 200
    html = page.content.decode()
    for case in flood.spam:
        assert case.appeal.number in html
        assert f'id="case-{case.pk}"' in html
        assert f'<label for="case-{case.pk}"' in html  # every checkbox has its label
    assert examined.appeal.number not in html
    assert not any(case.appeal.number in html for case in flood.honest)
    assert "all cases of this selection (12)" in html

    # No CSRF token: refused, nothing closed.
    ids = [case.pk for case in flood.spam]
    refused = client.post(
        f"/office/spam/?surge={unit.pk}", {"which": "ticked", "cases": ids, "reason": REASON}
    )
    assert refused.status_code == 403
    # Reasons too short: the page says so, nothing closed.
    short = client.post(
        f"/office/spam/?surge={unit.pk}",
        {"which": "ticked", "cases": ids, "reason": "spam", "csrfmiddlewaretoken": csrf_of(html)},
    )
    assert short.status_code == 200 and "at least 20 characters" in short.content.decode()
    assert not Case.objects.filter(status=Status.SPAM).exists()

    ticked = ids[:10]  # the coordinator leaves two unticked
    done = client.post(
        f"/office/spam/?surge={unit.pk}",
        {
            "which": "ticked",
            "cases": [*ticked, examined.pk],
            "reason": REASON,
            "csrfmiddlewaretoken": csrf_of(html),
        },
    )
    assert done.status_code == 302
    decision = SpamDecision.objects.get()
    assert done["Location"] == f"/office/spam/decisions/{decision.pk}/"
    assert decision.decided_by == people.coordinator
    assert (decision.count, decision.skipped, decision.reason) == (10, 1, REASON)
    assert decision.surge == unit
    assert set(Case.objects.filter(status=Status.SPAM).values_list("pk", flat=True)) == set(ticked)
    examined.refresh_from_db()
    assert examined.status == Status.INVESTIGATION

    # One audit entry for the decision, naming every case and the status it left.
    entry = AuditEvent.objects.get(action="spam.closed")
    assert entry.actor == people.coordinator.username
    assert entry.detail["reason"] == REASON and entry.detail["to"] == "spam"
    assert entry.detail["cases"] == {c.appeal.number: "received" for c in flood.spam[:10]}
    # The surge is handled: closed with the decision, its notices read.
    unit.refresh_from_db()
    assert unit.state == Surge.State.CLOSED and unit.closed_by == people.coordinator
    assert not Notification.objects.filter(surge=unit, read_at__isnull=True).exists()

    # The reporters are sent nothing.
    assert mail.outbox == []
    assert MailboxMessage.objects.count() == messages_before

    decision_page = client.get(done["Location"]).content.decode()
    assert REASON in decision_page and flood.spam[0].appeal.number in decision_page


def test_all_of_a_selection_is_closed_by_its_filter_but_never_a_later_report(
    people: People, flood: Flood
) -> None:
    client = browser(people.coordinator)
    query = "start=2026-04-14T10:00&end=2026-04-14T11:00&court=" + FLOODED_COURT + "&q=Flood"
    page = client.get(f"/office/spam/?{query}").content.decode()
    assert "all cases of this selection (12)" in page
    seen_last = re.search(r'name="seen_last" value="(\d+)"', page)
    assert seen_last
    # A report registered after the coordinator looked, in the same selection.
    late = register_at(FLOOD + dt.timedelta(minutes=40), 1, subject="Spam", text="Flood text.")[0]
    done = client.post(
        f"/office/spam/?{query}",
        {
            "which": "all",
            "seen_last": seen_last.group(1),
            "reason": REASON,
            "csrfmiddlewaretoken": csrf_of(page),
        },
    )
    assert done.status_code == 302
    assert Case.objects.filter(status=Status.SPAM).count() == 12
    late.refresh_from_db()
    assert late.status == Status.RECEIVED
    assert not Case.objects.filter(pk__in=[c.pk for c in flood.honest], status=Status.SPAM)


@pytest.mark.parametrize("role", ["chief", "investigator", "operator", "analyst"])
def test_only_the_central_coordinators_may_close_reports_as_spam(
    people: People, flood: Flood, role: str
) -> None:
    sweep_at()
    user = getattr(people, role)
    client = browser(user)
    unit = surge_of(Surge.Scope.UNIT)
    assert client.get("/office/surges/").status_code == 403
    page = client.get(f"/office/spam/?surge={unit.pk}")
    assert page.status_code == 403
    ids = [case.pk for case in flood.spam]
    # The chief's own page carries a token: a forged post is still refused.
    token = csrf_of(client.get("/office/").content.decode())
    post = client.post(
        "/office/spam/",
        {"which": "ticked", "cases": ids, "reason": REASON, "csrfmiddlewaretoken": token},
    )
    assert post.status_code == 403
    with pytest.raises(PermissionDenied):
        spam.cases_close_as_spam(user=user, case_ids=ids, reason=REASON)
    assert not Case.objects.filter(status=Status.SPAM).exists()
    assert f"/office/spam/?surge={unit.pk}" not in client.get("/office/").content.decode()


def test_a_coordinator_excluded_from_a_case_cannot_close_it(people: People, flood: Flood) -> None:
    hidden = flood.spam[0]
    CaseExclusion.objects.create(case=hidden, user=people.coordinator, reason="Related")
    decision = spam.cases_close_as_spam(
        user=people.coordinator, case_ids=[c.pk for c in flood.spam], reason=REASON
    )
    assert (decision.count, decision.skipped) == (11, 1)
    hidden.refresh_from_db()
    assert hidden.status == Status.RECEIVED


# --- What the decision does ---------------------------------------------------------------


def test_spam_is_not_escalated_and_an_honest_case_still_is(people: People, flood: Flood) -> None:
    honest = register_at(FLOOD + dt.timedelta(minutes=30), 1, subject="Honest report")[0]
    spam.cases_close_as_spam(
        user=people.coordinator, case_ids=[c.pk for c in flood.spam], reason=REASON
    )
    assert honest.due_on is not None
    with time_machine.travel(
        dt.datetime.combine(honest.due_on + dt.timedelta(days=3), dt.time(9), ALMATY), tick=False
    ):
        deadlines_escalate()
    escalated = set(
        Notification.objects.filter(kind=Notification.Kind.OVERDUE).values_list(
            "case_id", flat=True
        )
    )
    assert honest.pk in escalated
    assert not escalated & {c.pk for c in flood.spam}


def reports_registered() -> int:
    """The indicator "reports registered", country-wide, as the dashboards sum it."""
    return RollupCount.objects.filter(metric="reports").aggregate(n=Sum("value"))["n"] or 0


def test_spam_closed_as_such_leaves_every_figure_as_it_was(people: People) -> None:
    usual_weeks()
    with time_machine.travel(SWEEP, tick=False):
        rollups.rebuild()
        before = rollups.fingerprint()
    assert reports_registered() == 8
    flood = register_at(FLOOD, 12, subject="Spam")
    sweep_at()
    assert reports_registered() == 20  # the flood is in the figures while it is open
    with time_machine.travel(SWEEP, tick=False):
        spam.cases_close_as_spam(
            user=people.coordinator, case_ids=[c.pk for c in flood], reason=REASON
        )
    sweep_at(SWEEP + dt.timedelta(minutes=1))
    assert reports_registered() == 8
    with time_machine.travel(SWEEP + dt.timedelta(minutes=1), tick=False):
        assert rollups.fingerprint() == before  # the sweep's refresh recounted without it
        rollups.rebuild()
        assert rollups.fingerprint() == before  # and so does `senim analytics rebuild`


def test_the_case_page_and_the_queue_show_spam_as_such(people: People, flood: Flood) -> None:
    spam.cases_close_as_spam(
        user=people.coordinator, case_ids=[c.pk for c in flood.spam], reason=REASON
    )
    client = browser(people.coordinator)
    case = flood.spam[0]
    page = client.get(f"/office/cases/{case.pk}/").content.decode()
    assert "closed as spam" in page.lower() and REASON in page
    assert "Reopen this case" in page
    history = page.split('<ol class="timeline">', 1)[1].split("</ol>", 1)[0]
    assert "status changed" in history and "closed as spam" in history  # the case's history
    # The flood does not bury the queue; asked for, it is listed with its status.
    queue = client.get("/office/cases/").content.decode()
    assert case.appeal.number not in queue
    spam_queue = client.get("/office/cases/?status=spam").content.decode()
    assert case.appeal.number in spam_queue and "closed as spam" in spam_queue
    # The chief of the unit sees the status too, without the reopen form.
    chief_page = browser(people.chief).get(f"/office/cases/{case.pk}/").content.decode()
    assert "Closed as spam" in chief_page and "Reopen this case" not in chief_page


def test_a_mistaken_decision_is_undone_with_reasons_and_the_deadline_given_back(
    people: People, flood: Flood
) -> None:
    honest_one = flood.spam[3]
    due_on = honest_one.due_on
    with time_machine.travel(SWEEP, tick=False):
        spam.cases_close_as_spam(
            user=people.coordinator, case_ids=[c.pk for c in flood.spam], reason=REASON
        )
    # A week later the reporter writes back: the report was a real one.
    later = SWEEP + dt.timedelta(weeks=1)
    with time_machine.travel(later, tick=False):
        client = browser(people.coordinator)
        page = client.get(f"/office/cases/{honest_one.pk}/").content.decode()
        done = client.post(
            "/office/spam/reopen/",
            {
                "cases": [honest_one.pk],
                "reason": "The reporter gave the court room and the date: a real report.",
                "back": f"/office/cases/{honest_one.pk}/",
                "csrfmiddlewaretoken": csrf_of(page),
            },
        )
    assert done.status_code == 302 and done["Location"] == f"/office/cases/{honest_one.pk}/"
    honest_one.refresh_from_db()
    assert honest_one.status == Status.RECEIVED
    # The working days it had left when closed are given back, counted from the reopening.
    cal = calendar()
    assert due_on is not None and honest_one.due_on is not None
    left = cal.working_days_between(SWEEP.date(), due_on)
    assert honest_one.due_on == cal.working_days_after(later.date(), left) > due_on
    reopened = SpamDecision.objects.get(action=SpamDecision.Action.REOPEN)
    assert reopened.count == 1
    reopened_entry = AuditEvent.objects.get(action="spam.reopened")
    assert reopened_entry.detail["cases"] == {honest_one.appeal.number: "received"}
    assert Case.objects.filter(status=Status.SPAM).count() == 11
