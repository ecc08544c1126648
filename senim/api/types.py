"""Field types shared by the API's schemas.

`Text` is a string the database can store: no NUL character (PostgreSQL refuses it in text)
and no lone surrogate (not encodable as UTF-8). Without it such input, which JSON and query
strings can carry, would reach the database and fail there as a server error.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field


def _storable(value: str) -> str:
    if "\x00" in value:
        raise ValueError("NUL characters are not allowed")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as bad:
        raise ValueError("not valid Unicode text") from bad
    return value


StorableText = AfterValidator(_storable)

# A code (a court's, a unit's, a region's), a line (a name, a place), a subject, a long text.
Code = Annotated[str, Field(max_length=32), StorableText]
Line = Annotated[str, Field(max_length=200), StorableText]
Subject = Annotated[str, Field(max_length=300), StorableText]
Body = Annotated[str, Field(max_length=20000), StorableText]

# A row's id: within a 64-bit integer (beyond it the database refuses the query outright).
Id = Annotated[int, Field(ge=1, le=2**63 - 1)]
