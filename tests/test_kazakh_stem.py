"""The Kazakh stemmer (senim.core.kazakh_stem) on a word list: every inflected form of a word
ends on one key, and different words keep different keys."""

from __future__ import annotations

import pytest

from senim.core.kazakh_stem import stem

FORMS = {
    "парақорлық": "парақорлық Парақорлық парақорлықты парақорлыққа парақорлықпен парақорлықтың "
    "парақорлықтан парақорлар парақор",
    "пара": "пара параны параға парасы парасын парамен параның",
    "сот": "сот соттың сотқа сотта соттан соттағы сотты соты сотын соттар соттарда соттарының",
    "судья": "судья судьяға судьяның судьясы судьялар судьялардың судьямен судьяны",
    "қызметкер": "қызметкер қызметкерге қызметкерлері қызметкерлерінің қызметкердің "
    "қызметкерді қызметкерден қызметкермен",
    "ақша": "ақша ақшаны ақшасын ақшаға ақшамен ақшасы ақшалар",
    "конверт": "конверт конвертке конвертпен конвертті конверттің конвертте конверттегі",
    "талап": "талап талабы талапты",
    "хатшы": "хатшы хатшыға хатшының хатшысы хатшылар",
    "аудан": "аудан ауданда ауданнан аудандағы",
}


@pytest.mark.parametrize("word", sorted(FORMS))
def test_every_form_ends_on_one_key(word: str) -> None:
    keys = {form: stem(form) for form in FORMS[word].split()}
    assert len(set(keys.values())) == 1, keys


def test_different_words_keep_different_keys() -> None:
    keys = {word: stem(word) for word in FORMS}
    assert len(set(keys.values())) == len(keys), keys


def test_short_words_are_not_cut_below_three_letters() -> None:
    assert stem("іс") == "іс"
    assert stem("ісі") == "ісі"  # іс + і would leave two letters: kept whole
