"""Demo appeals and their cases, spread over the last two years.

Every appeal `i` is drawn from its own random generator seeded with `SEED` and `i` (its case
goes on drawing from the same generator), so the same total always gives the same appeals.
The weight tables are the demo's distributions; the benchmark's generator imports them.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from tqdm import tqdm

from senim.cases.models import Case, Outcome, Status
from senim.core import clock
from senim.core.calendar import WorkingCalendar, calendar
from senim.demo import texts
from senim.demo.draws import SEED, SPAN_DAYS, pick
from senim.intake.models import Appeal, AppealKind, Channel
from senim.intake.registration import registration_number_next
from senim.organization.models import Court, Role, StaffMember, Unit
from senim.organization.selectors import courts_active_on, unit_for_court

if TYPE_CHECKING:
    from senim.accounts.models import User
    from senim.demo.models import SeedState

BATCH = 250

CHANNEL_WEIGHTS = {
    Channel.TRUST_LINE: 40,
    Channel.PORTAL: 30,
    Channel.RECEPTION: 14,
    Channel.POST: 7,
    Channel.EMAIL: 5,
    Channel.REFERRAL: 3,
    Channel.E_OTINISH: 1,
}
CATEGORY_WEIGHTS = {
    "bribery": 22,
    "abuse": 14,
    "conflict": 8,
    "procedure": 20,
    "ethics": 10,
    "red_tape": 12,
    "retaliation": 2,
    "other": 12,
}
LANGUAGE_WEIGHTS = {"kk": 42, "ru": 48, "en": 10}
OUTCOME_WEIGHTS = {
    Outcome.SUBSTANTIATED: 18,
    Outcome.PARTLY: 12,
    Outcome.NOT_SUBSTANTIATED: 38,
    Outcome.REFERRED_ACS: 6,
    Outcome.REFERRED_PROSECUTOR: 3,
    Outcome.REFERRED_DISCIPLINARY: 4,
    Outcome.FORWARDED: 8,
    Outcome.NOT_SUBJECT: 8,
    Outcome.CONSULTATION: 3,
}


def appeals_add(state: SeedState, *, cases: int, progress: bool) -> int:
    """Appeals number `state.value` up to `cases`, each with its case; return how many.

    Written in batches, each in one transaction that also moves `state` on, so an interrupted
    run resumes where it stopped.
    """
    today = clock.today()
    courts = list(courts_active_on(today).select_related("parent").order_by("code"))
    level_weight = {"supreme": 1, "cassation": 1, "regional": 6, "district": 10}
    weights = [level_weight[c.level] for c in courts]
    units = {c.pk: unit_for_court(c) for c in courts}
    investigators: dict[int, list[User]] = {}
    for member in StaffMember.objects.filter(role=Role.INVESTIGATOR).select_related("user"):
        investigators.setdefault(member.unit_id, []).append(member.user)
    operator = get_user_model().objects.filter(staff__role=Role.OPERATOR).first()
    cal = calendar()

    added = 0
    todo = range(state.value, cases)
    bar = tqdm(total=len(todo), desc="demo appeals", unit="appeal", disable=not progress)
    for start in range(todo.start, todo.stop, BATCH):
        stop = min(start + BATCH, todo.stop)
        with transaction.atomic():
            drawn = [_draw_appeal(i, cases, today, courts, weights) for i in range(start, stop)]
            appeals = []
            for _rng, fields in drawn:
                number = registration_number_next(at=fields["registered_at"])
                receiver = operator if fields["channel"] == Channel.TRUST_LINE else None
                appeal = Appeal(number=number, received_by=receiver, **fields)
                appeal.search_text = appeal.search_text_compute([])  # bulk_create skips save
                appeals.append(appeal)
            # SQLite (3.35+) and PostgreSQL both return the new primary keys here.
            Appeal.objects.bulk_create(appeals)
            new_cases = [
                _draw_case(rng, appeal.pk, fields, today, units, investigators, cal)
                for (rng, fields), appeal in zip(drawn, appeals, strict=True)
            ]
            Case.objects.bulk_create(new_cases)
            state.value = stop
            state.save(update_fields=["value"])
        added += stop - start
        bar.update(stop - start)
    bar.close()
    return added


def _registered_at(rng: random.Random, day: dt.date, channel: str) -> dt.datetime:
    # The web and e-mail never close; phones and the reception keep office hours.
    hour = rng.randint(0, 23) if channel in (Channel.PORTAL, Channel.EMAIL) else rng.randint(9, 17)
    local = dt.datetime.combine(day, dt.time(hour, rng.randint(0, 59), rng.randint(0, 59)))
    return timezone.make_aware(local)


def _status_for_age(rng: random.Random, age: int) -> str:
    if age > 45:
        return Status.CLOSED if rng.random() < 0.93 else Status.CONCLUDED
    if age > 20:
        return rng.choice([Status.CLOSED, Status.CONCLUDED, Status.INVESTIGATION])
    if age > 4:
        return rng.choice([Status.INVESTIGATION, Status.INVESTIGATION, Status.ASSESSMENT])
    return rng.choice([Status.RECEIVED, Status.ASSESSMENT])


def _draw_appeal(
    i: int, total: int, today: dt.date, courts: Sequence[Court], weights: Sequence[int]
) -> tuple[random.Random, dict[str, Any]]:
    rng = random.Random(f"{SEED}:appeal:{i}")
    # Appeals are spread evenly over the span, oldest first, so numbers follow dates.
    day = today - dt.timedelta(days=SPAN_DAYS - (SPAN_DAYS * i) // max(total, 1))
    channel = pick(rng, CHANNEL_WEIGHTS)
    category = pick(rng, CATEGORY_WEIGHTS)
    language = pick(rng, LANGUAGE_WEIGHTS)
    subject, body = rng.choice(texts.REPORTS[category][language])
    court = rng.choices(list(courts), weights=list(weights))[0]
    kind = (
        AppealKind.VIOLATION
        if category != "other"
        else rng.choice(
            [AppealKind.COMPLAINT, AppealKind.SUGGESTION, AppealKind.REQUEST, AppealKind.STATEMENT]
        )
    )
    anonymous = channel != Channel.RECEPTION and rng.random() < 0.5
    return rng, {
        "registered_at": _registered_at(rng, day, channel),
        "channel": channel,
        "kind": kind,
        "category": category,
        "language": language,
        "court": court,
        "is_anonymous": anonymous,
        "subject": subject,
        "text": body,
    }


def _draw_case(
    rng: random.Random,
    appeal_id: int,
    fields: dict[str, Any],
    today: dt.date,
    units: dict[int, Unit],
    investigators: dict[int, list[User]],
    cal: WorkingCalendar,
) -> Case:
    registered: dt.datetime = fields["registered_at"]
    day = timezone.localtime(registered).date()
    unit = units[fields["court"].pk]
    status = _status_for_age(rng, (today - day).days)
    case = Case(
        appeal_id=appeal_id,
        unit=unit,
        status=status,
        due_on=cal.add_working_days(day, 15),
        original_due_on=cal.add_working_days(day, 15),
        category=fields["category"],
        created_at=registered,
    )
    if status != Status.RECEIVED and investigators.get(unit.pk):
        case.assignee = rng.choice(investigators[unit.pk])
    if status in (Status.CONCLUDED, Status.CLOSED):
        case.outcome = pick(rng, OUTCOME_WEIGHTS)
        # Most cases finish inside 15 working days; some run late, as in real life.
        took = rng.choice([6, 9, 11, 13, 14, 15, 15, 17, 21])
        concluded = min(cal.add_working_days(day, took), today)
        case.concluded_at = registered + dt.timedelta(days=(concluded - day).days)
        if status == Status.CLOSED:
            case.closed_at = case.concluded_at + dt.timedelta(days=rng.randint(1, 5))
    return case
