"""Demo prevention: every territory's image-policy plans (last year's and this year's) with
their measures, and the central office's prevention plan.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import TYPE_CHECKING

from senim.core import clock
from senim.demo.languages import say, written
from senim.organization.models import Unit
from senim.prevention.models import (
    ConceptMeasure,
    EventKind,
    Measure,
    MeasureCounts,
    Plan,
    PlanKind,
)

if TYPE_CHECKING:
    from senim.accounts.models import User


# (title, target label, counts, target range, concept number, event kind fulfilling it)
MEASURE_TEMPLATES: list[tuple[str, str, str, tuple[int, int], str, str]] = [
    (
        "Обучение работников судов антикоррупционным стандартам",
        "работников обучено",
        MeasureCounts.PARTICIPANTS,
        (80, 220),
        "3.1",
        EventKind.TRAINING,
    ),
    (
        "Посещения следственных изоляторов должностными лицами суда",
        "посещений",
        MeasureCounts.EVENTS,
        (3, 6),
        "3.2",
        EventKind.DETENTION_VISIT,
    ),
    (
        "Дни открытых дверей для студентов и граждан",
        "дней открытых дверей",
        MeasureCounts.EVENTS,
        (2, 3),
        "4.2",
        EventKind.OPEN_DAY,
    ),
    (
        "Выступления в СМИ о мерах противодействия коррупции",
        "выступлений",
        MeasureCounts.EVENTS,
        (4, 8),
        "4.2",
        EventKind.MEDIA,
    ),
    (
        "Встречи с населением и предпринимателями",
        "участников встреч",
        MeasureCounts.PARTICIPANTS,
        (100, 250),
        "4.1",
        EventKind.PUBLIC_MEETING,
    ),
    (
        "Инструктаж вновь принятых работников о запретах и ограничениях",
        "работников проинструктировано",
        MeasureCounts.PARTICIPANTS,
        (20, 40),
        "3.1",
        EventKind.BRIEFING,
    ),
    (
        "Внутренний анализ коррупционных рисков и отчёт",
        "отчёт",
        MeasureCounts.MANUAL,
        (1, 1),
        "2.1",
        "",
    ),
]


def plans_create(
    rng: random.Random,
    unit: Unit,
    today: dt.date,
    concept: dict[str, ConceptMeasure],
    chief: User | None,
) -> list[Measure]:
    """Last year's plan (mostly done) and this year's image-policy plan (in progress)."""
    made: list[Measure] = []
    for year in (today.year - 1, today.year):
        plan = Plan.objects.create(
            unit=unit,
            kind=PlanKind.IMAGE_POLICY,
            title=written(
                unit,
                {
                    "kk": f"{year} жылға арналған имиджді қалыптастыру және сыбайлас "
                    "жемқорлықтың алдын алу жоспары",
                    "ru": f"План по формированию имиджа и профилактике коррупции на {year} год",
                },
            ),
            period_start=dt.date(year, 1, 1),
            period_end=dt.date(year, 12, 31),
            created_by=chief,
            created_at=clock.now(),
        )
        for number, (title, label, counts, (low, high), concept_number, _kind) in enumerate(
            MEASURE_TEMPLATES, start=1
        ):
            # Due dates spread over the year: this year's first ones are already past.
            month = [3, 5, 6, 9, 10, 11, 12][number - 1]
            due = dt.date(year, month, 28)
            made.append(
                Measure.objects.create(
                    plan=plan,
                    number=str(number),
                    title=say(unit, title),
                    responsible_unit=unit,
                    responsible=chief,
                    due_on=due,
                    target_label=say(unit, label),
                    target=rng.randint(low, high),
                    counts=counts,
                    concept_measure=concept[concept_number],
                )
            )
    return made


def central_plan_create(
    today: dt.date,
    central: Unit,
    territorial: list[Unit],
    concept: dict[str, ConceptMeasure],
    coordinator: User | None,
) -> None:
    plan = Plan.objects.create(
        unit=central,
        kind=PlanKind.PREVENTION,
        title=written(
            central,
            {
                "kk": f"{today.year} жылға арналған соттардағы сыбайлас жемқорлықтың алдын алудың "
                "республикалық жоспары",
                "ru": f"Республиканский план профилактики коррупции в судах на {today.year} год",
            },
        ),
        period_start=dt.date(today.year, 1, 1),
        period_end=dt.date(today.year, 12, 31),
        created_by=coordinator,
        created_at=clock.now(),
    )
    rows = [
        ("Социологический опрос граждан о восприятии коррупции в судах", central, 1, 11, "2.1"),
        ("Методические рекомендации по анализу коррупционных рисков", central, 1, 4, "2.1"),
        ("Пилот онлайн-записи на приём к руководителю", territorial[0], 1, 6, "1.1"),
    ]
    for number, (title, unit, target, month, concept_number) in enumerate(rows, start=1):
        Measure.objects.create(
            plan=plan,
            number=str(number),
            title=say(central, title),
            responsible_unit=unit,
            responsible=coordinator if unit.is_central else None,
            due_on=dt.date(today.year, month, 30),
            target_label=say(central, "документ"),
            target=target,
            counts=MeasureCounts.MANUAL,
            concept_measure=concept[concept_number],
        )
