"""Fill a PostgreSQL database with N appeals and their cases, fast.

``python -m bench.generate [--cases N] [--fresh]``

The schema, the court registry and the demo staff come from Senim itself (Django migrate,
`registry_load`, the demo account helpers), so the data always matches the current models.
The bulk rows are written with PostgreSQL's COPY through psycopg 3, in day-aligned chunks of
one transaction each: an interrupted run keeps its finished chunks and the next run tops the
database up from where it stopped. Nothing is dropped or disabled (indexes, foreign keys,
CHECK constraints all stay on), so the load also exercises what production would.

Distributions mirror `senim.demo.seed` (its weight tables are imported, not copied): the
appeals are spread over two years, oldest first, and a case's status follows its age.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from bench import DEFAULT_DATABASE_URL, PROJECT_DIR
from bench.fallback_texts import Reports, demo_reports
from senim.core import wordforms

DEFAULT_CASES = 1_000_000
SEED = 37002
SPAN_DAYS = 730
# Cases per transaction: large enough that COPY dominates, small enough that an interrupted
# run loses little and the progress line moves.
CHUNK_CASES = 100_000
# As in senim.demo.seed.seed(), where this table is local to the function.
LEVEL_WEIGHTS = {"supreme": 1, "cassation": 1, "regional": 6, "district": 10}
ANY_HOUR_CHANNELS = frozenset({"portal", "email"})
OTHER_KINDS = ("complaint", "suggestion", "request", "statement")
# Working days a case took to conclude, as in senim.demo.appeals._draw_case: 2 in 9 run late.
TOOK_WORKING_DAYS = (6, 9, 11, 13, 14, 15, 15, 17, 21)
DUE_WORKING_DAYS = 15
# Share of the cases that should have been decided by now but are still open: long overdue,
# the backlog the sweep escalates and the "overdue" filter shows (about 19,000 in 1,000,000).
STUCK_SHARE = 0.02
# Older than this (days), a decided case is closed 93 times in 100, else awaits its answer.
SETTLED_DAYS = 45
NULL = "\\N"
# COPY's text format: these four characters must be escaped inside a field.
_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
# "HH:MM:SS" for every second of a day, built once: formatting them per row costs more.
_TIMES = [f"{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}" for s in range(86_400)]

# The columns each line below writes, in order; other columns get their model default.
APPEAL_COLUMNS = (
    "id", "created_at", "updated_at", "number", "registered_at", "channel", "kind",
    "category", "language", "court_id", "is_anonymous", "anonymous_policy", "subject", "text",
    "received_by_id", "search_text",
)  # fmt: skip
CASE_COLUMNS = (
    "id", "created_at", "updated_at", "status", "category", "due_on", "original_due_on",
    "outcome", "concluded_at", "closed_at", "appeal_id", "assignee_id", "unit_id",
)  # fmt: skip


def database_url() -> str:
    return os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)


def database_url_named(url: str, suffix: str) -> str:
    """The URL of a sibling database: the same server, the database's name with `suffix`
    (senim_bench -> senim_bench_100k)."""
    parts = urlsplit(url)
    name = parts.path.lstrip("/") or "senim_bench"
    return urlunsplit(parts._replace(path=f"/{name}_{suffix}"))


def display_url(url: str) -> str:
    """The URL's parts without its password, for printing and for the results file."""
    parts = conninfo_to_dict(url)
    user = parts.get("user", "")
    host = parts.get("host", "")
    port = parts.get("port", "")
    return f"postgres://{user}@{host}:{port}/{parts.get('dbname', '')}"


def _dbname(url: str) -> str:
    name = conninfo_to_dict(url).get("dbname")
    if not name:
        raise SystemExit(f"bench: the database URL names no database: {display_url(url)}")
    return str(name)


