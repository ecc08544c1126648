"""What triage compares: an appeal's words as a set of language-neutral tokens, its MinHash
signature and LSH bands, and keyed hashes of the people it names.

**Tokens.** Reports of one matter arrive in Kazakh, Russian or English, paraphrased. Each word
is reduced the way search reduces it (`senim.core.wordforms`: Snowball for Russian and English,
`senim.core.kazakh_stem` for Kazakh), then:
- a word of the domain's lexicon (`senim.triage.lexicon`: bribe, judge, envelope... in the
  three languages) becomes its concept, so «взятку», «пара» and «bribe» are one token;
- any other word becomes its stem written in Latin letters and cut to `_SKELETON` letters, so
  a name inflected in Russian or Kazakh and spelt in English («Жақсылықовқа», «Жаксылыкову»,
  «Zhaksylykov») is one token;
- a number of two digits or more stays as written (thousands' spaces removed: «500 000»);
- function words (`lexicon.STOPWORDS`) are left out, they join unrelated reports.
Numbers and the people's surnames are what tell two reports of the same kind apart, so they
count twice (a second token each).

**Signature.** MinHash over the token set (`datasketch`, `NUM_PERM` permutations, a fixed
seed: the permutations are part of the stored data), cut into `BANDS` bands of `ROWS` values;
two appeals sharing any band's key are candidates. With 32 bands of 2 rows, two texts of
similarity 0.3 share a band with probability 0.95, of 0.5 with 0.9999.

**People.** A name is normalised (case, Kazakh letters folded, Latin letters, surname and first
initial) and kept only as an HMAC under `SENIM_TRIAGE_NAME_KEY`: the appeal's own record keeps
the only plaintext.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Iterable
from functools import lru_cache

import numpy as np
from datasketch import MinHash  # type: ignore[import-untyped]
from django.conf import settings

from senim.core import wordforms
from senim.triage import lexicon

NUM_PERM = 64
BANDS = 32
ROWS = NUM_PERM // BANDS
_SEED = 20261207
_SKELETON = 6
_MASK63 = (1 << 63) - 1

_SCHEME = "affine32"
_PERMUTATIONS = MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=_SCHEME).permutations
_KAZAKH_LETTERS = re.compile("[әғқңөұүһі]")
_THOUSANDS = re.compile(r"(?<=\d)[\s\u00a0.](?=\d{3}\b)")

_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
    "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch",
    "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    "ә": "a", "ғ": "g", "қ": "k", "ң": "n", "ө": "o", "ұ": "u", "ү": "u", "һ": "h",
    "і": "i", "q": "k", "w": "v", "x": "ks",
}  # fmt: skip
_TO_LATIN = str.maketrans(_LATIN)


def latin(word: str) -> str:
    """A word in Latin letters, spelt as Kazakh and Russian names are in English."""
    return word.translate(_TO_LATIN)


@lru_cache(maxsize=200_000)
def _word_token(word: str) -> str | None:
    if word.isdigit():
        return f"#{word}" if len(word) >= 2 else None
    if len(word) < 3 or word in lexicon.STOPWORDS:
        return None
    concept = lexicon.concept_of(word)
    if concept is not None:
        return f"c:{concept}"
    forms = wordforms.stems(word)
    # A word with Kazakh letters is reduced by the Kazakh stemmer (the second form).
    stem = forms[1] if len(forms) > 1 and _KAZAKH_LETTERS.search(word) else forms[0]
    return latin(stem)[:_SKELETON]


def tokens(texts: Iterable[str], names: Iterable[str] = ()) -> set[str]:
    """The token set of an appeal's texts (subject, text) and of the names it gives."""
    found: set[str] = set()
    for text in texts:
        for word in wordforms.words(_THOUSANDS.sub("", text or "")):
            token = _word_token(word)
            if token is not None:
                found.add(token)
                if token[0] == "#" and len(token) > 3:
                    found.add(f"{token}'")  # distinctive: counts twice
    for name in names:
        surname = _surname(name)
        if surname:
            found.add(latin(surname)[:_SKELETON])
            found.add(f"p:{latin(surname)[:_SKELETON]}")
    return found


def minhash(found: set[str]) -> np.ndarray:
    """The signature: NUM_PERM unsigned 32-bit values."""
    sketch = MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=_SCHEME, permutations=_PERMUTATIONS)
    if found:
        sketch.update_batch([token.encode() for token in sorted(found)])
    return np.asarray(sketch.hashvalues, dtype=np.uint64).astype(np.uint32)


def to_bytes(signature: np.ndarray) -> bytes:
    return signature.astype("<u4").tobytes()


def from_bytes(stored: bytes | memoryview) -> np.ndarray:
    return np.frombuffer(bytes(stored), dtype="<u4")


def similarity(one: np.ndarray, other: np.ndarray) -> float:
    """The estimated Jaccard similarity of two token sets: the share of equal values."""
    return float(np.count_nonzero(one == other)) / NUM_PERM


def band_keys(signature: np.ndarray) -> list[int]:
    """One 63-bit key per band: a hash of the band's number and values."""
    raw = signature.astype("<u4").tobytes()
    width = ROWS * 4
    keys = []
    for band in range(BANDS):
        digest = hashlib.blake2b(
            bytes([band]) + raw[band * width : (band + 1) * width], digest_size=8
        ).digest()
        keys.append(int.from_bytes(digest, "little") & _MASK63)
    return keys


def _surname(name: str) -> str:
    parts = wordforms.words(name)
    return parts[0] if parts else ""


def name_normal(name: str) -> str:
    """A person's name as compared: the surname and the first initial in Latin letters, so
    «Жақсылықов Е.Б.», «Жаксылыков Ерлан» and «Zhaksylykov Erlan» are one person."""
    parts = [latin(part.translate(_FOLD)) for part in wordforms.words(name)]
    if not parts:
        return ""
    initial = parts[1][:1] if len(parts) > 1 else ""
    return f"{parts[0]} {initial}".strip()


_FOLD = str.maketrans("әғқңөұүһі", "агкноуухи")


def name_key(name: str) -> str:
    """The keyed hash of a normalised name (never the name): '' for an empty one."""
    normal = name_normal(name)
    if not normal:
        return ""
    secret = settings.SENIM_TRIAGE_NAME_KEY.encode()
    return hmac.new(secret, normal.encode(), hashlib.sha256).hexdigest()[:32]
