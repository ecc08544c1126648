"""Pages by cursor for the resources' lists, as the queue's (`senim.api.cursor`): a page of
`limit` items and `next_cursor`, the position after the last item, signed.

Two kinds of list:

- a queryset in the order of one column and the id (`after`/`position`): the next page is
  the rows after the position, found by the index, at any depth;
- rows a selector builds in Python (a register with computed bands, completion, ratings):
  `rows_page` orders them by a key and keeps those after the cursor's key. Such lists are a
  unit's or the country's registers (hundreds of rows), built whole by their selector anyway.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from django.db.models import Model, Q, QuerySet
from ninja import Field, Schema

from senim.api import cursor
from senim.api.types import Line

M = TypeVar("M", bound=Model)
T = TypeVar("T")

LIMIT = 25
MAX_LIMIT = 100


class PageQuery(Schema):
    limit: int = Field(LIMIT, ge=1, le=MAX_LIMIT)
    cursor: Line | None = Field(None, description="next_cursor of a page")


def _json(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date | dt.datetime) else value


def queryset_page(
    rows: QuerySet[M], query: PageQuery, *, listing: str, column: str, descending: bool = False
) -> tuple[list[M], str | None]:
    """A page of `rows` ordered by `column` then id (both the same way), and the next cursor.

    `column` must not be null on any row (order and position would disagree)."""
    sign = "-" if descending else ""
    rows = rows.order_by(f"{sign}{column}", f"{sign}pk")
    if query.cursor:
        position = cursor.decode(query.cursor, expect=listing)
        value, pk = position["value"], int(position["pk"])
        beyond = "lt" if descending else "gt"
        rows = rows.filter(
            Q(**{f"{column}__{beyond}": value}) | Q(**{column: value, f"pk__{beyond}": pk})
        )
    found = list(rows[: query.limit + 1])
    if len(found) <= query.limit:
        return found, None
    found = found[: query.limit]
    last = found[-1]
    value = last
    for part in column.split("__"):
        value = getattr(value, part)
    return found, cursor.encode({"sort": listing, "value": _json(value), "pk": last.pk})


def rows_page(
    rows: Sequence[T], query: PageQuery, *, listing: str, key: Callable[[T], list[Any]]
) -> tuple[list[T], str | None]:
    """A page of rows built in Python, ordered by `key` (JSON values, unique: end with an id)."""
    ordered = sorted(rows, key=key)
    if query.cursor:
        after = cursor.decode(query.cursor, expect=listing).get("key")
        if not isinstance(after, list):
            after = []
        ordered = [row for row in ordered if key(row) > after]
    found = ordered[: query.limit]
    if len(ordered) <= query.limit:
        return found, None
    return found, cursor.encode({"sort": listing, "key": key(found[-1])})
