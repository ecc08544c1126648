"""Full-text search over appeal texts, notes, messages and the names of people concerned.

One selector, two back ends: PostgreSQL full text (Russian stemming, and the simple
configuration for Kazakh and names) with trigram similarity for names; SQLite FTS5. The result
is a set of case ids, always narrowed by the visibility rule by the caller.
"""

from __future__ import annotations

import json
import re
from typing import Any

from django.contrib.postgres.search import (
    SearchQuery,
    SearchVector,
    SearchVectorExact,
    SearchVectorField,
    TrigramWordSimilarity,
)
from django.db import connection
from django.db.models import Expression, F, Q, QuerySet

from senim.cases.models import Case, Note
from senim.intake.models import Appeal, MailboxMessage, PersonConcerned

_WORD = re.compile(r"\w+", re.UNICODE)
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


def _terms(text: str) -> list[str]:
    return _WORD.findall(text)[:MAX_TERMS]


def _query(text: str) -> SearchQuery:
    # Russian stems and the simple configuration's plain words (Kazakh, names) in one query:
    # the stored appeal vector holds both (migration cases 0005).
    russian = SearchQuery(text, config="russian", search_type="websearch")
    simple = SearchQuery(text, config="simple", search_type="websearch")
    return russian | simple


def _pg_matches(model: Any, fields: tuple[str, ...], text: str) -> QuerySet[Any]:
    # The vectors are the very expressions of the GIN indexes (migration 0003), so they use them.
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


def _appeal_ids(text: str) -> list[int] | None:
    """The matching appeals' ids through the GIN index; None when there are more than PREFETCH."""
    matches = Appeal.objects.filter(SearchVectorExact(AppealVector(via=""), _query(text)))
    plan = json.loads(matches.order_by().values("pk").explain(format="json"))
    if plan[0]["Plan"]["Plan Rows"] > COMMON:
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
    # Each term quoted (no FTS syntax from users) and prefix-matched: no stemming in FTS5.
    expression = " ".join('"' + t.replace('"', '""') + '"*' for t in terms)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH %s", [expression])
        return [row[0] for row in cursor.fetchall()]


def matching(text: str) -> Q:
    """A filter on Case for cases whose appeal, notes, messages or named people match."""
    terms = _terms(text)
    if not terms:
        return Q(pk__in=[])
    if connection.vendor == "postgresql":
        return _pg_matching(" ".join(terms))
    people_q = Q()
    for term in terms:
        people_q &= Q(name__icontains=term)
    return (
        Q(appeal_id__in=_fts5_ids("intake_appeal", terms))
        | Q(pk__in=Note.objects.filter(pk__in=_fts5_ids("cases_note", terms)).values("case_id"))
        | Q(
            appeal_id__in=MailboxMessage.objects.filter(
                pk__in=_fts5_ids("intake_mailboxmessage", terms)
            ).values("appeal_id")
        )
        | Q(appeal_id__in=PersonConcerned.objects.filter(people_q).values("appeal_id"))
    )


def _pg_matching(query: str) -> Q:
    # Each part as a short list of ids where it can be: `id IN (list)` reads an index per
    # id, and a word found nowhere costs four small index probes instead of a walk through
    # every case. A common word in the appeals is tested on the case's own appeal instead.
    appeal_ids = _appeal_ids(query)
    appeals = (
        Q(SearchVectorExact(AppealVector(), _query(query)))
        if appeal_ids is None
        else (Q(appeal_id__in=appeal_ids) if appeal_ids else None)
    )
    people = PersonConcerned.objects.annotate(
        similarity=TrigramWordSimilarity(query, "name")
    ).filter(similarity__gte=0.6)
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


# SQLite FTS5 tables mirror these tables through triggers. SQLite rebuilds a table for many
# schema changes (a migration adding a column copies it to a new table), which drops its
# triggers; so after every migrate the triggers are checked and, if gone, put back and the
# index rebuilt.
FTS_TABLES = {
    "intake_appeal": ("subject", "text"),
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
