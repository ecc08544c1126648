"""Word forms for search: texts and queries reduced to stems, the same way on both databases.

A report may be written in Kazakh, Russian or English, often mixing them, and its language
field says only what the reporter chose. So each word is reduced under every language its
script allows: a Cyrillic word to its Russian Snowball stem and its Kazakh stem
(`senim.core.kazakh_stem`), a Latin word to its English Snowball stem; a number or code stays
as written. A text is stored as the space-separated, deduplicated stems of its words (the
appeal's `search_text`, indexed by PostgreSQL as `to_tsvector('simple', ...)` and by SQLite's
FTS5), and a query word matches a text holding any stem of the word: the Russian query
«вымогательства» and the text «Вымогательство» meet on «вымогательств», the Kazakh
«парақорлықты» and «Парақорлық» on «парақор». A word with the letters of Kazakh a Russian
keyboard lacks (ә ғ қ ң ө ұ ү һ і) is also stemmed as typed without them (а г к н о у у х и),
so a name typed on a Russian keyboard still finds its reports.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import snowballstemmer  # type: ignore[import-untyped]

from senim.core import kazakh_stem

_WORD = re.compile(r"\w+", re.UNICODE)
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[a-z]")
# Stemming a few letters only joins unrelated words; short words are kept whole.
_SHORTEST_STEMMED = 3

# The letters of Kazakh a Russian keyboard lacks, as people type them without it.
_KAZAKH_FOLD = str.maketrans("әғқңөұүһі", "агкноуухи")

_russian = snowballstemmer.stemmer("russian")
_english = snowballstemmer.stemmer("english")


def normalise(text: str) -> str:
    return text.casefold().replace("ё", "е")


def words(text: str) -> list[str]:
    """The words of a text, lower-cased, in order."""
    return _WORD.findall(normalise(text))


@lru_cache(maxsize=200_000)
def stems(word: str) -> tuple[str, ...]:
    """The stems of one normalised word under each language its script allows (deduplicated)."""
    if len(word) <= _SHORTEST_STEMMED or word.isdigit():
        return (word,)
    found: list[str] = []
    if _CYRILLIC.search(word):
        found = [_russian.stemWord(word), kazakh_stem.stem(word)]
        folded = word.translate(_KAZAKH_FOLD)
        if folded != word:  # as typed on a Russian keyboard: Жақсылықов as Жаксылыков
            found += [_russian.stemWord(folded), kazakh_stem.stem(folded)]
    elif _LATIN.search(word):
        found = [_english.stemWord(word)]
    else:
        found = [word]
    return tuple(dict.fromkeys(s for s in found if s))


def index_text(texts: Iterable[str]) -> str:
    """The stored search text: every stem of every word of the texts, once each."""
    seen: dict[str, None] = {}
    for text in texts:
        for word in words(text or ""):
            for stem in stems(word):
                seen.setdefault(stem)
    return " ".join(seen)
