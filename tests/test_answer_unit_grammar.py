"""Answer letters read correctly in each language for every unit that can sign them: the
Russian letter names the unit in the instrumental («рассмотрено Отделом…»), the Kazakh one puts
the unit's head noun last, before the verb, with the court in the genitive."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from senim.cases.models import Answer, Case, Status
from senim.intake.models import Appeal, Channel
from senim.intake.registration import registration_number_next
from senim.organization.models import Role, Unit
from senim.organization.unit_grammar import RU_INSTRUMENTAL, kk_genitive

pytestmark = pytest.mark.django_db

RU_HEADS = tuple(RU_INSTRUMENTAL)
RU_DECLINED = tuple(RU_INSTRUMENTAL.values())


def _concluded_case(unit: Unit, language: str) -> Case:
    at = timezone.now()
    appeal = Appeal.objects.create(
        number=registration_number_next(at=at),
        registered_at=at,
        channel=Channel.PORTAL,
        kind="violation",
        category="bribery",
        language=language,
        court=unit.court,
        subject="Секретарь просил деньги",
        text="Подробности.",
    )
    return Case.objects.create(
        appeal=appeal, unit=unit, status=Status.CONCLUDED, outcome="not_substantiated"
    )


def _considered_phrase(body: str, language: str) -> str:
    if language == "ru":
        found = re.search(r"рассмотрено (.+?)\.\n", body)
    elif language == "kk":
        found = re.search(r"\) (.+?) қарады\.", body)
    else:
        found = re.search(r"has been considered by (.+?)\.\n", body)
    assert found, body
    return found.group(1)


def test_every_unit_name_is_declined_in_every_answer_template(registry, make_staff, login):
    coordinator = login(make_staff(Role.COORDINATOR, "SC"))
    units = list(Unit.objects.select_related("court"))
    assert len(units) >= 22  # the central department and one per regional-level court
    for unit in units:
        for language in ("ru", "kk", "en"):
            case = _concluded_case(unit, language)
            response = coordinator.post(f"/office/cases/{case.pk}/do/answer-draft/")
            assert response.status_code == 302
            body = Answer.objects.get(case=case).body
            phrase = _considered_phrase(body, language)
            if language == "ru":
                # The head noun in the instrumental, the rest of the name as the registry has it.
                head, rest = unit.name_ru.split(" ", 1)
                assert head in RU_HEADS, unit.name_ru
                assert phrase == f"{RU_INSTRUMENTAL[head]} {rest}"
                assert phrase.startswith(RU_DECLINED)
                assert not phrase.startswith(tuple(f"{h} " for h in RU_HEADS))
            elif language == "kk":
                # The head noun (бөлімі, департаменті) right before the verb, no dash before it.
                assert re.search(r"(бөлімі|департаменті)$", phrase), phrase
                assert " — " not in phrase
                if " — " in unit.name_kk:
                    court = unit.name_kk.split(" — ", 1)[1]
                    last = court.split()[-1]
                    assert phrase.startswith(court.rsplit(" ", 1)[0])
                    assert f" {kk_genitive(last)} " in phrase
            else:
                assert phrase == f"the {unit.name_en}"


def test_a_territorial_letter_reads_as_a_person_would_write_it(registry, make_staff, login):
    coordinator = login(make_staff(Role.COORDINATOR, "SC"))
    astana = Unit.objects.get(court__code="REG-71")
    bodies = {}
    for language in ("ru", "kk"):
        case = _concluded_case(astana, language)
        coordinator.post(f"/office/cases/{case.pk}/do/answer-draft/")
        bodies[language] = Answer.objects.get(case=case).body
    assert (
        "рассмотрено Отделом внутренней безопасности и профилактики коррупции — "
        "Суд города Астаны." in bodies["ru"]
    )
    assert "рассмотрено Отдел " not in bodies["ru"]
    assert (
        "Астана қаласының сотының ішкі қауіпсіздік және сыбайлас жемқорлықтың алдын алу "
        "бөлімі қарады." in bodies["kk"]
    )


@pytest.mark.parametrize(
    ("word", "genitive"),
    [
        ("соты", "сотының"),
        ("Сот", "Соттың"),
        ("мектеп", "мектептің"),
        ("қала", "қаланың"),
        ("көл", "көлдің"),
        ("аудан", "ауданның"),
        ("үй", "үйдің"),
    ],
)
def test_kazakh_genitive_follows_vowel_harmony_and_the_last_sound(word, genitive):
    assert kk_genitive(word) == genitive
