"""Demo data for prevention and oversight: the concept, plans and measures, events with their
participants, public-council commissions, the corruption-risk register and the GRECO round.

Everything is invented for the demo except the frame of Kazakhstan's joint First and Second
Round GRECO evaluation (27 recommendations, report adopted on 25 March 2022, compliance report
adopted in March 2024), whose recommendation texts and ratings are placeholders, marked as such.
Guarded by its own seed state and drawn from a fixed random seed: a second run adds nothing.
"""

from __future__ import annotations

import datetime as dt
import io
import random
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from PIL import Image

from senim.cases.models import Case, Outcome
from senim.core import clock
from senim.demo.models import SeedState
from senim.organization.models import Court, Role, StaffMember, Unit
from senim.prevention import files as prevention_files
from senim.prevention.models import (
    Attendance,
    Commission,
    CommissionMember,
    ConceptMeasure,
    ConceptObjective,
    CorruptionRisk,
    CountryAssessment,
    Document,
    Event,
    EventKind,
    GrecoAssessment,
    GrecoRecommendation,
    GrecoReport,
    GrecoReportKind,
    GrecoRound,
    GrecoStatus,
    Measure,
    MeasureCounts,
    Meeting,
    MemberRole,
    ParticipantCategory,
    Plan,
    PlanKind,
    ProgressEntry,
    Resolution,
    RiskAction,
    RiskMap,
    RiskProcess,
    RiskReview,
    WorkStatus,
)
from senim.prevention.rules import event_contribution, status_after_progress

SEED = 2026
STATE_KEY = "prevention"

# --- the concept ----------------------------------------------------------------------------

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

# --- plans ----------------------------------------------------------------------------------

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

# --- risks ----------------------------------------------------------------------------------

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

ROMAN = [
    "i",
    "ii",
    "iii",
    "iv",
    "v",
    "vi",
    "vii",
    "viii",
    "ix",
    "x",
    "xi",
    "xii",
    "xiii",
    "xiv",
    "xv",
    "xvi",
    "xvii",
    "xviii",
    "xix",
    "xx",
    "xxi",
    "xxii",
    "xxiii",
    "xxiv",
    "xxv",
    "xxvi",
    "xxvii",
]


def _people() -> tuple[dict[int, Any], dict[int, list[Any]], Any]:
    chiefs: dict[int, Any] = {}
    staff: dict[int, list[Any]] = {}
    for member in StaffMember.objects.select_related("user").order_by("unit_id", "role", "pk"):
        staff.setdefault(member.unit_id, []).append(member.user)
        if member.role == Role.CHIEF:
            chiefs.setdefault(member.unit_id, member.user)
    coordinator = (
        get_user_model().objects.filter(staff__role=Role.COORDINATOR).order_by("pk").first()
    )
    return chiefs, staff, coordinator


def prevention_ensure() -> None:
    """Plans, events, commissions, risks and the GRECO round for the demo; idempotent."""
    state, _ = SeedState.objects.get_or_create(key=STATE_KEY)
    if state.value:
        return
    if GrecoRound.objects.exists() or Plan.objects.exists():
        # Prevention work is already there (an earlier seed whose state was reset, or entered
        # by hand): it is left alone.
        state.value = 1
        state.save(update_fields=["value"])
        return
    rng = random.Random(f"{SEED}:prevention")
    today = clock.today()
    with transaction.atomic():
        concept = _concept()
        chiefs, staff, coordinator = _people()
        central = Unit.objects.get(kind=Unit.Kind.CENTRAL)
        territorial = list(Unit.objects.filter(kind=Unit.Kind.TERRITORIAL).order_by("code"))
        for unit in territorial:
            measures = _plans(rng, unit, today, concept, chiefs.get(unit.pk))
            _events(rng, unit, today, measures, staff.get(unit.pk, []), chiefs.get(unit.pk))
        _central_plan(today, central, territorial, concept, coordinator)
        for index, unit in enumerate(territorial):
            _commissions(rng, unit, index, today, chiefs.get(unit.pk) or coordinator)
            _risks(rng, unit, today, chiefs.get(unit.pk) or coordinator)
        _greco(rng, today, central, coordinator)
        _photos(today)
        state.value = 1
        state.save(update_fields=["value"])


def _concept() -> dict[str, ConceptMeasure]:
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


def _plans(
    rng: random.Random,
    unit: Unit,
    today: dt.date,
    concept: dict[str, ConceptMeasure],
    chief: Any,
) -> list[Measure]:
    """Last year's plan (mostly done) and this year's image-policy plan (in progress)."""
    made: list[Measure] = []
    for year in (today.year - 1, today.year):
        plan = Plan.objects.create(
            unit=unit,
            kind=PlanKind.IMAGE_POLICY,
            title=f"План по формированию имиджа и профилактике коррупции на {year} год",
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
                    title=title,
                    responsible_unit=unit,
                    responsible=chief,
                    due_on=due,
                    target_label=label,
                    target=rng.randint(low, high),
                    counts=counts,
                    concept_measure=concept[concept_number],
                )
            )
    return made


def _central_plan(
    today: dt.date,
    central: Unit,
    territorial: list[Unit],
    concept: dict[str, ConceptMeasure],
    coordinator: Any,
) -> None:
    plan = Plan.objects.create(
        unit=central,
        kind=PlanKind.PREVENTION,
        title=f"Республиканский план профилактики коррупции в судах на {today.year} год",
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
            title=title,
            responsible_unit=unit,
            responsible=coordinator if unit.is_central else None,
            due_on=dt.date(today.year, month, 30),
            target_label="документ",
            target=target,
            counts=MeasureCounts.MANUAL,
            concept_measure=concept[concept_number],
        )


