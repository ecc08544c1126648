"""Full-text search over appeal texts, notes, messages, the names of people concerned, courts
and registration numbers.

One selector, two back ends. Appeals are searched by word forms in Kazakh, Russian and English:
each appeal stores the stems of its words (`Appeal.search_text`, senim.core.wordforms), which
PostgreSQL indexes as `to_tsvector('simple', search_text)` (a generated column with a GIN
index, migration cases 0011) and SQLite as an FTS5 table; a query is stemmed the same way and
each of its words must match one of its stems. A registration (coupon) number finds its case
directly; court names find the court's cases; the people concerned are matched by trigram
similarity on PostgreSQL (typos) and by their stems on both. "Quoted words" must stand next to
each other, in any of their forms. The result is a filter on Case, always narrowed by the
visibility rule by the caller: nothing here widens what a user may see.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.postgres.search import (
    SearchQuery,
    SearchVector,
    SearchVectorExact,
    SearchVectorField,
    TrigramWordSimilarity,
)
from django.db import connection, transaction
from django.db.models import Expression, F, Q, QuerySet
from django.utils.html import format_html
from django.utils.safestring import SafeString

from senim.cases.models import Case, Note
from senim.core import wordforms
from senim.intake.models import Appeal, MailboxMessage, PersonConcerned
from senim.organization.models import CourtName

_WORD = re.compile(r"\w+", re.UNICODE)
_PHRASE = re.compile(r'"([^"]*)"')
_PIECE = re.compile(r"\S+")
# A registration (coupon) number as printed, 2026-001447, or typed without its zeros.
_NUMBER = re.compile(r"^\s*(\d{4})\s*[-/]\s*(\d{1,9})\s*$")
MAX_TERMS = 8
# Up to this many matches of one kind are fetched as ids and looked up directly; beyond it the
# word is common enough for the queue's newest-first walk to meet matches within a few thousand
# rows, testing each case's own appeal (cases met before the first page is full: 25 / share).
# The two cost the same at about sqrt(25 x cases): 5,000 on a million cases.
PREFETCH = 5000
# A word the planner expects in more appeals than this is taken as common without fetching
# ids: fetching even PREFETCH of them reads as many scattered rows (or the whole table, which
# the planner prefers for a common word under a LIMIT). Its estimate comes from the column's
# statistics of frequent words and errs by about twice; a word missing from them is rare.
COMMON = 4 * PREFETCH
# A court name matches when the query's words are all in it; a word found in the names of more
# courts than this ("court", "district") names no court in particular.
MAX_COURTS = 10
# PostgreSQL: a name is found by trigram word similarity from this (one letter wrong in a
# surname: Ахмедова for Ахметова measures 0.5).
NAME_SIMILARITY = 0.5
# SQLite: a query word no appeal holds is taken for a typo of indexed words this similar.
TYPO_RATIO = 0.8


@dataclass(frozen=True)
class Parsed:
    """A query: its words (each with its stems, all required) and its quoted phrases."""

    words: list[str]
    groups: list[tuple[str, ...]]
    phrases: list[list[tuple[str, ...]]] = field(default_factory=list)
    phrase_texts: list[str] = field(default_factory=list)
    # As typed: notes, messages and names are matched on their own text (SQLite's LIKE folds
    # the case of ASCII letters only).
    terms: list[str] = field(default_factory=list)


def parse(text: str) -> Parsed:
    quoted = [" ".join(wordforms.words(p)) for p in _PHRASE.findall(text)]
    quoted = [p for p in quoted if " " in p]
    words = list(dict.fromkeys(wordforms.words(text)))[:MAX_TERMS]
    return Parsed(
        words=words,
        groups=[wordforms.stems(w) for w in words],
        phrases=[[wordforms.stems(w) for w in p.split()] for p in quoted],
        phrase_texts=quoted,
        terms=_terms(text),
    )


def _terms(text: str) -> list[str]:
    return _WORD.findall(text)[:MAX_TERMS]


def _raw_tsquery(groups: list[tuple[str, ...]]) -> str:
    def lexeme(stem: str) -> str:
        return "'" + stem.replace("\\", "\\\\").replace("'", "''") + "'"

    return " & ".join("(" + " | ".join(lexeme(s) for s in group) + ")" for group in groups)


def _query(parsed: Parsed) -> SearchQuery:
    # The stored vector holds stems (migration cases 0011), so the query is stems too, in the
    # `simple` configuration: each word of the query by any of its stems.
    return SearchQuery(_raw_tsquery(parsed.groups), config="simple", search_type="raw")


def _pg_matches(model: Any, fields: tuple[str, ...], text: str) -> QuerySet[Any]:
    # Notes and messages: the vectors are the very expressions of the GIN indexes (0003).
    russian = SearchQuery(text, config="russian", search_type="websearch")
    simple = SearchQuery(text, config="simple", search_type="websearch")
    matches: QuerySet[Any] = model.objects.annotate(
        _ru=SearchVector(*fields, config="russian"), _si=SearchVector(*fields, config="simple")
    ).filter(Q(_ru=russian) | Q(_si=simple))
    return matches


class AppealVector(Expression):
    """`intake_appeal.search` (PostgreSQL only, not a model field): of the case's own appeal
    (`via="appeal"`) or, in a query on Appeal, of the row itself (`via=""`).

    Resolving a real field of the appeal makes, or reuses, the join and names its alias; the
    column is then read through that alias.
    """

    output_field = SearchVectorField()

    def __init__(self, via: str = "appeal", alias: str | None = None) -> None:
        super().__init__()
        self.via, self.alias = via, alias

    def resolve_expression(self, *args: Any, **kwargs: Any) -> AppealVector:
        column: Any = F(f"{self.via}__subject" if self.via else "subject").resolve_expression(
            *args, **kwargs
        )
        return AppealVector(self.via, column.alias)

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        assert self.alias is not None, "resolve the expression first"
        table = compiler.quote_name_unless_alias(self.alias)
        return f"{table}.{connection.ops.quote_name('search')}", []


def _bitmap_rows(plan: Any) -> int | None:
    """The rows of the first Bitmap Index Scan in an EXPLAIN ANALYZE plan (JSON)."""
    if isinstance(plan, dict):
        if plan.get("Node Type") == "Bitmap Index Scan":
            return int(plan["Actual Rows"])
        children: Any = plan.get("Plans", []) + ([plan["Plan"]] if "Plan" in plan else [])
    elif isinstance(plan, list):
        children = plan
    else:
        return None
    for child in children:
        rows = _bitmap_rows(child)
        if rows is not None:
            return rows
    return None


def _match_count(matches: QuerySet[Any]) -> int | None:
    """How many appeals match, from the GIN index alone (None if it cannot tell): exact but
    for the entries of dead rows not yet vacuumed, so never fewer than match.

    A bitmap scan builds its whole bitmap from the index before it reads the first row, so
    under LIMIT 1 it reads the index's posting lists and one table page: EXPLAIN ANALYZE
    reports how many rows the index found. (The planner's estimate errs by about twice for a
    word outside its statistics, and fetching the ids to count them read up to PREFETCH
    scattered rows only to throw them away: 200-380 ms at a million cases.)
    """
    sql, params = matches.order_by().values("pk").query.sql_with_params()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute(
            f"EXPLAIN (ANALYZE, TIMING OFF, COSTS OFF, FORMAT JSON) {sql} LIMIT 1", params
        )
        plan = cursor.fetchone()[0]
        cursor.execute("RESET enable_seqscan")
        cursor.execute("RESET enable_indexscan")
    return _bitmap_rows(json.loads(plan) if isinstance(plan, str) else plan)


def _appeal_ids(parsed: Parsed) -> list[int] | None:
    """The matching appeals' ids through the GIN index; None when there are more than PREFETCH."""
    matches = Appeal.objects.filter(SearchVectorExact(AppealVector(via=""), _query(parsed)))
    plan = json.loads(matches.order_by().values("pk").explain(format="json"))
    if plan[0]["Plan"]["Plan Rows"] > COMMON:
        return None
    count = _match_count(matches)
    if count is not None and count > PREFETCH:
        return None
    ids = list(matches.order_by().values_list("pk", flat=True)[: PREFETCH + 1])
    return ids if len(ids) <= PREFETCH else None


