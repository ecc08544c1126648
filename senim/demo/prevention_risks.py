"""Demo prevention: the corruption-risk register of every territory, with reviews, actions and
the cases that revealed the risks.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import TYPE_CHECKING

from senim.cases.models import Case, Outcome
from senim.demo.languages import say
from senim.organization.models import Unit
from senim.prevention.models import (
    CorruptionRisk,
    RiskAction,
    RiskMap,
    RiskProcess,
    RiskReview,
    WorkStatus,
)

if TYPE_CHECKING:
    from senim.accounts.models import User


# (title, process, map, likelihood, impact, action)
RISKS = [
    (
        "Ручное перераспределение дел в обход автоматизированной системы",
        RiskProcess.CASE_ALLOCATION,
        RiskMap.ORGANISATIONAL,
        3,
        5,
        "Ежемесячная выборочная проверка журнала перераспределений",
    ),
    (
        "Требование денег за ускоренную выдачу копий судебных актов",
        RiskProcess.CASE_FILES,
        RiskMap.ORGANISATIONAL,
        4,
        3,
        "Выдача копий через электронный кабинет и окно «одна дверь»",
    ),
    (
        "Родственные связи при приёме на работу в аппарат суда",
        RiskProcess.HR,
        RiskMap.ORGANISATIONAL,
        3,
        3,
        "Декларация об отсутствии конфликта интересов при приёме",
    ),
    (
        "Дробление закупок для ухода от конкурсных процедур",
        RiskProcess.PROCUREMENT,
        RiskMap.ORGANISATIONAL,
        2,
        4,
        "Сверка закупок из одного источника за квартал",
    ),
    (
        "Неоднозначные основания освобождения от уплаты госпошлины",
        RiskProcess.COURT_FEES,
        RiskMap.LEGISLATIVE,
        3,
        2,
        "Предложение о поправках в Налоговый кодекс",
    ),
    (
        "Затягивание выдачи исполнительных листов",
        RiskProcess.ENFORCEMENT,
        RiskMap.ORGANISATIONAL,
        4,
        4,
        "Контроль сроков выдачи в информационной системе",
    ),
    (
        "Неформальные контакты на личном приёме без протокола",
        RiskProcess.RECEPTION,
        RiskMap.ORGANISATIONAL,
        2,
        2,
        "Аудиозапись и протокол каждого приёма",
    ),
    (
        "Широкое усмотрение при назначении сроков рассмотрения",
        RiskProcess.OTHER,
        RiskMap.LEGISLATIVE,
        2,
        3,
        "Анализ норм процессуального кодекса и предложения",
    ),
]


def risks_create(rng: random.Random, unit: Unit, today: dt.date, owner: User | None) -> None:
    revealing = list(
        Case.objects.filter(
            unit=unit, outcome__in=[Outcome.SUBSTANTIATED, Outcome.PARTLY]
        ).order_by("pk")[:3]
    )
    for title, process, risk_map, likelihood, impact, action in rng.sample(RISKS, 3):
        likelihood = max(1, min(5, likelihood + rng.choice([-1, 0, 0, 1])))
        impact = max(1, min(5, impact + rng.choice([-1, 0, 0, 1])))
        identified = today - dt.timedelta(days=rng.randint(120, 500))
        risk = CorruptionRisk.objects.create(
            unit=unit,
            court=unit.court,
            title=say(unit, title),
            description=say(unit, "Выявлен при анализе обращений и служебных проверок."),
            process=process,
            risk_map=risk_map,
            likelihood=likelihood,
            impact=impact,
            owner=owner,
            identified_on=identified,
        )
        RiskReview.objects.create(
            risk=risk,
            reviewed_on=identified,
            likelihood=min(5, likelihood + 1),
            impact=impact,
            note=say(unit, "Выявлен."),
            reviewed_by=owner,
        )
        RiskReview.objects.create(
            risk=risk,
            reviewed_on=identified + dt.timedelta(days=90),
            likelihood=likelihood,
            impact=impact,
            note=say(unit, "Пересмотрен после принятых мер."),
            reviewed_by=owner,
        )
        due = today + dt.timedelta(days=rng.choice([-20, 30, 60, 120]))
        RiskAction.objects.create(
            risk=risk,
            description=say(unit, action),
            due_on=due,
            responsible=owner,
            status=WorkStatus.IN_PROGRESS,
        )
        if revealing and rng.random() < 0.5:
            risk.cases.add(revealing.pop())
