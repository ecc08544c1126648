"""Demo case handling: assessments, checklists and notes of investigations, referrals, issued
answers, tasks from the central office and a few protected persons with their HR events.

Guarded by its own seed state and drawn from its own seeded generator: a second run adds
nothing.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext

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
from senim.demo import texts
from senim.demo.draws import SEED, pick
from senim.demo.languages import unit_language, written
from senim.demo.models import SeedState
from senim.organization.models import Role, StaffMember, Unit

if TYPE_CHECKING:
    from senim.accounts.models import User


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
        cases = list(
            Case.objects.exclude(status=Status.RECEIVED).select_related(
                "appeal", "unit", "unit__court"
            )
        )
        _assessments(rng, cases, chiefs, central)
        _investigation_work(rng, [c for c in cases if c.status == Status.INVESTIGATION])
        _referrals(rng, cases)
        _answers([c for c in cases if c.status == Status.CLOSED][-300:], chiefs)
        _tasks_and_protection(rng, central, chiefs)
        state.value = 1
        state.save(update_fields=["value"])


_ASSESSMENT_REASON = {
    "kk": "Өтініштің мәтіні мен қоса берілген құжаттар бойынша.",
    "ru": "По тексту обращения и приложенным документам.",
}
_PROSECUTOR = {"kk": "Прокуратура органдары", "ru": "Органы прокуратуры"}

_DECISION_FOR_OUTCOME = {
    Outcome.CONSULTATION: Assessment.Decision.CONSULTATION,
    Outcome.FORWARDED: Assessment.Decision.FORWARD,
    Outcome.NOT_SUBJECT: Assessment.Decision.NOT_SUBJECT,
}


def _assessments(
    rng: random.Random, cases: list[Case], chiefs: dict[int, User], central: User | None
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
                retaliation_risk=pick(rng, {"low": 70, "medium": 22, "high": 8}),
                offence_signs=case.outcome in (Outcome.REFERRED_ACS, Outcome.REFERRED_PROSECUTOR),
                decision=decision,
                reason=""
                if decision == Assessment.Decision.OPEN
                else written(case.unit, _ASSESSMENT_REASON),
                forwarded_to=written(case.unit, _PROSECUTOR)
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
        # The checklist is made in the language of the department that opens the case.
        language = unit_language(case.unit)
        with translation.override(language):
            titles = [gettext(step) for step in DEFAULT_STEPS]
        for i, title in enumerate(titles):
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
                    body=rng.choice(texts.FINDINGS[language]),
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


def _answers(cases: list[Case], chiefs: dict[int, User]) -> None:
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


_CENTRAL_TASKS: list[tuple[str, dict[str, str], dict[str, str], int, str]] = [
    (
        "REG-75",
        {
            "kk": "Үш хабарламадан кейін Алмалы аудандық сотының кеңсесін тексеру",
            "ru": "Проверить канцелярию Алмалинского районного суда после трёх сообщений",
        },
        {
            "kk": "Сот актілерінің көшірмелері үшін талап етілген ақы туралы есеп.",
            "ru": "Доклад о плате, требуемой за копии судебных актов.",
        },
        5,
        CentralTask.State.OPEN,
    ),
    (
        "REG-71",
        {
            "kk": "Сот хатшыларына сыйлықтар туралы нұсқама өткізу",
            "ru": "Провести инструктаж секретарей судебных заседаний о подарках",
        },
        {
            "kk": "Нұсқама және қатысушылар тізімі.",
            "ru": "Инструктаж и список присутствующих.",
        },
        -3,
        CentralTask.State.OPEN,
    ),
    (
        "REG-79",
        {
            "kk": "Тоқсандағы қабылдау өтініштерін талдау",
            "ru": "Проанализировать обращения на приёме за квартал",
        },
        {"kk": "Санаттар бойынша жиынтық.", "ru": "Сводка по категориям."},
        10,
        CentralTask.State.RESPONDED,
    ),
]
_TASK_DONE = {
    "kk": "Орындалды: жиынтық қоса беріліп отыр.",
    "ru": "Исполнено: сводка прилагается.",
}
_HR_DESCRIPTION = {
    "kk": "Жоспарланған кадрлық шешім Сыбайлас жемқорлыққа қарсы қызметтің өкілімен қаралды.",
    "ru": "Планируемое кадровое решение рассмотрено с представителем Антикоррупционной службы.",
}
_ACS_REPRESENTATIVE = {
    "kk": "Сыбайлас жемқорлыққа қарсы қызметтің өкілі",
    "ru": "Представитель Антикоррупционной службы",
}


def _tasks_and_protection(
    rng: random.Random, central: User | None, chiefs: dict[int, User]
) -> None:
    if central is None:
        return
    today = clock.today()
    for code, title, instruction, days, task_state in _CENTRAL_TASKS:
        unit = Unit.objects.filter(court__code=code).select_related("court").first()
        if unit is None:
            continue
        # The central department writes to a department in the language that department
        # works in; the answer comes back in it.
        CentralTask.objects.create(
            unit=unit,
            title=written(unit, title),
            instruction=written(unit, instruction),
            due_on=today + dt.timedelta(days=days),
            state=task_state,
            created_by=central,
            created_at=clock.now() - dt.timedelta(days=7),
            response=written(unit, _TASK_DONE) if task_state == "responded" else "",
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
            description=written(case.unit, _HR_DESCRIPTION),
            acs_representative_present=True,
            representative_name=written(case.unit, _ACS_REPRESENTATIVE),
            recorded_by=chief or central,
            recorded_at=clock.now(),
        )
