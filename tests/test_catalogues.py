"""The kk, ru and en catalogues are complete, compiled, and cover every string in the code."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "senim" / "locale"
LANGUAGES = ["kk", "ru", "en"]


def _catalogue(language: str) -> polib.POFile:
    return polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_entry_is_translated(language: str) -> None:
    catalogue = _catalogue(language)
    assert len(catalogue) > 100
    missing = [e.msgid for e in catalogue if not e.translated() or "fuzzy" in e.flags]
    assert missing == []


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_no_english_is_left_in_kazakh_and_russian(language: str) -> None:
    # A translation equal to its English source is English left behind, except names.
    allowed = {
        "Senim",
        "GRECO",
        "English",
        "e-Otinish",
        "ISO 3166-2",
        "IIN",
        "PDF",
        "XLSX",
        "CSV",
        "API",
    }
    same = [
        e.msgid
        for e in _catalogue(language)
        if e.msgstr == e.msgid and e.msgid not in allowed and any(c.isalpha() for c in e.msgid)
    ]
    assert same == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalogue_matches_its_source(language: str, tmp_path: Path) -> None:
    compiled = LOCALE / language / "LC_MESSAGES" / "django.mo"
    fresh = tmp_path / "django.mo"
    _catalogue(language).save_as_mofile(str(fresh))
    assert compiled.read_bytes() == fresh.read_bytes(), "run `make messages`"


def test_catalogues_cover_every_string_in_the_code(tmp_path: Path) -> None:
    assert shutil.which("xgettext"), "GNU gettext is needed (make test installs it)"
    copy = tmp_path / "senim"
    shutil.copytree(
        ROOT / "senim", copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo", "*.po")
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "senim.settings"}
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "en", "--no-location"],
        cwd=copy,
        env=env,
        check=True,
        capture_output=True,
    )
    extracted = polib.pofile(str(copy / "locale" / "en" / "LC_MESSAGES" / "django.po"))
    wanted = {(e.msgctxt, e.msgid) for e in extracted}
    have = {(e.msgctxt, e.msgid) for e in _catalogue("en") if not e.obsolete}
    assert sorted(wanted - have, key=str) == [], "run `make messages` and translate"
