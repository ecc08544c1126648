"""Triage (issue 16): duplicate detection's quality on the labelled set, the duplicate lookup a
registration adds, and the hotspot sweep step, on the generated cases.

The issue's targets: precision >= 0.9 at recall >= 0.8 on the labelled set; the lookup adds
< 20 ms p95 to a registration at 1M cases; hotspots over 1M cases in < 10 s.

The generator writes appeals with COPY, so no registration signed them: `signatures_fill`
does it once (not timed), as registration would have: each appeal's own signature (its text
from the demo's pool, with its own number, sum and surname, so that signatures differ as real
reports do while the pool's common words still collide in the bands), its bands, and for 3 in
10 appeals a person named, drawn from 5,000 surnames (the keyed hash only). A database already
filled is reused.

The lookup row times what `senim.triage.duplicates.on_registered` does for a new report (sign,
find the earlier matches, store the signature and bands, write the suggestions) in the bench
process through Django, each in a transaction rolled back, for reports made from a random
earlier appeal's text (a repeat: the worst case, with matches to read) or from a fresh text.
The hotspot rows run `hotspots_detect()` over a 30-day and a 365-day window with thresholds no
subject reaches (the counting over every case of the window), then over 30 days with the
settings' default thresholds (counting, and raising each alert with its notices and audit
entry), each in a transaction rolled back.

Wall times on a shared machine include waiting for a CPU: the lookup row also gives the
process's own CPU time per lookup (Python, and the driver) beside the wall time.
"""

from __future__ import annotations

import random
import time
from collections.abc import Sequence

import psycopg

from bench.report import Row, percentile
from bench.scenarios import Context

LOOKUP_TARGET_MS = 20.0
HOTSPOT_TARGET_S = 10.0
EVAL_LABEL = "triage: duplicate detection on the labelled set"
LOOKUP_LABEL = "triage: duplicate lookup at registration (in process)"
HOTSPOT_LABEL = "triage: hotspot step, {days}-day window, {how}"
_PEOPLE_SHARE = 0.3
_SURNAMES = 5000
_BATCH = 20_000


def _surname(i: int) -> str:
    stems = ["Жаксылык", "Омар", "Серик", "Нурлан", "Бекмухан", "Ахмет", "Касым", "Жумабай"]
    return f"{stems[i % len(stems)]}{i}ов {chr(0x410 + i % 28)}."


def signatures_fill(url: str) -> tuple[int, float]:
    """Sign every appeal not signed yet; (appeals signed now, seconds)."""
    from senim.triage import duplicates, signatures

    began = time.perf_counter()
    rnd = random.Random(16)
    done = 0
    with psycopg.connect(url) as conn:
        last = conn.execute("SELECT coalesce(max(appeal_id), 0) FROM triage_appealsignature")
        after = last.fetchone()[0]  # type: ignore[index]
        while True:
            rows = conn.execute(
                "SELECT id, number, subject, text, registered_at, court_id FROM intake_appeal "
                "WHERE id > %s ORDER BY id LIMIT %s",
                (after, _BATCH),
            ).fetchall()
            if not rows:
                break
            with conn.cursor() as cur:
                sigs: list[tuple[object, ...]] = []
                bands: list[tuple[object, ...]] = []
                people: list[tuple[object, ...]] = []
                for appeal_id, number, subject, text, at, court_id in rows:
                    named = (
                        [_surname(rnd.randrange(_SURNAMES))] if rnd.random() < _PEOPLE_SHARE else []
                    )
                    extra = f"{number} {rnd.randrange(10, 999)} 000 {named[0] if named else ''}"
                    signed = duplicates.sign(subject=subject, text=f"{text} {extra}", names=named)
                    sigs.append((appeal_id, signatures.to_bytes(signed.signature), at, court_id))
                    bands += [(appeal_id, key, at) for key in dict.fromkeys(signed.bands)]
                    people += [(appeal_id, key, at) for key in signed.people]
                with cur.copy(
                    "COPY triage_appealsignature (appeal_id, minhash, registered_at, court_id) "
                    "FROM STDIN"
                ) as copy:
                    for row in sigs:
                        copy.write_row(row)
                with cur.copy(
                    'COPY triage_signatureband (appeal_id, "key", registered_at) FROM STDIN'
                ) as copy:
                    for row in bands:
                        copy.write_row(row)
                with cur.copy(
                    'COPY triage_namedperson (appeal_id, "key", registered_at) FROM STDIN'
                ) as copy:
                    for row in people:
                        copy.write_row(row)
            conn.commit()
            done += len(rows)
            after = rows[-1][0]
            print(f"    triage: {done:,} appeals signed", flush=True)
    if done:
        with psycopg.connect(url, autocommit=True) as conn:
            for table in ("triage_appealsignature", "triage_signatureband", "triage_namedperson"):
                conn.execute(f"VACUUM (ANALYZE) {table}")
    return done, time.perf_counter() - began


def duplicates_eval(ctx: Context) -> Row:
    """Precision and recall on tests/triage_eval.py (no database)."""
    from tests import triage_eval

    began = time.perf_counter()
    scores = triage_eval.evaluate()
    seconds = time.perf_counter() - began
    met = scores.precision >= 0.9 and scores.recall >= 0.8
    return Row(
        scenario=EVAL_LABEL,
        clients=1,
        latencies_ms=[seconds * 1000],
        errors=0 if met else 1,
        elapsed_s=seconds,
        notes=[triage_eval.report()],
    )


