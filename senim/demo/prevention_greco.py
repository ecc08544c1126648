"""Demo prevention: the joint First and Second GRECO evaluation round of Kazakhstan.

The frame is real (27 recommendations, report adopted on 25 March 2022, compliance report
adopted in March 2024); the recommendation texts and ratings are placeholders, marked as such.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import TYPE_CHECKING

from senim.demo.languages import written
from senim.organization.models import Unit
from senim.prevention.models import (
    CountryAssessment,
    GrecoAssessment,
    GrecoRecommendation,
    GrecoReport,
    GrecoReportKind,
    GrecoRound,
    GrecoStatus,
)

if TYPE_CHECKING:
    from senim.accounts.models import User


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


# Notes the central department writes (in Kazakh, see `senim.demo.languages`).
_CHECK_PLENARY = {
    "kk": "[Толтырғыш] Пленарлық отырыстың нөмірі мен жариялану күнін жарияланған баяндамамен "
    "салыстыру қажет.",
    "ru": "[Заглушка] Номер пленарного заседания и дату публикации сверить с опубликованным "
    "докладом.",
}
_CHECK_RATINGS = {
    "kk": "[Толтырғыш] Демо бағалар мен жалпы баға: қабылданған күнін, бағаларды және жалпы "
    "бағаны жарияланған сәйкестік туралы баяндамадан енгізіңіз.",
    "ru": "[Заглушка] Демонстрационные оценки: внесите дату принятия, оценки и общую оценку из "
    "опубликованного доклада о соответствии.",
}
_DEMO_RATING = {"kk": "[Толтырғыш] демо баға.", "ru": "[Заглушка] демонстрационная оценка."}


def greco_create(
    rng: random.Random, today: dt.date, central: Unit, coordinator: User | None
) -> None:
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
        note=written(central, _CHECK_PLENARY),
    )
    compliance = GrecoReport.objects.create(
        round=joint,
        kind=GrecoReportKind.COMPLIANCE,
        plenary="96",
        adopted_on=dt.date(2024, 3, 22),
        country_assessment=CountryAssessment.GLOBALLY_UNSATISFACTORY,
        note=written(central, _CHECK_RATINGS),
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
            note=written(central, _DEMO_RATING),
            recorded_by=coordinator,
        )