def database_ensure(url: str, *, fresh: bool) -> bool:
    """Create the database when it is missing (drop it first with `fresh`); True if created."""
    name = _dbname(url)
    if fresh and "bench" not in name:
        # --fresh drops a whole database: only ever one that is plainly a benchmark's.
        raise SystemExit(f"bench: refusing to drop {name!r}: its name does not contain 'bench'")
    maintenance = make_conninfo(url, dbname="postgres")
    with psycopg.connect(maintenance, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and fresh:
            print(f"· dropping database {name}", flush=True)
            conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
            exists = None
        if exists:
            return False
        print(f"· creating database {name}", flush=True)
        # template0 + UTF8: a fresh cluster may default to SQL_ASCII, and the texts are not.
        conn.execute(
            sql.SQL("CREATE DATABASE {} ENCODING 'UTF8' TEMPLATE template0").format(
                sql.Identifier(name)
            )
        )
    return True


def django_setup(url: str) -> None:
    """Django in this process, on the benchmark database, in development mode.

    The environment must be set before settings are first read; a process whose Django is
    already set up on another database would silently write there, so that is refused.
    """
    os.environ["DATABASE_URL"] = url
    os.environ["SENIM_ENV"] = "development"
    os.environ["DJANGO_SETTINGS_MODULE"] = "senim.settings"
    import django
    from django.apps import apps

    if apps.ready:
        from django.conf import settings

        if settings.DATABASES["default"].get("NAME") != _dbname(url):
            raise RuntimeError("Django is already set up on another database in this process")
        return
    django.setup()


def prepare(url: str) -> tuple[Reports, str]:
    """Schema, cache table, court registry, demo staff and head-counts (all idempotent).

    Returns the appeal texts and where they come from (see `bench.fallback_texts`).
    """
    # Before anything imports senim.demo.seed, which imports the texts module at load time.
    reports, texts_source = demo_reports()
    django_setup(url)
    from django.conf import settings
    from django.core.management import call_command

    from senim.demo.seed import accounts_ensure, head_counts_ensure
    from senim.organization.services import registry_load

    print("· migrating", flush=True)
    call_command("migrate", interactive=False, verbosity=0)
    # The login throttle keeps its counters in Django's database cache.
    call_command("createcachetable", verbosity=0)
    registry_load()
    accounts_ensure(settings.SENIM_DEMO_PASSWORD)
    head_counts_ensure()
    return reports, texts_source


@dataclass(frozen=True)
class CourtRef:
    id: int
    level: str
    valid_from: dt.date | None
    valid_to: dt.date | None
    unit_id: int

    def active_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or self.valid_to >= day
        )


@dataclass(frozen=True)
class Reference:
    """What the generated rows point at, read once through the ORM."""

    today: dt.date
    courts: tuple[CourtRef, ...]
    investigators: Mapping[int, tuple[int, ...]]
    operator_id: int | None


def reference_load() -> Reference:
    from django.contrib.auth import get_user_model

    from senim.core import clock
    from senim.organization.models import Court, Role, StaffMember
    from senim.organization.selectors import unit_for_court

    courts = []
    for court in Court.objects.select_related("parent").order_by("code"):
        # Once per court, not per row: it queries its way up the court hierarchy.
        unit = unit_for_court(court)
        courts.append(CourtRef(court.pk, court.level, court.valid_from, court.valid_to, unit.pk))
    investigators: dict[int, list[int]] = {}
    members = StaffMember.objects.filter(role=Role.INVESTIGATOR).order_by("user_id")
    for unit_id, user_id in members.values_list("unit_id", "user_id"):
        investigators.setdefault(unit_id, []).append(user_id)
    operator = get_user_model().objects.filter(staff__role=Role.OPERATOR).order_by("pk").first()
    return Reference(
        today=clock.today(),
        courts=tuple(courts),
        investigators={unit: tuple(users) for unit, users in investigators.items()},
        operator_id=operator.pk if operator is not None else None,
    )