def duplicate_lookup(ctx: Context) -> Row:
    from django.db import transaction

    from senim.cases.models import Case
    from senim.triage import duplicates
    from senim.triage.models import Suggestion

    filled, fill_seconds = signatures_fill(ctx.database_url)
    rnd = random.Random(20)
    top = Case.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    samples = ctx.requests
    latencies: list[float] = []
    cpu: list[float] = []
    found = 0
    began = time.perf_counter()
    for i in range(samples):
        # A case whose appeal stands in for the new one: its text (repeated, or made fresh).
        case = (
            Case.objects.select_related("appeal")
            .filter(pk__gte=rnd.randint(1, top))
            .order_by("pk")
            .first()
        )
        if case is None:
            continue
        appeal = case.appeal
        text = appeal.text if i % 2 == 0 else f"{appeal.text} {rnd.random()} {i} конверт"
        with transaction.atomic():
            start = time.perf_counter()
            start_cpu = time.process_time()
            signed = duplicates.sign(subject=appeal.subject, text=text, names=[])
            matches = duplicates.find(
                signed, court_id=appeal.court_id, at=appeal.registered_at, exclude_appeal=appeal.pk
            )
            # Stored under an id no appeal has: the foreign keys are checked at commit, and
            # the transaction is rolled back.
            duplicates.store(
                signed, appeal_id=-(i + 1), court_id=appeal.court_id, at=appeal.registered_at
            )
            # The stand-in case may hold suggestions already (the portal's submissions of an
            # earlier run on this database were matched at registration): a pair it has is
            # skipped, as the new case's insert would never meet one.
            Suggestion.objects.bulk_create(
                (
                    Suggestion(
                        case=case, earlier_id=m.case_id, similarity=m.similarity,
                        created_at=appeal.registered_at,
                    )
                    for m in matches
                    if m.case_id != case.pk
                ),
                ignore_conflicts=True,
            )  # fmt: skip
            latencies.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
            found += bool(matches)
            transaction.set_rollback(True)
    return Row(
        scenario=LOOKUP_LABEL,
        clients=1,
        latencies_ms=latencies,
        errors=0,
        elapsed_s=time.perf_counter() - began,
        notes=[
            f"{len(latencies)} lookups (half a repeated earlier text, half fresh); "
            f"{found} found earlier matches",
            f"the bench process's CPU per lookup: p50 {percentile(cpu, 50):.1f} ms, "
            f"p95 {percentile(cpu, 95):.1f} ms (the rest of the wall time is the database and "
            "waiting for a CPU)",
            f"signatures filled for {filled:,} appeals in {fill_seconds:.0f} s before the run"
            if filled
            else "signatures filled earlier",
        ],
    )


def _hotspots(ctx: Context, days: int, threshold: float | None) -> Row:
    """`hotspots_detect()` over a window: with thresholds above every count (the counting, no
    alert), or with the settings' default thresholds (counting and raising the alerts)."""
    from django.db import transaction

    from senim.triage.hotspots import hotspots_detect, thresholds
    from senim.triage.models import HotspotThreshold

    signatures_fill(ctx.database_url)
    latencies = []
    raised = 0
    for _ in range(3):
        with transaction.atomic():
            for scope, rule in thresholds().items():
                HotspotThreshold.objects.update_or_create(
                    scope=scope,
                    defaults={
                        "threshold": rule.threshold if threshold is None else threshold,
                        "window_days": days,
                    },
                )
            start = time.perf_counter()
            raised = hotspots_detect()
            latencies.append((time.perf_counter() - start) * 1000)
            transaction.set_rollback(True)
    how = "the default thresholds" if threshold is None else "no subject above its threshold"
    return Row(
        scenario=HOTSPOT_LABEL.format(days=days, how=how),
        clients=1,
        latencies_ms=latencies,
        errors=0,
        elapsed_s=sum(latencies) / 1000,
        notes=[f"3 runs, each rolled back; {raised} alerts raised in each"],
    )


def hotspots_30_days(ctx: Context) -> Row:
    return _hotspots(ctx, 30, 1e9)


def hotspots_365_days(ctx: Context) -> Row:
    return _hotspots(ctx, 365, 1e9)


def hotspots_30_days_alerts(ctx: Context) -> Row:
    return _hotspots(ctx, 30, None)


def summary(rows: Sequence[Row]) -> list[str]:
    lines = []
    for row in rows:
        if row.scenario == EVAL_LABEL:
            lines.append(f"target precision >= 0.9 at recall >= 0.8: {row.notes[0]}")
        elif row.scenario == LOOKUP_LABEL:
            p95 = percentile(row.latencies_ms, 95)
            met = "met" if p95 < LOOKUP_TARGET_MS else "NOT MET"
            lines.append(f"target duplicate lookup p95 < 20 ms: {met} ({p95:.1f} ms)")
        elif row.scenario.startswith("triage: hotspot"):
            worst = max(row.latencies_ms) / 1000
            met = "met" if worst < HOTSPOT_TARGET_S else "NOT MET"
            lines.append(f"target hotspots < 10 s: {row.scenario}: {met} ({worst:.2f} s)")
    return lines
