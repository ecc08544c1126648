"""Report texts for generated appeals when `senim.demo.texts` is missing or incomplete.

The demo texts module is the preferred source (real-looking reports in three languages). These
stand-ins only keep the row widths realistic: a few hundred characters of body per appeal, as
the demo texts have, so that table and index sizes, and therefore timings, are comparable.
"""

from __future__ import annotations

import importlib
import sys
import types
import warnings
from typing import Any

CATEGORIES = (
    "bribery",
    "abuse",
    "conflict",
    "procedure",
    "ethics",
    "red_tape",
    "retaliation",
    "other",
)
LANGUAGES = ("kk", "ru", "en")

Reports = dict[str, dict[str, list[tuple[str, str]]]]

_SUBJECTS = {
    "kk": "Сот қызметкерінің әрекеті туралы хабарлама ({category}), №{n}",
    "ru": "Сообщение о действиях работника суда ({category}), №{n}",
    "en": "Report about the conduct of a court employee ({category}), no. {n}",
}
_SENTENCES = {
    "kk": (
        "Сот ғимаратында маған қызметкер жүгінді. "
        "Ол істі тездету үшін ақы сұрады. "
        "Бұл оқиға бірнеше рет қайталанды, куәлар бар. "
        "Тексеруді және нәтижесі туралы хабарлауды сұраймын. "
    ),
    "ru": (
        "В здании суда ко мне обратился работник канцелярии. "
        "Он предложил ускорить рассмотрение дела за вознаграждение. "
        "Это повторялось несколько раз, есть свидетели. "
        "Прошу провести проверку и сообщить о результатах. "
    ),
    "en": (
        "A member of the court registry approached me in the court building. "
        "He offered to speed up my case in exchange for a payment. "
        "This happened several times and there are witnesses. "
        "I ask for an inquiry and to be told of its outcome. "
    ),
}


def fallback_reports() -> Reports:
    """Four (subject, body) pairs per category and language, of 1 to 4 paragraphs."""
    reports: Reports = {}
    for category in CATEGORIES:
        reports[category] = {}
        for language in LANGUAGES:
            reports[category][language] = [
                (
                    _SUBJECTS[language].format(category=category, n=n),
                    (_SENTENCES[language] * n).strip(),
                )
                for n in range(1, 5)
            ]
    return reports


def _valid_pairs(value: Any) -> list[tuple[str, str]]:
    """The usable (subject, body) pairs of one REPORTS entry; [] when it has none."""
    if not isinstance(value, list | tuple):
        return []
    pairs = []
    for item in value:
        if (
            isinstance(item, list | tuple)
            and len(item) == 2
            and all(isinstance(part, str) and part for part in item)
        ):
            pairs.append((item[0], item[1]))
    return pairs


def demo_reports() -> tuple[Reports, str]:
    """REPORTS from `senim.demo.texts`, gaps filled from the stand-ins, and where it came from.

    When the module cannot be imported at all, a stand-in module is registered under its name
    for this process only: `senim.demo.seed` imports it at module level, and the benchmark
    needs seed's account helpers and weights even while the texts are being written.
    """
    fallback = fallback_reports()
    try:
        module = importlib.import_module("senim.demo.texts")
    except (ImportError, SyntaxError) as problem:
        warnings.warn(
            f"senim.demo.texts unavailable ({problem.__class__.__name__}: {problem}); "
            "using short generated texts",
            stacklevel=2,
        )
        stub = types.ModuleType("senim.demo.texts")
        stub.REPORTS = fallback  # type: ignore[attr-defined]
        sys.modules["senim.demo.texts"] = stub
        return fallback, "generated stand-ins (senim.demo.texts missing)"

    source: Any = getattr(module, "REPORTS", None)
    merged: Reports = {}
    filled = 0
    for category in CATEGORIES:
        merged[category] = {}
        for language in LANGUAGES:
            entry = source.get(category, {}) if isinstance(source, dict) else {}
            pairs = _valid_pairs(entry.get(language) if isinstance(entry, dict) else None)
            if not pairs:
                pairs = fallback[category][language]
                filled += 1
            merged[category][language] = pairs
    total = len(CATEGORIES) * len(LANGUAGES)
    if filled == total:
        return merged, "generated stand-ins (senim.demo.texts has no usable REPORTS)"
    if filled:
        return merged, f"senim.demo.texts, {filled} of {total} category/language gaps filled"
    return merged, "senim.demo.texts"