def _ids_or_subquery(field: str, rows: QuerySet[Any]) -> Q | None:
    """`field IN (ids)` when few match (None when none), else `field IN (subquery)`."""
    ids = list(rows.order_by()[: PREFETCH + 1])
    if not ids:
        return None
    return Q(**{f"{field}__in": ids if len(ids) <= PREFETCH else rows})


def _fts5_ids(table: str, terms: list[str]) -> list[int]:
    # Each term quoted (no FTS syntax from users) and prefix-matched (notes and messages).
    expression = " ".join('"' + t.replace('"', '""') + '"*' for t in terms)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH %s", [expression])
        return [row[0] for row in cursor.fetchall()]


def _fts5_quote(stem: str) -> str:
    return '"' + stem.replace('"', '""') + '"'


def _sqlite_typo_stems(group: tuple[str, ...]) -> tuple[str, ...]:
    """Indexed stems close to a word's stems (same first letter, a letter or two apart)."""
    close: list[str] = []
    with connection.cursor() as cursor:
        for stem in group:
            if len(stem) < 5:
                continue
            cursor.execute(
                "SELECT term FROM intake_appeal_fts_vocab WHERE term >= %s AND term < %s "
                "AND length(term) BETWEEN %s AND %s",
                [stem[0], stem[0] + "\uffff", len(stem) - 2, len(stem) + 2],
            )
            terms = [row[0] for row in cursor.fetchall()]
            close += difflib.get_close_matches(stem, terms, n=5, cutoff=TYPO_RATIO)
    return tuple(dict.fromkeys(close))


