"""Demo prevention: the public councils' anti-corruption commissions, with their members,
meetings and resolutions.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import TYPE_CHECKING

from senim.demo.languages import say, written
from senim.organization.models import Court, Unit
from senim.prevention.models import (
    Commission,
    CommissionMember,
    Meeting,
    MemberRole,
    Resolution,
    WorkStatus,
)

if TYPE_CHECKING:
    from senim.accounts.models import User


COMMISSION_NAMES = [
    "Асанов Б. К.",
    "Жумабекова А. С.",
    "Ким В. Л.",
    "Оспанова Г. Т.",
    "Сулейменов Е. Н.",
    "Петренко И. А.",
    "Нурланова Д. М.",
    "Тлеубердиев А. Ж.",
]
AFFILIATIONS = [
    "общественный совет",
    "адвокатская коллегия",
    "палата предпринимателей",
    "неправительственная организация",
    "университет",
    "представитель СМИ",
]
AGENDAS = [
    "О результатах анализа обращений на телефон доверия за полугодие",
    "О соблюдении сроков выдачи копий судебных актов",
    "О мерах по предупреждению конфликта интересов в аппарате суда",
    "О доступности суда для лиц с инвалидностью и прозрачности приёма граждан",
]
RESOLUTIONS = [
    "Провести выборочную проверку сроков выдачи копий в районных судах",
    "Подготовить памятку для граждан о телефоне доверия",
    "Организовать обучение секретарей судебных заседаний",
    "Представить комиссии отчёт о результатах служебных проверок",
    "Разместить на сайте суда информацию о приёме граждан",
]


def commissions_create(
    rng: random.Random, unit: Unit, index: int, today: dt.date, owner: User | None
) -> None:
    commissions = [
        Commission.objects.create(
            unit=unit,
            level=Commission.Level.REGIONAL,
            name=written(
                unit,
                {
                    "kk": "Қоғамдық кеңестің сыбайлас жемқорлыққа қарсы комиссиясы — "
                    f"{unit.name_kk}",
                    "ru": f"Антикоррупционная комиссия общественного совета — {unit.name_ru}",
                },
            ),
            court=unit.court,
            established_on=dt.date(2022, 9, 1),
        )
    ]
    district = (
        Court.objects.filter(parent=unit.court, valid_to__isnull=True).order_by("code").first()
    )
    if index % 4 == 0 and district is not None:
        commissions.append(
            Commission.objects.create(
                unit=unit,
                level=Commission.Level.DISTRICT,
                name=written(
                    unit,
                    {
                        "kk": f"Аудандық сыбайлас жемқорлыққа қарсы комиссия — {district.name_kk}",
                        "ru": f"Районная антикоррупционная комиссия — {district.name_ru}",
                    },
                ),
                court=district,
                established_on=dt.date(2023, 3, 1),
            )
        )
    for commission in commissions:
        names = rng.sample(COMMISSION_NAMES, 5)
        roles = [MemberRole.CHAIR, MemberRole.SECRETARY, MemberRole.MEMBER, MemberRole.MEMBER]
        for position, name in enumerate(names):
            CommissionMember.objects.create(
                commission=commission,
                full_name=name,
                role=roles[position] if position < len(roles) else MemberRole.MEMBER,
                affiliation=say(unit, rng.choice(AFFILIATIONS)),
                since=commission.established_on,
            )
        for number, days_ago in enumerate((300, 180, 60), start=1):
            held_on = today - dt.timedelta(days=days_ago + rng.randint(0, 20))
            agenda = [say(unit, item) for item in rng.sample(AGENDAS, 2)]
            meeting = Meeting.objects.create(
                commission=commission,
                number=number,
                held_on=held_on,
                place=say(unit, "Зал совещаний"),
                agenda="\n".join(f"{i}. {item}" for i, item in enumerate(agenda, start=1)),
                minutes=say(unit, "Заслушаны доклады; приняты решения, указанные ниже."),
            )
            for position, text in enumerate(rng.sample(RESOLUTIONS, 2), start=1):
                due = held_on + dt.timedelta(days=rng.choice([30, 45, 60, 90]))
                # The oldest are carried out; a recent one is still open, some overdue.
                done = due < today and rng.random() < (0.85 if number < 3 else 0.3)
                Resolution.objects.create(
                    meeting=meeting,
                    number=f"{number}.{position}",
                    text=say(unit, text),
                    owner=owner,
                    due_on=due,
                    status=WorkStatus.DONE if done else WorkStatus.IN_PROGRESS,
                    follow_up=say(unit, "Исполнено, отчёт представлен комиссии.") if done else "",
                    completed_on=due - dt.timedelta(days=3) if done else None,
                )
