"""Reproducible demo data: staff for every unit and two years of activity.

Every appeal `i` is drawn from its own random generator seeded with `SEED` and `i`, and the
number of appeals already generated is remembered, so seeding twice adds nothing and seeding
more later only adds the missing tail.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from tqdm import tqdm

from senim.analytics import rollups
from senim.cases.models import (
    Answer,
    Assessment,
    Case,
    CentralTask,
    ChecklistItem,
    HrEvent,
    Note,
    Outcome,
    ProtectedPerson,
    Referral,
    Status,
)
from senim.core import clock
from senim.core.calendar import WorkingCalendar, calendar, is_working_day
from senim.core.errors import DomainError
from senim.demo import texts
from senim.demo.models import SeedState
from senim.demo.prevention_seed import prevention_ensure
from senim.intake import vault
from senim.intake.models import (
    Appeal,
    AppealKind,
    Call,
    CallOutcome,
    Channel,
    MailboxMessage,
    MessageDirection,
    ReporterIdentity,
)
from senim.intake.services import (
    reception_book,
    reception_slots_open,
    reception_walk_in,
    registration_number_next,
)
from senim.organization.models import Court, HeadCount, Role, StaffMember, Unit
from senim.organization.selectors import courts_active_on, unit_for_court
from senim.organization.services import staff_create

SEED = 2026
SPAN_DAYS = 730
BATCH = 250

# Login suffix of each territorial unit, by the code of its regional court.
UNIT_SLUGS = {
    "REG-10": "abai",
    "REG-11": "akmola",
    "REG-15": "aktobe",
    "REG-19": "almaty-region",
    "REG-23": "atyrau",
    "REG-27": "west-kazakhstan",
    "REG-31": "zhambyl",
    "REG-33": "zhetysu",
    "REG-35": "karaganda",
    "REG-39": "kostanay",
    "REG-43": "kyzylorda",
    "REG-47": "mangystau",
    "REG-55": "pavlodar",
    "REG-59": "north-kazakhstan",
    "REG-61": "turkistan",
    "REG-62": "ulytau",
    "REG-63": "east-kazakhstan",
    "REG-71": "astana",
    "REG-75": "almaty",
    "REG-79": "shymkent",
    "REG-MIL": "military",
}

FIRST_NAMES = [
    "Айгерім",
    "Асхат",
    "Бауыржан",
    "Гүлнар",
    "Дәурен",
    "Ерлан",
    "Жанар",
    "Қайрат",
    "Мәдина",
    "Нұрлан",
    "Сәуле",
    "Тимур",
    "Ұлжан",
    "Арман",
    "Динара",
    "Руслан",
]
LAST_NAMES = [
    "Абенов",
    "Жақсылықов",
    "Исаев",
    "Кенжебеков",
    "Мұқанов",
    "Нұрғалиев",
    "Оспанов",
    "Сейітов",
    "Төлеуов",
    "Әбдірахманов",
    "Байжанов",
    "Қасымов",
    "Серікбаев",
    "Омаров",
]

CENTRAL_ACCOUNTS = [
    ("admin", Role.ADMINISTRATOR, "Administrator"),
    ("central", Role.COORDINATOR, "Central coordinator"),
    ("analyst", Role.ANALYST, "Analyst"),
    ("auditor", Role.AUDITOR, "Auditor"),
    ("operator", Role.OPERATOR, "Trust-line operator"),
]

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


def _pick(rng: random.Random, weights: dict[Any, int]) -> Any:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _unit_slug(unit: Unit) -> str:
    return UNIT_SLUGS.get(unit.court.code, unit.court.code.lower())


def demo_accounts_table() -> list[tuple[str, str, str]]:
    """(login, role, unit) of every demo account, central ones first."""
    rows = (
        StaffMember.objects.filter(user__is_demo=True)
        .select_related("user", "unit")
        .order_by("unit__kind", "unit__code", "role")
    )
    return [(s.user.username, str(s.get_role_display()), s.unit.name_en) for s in rows]


def _person(rng: random.Random) -> tuple[str, str]:
    return rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)


def accounts_ensure(password: str) -> int:
    """Demo staff: the central accounts, and a chief and an investigator in every territory."""
    user_model = get_user_model()
    existing = set(user_model.objects.values_list("username", flat=True))
    rng = random.Random(f"{SEED}:accounts")
    created = 0
    central = Unit.objects.get(kind=Unit.Kind.CENTRAL)
    wanted: list[tuple[str, Unit, str, str]] = [
        (login, central, role, title) for login, role, title in CENTRAL_ACCOUNTS
    ]
    for unit in Unit.objects.filter(kind=Unit.Kind.TERRITORIAL).select_related("court"):
        slug = _unit_slug(unit)
        wanted.append((f"chief-{slug}", unit, Role.CHIEF, "Chief of the territorial department"))
        wanted.append((f"investigator-{slug}", unit, Role.INVESTIGATOR, "Investigator"))
    for login, unit, role, title in wanted:
        first, last = _person(rng)
        if login in existing:
            continue
        staff_create(
            username=login,
            unit=unit,
            role=role,
            password=password,
            first_name=first,
            last_name=last,
            position=title,
            is_demo=True,
        )
        created += 1
    return created


def head_counts_ensure() -> int:
    """Plausible judges and staff per court for the last three years (demo figures)."""
    rng = random.Random(f"{SEED}:head-counts")
    this_year = clock.today().year
    created = 0
    for court in Court.objects.order_by("code"):
        base = {"supreme": 45, "cassation": 20, "regional": 35, "district": 9}[court.level]
        for year in range(this_year - 2, this_year + 1):
            judges = max(3, base + rng.randint(-3, 4))
            staff = judges * rng.randint(4, 6) + rng.randint(0, 12)
            _, made = HeadCount.objects.get_or_create(
                court=court,
                period_start=dt.date(year, 1, 1),
                defaults={"judges": judges, "staff": staff},
            )
            created += made
    return created


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
    channel = _pick(rng, CHANNEL_WEIGHTS)
    category = _pick(rng, CATEGORY_WEIGHTS)
    language = _pick(rng, LANGUAGE_WEIGHTS)
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


def seed(*, cases: int, demo_accounts: bool, progress: bool = False) -> int:
    """Generate up to `cases` demo appeals with their cases; return how many were added."""
    if settings.SENIM_ENV == "production":
        raise DomainError("Demo data is never generated in production.")
    if demo_accounts:
        accounts_ensure(settings.SENIM_DEMO_PASSWORD)
    head_counts_ensure()
    state, _ = SeedState.objects.get_or_create(key="appeals")
    if state.value >= cases:
        return 0
    today = clock.today()
    courts = list(courts_active_on(today).select_related("parent").order_by("code"))
    level_weight = {"supreme": 1, "cassation": 1, "regional": 6, "district": 10}
    weights = [level_weight[c.level] for c in courts]
    units = {c.pk: unit_for_court(c) for c in courts}
    investigators: dict[int, list[Any]] = {}
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
                appeals.append(Appeal(number=number, received_by=receiver, **fields))
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
    intake_activity_ensure()
    handling_activity_ensure()
    prevention_ensure()
    # Seeding writes in bulk (no save signals), so the roll-ups are recounted from scratch.
    rollups.rebuild()
    return added


def intake_activity_ensure() -> None:
    """Sealed identities for named appeals, mailbox exchanges, calls and the reception.

    Guarded by its own seed state so a second run adds nothing.
    """
    state, _ = SeedState.objects.get_or_create(key="intake")
    if state.value:
        return
    rng = random.Random(f"{SEED}:intake")
    with transaction.atomic():
        named = Appeal.objects.filter(is_anonymous=False, identity__isnull=True)
        ReporterIdentity.objects.bulk_create(
            ReporterIdentity(
                appeal=appeal,
                sealed=vault.seal_json(
                    {
                        "full_name": " ".join(reversed(_person(rng))),
                        "iin": "",
                        "phone": f"+7 70{rng.randint(0, 9)} {rng.randint(100, 999)} "
                        f"{rng.randint(10, 99)} {rng.randint(10, 99)}",
                        "email": "",
                        "address": "",
                    }
                ),
            )
            for appeal in named.iterator()
        )
        _mailbox_exchanges(rng)
        _calls(rng)
        _reception()
        state.value = 1
        state.save(update_fields=["value"])


QUESTIONS = {
    "kk": ("Оқиға қай күні болғанын нақтылай аласыз ба?", "Иә, 12 наурыз, түстен кейін."),
    "ru": ("Уточните, пожалуйста, дату и время события.", "12 марта, около 11 часов."),
    "en": ("Could you tell us the exact date and time?", "On 12 March, around 11 am."),
}


def _mailbox_exchanges(rng: random.Random) -> None:
    cases = Case.objects.filter(status=Status.INVESTIGATION).select_related("appeal")[:200]
    rows = []
    for case in cases:
        if rng.random() > 0.4 or case.assignee_id is None:
            continue
        question, answer = QUESTIONS[case.appeal.language]
        asked = case.appeal.registered_at + dt.timedelta(days=rng.randint(1, 3))
        rows.append(
            MailboxMessage(
                appeal=case.appeal,
                direction=MessageDirection.TO_REPORTER,
                channel=Channel.PORTAL,
                body=question,
                author_id=case.assignee_id,
                created_at=asked,
            )
        )
        if rng.random() < 0.7:
            rows.append(
                MailboxMessage(
                    appeal=case.appeal,
                    direction=MessageDirection.FROM_REPORTER,
                    channel=Channel.PORTAL,
                    body=answer,
                    created_at=asked + dt.timedelta(hours=rng.randint(2, 40)),
                )
            )
    MailboxMessage.objects.bulk_create(rows)


def _calls(rng: random.Random) -> None:
    operator = get_user_model().objects.filter(username="operator").first()
    if operator is None:
        return
    now = clock.now()
    calls = []
    for i in range(240):
        started = now - dt.timedelta(days=SPAN_DAYS * i // 240, minutes=rng.randint(0, 600))
        language = _pick(rng, LANGUAGE_WEIGHTS)
        outside = rng.random() < 0.25
        calls.append(
            Call(
                operator=operator,
                started_at=started,
                ended_at=started + dt.timedelta(minutes=rng.randint(2, 14)),
                language=language,
                recording_consent=rng.random() < 0.8,
                outcome=CallOutcome.OUTSIDE if outside else CallOutcome.CONSULTATION,
                topic="" if outside else rng.choice(texts.CONSULTATION_TOPICS[language]),
                referred_to="Prosecutor's office / Прокуратура" if outside else "",
            )
        )
    Call.objects.bulk_create(calls)


def _reception() -> None:
    """Two weeks of reception times in every territory, and a full morning in Almaty today."""
    today = clock.today()
    times = [dt.time(10, 0), dt.time(10, 30), dt.time(11, 0), dt.time(11, 30), dt.time(15, 0)]
    for unit in Unit.objects.filter(kind=Unit.Kind.TERRITORIAL).select_related("court"):
        reception_slots_open(
            unit=unit,
            first_day=today,
            last_day=today + dt.timedelta(days=14),
            times=times,
            minutes=30,
            capacity=2,
            location=f"{unit.court.city}, room 101",
        )
    almaty = Unit.objects.filter(court__code="REG-75").first()
    chief = get_user_model().objects.filter(username="chief-almaty").first()
    if almaty is None or chief is None:
        return
    upcoming = list(almaty.reception_slots.filter(starts_at__gt=clock.now()).order_by("starts_at"))
    for slot, (name, topic, language) in zip(
        upcoming,
        [
            ("Сәуле Б.", "Кеңсе қызметкері көшірме үшін ақша сұрады", "kk"),
            ("Игорь П.", "Затягивание выдачи исполнительного листа", "ru"),
            ("Dana K.", "Rude treatment by a court secretary", "en"),
        ],
        strict=False,
    ):
        reception_book(
            slot_id=slot.pk, name=name, phone="+7 700 000 00 00", topic=topic, language=language
        )
    if not is_working_day(today):
        return
    reception_walk_in(
        unit=almaty,
        name="Бекзат Н.",
        phone="",
        topic="Консультация по жалобе",
        language="ru",
        chief=chief,
    )


def _draw_case(
    rng: random.Random,
    appeal_id: int,
    fields: dict[str, Any],
    today: dt.date,
    units: dict[int, Unit],
    investigators: dict[int, list[Any]],
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
        case.outcome = _pick(rng, OUTCOME_WEIGHTS)
        # Most cases finish inside 15 working days; some run late, as in real life.
        took = rng.choice([6, 9, 11, 13, 14, 15, 15, 17, 21])
        concluded = min(cal.add_working_days(day, took), today)
        case.concluded_at = registered + dt.timedelta(days=(concluded - day).days)
        if status == Status.CLOSED:
            case.closed_at = case.concluded_at + dt.timedelta(days=rng.randint(1, 5))
    return case


def handling_activity_ensure() -> None:
    """Assessments, checklists, notes, referrals, answers, central tasks and protection."""
    state, _ = SeedState.objects.get_or_create(key="handling")
    if state.value:
        return
    rng = random.Random(f"{SEED}:handling")
    chiefs = {
        m.unit_id: m.user
        for m in StaffMember.objects.filter(role=Role.CHIEF).select_related("user")
    }
    central = get_user_model().objects.filter(username="central").first()
    with transaction.atomic():
        cases = list(Case.objects.exclude(status=Status.RECEIVED).select_related("appeal", "unit"))
        _assessments(rng, cases, chiefs, central)
        _investigation_work(rng, [c for c in cases if c.status == Status.INVESTIGATION])
        _referrals(rng, cases)
        _answers([c for c in cases if c.status == Status.CLOSED][-300:], chiefs)
        _tasks_and_protection(rng, central, chiefs)
        state.value = 1
        state.save(update_fields=["value"])


_DECISION_FOR_OUTCOME = {
    Outcome.CONSULTATION: Assessment.Decision.CONSULTATION,
    Outcome.FORWARDED: Assessment.Decision.FORWARD,
    Outcome.NOT_SUBJECT: Assessment.Decision.NOT_SUBJECT,
}


def _assessments(
    rng: random.Random, cases: list[Case], chiefs: dict[int, Any], central: Any
) -> None:
    rows = []
    for case in cases:
        if case.status == Status.ASSESSMENT:
            continue
        decider = chiefs.get(case.unit_id) or central
        decision = (
            _DECISION_FOR_OUTCOME.get(Outcome(case.outcome), Assessment.Decision.OPEN)
            if case.outcome
            else Assessment.Decision.OPEN
        )
        rows.append(
            Assessment(
                case=case,
                competence="ours",
                complete=rng.random() < 0.9,
                relevant=True,
                retaliation_risk=_pick(rng, {"low": 70, "medium": 22, "high": 8}),
                offence_signs=case.outcome in (Outcome.REFERRED_ACS, Outcome.REFERRED_PROSECUTOR),
                decision=decision,
                reason="" if decision == Assessment.Decision.OPEN else "Demo: see the appeal.",
                forwarded_to="Prosecutor's office"
                if decision == Assessment.Decision.FORWARD
                else "",
                decided_by=decider,
                decided_at=case.created_at + dt.timedelta(days=1),
            )
        )
    Assessment.objects.bulk_create(rows, batch_size=500)


def _investigation_work(rng: random.Random, cases: list[Case]) -> None:
    from senim.cases.handling import DEFAULT_STEPS

    steps, notes = [], []
    for case in cases:
        for i, title in enumerate(DEFAULT_STEPS):
            done = rng.random() < 0.5 and case.assignee_id is not None
            steps.append(
                ChecklistItem(
                    case=case,
                    title=title,
                    position=i,
                    done_at=case.created_at + dt.timedelta(days=i + 1) if done else None,
                    done_by_id=case.assignee_id if done else None,
                )
            )
        if case.assignee_id and rng.random() < 0.4:
            notes.append(
                Note(
                    case=case,
                    author_id=case.assignee_id,
                    body=rng.choice(texts.FINDINGS[case.appeal.language]),
                    created_at=case.created_at + dt.timedelta(days=2),
                )
            )
    ChecklistItem.objects.bulk_create(steps, batch_size=1000)
    Note.objects.bulk_create(notes, batch_size=500)


def _referrals(rng: random.Random, cases: list[Case]) -> None:
    body = {
        Outcome.REFERRED_ACS: "acs",
        Outcome.REFERRED_PROSECUTOR: "prosecutor",
        Outcome.REFERRED_DISCIPLINARY: "disciplinary",
        Outcome.FORWARDED: "other",
    }
    rows = []
    for case in cases:
        if case.outcome not in body:
            continue
        sent = case.concluded_at or case.created_at
        result = rng.choice(["pending", "investigation", "convicted", "refused", "sanction"])
        rows.append(
            Referral(
                case=case,
                body=body[Outcome(case.outcome)],
                sent_at=sent,
                external_number=f"{rng.randint(100000, 999999)}" if result != "pending" else "",
                result=result,
                result_at=sent + dt.timedelta(days=30) if result != "pending" else None,
            )
        )
    Referral.objects.bulk_create(rows, batch_size=500)


def _answers(cases: list[Case], chiefs: dict[int, Any]) -> None:
    from senim.cases.answers import answer_text

    rows = []
    for case in cases:
        if case.outcome in (Outcome.MERGED, "") or case.unit_id not in chiefs:
            continue
        case.findings = case.findings or texts.FINDINGS[case.appeal.language][0]
        signer = chiefs[case.unit_id]
        rows.append(
            Answer(
                case=case,
                language=case.appeal.language,
                body=answer_text(case),
                state=Answer.State.ISSUED,
                drafted_by=case.assignee or signer,
                reviewed_by=signer,
                signed_by=signer,
                signed_at=case.closed_at,
                issued_at=case.closed_at,
            )
        )
    Answer.objects.bulk_create(rows, batch_size=200)


def _tasks_and_protection(rng: random.Random, central: Any, chiefs: dict[int, Any]) -> None:
    if central is None:
        return
    today = clock.today()
    plans = [
        (
            "REG-75",
            "Check the office of the Almaly District Court after three reports",
            "Report on fees demanded for copies of judgments.",
            5,
            CentralTask.State.OPEN,
        ),
        (
            "REG-71",
            "Hold a briefing for court secretaries on gifts",
            "Briefing and attendance list.",
            -3,
            CentralTask.State.OPEN,
        ),
        (
            "REG-79",
            "Analyse reception appeals for the quarter",
            "Summary by category.",
            10,
            CentralTask.State.RESPONDED,
        ),
    ]
    for code, title, instruction, days, task_state in plans:
        unit = Unit.objects.filter(court__code=code).first()
        if unit is None:
            continue
        CentralTask.objects.create(
            unit=unit,
            title=title,
            instruction=instruction,
            due_on=today + dt.timedelta(days=days),
            state=task_state,
            created_by=central,
            created_at=clock.now() - dt.timedelta(days=7),
            response="Done: see the attached summary." if task_state == "responded" else "",
        )
    named = Case.objects.filter(
        appeal__is_anonymous=False, unit__court__code="REG-75", category="bribery"
    ).order_by("pk")[:3]
    chief = chiefs.get(named[0].unit_id) if named else None
    for case in named:
        person = ProtectedPerson.objects.create(
            case=case, since=case.created_at.date(), created_by=chief or central
        )
        HrEvent.objects.create(
            person=person,
            kind=rng.choice(["transfer", "appraisal"]),
            happened_on=case.created_at.date() + dt.timedelta(days=40),
            description="Demo: planned HR decision reviewed with the ACS.",
            acs_representative_present=True,
            representative_name="ACS representative",
            recorded_by=chief or central,
            recorded_at=clock.now(),
        )
