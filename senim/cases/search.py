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
        cursor.execute(f"SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH %s", [expression])  # noqa: S608
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
