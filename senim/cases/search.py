"""Full-text search over appeal texts, notes, messages and the names of people concerned.

One selector, two back ends: PostgreSQL full text (Russian stemming, and the simple
configuration for Kazakh and names) with trigram similarity for names; SQLite FTS5. The result
is a set of case ids, always narrowed by the visibility rule by the caller.
"""

from __future__ import annotations

import re
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchVector, TrigramWordSimilarity
from django.db import connection
from django.db.models import Q, QuerySet

from senim.cases.models import Case, Note
from senim.intake.models import Appeal, MailboxMessage, PersonConcerned

_WORD = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 8


def _terms(text: str) -> list[str]:
    return _WORD.findall(text)[:MAX_TERMS]


def _pg_matches(model: Any, fields: tuple[str, ...], text: str) -> QuerySet[Any]:
    # The vectors are the very expressions of the GIN indexes (migration 0003), so they use them.
    russian = SearchQuery(text, config="russian", search_type="websearch")
    simple = SearchQuery(text, config="simple", search_type="websearch")
    matches: QuerySet[Any] = model.objects.annotate(
        _ru=SearchVector(*fields, config="russian"), _si=SearchVector(*fields, config="simple")
    ).filter(Q(_ru=russian) | Q(_si=simple))
    return matches


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
        query = " ".join(terms)
        appeals = _pg_matches(Appeal, ("subject", "text"), query).values("pk")
        notes = _pg_matches(Note, ("body",), query).values("case_id")
        messages = _pg_matches(MailboxMessage, ("body",), query).values("appeal_id")
        people = (
            PersonConcerned.objects.annotate(similarity=TrigramWordSimilarity(query, "name"))
            .filter(similarity__gte=0.6)
            .values("appeal_id")
        )
        return (
            Q(appeal_id__in=appeals)
            | Q(pk__in=notes)
            | Q(appeal_id__in=messages)
            | Q(appeal_id__in=people)
        )
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
