"""Duplicates and related reports: earlier cases likely about the same matter.

At registration, before its transaction (`prepare`), the appeal's tokens are signed
(`senim.triage.signatures`), the earlier appeals sharing a band of the signature or a person
named are read with a few indexed queries, and each candidate's similarity is estimated from
its stored signature; inside the transaction (`on_registered`, writes only) the likely
matches become `Suggestion` rows, and the appeal's signature, bands and name keys are written
for the reports that come after it.

**Likely the same matter** (`likely_same`) is one of:
- near-identical texts: similarity >= `NEAR`;
- similar texts (>= `SIMILAR`) about the same court, or naming the same person.
The same person named in the same court in dissimilar words is a pattern, not a duplicate:
the hotspots find it (`senim.triage.hotspots`).
The thresholds were chosen on the labelled set in tests/triage_eval.py (paraphrases, Kazakh,
Russian and English translations, true non-duplicates about the same court and in the same
words), which `make bench` prints and a test asserts.

**The lookup stays indexed at any size**: one query of `BANDS` (+ one per person named)
sub-selects, each a range of the (key, registered_at) index cut at `PER_KEY` newest rows,
grouped, joined to the candidates' signatures and cases by primary key. A band shared by
thousands of reports (a form letter) costs `PER_KEY` rows, not thousands.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.conf import settings
from django.db import connection
from django.utils import timezone

from senim.cases.models import Case
from senim.core import clock
from senim.triage import signatures
from senim.triage.models import AppealSignature, NamedPerson, SignatureBand, Suggestion

NEAR = 0.42
SIMILAR = 0.25
PER_KEY = 12
MAX_CANDIDATES = 40
MAX_SUGGESTIONS = 10


@dataclass(frozen=True)
class Match:
    case_id: int
    similarity: float
    same_court: bool
    same_person: bool
    days_apart: int


def likely_same(similarity: float, *, same_court: bool, same_person: bool) -> bool:
    if similarity >= NEAR:
        return True
    return similarity >= SIMILAR and (same_court or same_person)


@dataclass(frozen=True)
class Signed:
    signature: np.ndarray
    bands: list[int]
    people: list[str]


def sign(*, subject: str, text: str, names: list[str]) -> Signed:
    found = signatures.tokens([subject, text], names)
    signature = signatures.minhash(found)
    people = sorted({key for key in (signatures.name_key(name) for name in names) if key})
    return Signed(signature, signatures.band_keys(signature), people)


@dataclass(frozen=True)
class Candidate:
    appeal_id: int
    case_id: int | None
    minhash: bytes
    court_id: int
    registered_at: dt.datetime
    same_person: bool


def candidates(
    signed: Signed, since: dt.datetime, *, exclude_appeal: int | None = None
) -> list[Candidate]:
    """Earlier appeals sharing a band or a person named, with their signatures and cases: one
    query. Each band's and person's sub-select reads the newest `PER_KEY` rows of its key; the
    `MAX_CANDIDATES` appeals sharing most bands (a person named first) are kept."""
    quote = connection.ops.quote_name
    band_table = quote(SignatureBand._meta.db_table)
    person_table = quote(NamedPerson._meta.db_table)
    signature_table = quote(AppealSignature._meta.db_table)
    case_table = quote(Case._meta.db_table)
    params: list[Any]
    if connection.vendor == "postgresql":
        # One sub-select per key by LATERAL over the keys' array: a query planned once,
        # whatever the number of bands (32 sub-selects in a UNION took longer to plan than
        # to run).
        newest = (
            "SELECT appeal_id FROM {table} WHERE {key} = q.key AND registered_at >= %s "  # noqa: S608
            f"ORDER BY registered_at DESC LIMIT {PER_KEY}"
        )
        shared = (
            "SELECT x.appeal_id, 0 AS kind FROM unnest(%s::bigint[]) AS q(key) "  # noqa: S608
            f"CROSS JOIN LATERAL ({newest.format(table=band_table, key=quote('key'))}) x "
            "UNION ALL SELECT x.appeal_id, 1 AS kind FROM unnest(%s::varchar[]) AS q(key) "
            f"CROSS JOIN LATERAL ({newest.format(table=person_table, key=quote('key'))}) x"
        )
        params = [signed.bands, since, signed.people, since]
    else:
        newest = (
            "SELECT appeal_id FROM %s "  # noqa: S608
            f"WHERE {quote('key')} = %%s AND registered_at >= %%s "
            f"ORDER BY registered_at DESC LIMIT {PER_KEY}"
        )
        parts: list[str] = []
        params = []
        for i, key in enumerate(signed.bands):
            parts.append(f"SELECT appeal_id, 0 AS kind FROM ({newest % band_table}) b{i}")  # noqa: S608
            params += [key, since]
        for i, person in enumerate(signed.people):
            parts.append(f"SELECT appeal_id, 1 AS kind FROM ({newest % person_table}) p{i}")  # noqa: S608
            params += [person, since]
        shared = " UNION ALL ".join(parts)
    # Only table and column names are formatted in; every value is a parameter.
    query = (
        "SELECT s.appeal_id, k.id, s.minhash, s.court_id, s.registered_at, c.person "  # noqa: S608
        "FROM (SELECT appeal_id, MAX(kind) AS person, COUNT(*) AS shared "
        f"FROM ({shared}) u GROUP BY appeal_id "
        f"ORDER BY MAX(kind) DESC, COUNT(*) DESC LIMIT {MAX_CANDIDATES}) c "
        f"JOIN {signature_table} s ON s.appeal_id = c.appeal_id "
        f"LEFT JOIN {case_table} k ON k.appeal_id = c.appeal_id"
    )
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        rows = cursor.fetchall()
    return [
        Candidate(appeal_id, case_id, bytes(stored), court_id, registered_at, bool(person))
        for appeal_id, case_id, stored, court_id, registered_at, person in rows
        if appeal_id != exclude_appeal
    ]


def find(
    signed: Signed, *, court_id: int, at: dt.datetime, exclude_appeal: int | None = None
) -> list[Match]:
    """The earlier cases likely about the same matter, most similar first."""
    since = at - dt.timedelta(days=settings.SENIM_TRIAGE_WINDOW_DAYS)
    matches = []
    for found in candidates(signed, since, exclude_appeal=exclude_appeal):
        if found.case_id is None:
            continue
        score = signatures.similarity(signed.signature, signatures.from_bytes(found.minhash))
        same_court = found.court_id == court_id
        if likely_same(score, same_court=same_court, same_person=found.same_person):
            registered_at = found.registered_at
            if isinstance(registered_at, str):  # SQLite's raw cursor gives text
                registered_at = dt.datetime.fromisoformat(registered_at)
            if timezone.is_naive(registered_at):
                registered_at = timezone.make_aware(registered_at, dt.UTC)
            matches.append(
                Match(
                    case_id=found.case_id,
                    similarity=score,
                    same_court=same_court,
                    same_person=found.same_person,
                    days_apart=abs((at - registered_at).days),
                )
            )
    matches.sort(key=lambda m: (-m.similarity, -int(m.same_person), m.days_apart))
    return matches[:MAX_SUGGESTIONS]


def store(signed: Signed, *, appeal_id: int, court_id: int, at: dt.datetime) -> None:
    """The appeal's signature, bands and name keys, for the reports that come after it."""
    AppealSignature.objects.create(
        appeal_id=appeal_id,
        minhash=signatures.to_bytes(signed.signature),
        registered_at=at,
        court_id=court_id,
    )
    SignatureBand.objects.bulk_create(
        SignatureBand(appeal_id=appeal_id, key=key, registered_at=at)
        for key in dict.fromkeys(signed.bands)
    )
    if signed.people:
        NamedPerson.objects.bulk_create(
            NamedPerson(appeal_id=appeal_id, key=key, registered_at=at) for key in signed.people
        )


@dataclass(frozen=True)
class Prepared:
    """What a registration's transaction will write: the new report's signature, the matches."""

    signed: Signed
    matches: list[Match]


def prepare(
    *, subject: str, text: str, names: list[str], court_id: int, at: dt.datetime
) -> Prepared:
    """Before the registration's transaction (the reads and the hashing): sign the new report
    (`names`: the people it names) and find the earlier cases it may repeat."""
    signed = sign(subject=subject, text=text, names=names)
    return Prepared(signed, find(signed, court_id=court_id, at=at))


def on_registered(case: Case, prepared: Prepared) -> list[Suggestion]:
    """Inside the registration's transaction, writes only: store the new appeal's signature and
    suggest the earlier cases it may repeat."""
    appeal = case.appeal
    store(prepared.signed, appeal_id=appeal.pk, court_id=appeal.court_id, at=appeal.registered_at)
    now = clock.now()
    return Suggestion.objects.bulk_create(
        Suggestion(
            case=case,
            earlier_id=match.case_id,
            similarity=round(match.similarity, 3),
            same_court=match.same_court,
            same_person=match.same_person,
            days_apart=match.days_apart,
            created_at=now,
        )
        for match in prepared.matches
        if match.case_id != case.pk
    )