def _keys_and_cumulative(weights: Mapping[Any, int]) -> tuple[list[str], list[int]]:
    # TextChoices members are str subclasses; their .value is the plain string COPY wants.
    keys = [str(getattr(key, "value", key)) for key in weights]
    return keys, list(accumulate(weights.values()))


def _copy_text(value: Any) -> str:
    """A Python value as a field of COPY's text format."""
    if value is None:
        return NULL
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, dict | list):
        value = json.dumps(value)
    elif isinstance(value, dt.date):
        value = value.isoformat()
    return str(value).translate(_COPY_ESCAPES)


@dataclass(frozen=True)
class CopyLayout:
    """A COPY statement for one table: the columns we draw, then the ones left to defaults.

    The models grow while the generator does not: a new NOT NULL column has no database
    default under Django (defaults live in Python), so COPY must send the model's default
    for it, or every row would be refused. Nullable columns are simply left out.
    """

    statement: sql.Composed
    suffix: str  # tab-separated defaults, appended to every drawn line

    @classmethod
    def for_model(cls, model: Any, drawn: Sequence[str]) -> CopyLayout:
        extra: list[tuple[str, str]] = []
        for model_field in model._meta.concrete_fields:
            column = model_field.column
            if column in drawn or model_field.null or model_field.has_db_default():
                continue
            if not model_field.has_default() and not model_field.empty_strings_allowed:
                raise RuntimeError(
                    f"bench/generate.py cannot fill {model._meta.db_table}.{column} "
                    "(NOT NULL, no default): add it to the generated columns"
                )
            extra.append((column, _copy_text(model_field.get_default())))
        columns = [*drawn, *(column for column, _value in extra)]
        statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
            sql.Identifier(model._meta.db_table), sql.SQL(", ").join(map(sql.Identifier, columns))
        )
        return cls(
            statement=statement,
            suffix="".join(f"\t{value}" for _column, value in extra),
        )