def _sqlite_appeal_ids(parsed: Parsed) -> list[int]:
    groups = []
    with connection.cursor() as cursor:
        for group in parsed.groups:
            expression = " OR ".join(_fts5_quote(s) for s in group)
            cursor.execute(
                "SELECT 1 FROM intake_appeal_fts WHERE intake_appeal_fts MATCH %s LIMIT 1",
                [expression],
            )
            if cursor.fetchone() is None:
                group = group + _sqlite_typo_stems(group)
            groups.append(group)
        expression = " AND ".join(
            "(" + " OR ".join(_fts5_quote(s) for s in group) + ")" for group in groups
        )
        cursor.execute(
            "SELECT rowid FROM intake_appeal_fts WHERE intake_appeal_fts MATCH %s", [expression]
        )
        return [row[0] for row in cursor.fetchall()]


def _has_phrase(text: str, phrase: list[tuple[str, ...]]) -> bool:
    """Whether the text holds the phrase's words next to each other, in any of their forms."""
    stems = [set(wordforms.stems(w)) for w in wordforms.words(text)]
    wanted = [set(group) for group in phrase]
    for start in range(len(stems) - len(wanted) + 1):
        if all(stems[start + k] & wanted[k] for k in range(len(wanted))):
            return True
    return False


def _with_phrases(ids: list[int], parsed: Parsed) -> list[int]:
    if not parsed.phrases or not ids:
        return ids
    kept = []
    for pk, subject, text, where in Appeal.objects.filter(pk__in=ids).values_list(
        "pk", "subject", "text", "occurred_where"
    ):
        if all(any(_has_phrase(t, p) for t in (subject, text, where)) for p in parsed.phrases):
            kept.append(pk)
    return kept


