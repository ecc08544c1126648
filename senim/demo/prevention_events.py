"""Demo prevention: the events that fulfil the plans' measures, with their attendance, the
progress they bring, and a photo on a few of them.
"""

from __future__ import annotations

import datetime as dt
import io
import random
from typing import TYPE_CHECKING

from django.utils import timezone
from PIL import Image

from senim.demo.languages import say, unit_language, written
from senim.demo.prevention_plans import MEASURE_TEMPLATES
from senim.organization.cities import city_name
from senim.organization.models import Unit
from senim.prevention import files as prevention_files
from senim.prevention.models import (
    Attendance,
    Document,
    Event,
    EventKind,
    Measure,
    ParticipantCategory,
    ProgressEntry,
    WorkStatus,
)
from senim.prevention.rules import event_contribution, status_after_progress

if TYPE_CHECKING:
    from senim.accounts.models import User


EVENT_TITLES: dict[str, str] = {
    EventKind.TRAINING: "Семинар: конфликт интересов и этика работника суда",
    EventKind.BRIEFING: "Инструктаж о запретах и ограничениях",
    EventKind.DETENTION_VISIT: "Посещение следственного изолятора",
    EventKind.OPEN_DAY: "День открытых дверей для студентов юридического факультета",
    EventKind.MEDIA: "Интервью региональному телеканалу о телефоне доверия",
    EventKind.PUBLIC_MEETING: "Встреча с жителями и предпринимателями",
}

EVENT_PEOPLE: dict[str, list[tuple[str, int, int]]] = {
    EventKind.TRAINING: [
        (ParticipantCategory.COURT_STAFF, 15, 45),
        (ParticipantCategory.JUDGES, 2, 10),
    ],
    EventKind.BRIEFING: [(ParticipantCategory.COURT_STAFF, 4, 12)],
    EventKind.DETENTION_VISIT: [
        (ParticipantCategory.JUDGES, 1, 3),
        (ParticipantCategory.OFFICIALS, 1, 4),
        (ParticipantCategory.DETAINEES, 10, 40),
    ],
    EventKind.OPEN_DAY: [
        (ParticipantCategory.STUDENTS, 20, 60),
        (ParticipantCategory.PUBLIC, 5, 20),
    ],
    EventKind.MEDIA: [(ParticipantCategory.JOURNALISTS, 1, 4)],
    EventKind.PUBLIC_MEETING: [
        (ParticipantCategory.PUBLIC, 20, 70),
        (ParticipantCategory.OFFICIALS, 2, 6),
    ],
}


def _place(unit: Unit) -> str:
    """The court's seat, written as the department writes."""
    language = unit_language(unit)
    if unit.court.city:
        return city_name(unit.court.city, language)
    return written(unit, {"kk": unit.name_kk, "ru": unit.name_ru})


def events_create(
    rng: random.Random,
    unit: Unit,
    today: dt.date,
    measures: list[Measure],
    people: list[User],
    chief: User | None,
) -> None:
    """Events that fulfil the measures, so that progress and completion are real."""
    for measure in measures:
        template = MEASURE_TEMPLATES[int(measure.number) - 1]
        kind = template[5]
        start = measure.plan.period_start
        # Events of a measure take place before it is due (or before today).
        last = min(today - dt.timedelta(days=1), measure.due_on)
        if last < start:
            continue
        if not kind:
            # The risk analysis: reported by hand, done last year, not yet this year.
            if measure.due_on < today:
                note = say(unit, "Отчёт утверждён и направлен в центральный аппарат.")
                _progress(measure, 1, note, chief)
            continue
        # Measures already due are mostly met (a few fall short: overdue); the others are
        # under way.
        share = rng.uniform(0.8, 1.25) if measure.due_on < today else rng.uniform(0.2, 0.8)
        drawn: list[tuple[dt.date, dict[str, int]]] = []
        reached = 0
        while reached < measure.target * share:
            held_on = start + dt.timedelta(days=rng.randint(0, (last - start).days))
            counts = {cat: rng.randint(low, high) for cat, low, high in EVENT_PEOPLE[kind]}
            drawn.append((held_on, counts))
            reached += event_contribution(measure.counts, sum(counts.values()))
        for held_on, counts in sorted(drawn, key=lambda item: item[0]):
            at = _evening(held_on)
            event = Event.objects.create(
                unit=unit,
                kind=kind,
                title=say(unit, EVENT_TITLES[kind]),
                held_on=held_on,
                place=_place(unit),
                organisers=written(unit, {"kk": unit.name_kk, "ru": unit.name_ru}),
                measure=measure,
                result=say(unit, "Проведено, материалы размещены на сайте суда."),
                recorded_by=chief,
                recorded_at=at,
            )
            Attendance.objects.bulk_create(
                Attendance(event=event, category=cat, count=n) for cat, n in counts.items()
            )
            if people:
                event.staff_participants.set(people[:2])
            amount = event_contribution(measure.counts, sum(counts.values()))
            _progress(measure, amount, "", chief, event=event, at=at)


def _evening(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(18, 0)))


def _progress(
    measure: Measure,
    amount: int,
    note: str,
    user: User | None,
    event: Event | None = None,
    at: dt.datetime | None = None,
) -> None:
    ProgressEntry.objects.create(
        measure=measure,
        event=event,
        amount=amount,
        note=note,
        recorded_by=user,
        recorded_at=at or _evening(measure.due_on),
    )
    measure.progress += amount
    status = status_after_progress(measure.status, measure.progress, measure.target)
    if status == WorkStatus.DONE and measure.status != WorkStatus.DONE:
        measure.completed_on = event.held_on if event else measure.due_on
    measure.status = status
    measure.save(update_fields=["progress", "status", "completed_on"])


def photos_add(today: dt.date) -> None:
    """A few events carry a photo (a generated image, cleaned like any upload)."""
    events = list(
        Event.objects.filter(kind=EventKind.DETENTION_VISIT, held_on__year=today.year).order_by(
            "unit__code", "held_on"
        )[:3]
    )
    for number, event in enumerate(events):
        image = Image.new("RGB", (160, 120), (40 + 60 * number, 90, 140))
        raw = io.BytesIO()
        image.save(raw, format="JPEG")
        cleaned = prevention_files.clean([(f"visit-{number + 1}.jpg", raw.getvalue())])
        with prevention_files.stored(cleaned) as stored:
            for file, name in stored:
                Document.objects.create(
                    event=event,
                    name=file.name,
                    content_type=file.content_type,
                    size=len(file.data),
                    storage_name=name,
                )
