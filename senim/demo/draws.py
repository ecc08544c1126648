"""What every part of the demo seed shares: the fixed seed, the span of the demo's history, the
weighted draw and the names people are given.
"""

from __future__ import annotations

import random
from typing import Any

SEED = 2026
SPAN_DAYS = 730

FIRST_NAMES = [
    "Айгерім",
    "Асхат",
    "Бауыржан",
    "Гүлнар",
    "Дәурен",
    "Ерлан",
    "Жанар",
    "Қайрат",
    "Мәдина",
    "Нұрлан",
    "Сәуле",
    "Тимур",
    "Ұлжан",
    "Арман",
    "Динара",
    "Руслан",
]
LAST_NAMES = [
    "Абенов",
    "Жақсылықов",
    "Исаев",
    "Кенжебеков",
    "Мұқанов",
    "Нұрғалиев",
    "Оспанов",
    "Сейітов",
    "Төлеуов",
    "Әбдірахманов",
    "Байжанов",
    "Қасымов",
    "Серікбаев",
    "Омаров",
]


def pick(rng: random.Random, weights: dict[Any, int]) -> Any:
    """One key of `weights`, drawn with the weight it maps to."""
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def person(rng: random.Random) -> tuple[str, str]:
    """A first name and a last name."""
    return rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
