"""Picking the field of a record that matches the active language (name_kk / name_ru / name_en)."""

from __future__ import annotations

from typing import Any

from django.utils import translation

LANGUAGE_CODES = ("kk", "ru", "en")


def active_language() -> str:
    code = (translation.get_language() or "kk").split("-")[0]
    return code if code in LANGUAGE_CODES else "kk"


def localized(obj: Any, field: str, language: str | None = None) -> str:
    """``obj.<field>_<lang>``, falling back to Russian, then Kazakh, then English."""
    lang = language or active_language()
    for code in (lang, "ru", "kk", "en"):
        value = getattr(obj, f"{field}_{code}", "")
        if value:
            return str(value)
    return ""
