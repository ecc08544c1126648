"""Demo intake activity: sealed identities for named appeals, mailbox exchanges with reporters,
trust-line calls, and reception times with a few bookings and a walk-in.

Guarded by its own seed state and drawn from its own seeded generator: a second run adds
nothing.
"""

from __future__ import annotations

import datetime as dt
import random

from django.contrib.auth import get_user_model
from django.db import transaction

from senim.cases.models import Case, Status
from senim.core import clock
from senim.core.calendar import is_working_day
from senim.demo import texts
from senim.demo.appeals import LANGUAGE_WEIGHTS
from senim.demo.draws import SEED, SPAN_DAYS, person, pick
from senim.demo.languages import both
from senim.demo.models import SeedState
from senim.intake import vault
from senim.intake.models import (
    Appeal,
    Call,
    CallOutcome,
    Channel,
    MailboxMessage,
    MessageDirection,
    ReporterIdentity,
)
from senim.intake.reception import reception_book, reception_slots_open, reception_walk_in
from senim.organization.cities import city_name
from senim.organization.models import Unit

QUESTIONS = {
    "kk": ("Оқиға қай күні болғанын нақтылай аласыз ба?", "Иә, 12 наурыз, түстен кейін."),
    "ru": ("Уточните, пожалуйста, дату и время события.", "12 марта, около 11 часов."),
    "en": ("Could you tell us the exact date and time?", "On 12 March, around 11 am."),
}


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
                        "full_name": " ".join(reversed(person(rng))),
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
        language = pick(rng, LANGUAGE_WEIGHTS)
        outside = rng.random() < 0.25
        calls.append(
            Call(
                operator=operator,
                started_at=started,
                ended_at=started + dt.timedelta(minutes=rng.randint(2, 14)),
                language=language,
                recording_consent=rng.random() < 0.8,
                outcome=CallOutcome.OUTSIDE if outside else CallOutcome.CONSULTATION,
                # The operator notes the topic in the caller's language, or in Russian for a
                # caller who spoke English.
                topic=""
                if outside
                else rng.choice(texts.CONSULTATION_TOPICS["ru" if language == "en" else language]),
                referred_to="Прокуратура" if outside else "",
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
            # A notice for the public: in both languages, as state bodies post them.
            location=both(
                {
                    "kk": f"{city_name(unit.court.city, 'kk')} қ., 101-кабинет",
                    "ru": f"г. {city_name(unit.court.city, 'ru')}, кабинет 101",
                }
            ),
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
