"""Demo prevention: the anti-corruption concept's objectives and the measures that concern the
courts, with the units each measure binds.
"""

from __future__ import annotations

import datetime as dt

from senim.organization.models import Unit
from senim.prevention.models import ConceptMeasure, ConceptObjective, WorkStatus

# (number, kk, ru, en) — a summary of the concept's directions that concern the courts.
OBJECTIVES = [
    (
        "1",
        "Сот төрелігінің ашықтығы мен қолжетімділігі",
        "Открытость и доступность правосудия",
        "Openness and accessibility of justice",
    ),
    (
        "2",
        "Сот жүйесіндегі сыбайлас жемқорлық тәуекелдерін азайту",
        "Снижение коррупционных рисков в судебной системе",
        "Reducing corruption risks in the court system",
    ),
    (
        "3",
        "Сыбайлас жемқорлыққа қарсы мәдениетті қалыптастыру",
        "Формирование антикоррупционной культуры",
        "Building an anti-corruption culture",
    ),
    (
        "4",
        "Қоғаммен және азаматтық қоғам институттарымен өзара іс-қимыл",
        "Взаимодействие с обществом и институтами гражданского общества",
        "Working with society and civil-society institutions",
    ),
]

# (objective, number, kk, ru, en, status)
CONCEPT_MEASURES = [
    (
        "1",
        "1.1",
        "Сот актілерін жариялау және сот процестерін онлайн-трансляциялау",
        "Публикация судебных актов и онлайн-трансляция судебных процессов",
        "Publishing judicial acts and streaming court hearings online",
        WorkStatus.IN_PROGRESS,
    ),
    (
        "1",
        "1.2",
        "Істерді автоматтандырылған бөлу жүйесін жетілдіру",
        "Совершенствование автоматизированного распределения дел",
        "Improving the automated allocation of cases",
        WorkStatus.DONE,
    ),
    (
        "2",
        "2.1",
        "Сыбайлас жемқорлық тәуекелдеріне жыл сайынғы ішкі талдау",
        "Ежегодный внутренний анализ коррупционных рисков",
        "A yearly internal analysis of corruption risks",
        WorkStatus.IN_PROGRESS,
    ),
    (
        "2",
        "2.2",
        "Сот қызметкерлерін іріктеу мен ротациялаудың ашық рәсімдері",
        "Прозрачные процедуры отбора и ротации работников судов",
        "Transparent selection and rotation of court staff",
        WorkStatus.PLANNED,
    ),
    (
        "3",
        "3.1",
        "Судьялар мен сот қызметкерлерін сыбайлас жемқорлыққа қарсы стандарттарға оқыту",
        "Обучение судей и работников судов антикоррупционным стандартам",
        "Training judges and court staff in anti-corruption standards",
        WorkStatus.IN_PROGRESS,
    ),
    (
        "3",
        "3.2",
        "Тергеу изоляторларына лауазымды адамдардың баруы және түсіндіру жұмысы",
        "Посещения должностными лицами следственных изоляторов и разъяснительная работа",
        "Visits of officials to pre-trial detention centres and outreach",
        WorkStatus.IN_PROGRESS,
    ),
    (
        "4",
        "4.1",
        "Қоғамдық кеңестердің сыбайлас жемқорлыққа қарсы комиссияларының жұмысы",
        "Работа антикоррупционных комиссий общественных советов",
        "The work of the public councils' anti-corruption commissions",
        WorkStatus.IN_PROGRESS,
    ),
    (
        "4",
        "4.2",
        "Ашық есік күндері мен БАҚ-тағы түсіндіру жұмысы",
        "Дни открытых дверей и разъяснительная работа в СМИ",
        "Open days and outreach in the media",
        WorkStatus.IN_PROGRESS,
    ),
]


def concept_create() -> dict[str, ConceptMeasure]:
    objectives = {
        number: ConceptObjective.objects.create(
            number=number, title_kk=kk, title_ru=ru, title_en=en
        )
        for number, kk, ru, en in OBJECTIVES
    }
    central = Unit.objects.get(kind=Unit.Kind.CENTRAL)
    territorial = list(Unit.objects.filter(kind=Unit.Kind.TERRITORIAL))
    measures = {}
    for objective, number, kk, ru, en, status in CONCEPT_MEASURES:
        measure = ConceptMeasure.objects.create(
            objective=objectives[objective],
            number=number,
            text_kk=kk,
            text_ru=ru,
            text_en=en,
            status=status,
            due_on=dt.date(2026, 12, 31),
        )
        measure.units.set([central, *territorial] if number[0] in "34" else [central])
        measures[number] = measure
    return measures