class RowBuilder:
    """Turns appeal indices into COPY text lines for intake_appeal and cases_case.

    Appeal `i` of `total` falls on day ``today - (SPAN - SPAN*i // total)``, so indices map to
    days monotonically; one random generator per day run keeps the data reproducible for a
    given total whatever the chunking.
    """

    def __init__(
        self,
        reference: Reference,
        reports: Mapping[str, Mapping[str, Sequence[tuple[str, str]]]],
        *,
        total: int,
        next_appeal_id: int,
        next_case_id: int,
        counters: dict[int, int],
    ) -> None:
        from senim.cases.models import Case
        from senim.demo.seed import (
            CATEGORY_WEIGHTS,
            CHANNEL_WEIGHTS,
            LANGUAGE_WEIGHTS,
            OUTCOME_WEIGHTS,
        )
        from senim.intake.models import Appeal

        self.appeal_layout = CopyLayout.for_model(Appeal, APPEAL_COLUMNS)
        self.case_layout = CopyLayout.for_model(Case, CASE_COLUMNS)

        self.reference = reference
        self.total = total
        self.next_appeal_id = next_appeal_id
        self.next_case_id = next_case_id
        self.counters = counters
        self.channels = _keys_and_cumulative(CHANNEL_WEIGHTS)
        self.categories = _keys_and_cumulative(CATEGORY_WEIGHTS)
        self.languages = _keys_and_cumulative(LANGUAGE_WEIGHTS)
        self.outcomes = _keys_and_cumulative(OUTCOME_WEIGHTS)
        # Escaped (and stemmed for search, as Appeal.save does) once here rather than per row:
        # the texts repeat across a million rows.
        self.reports = {
            category: {
                language: [
                    (
                        s.translate(_COPY_ESCAPES),
                        b.translate(_COPY_ESCAPES),
                        wordforms.index_text([s, b]).translate(_COPY_ESCAPES),
                    )
                    for s, b in pairs
                ]
                for language, pairs in by_language.items()
            }
            for category, by_language in reports.items()
        }
        self.unit_of = {court.id: court.unit_id for court in reference.courts}
        self.investigators = {
            unit: [str(user) for user in users] for unit, users in reference.investigators.items()
        }
        self.operator = str(reference.operator_id) if reference.operator_id else NULL
        self.yesterday = reference.today - dt.timedelta(days=1)
        self._court_sets: dict[dt.date, tuple[list[int], list[int]]] = {}
        self._working_days: dict[tuple[dt.date, int], dt.date] = {}
        self._isoformats: dict[dt.date, str] = {}

    def days_ago(self, i: int) -> int:
        return SPAN_DAYS - (SPAN_DAYS * i) // self.total

    def day_end(self, i: int) -> int:
        """The first index after `i` that falls on a later day (or `total`)."""
        k = (SPAN_DAYS * i) // self.total
        return min(self.total, -(-(k + 1) * self.total // SPAN_DAYS))

    def _courts_on(self, day: dt.date) -> tuple[list[int], list[int]]:
        found = self._court_sets.get(day)
        if found is None:
            # A court reported on must exist that day: its name is looked up by date later.
            active = [c for c in self.reference.courts if c.active_on(day)]
            active = active or list(self.reference.courts)
            found = (
                [c.id for c in active],
                list(accumulate(LEVEL_WEIGHTS.get(c.level, 1) for c in active)),
            )
            self._court_sets[day] = found
        return found

    def _working_day(self, start: dt.date, days: int) -> dt.date:
        key = (start, days)
        found = self._working_days.get(key)
        if found is None:
            from senim.core.calendar import add_working_days

            found = self._working_days[key] = add_working_days(start, days)
        return found

    def _iso(self, day: dt.date) -> str:
        found = self._isoformats.get(day)
        if found is None:
            found = self._isoformats[day] = day.isoformat()
        return found

    def day_runs(self, start: int, stop: int) -> Iterator[tuple[str, str]]:
        """(appeal lines, case lines) for each day between appeal `start` and `stop`."""
        i = start
        while i < stop:
            end = min(stop, self.day_end(i))
            yield self._day(self.days_ago(i), i, end - i)
            i = end

    def _day(self, days_ago: int, first: int, count: int) -> tuple[str, str]:
        rng = random.Random(f"{SEED}:{self.total}:{first}")
        rnd = rng.random
        day = self.reference.today - dt.timedelta(days=days_ago)
        day_s = day.isoformat()
        year = day.year
        counter = self.counters.get(year, 0)
        due_s = self._working_day(day, DUE_WORKING_DAYS).isoformat()
        ch_keys, ch_cum = self.channels
        court_ids, court_cum = self._courts_on(day)

        # Drawn a day at a time: random.choices' own loop is far cheaper than a call per row.
        channels = rng.choices(ch_keys, cum_weights=ch_cum, k=count)
        categories = rng.choices(self.categories[0], cum_weights=self.categories[1], k=count)
        languages = rng.choices(self.languages[0], cum_weights=self.languages[1], k=count)
        outcomes = rng.choices(self.outcomes[0], cum_weights=self.outcomes[1], k=count)
        courts = rng.choices(court_ids, cum_weights=court_cum, k=count)
        # Walk-in channels register in office hours (09:00-17:59), the others around the clock.
        seconds = [
            rng.randrange(86_400) if ch in ANY_HOUR_CHANNELS else 32_400 + rng.randrange(32_400)
            for ch in channels
        ]
        # Registration numbers follow registration time within the day, as a counter would.
        order = sorted(range(count), key=seconds.__getitem__)

        appeal_suffix = self.appeal_layout.suffix
        case_suffix = self.case_layout.suffix
        appeal_lines: list[str] = []
        case_lines: list[str] = []
        appeal_id = self.next_appeal_id
        case_id = self.next_case_id
        for j in order:
            channel = channels[j]
            category = categories[j]
            time_s = _TIMES[seconds[j]]
            registered = f"{day_s} {time_s}"
            counter += 1
            kind = "violation" if category != "other" else OTHER_KINDS[int(rnd() * 4)]
            anonymous = "t" if channel != "reception" and rnd() < 0.5 else "f"
            subject, text, stems = rng.choice(self.reports[category][languages[j]])
            received_by = self.operator if channel == "trust_line" else NULL
            appeal_lines.append(
                f"{appeal_id}\t{registered}\t{registered}\t{year}-{counter:06d}\t{registered}\t"
                f"{channel}\t{kind}\t{category}\t{languages[j]}\t{courts[j]}\t{anonymous}\t\t"
                f"{subject}\t{text}\t{received_by}\t{stems}{appeal_suffix}\n"
            )

            unit = self.unit_of[courts[j]]
            # A case is decided once the working days it takes have passed (2 in 9 take
            # longer than the 15 allowed: overdue for a few days), unless it is stuck.
            took = TOOK_WORKING_DAYS[int(rnd() * len(TOOK_WORKING_DAYS))]
            done = self._working_day(day, took)
            outcome = ""
            concluded = closed = NULL
            updated = registered
            if done <= self.yesterday and rnd() >= STUCK_SHARE:
                outcome = outcomes[j]
                concluded = updated = f"{self._iso(done)} {time_s}"
                shut = done + dt.timedelta(days=1 + int(rnd() * 5))
                if days_ago > SETTLED_DAYS:
                    status = "closed" if rnd() < 0.93 else "concluded"
                else:
                    status = "closed" if shut <= self.yesterday else "concluded"
                if status == "closed":
                    # Never after yesterday: nothing in the data may lie in the future.
                    shut = min(shut, self.yesterday)
                    closed = updated = f"{self._iso(shut)} {time_s}"
            else:
                status = _open_status(rnd, days_ago)
            assignee = NULL
            if status != "received":
                candidates = self.investigators.get(unit)
                if candidates:
                    assignee = candidates[int(rnd() * len(candidates))]
            case_lines.append(
                f"{case_id}\t{registered}\t{updated}\t{status}\t{category}\t{due_s}\t{due_s}\t"
                f"{outcome}\t{concluded}\t{closed}\t{appeal_id}\t{assignee}\t{unit}"
                f"{case_suffix}\n"
            )
            appeal_id += 1
            case_id += 1

        self.next_appeal_id = appeal_id
        self.next_case_id = case_id
        self.counters[year] = counter
        return "".join(appeal_lines), "".join(case_lines)


def _open_status(rnd: Any, age: int) -> str:
    """The status of a case not decided yet, by its age in days (as senim.demo.seed)."""
    if age > 4:
        return ("investigation", "investigation", "assessment")[int(rnd() * 3)]
    return ("received", "assessment")[int(rnd() * 2)]


@dataclass(frozen=True)
class GenerationReport:
    database: str
    cases_total: int
    cases_added: int
    reused: bool
    setup_seconds: float
    load_seconds: float
    analyze_seconds: float
    texts_source: str
    table_sizes: Mapping[str, str]

    @property
    def cases_per_second(self) -> float:
        return self.cases_added / self.load_seconds if self.load_seconds > 0 else 0.0

    @property
    def rows_per_second(self) -> float:
        # Every case is two rows: the appeal and its case.
        return 2 * self.cases_per_second

    def summary(self) -> str:
        if self.reused:
            return (
                f"reused {self.database}: {self.cases_total:,} cases already there "
                f"(setup {self.setup_seconds:.1f} s)"
            )
        return (
            f"generated {self.cases_added:,} cases ({2 * self.cases_added:,} rows) in "
            f"{self.load_seconds:.1f} s: {self.cases_per_second:,.0f} cases/s, "
            f"{self.rows_per_second:,.0f} rows/s; setup {self.setup_seconds:.1f} s, "
            f"VACUUM ANALYZE {self.analyze_seconds:.1f} s; now {self.cases_total:,} cases"
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "database": self.database,
            "cases_total": self.cases_total,
            "cases_added": self.cases_added,
            "reused": self.reused,
            "setup_seconds": round(self.setup_seconds, 3),
            "load_seconds": round(self.load_seconds, 3),
            "analyze_seconds": round(self.analyze_seconds, 3),
            "cases_per_second": round(self.cases_per_second, 1),
            "rows_per_second": round(self.rows_per_second, 1),
            "texts_source": self.texts_source,
            "table_sizes": dict(self.table_sizes),
        }


def _counters_now(conn: psycopg.Connection[Any]) -> dict[int, int]:
    """The last number used per year: the counter, or the numbers themselves if higher."""
    counters = dict(conn.execute("SELECT year, last FROM intake_registrationcounter").fetchall())
    used = conn.execute(
        "SELECT split_part(number, '-', 1)::int, max(split_part(number, '-', 2)::int) "
        "FROM intake_appeal WHERE number ~ '^[0-9]{4}-[0-9]+$' GROUP BY 1"
    ).fetchall()
    for year, last in used:
        counters[year] = max(counters.get(year, 0), last)
    return counters


def backfill(conn: psycopg.Connection[Any]) -> int:
    """Fill the case columns an older generator left at their defaults; the rows changed.

    Databases generated before cases had a category and an original due date hold '' and NULL
    there, and the queue's category filter would find nothing. Cases registered by the
    application always have both, so only generated rows change (one scan when none does).
    Statuses are left as they were: `--fresh` gives the current distribution.
    """
    began = time.perf_counter()
    with conn.transaction():
        changed = conn.execute(
            "UPDATE cases_case AS c SET category = a.category, "
            "original_due_on = coalesce(c.original_due_on, c.due_on) FROM intake_appeal AS a "
            "WHERE a.id = c.appeal_id AND (c.category = '' AND a.category <> '' "
            "OR c.original_due_on IS NULL AND c.due_on IS NOT NULL)"
        ).rowcount
    if changed > 0:
        conn.execute("VACUUM (ANALYZE) cases_case")
        print(
            f"· filled the category and original due date of {changed:,} cases (older "
            f"generator) in {time.perf_counter() - began:.1f} s",
            flush=True,
        )
    return changed


def _table_sizes(conn: psycopg.Connection[Any]) -> dict[str, str]:
    rows = conn.execute(
        "SELECT relname, pg_size_pretty(pg_total_relation_size(oid)) FROM pg_class "
        "WHERE relname IN ('intake_appeal', 'cases_case') ORDER BY relname"
    ).fetchall()
    return dict(rows)


def generate(
    url: str | None = None, *, cases: int = DEFAULT_CASES, fresh: bool = False
) -> GenerationReport:
    """Make sure the database at `url` holds at least `cases` cases; report what it took."""
    url = url or database_url()
    began = time.perf_counter()
    database_ensure(url, fresh=fresh)
    reports, texts_source = prepare(url)
    reference = reference_load()
    setup_seconds = time.perf_counter() - began

    # Autocommit, so that each `conn.transaction()` below is a real transaction (one per
    # chunk) rather than a savepoint inside one transaction opened by the first statement.
    with psycopg.connect(url, autocommit=True) as conn:
        existing = conn.execute("SELECT count(*) FROM cases_case").fetchone()
        have = int(existing[0]) if existing else 0
        if have >= cases:
            print(f"· {have:,} cases already in the database: reusing it", flush=True)
            backfill(conn)
            return GenerationReport(
                display_url(url), have, 0, True, setup_seconds, 0.0, 0.0, texts_source,
                _table_sizes(conn),
            )  # fmt: skip
        ids = conn.execute(
            "SELECT (SELECT coalesce(max(id), 0) FROM intake_appeal), "
            "(SELECT coalesce(max(id), 0) FROM cases_case)"
        ).fetchone()
        assert ids is not None
        builder = RowBuilder(
            reference,
            reports,
            total=cases,
            next_appeal_id=ids[0] + 1,
            next_case_id=ids[1] + 1,
            counters=_counters_now(conn),
        )
        print(
            f"· generating {cases - have:,} cases ({have:,} there, {cases:,} wanted); "
            f"texts: {texts_source}",
            flush=True,
        )
        load_began = time.perf_counter()
        _load(conn, builder, have, cases, load_began)
        load_seconds = time.perf_counter() - load_began

    analyze_began = time.perf_counter()
    with psycopg.connect(url, autocommit=True) as conn:
        # Sets hint bits and the visibility map now rather than during the first measured
        # queries, and gives the planner statistics: timings then do not depend on luck.
        conn.execute("VACUUM (ANALYZE) intake_appeal")
        conn.execute("VACUUM (ANALYZE) cases_case")
        conn.execute("ANALYZE intake_registrationcounter")
        sizes = _table_sizes(conn)
    analyze_seconds = time.perf_counter() - analyze_began
    return GenerationReport(
        display_url(url),
        cases,
        cases - have,
        False,
        setup_seconds,
        load_seconds,
        analyze_seconds,
        texts_source,
        sizes,
    )


def _load(
    conn: psycopg.Connection[Any], builder: RowBuilder, have: int, cases: int, began: float
) -> None:
    from django.conf import settings

    with conn.cursor() as cur:
        # Timestamps are written as local wall-clock times; PostgreSQL applies the zone's
        # rules (Asia/Almaty moved from +06 to +05 in 2024) exactly as Django would.
        cur.execute(sql.SQL("SET TIME ZONE {}").format(sql.Literal(settings.TIME_ZONE)))
        start = have
        while start < cases:
            # Chunks end on a day boundary so that a day's numbers follow its times.
            stop = min(cases, start + CHUNK_CASES)
            if stop < cases:
                stop = builder.day_end(stop - 1)
            case_blocks: list[str] = []
            with conn.transaction():
                # Appeal lines are sent while the next day is being built, so Python and the
                # server work at the same time; the cases must wait for their appeals' rows.
                with cur.copy(builder.appeal_layout.statement) as copy:
                    for appeal_block, case_block in builder.day_runs(start, stop):
                        copy.write(appeal_block)
                        case_blocks.append(case_block)
                with cur.copy(builder.case_layout.statement) as copy:
                    for block in case_blocks:
                        copy.write(block)
                cur.executemany(
                    "INSERT INTO intake_registrationcounter (year, last) VALUES (%s, %s) "
                    "ON CONFLICT (year) DO UPDATE SET last = GREATEST("
                    "intake_registrationcounter.last, EXCLUDED.last)",
                    sorted(builder.counters.items()),
                )
            elapsed = time.perf_counter() - began
            done = stop - have
            print(
                f"  {stop:>10,} / {cases:,} cases  {100 * stop / cases:5.1f}%  "
                f"{elapsed:6.1f} s  {done / elapsed if elapsed else 0:,.0f} cases/s",
                flush=True,
            )
            start = stop
        # Explicit ids were written: move the identity sequences past them for the app.
        for table in ("intake_appeal", "cases_case"):
            cur.execute(
                sql.SQL(
                    "SELECT setval(pg_get_serial_sequence({t}, 'id'), (SELECT max(id) FROM {i}))"
                ).format(t=sql.Literal(table), i=sql.Identifier(table))
            )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.generate", description="Fill the benchmark database."
    )
    parser.add_argument("--cases", type=int, default=DEFAULT_CASES, help="cases wanted")
    parser.add_argument("--fresh", action="store_true", help="drop and recreate the database")
    args = parser.parse_args(argv)
    if args.cases < 1:
        parser.error("--cases must be at least 1")
    os.chdir(PROJECT_DIR)  # settings keep generated secrets under ./var
    report = generate(database_url(), cases=args.cases, fresh=args.fresh)
    print(report.summary())
    for table, size in report.table_sizes.items():
        print(f"  {table}: {size}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
