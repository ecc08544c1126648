"""Full-text search gives the same cases however the database is asked.

On PostgreSQL a word found in few appeals is looked up as a list of ids, a common one is tested
on each case's own appeal (the stored vector of migration cases 0005); notes, messages and the
people concerned are lists or subqueries by the same rule. Both ways must find the same cases.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection

from senim.cases import search
from senim.cases.models import Case, Note
from senim.intake.models import MailboxMessage, PersonConcerned

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the stored vector is PostgreSQL's"
)


def _found(text: str) -> set[int]:
    return set(search.search(Case.objects.all(), text).values_list("pk", flat=True))


@pytest.fixture
def cases(make_case: Callable[..., Case], make_staff: Callable[..., Any]) -> dict[str, Case]:
    author = make_staff("investigator", "REG-75")
    made = {name: make_case(subject=f"Appeal {name}") for name in ("text", "note", "msg", "who")}
    made["text"].appeal.text = "Секретарь требовал конверт с деньгами, свидетель bailiff"
    made["text"].appeal.save(update_fields=["text"])
    Note.objects.create(
        case=made["note"],
        author=author,
        body="Checked the ledger",
        created_at=made["note"].created_at,
    )
    MailboxMessage.objects.create(
        appeal=made["msg"].appeal,
        direction="in",
        channel="portal",
        body="The usher phoned me again",
        created_at=made["msg"].created_at,
    )
    PersonConcerned.objects.create(appeal=made["who"].appeal, name="Жақсылықов Ерлан")
    return made


def _expected(cases: dict[str, Case]) -> dict[str, set[int]]:
    return {
        "конверт": {cases["text"].pk},
        "bailiff": {cases["text"].pk},
        "ledger": {cases["note"].pk},
        "usher": {cases["msg"].pk},
        "Жақсылықов": {cases["who"].pk},
        "Подробности": {c.pk for name, c in cases.items() if name != "text"},
        "xylophone": set(),
        "": set(),
    }


def test_search_finds_appeals_notes_messages_and_people(cases: dict[str, Case]) -> None:
    for word, expected in _expected(cases).items():
        assert _found(word) == expected, word


@on_postgresql
def test_common_words_found_on_each_appeal_find_what_the_id_lists_find(
    cases: dict[str, Case], monkeypatch: pytest.MonkeyPatch
) -> None:
    # With no room for ids every word that matches anything takes the common-word way.
    monkeypatch.setattr(search, "PREFETCH", 0)
    for word, expected in _expected(cases).items():
        assert _found(word) == expected, word


@on_postgresql
def test_russian_words_are_found_in_any_form(cases: dict[str, Case]) -> None:
    assert _found("деньги") == {cases["text"].pk}  # «деньгами» in the text
    assert _found("требовать конверты") == {cases["text"].pk}
