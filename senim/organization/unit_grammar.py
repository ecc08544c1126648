"""A unit's name in the grammatical form a sentence needs.

The answer letter says who considered the appeal: Russian needs the instrumental case
(«рассмотрено Отделом внутренней безопасности…», not «…Отдел…»), Kazakh needs the unit as the
subject before the verb with its head noun last («Астана қаласының сотының … бөлімі қарады»,
not «… бөлімі — Астана қаласының соты қарады», where the verb would attach to the court).

The forms are derived from the names the registry gives units (`organization.services`): a
head noun followed by words in the genitive, which do not change, and for territorial units
" — " and the court's name. Only the head noun is declined, from a table; a name whose head
noun is not in it falls back to a construction that is grammatical with any name
(«подразделением «…»»), so a new kind of unit never produces a broken sentence.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from senim.core.i18n import localized

# Head nouns of unit names and their instrumental (творительный падеж).
RU_INSTRUMENTAL = {
    "Отдел": "Отделом",
    "Департамент": "Департаментом",
    "Управление": "Управлением",
    "Служба": "Службой",
    "Сектор": "Сектором",
    "Аппарат": "Аппаратом",
    "Комиссия": "Комиссией",
}
SEPARATOR = " — "

_KK_BACK_VOWELS = set("аоұыяАОҰЫЯ")
_KK_FRONT_VOWELS = set("әөүіеэиюӘӨҮІЕЭИЮ")
_KK_VOWELS = _KK_BACK_VOWELS | _KK_FRONT_VOWELS | set("уУ")


def kk_genitive(word: str) -> str:
    """The Kazakh genitive (ілік септік) of one word, by vowel harmony and the last sound:
    -ның/-нің after a vowel or м, н, ң; -дың/-дің after ж, з, л, р, у, й; -тың/-тің after the
    others (voiceless consonants and б, в, г, д)."""
    last = word[-1].lower()
    vowels = [ch for ch in word if ch in _KK_BACK_VOWELS | _KK_FRONT_VOWELS]
    front = bool(vowels) and vowels[-1] in _KK_FRONT_VOWELS
    if last in "жзлруй":
        consonant = "д"
    elif last in _KK_VOWELS or last in "мнң":
        consonant = "н"
    else:
        consonant = "т"
    return word + consonant + ("ің" if front else "ың")


def ru_instrumental(name: str) -> str:
    """«Отдел X — Суд Y» -> «Отделом X — Суд Y»; an unknown head noun -> «подразделением «…»»."""
    head, _space, rest = name.partition(" ")
    declined = RU_INSTRUMENTAL.get(head)
    if declined is None:
        return f"подразделением «{name}»"
    return f"{declined} {rest}".rstrip()


def kk_subject(name: str) -> str:
    """The unit as the subject of a Kazakh sentence: «Бөлім — Соты» becomes «Сотының бөлім»
    (the court in the genitive before the unit, the head noun last, next to the verb)."""
    unit_part, separator, court = name.partition(SEPARATOR)
    if not separator or not court.strip():
        return name
    words = court.split()
    court_genitive = " ".join([*words[:-1], kk_genitive(words[-1])])
    return f"{court_genitive} {unit_part[:1].lower()}{unit_part[1:]}"


@dataclass(frozen=True)
class UnitNames:
    """The unit's name for one language: as a title (nominative) and as the agent of
    "considered by" in that language's answer letter."""

    nominative: str
    considered_by: str


def unit_names(unit: Any, language: str) -> UnitNames:
    name = localized(unit, "name", language)
    if language == "ru":
        return UnitNames(nominative=name, considered_by=ru_instrumental(name))
    if language == "kk":
        return UnitNames(nominative=name, considered_by=kk_subject(name))
    return UnitNames(nominative=name, considered_by=f"the {name}")
