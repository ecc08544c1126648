"""A small suffix-stripping stemmer for Kazakh (Cyrillic script), for search only.

Why our own: Snowball has no Kazakh stemmer; the one Kazakh analyser on PyPI we found (kazstem
0.2, alpha, GPL-3.0, a finite-state analyser with resources of its own) is far more than search
needs and its licence does not fit. Search needs only that the inflected forms of one word end
on one key, the same at indexing and at query time; the key need not be a dictionary lemma.

Kazakh is agglutinative: a noun is root + (derivation) + plural + possessive + case, a verb form
root + tense/participle + person. The rules, applied to a lower-cased word:

1. Up to ``MAX_STRIPS`` times, remove the longest suffix of ``SUFFIXES`` the word ends with,
   provided what remains has at least ``MIN_STEM`` letters and a vowel. The list holds, for
   each slot, every variant vowel harmony and consonant assimilation produce:
   - case endings: genitive -ның/-нің/-дың/-дің/-тың/-тің; dative -ға/-ге/-қа/-ке/-на/-не;
     accusative -ны/-ні/-ды/-ді/-ты/-ті/-н (after a vowel); locative -да/-де/-та/-те/-нда/-нде;
     ablative -дан/-ден/-тан/-тен/-нан/-нен/-ндан/-нден; instrumental -мен/-бен/-пен/-менен;
     the attributive locative -дағы/-дегі/-тағы/-тегі/-ндағы/-ндегі;
   - possessive: -ым/-ім, -ың/-ің, -ымыз/-іміз/-мыз/-міз, -ыңыз/-іңіз/-ңыз/-ңіз, -сы/-сі,
     -ы/-і (the third person);
   - plural: -лар/-лер/-дар/-дер/-тар/-тер;
   - the abstract-noun derivation -лық/-лік/-дық/-дік/-тық/-тік (парақорлық -> парақор, so
     "bribery" meets "bribe-taker");
   - verb forms common in reports: past participle -ған/-ген/-қан/-кен, past -ды/-ді/-ты/-ті
     (the same letters as the accusative), converb -ып/-іп, verbal noun -у.
2. Finally a word-final vowel is removed when at least ``MIN_STEM`` letters remain: the dative
   -а/-е and the third-person -ы/-і cannot be told from a stem's own last vowel (пара "bribe",
   пара+ға, пара+сы), so every form of a vowel-final word ends on the stem without it (пар).
3. A final б, ғ, г becomes п, қ, к: a voiceless stem-final consonant is voiced before a vowel
   suffix (талап, талабы; кітап, кітабы), so the stripped form is brought back to the bare one.

Two-letter roots are left alone (іс "case": іс, ісі, іске do not meet): cutting to two letters
would join far more words than it finds. Over-stemming is accepted where it only joins a few
unrelated words (a search shows a few more cases); under-stemming is what made a search find
nothing. The word list in tests/test_kazakh_stem.py pins the behaviour.
"""

from __future__ import annotations

from functools import lru_cache

MIN_STEM = 3
MAX_STRIPS = 4
VOWELS = frozenset("аәеиоөұүуыіэюяё")
_DEVOICE = {"б": "п", "ғ": "қ", "г": "к"}

_CASE = (
    "ның нің дың дің тың тің "
    "ға ге қа ке на не "
    "ны ні ды ді ты ті н "
    "да де та те нда нде "
    "дан ден тан тен нан нен ндан нден "
    "мен бен пен менен "
    "дағы дегі тағы тегі ндағы ндегі"
)
_POSSESSIVE = "ым ім ың ің ымыз іміз мыз міз ыңыз іңіз ңыз ңіз сы сі ы і"
_PLURAL = "лар лер дар дер тар тер"
_DERIVATION = "лық лік дық дік тық тік"
_VERB = "ған ген қан кен ып іп у"

# Longest first, so -ның is tried before -ы and -ндағы before -да.
SUFFIXES: tuple[str, ...] = tuple(
    sorted(
        set(" ".join((_CASE, _POSSESSIVE, _PLURAL, _DERIVATION, _VERB)).split()),
        key=lambda s: (-len(s), s),
    )
)


def _stem_ok(stem: str) -> bool:
    return len(stem) >= MIN_STEM and any(ch in VOWELS for ch in stem)


def _strip_once(word: str) -> str | None:
    for suffix in SUFFIXES:
        if word.endswith(suffix):
            stem = word[: -len(suffix)]
            if not _stem_ok(stem):
                continue
            # A bare -н is the accusative after a possessive vowel only (ақшасын, сотын).
            if suffix == "н" and stem[-1] not in VOWELS:
                continue
            return stem
    return None


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The search key of a lower-case Kazakh word (see the module's rules)."""
    word = word.lower()
    for _ in range(MAX_STRIPS):
        shorter = _strip_once(word)
        if shorter is None:
            break
        word = shorter
    if word and word[-1] in VOWELS and _stem_ok(word[:-1]):
        word = word[:-1]
    if word and word[-1] in _DEVOICE:
        word = word[:-1] + _DEVOICE[word[-1]]
    return word
