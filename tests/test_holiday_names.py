"""Public holidays are named in the page's language (the holidays library has no Russian)."""

from __future__ import annotations

import pytest
from django.utils import translation

from senim.core.holiday_names import NAMES, holiday_name

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "english", "expected"),
    [
        ("ru", "New Year's Day", "Новый год"),
        ("kk", "New Year's Day", "Жаңа жыл"),
        ("ru", "Nowruz Holiday (observed)", "Наурыз мейрамы (перенесённый выходной)"),
        ("kk", "Eid al-Adha (estimated)", "Құрбан айт (күні болжамды)"),
        ("ru", "Day off (substituted from 01/05/2025)", "Выходной день (перенесён с 05.01.2025)"),
    ],
)
def test_holiday_names_in_each_language(language: str, english: str, expected: str) -> None:
    with translation.override(language):
        assert holiday_name(english) == expected


def test_every_holiday_the_library_names_is_known() -> None:
    import holidays

    names = set()
    for year in range(2020, 2031):
        names |= set(holidays.country_holidays("KZ", years=year, language="en_US").values())
    with translation.override("ru"):
        english_left = [
            name
            for name in names
            if holiday_name(name) == name
            or any(c.isascii() and c.isalpha() for c in holiday_name(name))
        ]
    assert english_left == []
    assert len(NAMES) == 13


def test_the_calendar_page_names_holidays_in_russian(make_staff, login) -> None:
    admin = login(make_staff("administrator"))
    html = admin.get("/office/calendar/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "Новый год" in html and "Наурыз мейрамы" in html
    assert "New Year" not in html and "Nowruz" not in html