# Other systems' numbers of an appeal (e-Otinish's): an app above cases appends a finder that
# returns the ids of the appeals a query names by such a number, so cases imports none of them.
NUMBER_FINDERS: list[Callable[[str], list[int]]] = []


def number_matching(text: str) -> Q | None:
    """The case of a registration (coupon) number, or of another system's number for its
    appeal (`NUMBER_FINDERS`), if the query is one and it exists."""
    match = _NUMBER.match(text)
    if match is None:
        candidate = text.strip()
        if not candidate or " " in candidate:
            return None
        numbers = [candidate]
    else:
        year, serial = match.groups()
        numbers = [f"{year}-{serial}", f"{year}-{int(serial):06d}"]
    found = list(Appeal.objects.filter(number__in=numbers).values_list("pk", flat=True)[:1])
    for finder in NUMBER_FINDERS:
        if found:
            break
        found = finder(text)
    return Q(appeal_id=found[0]) if found else None


def _court_ids(parsed: Parsed) -> list[int]:
    """Courts whose name (in any language, at any time) holds every word of the query."""
    if not parsed.groups:
        return []
    names: dict[int, set[str]] = {}
    for court_id, *texts in CourtName.objects.values_list(
        "court_id", "name_kk", "name_ru", "name_en"
    ):
        names.setdefault(court_id, set()).update(wordforms.index_text(texts).split())
    ids = [
        court_id
        for court_id, stems in names.items()
        if all(stems.intersection(group) for group in parsed.groups)
    ]
    return ids if len(ids) <= MAX_COURTS else []


def matching(text: str) -> Q:
    """A filter on Case for cases whose number, appeal, court, notes, messages or named people
    match. A registration number that exists finds its case alone."""
    number = number_matching(text)
    if number is not None:
        return number
    parsed = parse(text)
    if not parsed.words:
        return Q(pk__in=[])
    courts = _court_ids(parsed)
    by_court = Q(appeal__court_id__in=courts) if courts else None
    vendor = connection.vendor
    found = _pg_matching(parsed) if vendor == "postgresql" else _sqlite_matching(parsed)
    return found | by_court if by_court is not None else found


def _sqlite_matching(parsed: Parsed) -> Q:
    terms = parsed.terms
    people_q = Q()
    for term in terms:
        people_q &= Q(name__icontains=term)
    others = (
        Q(pk__in=Note.objects.filter(pk__in=_fts5_ids("cases_note", terms)).values("case_id"))
        | Q(
            appeal_id__in=MailboxMessage.objects.filter(
                pk__in=_fts5_ids("intake_mailboxmessage", terms)
            ).values("appeal_id")
        )
        | Q(appeal_id__in=PersonConcerned.objects.filter(people_q).values("appeal_id"))
    )
    return Q(appeal_id__in=_with_phrases(_sqlite_appeal_ids(parsed), parsed)) | others


def _pg_phrase_filter(parsed: Parsed) -> Q:
    # The common-word way cannot test adjacency by stems; it asks for the words as written.
    q = Q()
    for phrase in parsed.phrase_texts:
        q &= Q(appeal__text__icontains=phrase) | Q(appeal__subject__icontains=phrase)
    return q


def _pg_matching(parsed: Parsed) -> Q:
    # Each part as a short list of ids where it can be: `id IN (list)` reads an index per
    # id, and a word found nowhere costs four small index probes instead of a walk through
    # every case. A common word in the appeals is tested on the case's own appeal instead.
    query = " ".join(parsed.terms)
    appeal_ids = _appeal_ids(parsed)
    if appeal_ids is None:
        appeals: Q | None = Q(SearchVectorExact(AppealVector(), _query(parsed))) & (
            _pg_phrase_filter(parsed)
        )
    else:
        appeal_ids = _with_phrases(appeal_ids, parsed)
        appeals = Q(appeal_id__in=appeal_ids) if appeal_ids else None
    people = PersonConcerned.objects.annotate(
        similarity=TrigramWordSimilarity(query, "name")
    ).filter(similarity__gte=NAME_SIMILARITY)
    parts = [
        appeals,
        _ids_or_subquery(
            "pk", _pg_matches(Note, ("body",), query).values_list("case_id", flat=True)
        ),
        _ids_or_subquery(
            "appeal_id",
            _pg_matches(MailboxMessage, ("body",), query).values_list("appeal_id", flat=True),
        ),
        _ids_or_subquery("appeal_id", people.values_list("appeal_id", flat=True)),
    ]
    found = [part for part in parts if part is not None]
    if not found:
        return Q(pk__in=[])
    combined = found[0]
    for part in found[1:]:
        combined |= part
    return combined


