"""ETags on reads: the same representation has the same tag; If-None-Match answers 304.

The tag is a digest of the JSON the caller would receive, so it changes exactly when what they
see changes (including what the policy lets them see), without a version column on every
model. The body is still built on a 304: what is saved is the transfer, not the query.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Schema


def _tags(header: str) -> set[str]:
    return {part.strip().removeprefix("W/") for part in header.split(",") if part.strip()}


def etagged(request: HttpRequest, payload: Schema | list[Any] | dict[str, Any]) -> HttpResponse:
    """A 200 with the payload as JSON and its ETag, or a 304 when the caller has it already."""
    data = payload.model_dump(mode="json") if isinstance(payload, Schema) else payload
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    tag = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
    wanted = request.headers.get("If-None-Match", "")
    if wanted and (wanted.strip() == "*" or tag in _tags(wanted)):
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["ETag"] = tag
    # Private: what a caller sees depends on who they are.
    response["Cache-Control"] = "private, no-cache"
    response["Vary"] = "Authorization"
    return response