def _events(
    rng: random.Random,
    unit: Unit,
    today: dt.date,
    measures: list[Measure],
    people: list[Any],
    chief: Any,
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
                _progress(measure, 1, "Отчёт утверждён и направлен в центральный аппарат.", chief)
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
                title=EVENT_TITLES[kind],
                held_on=held_on,
                place=f"{unit.court.city or unit.name_ru}",
                organisers=unit.name_ru,
                measure=measure,
                result="Проведено, материалы размещены на сайте суда.",
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
    user: Any,
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


def _commissions(rng: random.Random, unit: Unit, index: int, today: dt.date, owner: Any) -> None:
    commissions = [
        Commission.objects.create(
            unit=unit,
            level=Commission.Level.REGIONAL,
            name=f"Антикоррупционная комиссия общественного совета — {unit.name_ru}",
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
                name=f"Районная антикоррупционная комиссия — {district.name_ru}",
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
                affiliation=rng.choice(AFFILIATIONS),
                since=commission.established_on,
            )
        for number, days_ago in enumerate((300, 180, 60), start=1):
            held_on = today - dt.timedelta(days=days_ago + rng.randint(0, 20))
            agenda = rng.sample(AGENDAS, 2)
            meeting = Meeting.objects.create(
                commission=commission,
                number=number,
                held_on=held_on,
                place="Зал совещаний",
                agenda="\n".join(f"{i}. {item}" for i, item in enumerate(agenda, start=1)),
                minutes="Заслушаны доклады; приняты решения, указанные ниже.",
            )
            for position, text in enumerate(rng.sample(RESOLUTIONS, 2), start=1):
                due = held_on + dt.timedelta(days=rng.choice([30, 45, 60, 90]))
                # The oldest are carried out; a recent one is still open, some overdue.
                done = due < today and rng.random() < (0.85 if number < 3 else 0.3)
                Resolution.objects.create(
                    meeting=meeting,
                    number=f"{number}.{position}",
                    text=text,
                    owner=owner,
                    due_on=due,
                    status=WorkStatus.DONE if done else WorkStatus.IN_PROGRESS,
                    follow_up="Исполнено, отчёт представлен комиссии." if done else "",
                    completed_on=due - dt.timedelta(days=3) if done else None,
                )


def _risks(rng: random.Random, unit: Unit, today: dt.date, owner: Any) -> None:
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
            title=title,
            description="Выявлен при анализе обращений и служебных проверок.",
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
            note="Выявлен.",
            reviewed_by=owner,
        )
        RiskReview.objects.create(
            risk=risk,
            reviewed_on=identified + dt.timedelta(days=90),
            likelihood=likelihood,
            impact=impact,
            note="Пересмотрен после принятых мер.",
            reviewed_by=owner,
        )
        due = today + dt.timedelta(days=rng.choice([-20, 30, 60, 120]))
        RiskAction.objects.create(
            risk=risk,
            description=action,
            due_on=due,
            responsible=owner,
            status=WorkStatus.IN_PROGRESS,
        )
        if revealing and rng.random() < 0.5:
            risk.cases.add(revealing.pop())


def _greco(rng: random.Random, today: dt.date, central: Unit, coordinator: Any) -> None:
    joint = GrecoRound.objects.create(
        code="I-II",
        name_kk="Бірінші және екінші бағалау раундтары (бірлескен)",
        name_ru="Первый и второй раунды оценки (совместные)",
        name_en="Joint First and Second Evaluation Rounds",
    )
    GrecoReport.objects.create(
        round=joint,
        kind=GrecoReportKind.EVALUATION,
        plenary="90",
        adopted_on=dt.date(2022, 3, 25),
        note="[Placeholder] Plenary number and publication date to be checked against the "
        "published report.",
    )
    compliance = GrecoReport.objects.create(
        round=joint,
        kind=GrecoReportKind.COMPLIANCE,
        plenary="96",
        adopted_on=dt.date(2024, 3, 22),
        country_assessment=CountryAssessment.GLOBALLY_UNSATISFACTORY,
        note="[Placeholder] Demo ratings and assessment: enter the day of adoption, the "
        "ratings and the overall assessment from the published compliance report.",
    )
    next_due = dt.date(today.year + (1 if today.month > 6 else 0), 6, 30)
    statuses = (
        [GrecoStatus.IMPLEMENTED] * 6
        + [GrecoStatus.DEALT_WITH]
        + [GrecoStatus.PARTLY] * 12
        + [GrecoStatus.NOT_IMPLEMENTED] * 8
    )
    rng.shuffle(statuses)
    for position, label in enumerate(ROMAN, start=1):
        rec = GrecoRecommendation.objects.create(
            round=joint,
            label=label,
            position=position,
            text_kk=(
                f"[Толтырғыш] Бірінші және екінші бағалау раундтарының бірлескен баяндамасының "
                f"{label} ұсынымы: мәтін жарияланған баяндамадан енгізілуі тиіс."
            ),
            text_ru=(
                f"[Заглушка] Рекомендация {label} совместного доклада по первому и второму "
                f"раундам оценки: текст подлежит внесению из опубликованного доклада."
            ),
            text_en=(
                f"[Placeholder] Recommendation {label} of the joint First and Second Round "
                f"Evaluation Report: text to be entered from the published report."
            ),
            owner_unit=central,
            owner=coordinator,
            next_report_due=None
            if statuses[position - 1] in (GrecoStatus.IMPLEMENTED, GrecoStatus.DEALT_WITH)
            else next_due,
        )
        GrecoAssessment.objects.create(
            recommendation=rec,
            report=compliance,
            status=statuses[position - 1],
            note="[Placeholder] demo rating.",
            recorded_by=coordinator,
        )


def _photos(today: dt.date) -> None:
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