def search(cases: QuerySet[Case], text: str) -> QuerySet[Case]:
    return cases.filter(matching(text))


SNIPPET_WORDS = 24


def snippet(text: str, query: str) -> SafeString:
    """The part of a text around the first word matching the query, escaped, its matching
    words in <mark>; empty when no word matches."""
    parsed = parse(query)
    wanted = {stem for group in parsed.groups for stem in group}
    spans = [
        m for m in _WORD.finditer(text) if wanted & set(wordforms.stems(wordforms.normalise(m[0])))
    ]
    if not spans:
        return SafeString()
    # Cut between whitespace-separated pieces, never inside one (nor inside an entity).
    words_before = [m.start() for m in _PIECE.finditer(text, 0, spans[0].start())]
    start = words_before[-4] if len(words_before) >= 4 else 0
    after = list(_PIECE.finditer(text, start))
    end = after[SNIPPET_WORDS].start() if len(after) > SNIPPET_WORDS else len(text)
    shown = SafeString("… " if start > 0 else "")
    at = start
    for m in spans:
        if m.end() > end:
            break
        shown += format_html("{}<mark>{}</mark>", text[at : m.start()], m[0])
        at = m.end()
    shown += format_html("{}{}", text[at:end].rstrip(), " …" if end < len(text) else "")
    return shown


# SQLite FTS5 tables mirror these tables through triggers. SQLite rebuilds a table for many
# schema changes (a migration adding a column copies it to a new table), which drops its
# triggers; so after every migrate the triggers are checked and, if gone, put back and the
# index rebuilt.
FTS_TABLES = {
    "intake_appeal": ("search_text",),  # stems (senim.core.wordforms), not the raw text
    "intake_mailboxmessage": ("body",),
    "cases_note": ("body",),
}


def _fts_statements(table: str, columns: tuple[str, ...]) -> list[str]:
    cols = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    fts = f"{table}_fts"
    return [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5({cols}, content='{table}', "
        f"content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_ai AFTER INSERT ON {table} BEGIN "
        f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new}); END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_ad AFTER DELETE ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old}); END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_au AFTER UPDATE ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old}); "
        f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new}); END",
    ]


def sqlite_fts_ensure(using: str = "default", **_kwargs: Any) -> None:
    """Create or repair the FTS5 tables and triggers of an SQLite database (post_migrate)."""
    from django.db import connections

    conn = connections[using]
    if conn.vendor != "sqlite":
        return
    with conn.cursor() as cursor:
        for table, columns in FTS_TABLES.items():
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name = %s", [table]
            )
            if cursor.fetchone() is None:
                continue
            cursor.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s",
                [f"{table}_fts_a_"],
            )
            intact = cursor.fetchone()[0] == 3
            for statement in _fts_statements(table, columns):
                cursor.execute(statement)
            if not intact:
                cursor.execute(f"INSERT INTO {table}_fts({table}_fts) VALUES ('rebuild')")
            if table == "intake_appeal":
                # Its words, for taking a query word no appeal holds for a typo of one.
                cursor.execute(
                    "CREATE VIRTUAL TABLE IF NOT EXISTS intake_appeal_fts_vocab "
                    "USING fts5vocab(intake_appeal_fts, 'row')"
                )
