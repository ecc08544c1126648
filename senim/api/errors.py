"""One error format for /api/v1: problem details (RFC 9457, `application/problem+json`).

Every refusal and failure is a JSON object

    {"type": "urn:senim:problem:<code>", "title": "...", "status": 404, "code": "not_found",
     "detail": "..."}

with a stable machine-readable `code` (listed in `TITLES` and docs/api.md) and, for invalid
input, `errors`: one entry per field (`loc`, `msg`, `type`). A router raises `Problem` for a
refusal of its own, or lets the domain's errors through: `NotFound` is a 404 whether the thing
is missing or hidden (the one visibility rule), `PermissionDenied` a 403, any other
`DomainError` (a rule of the domain refused: a wrong state, a closed court) a 409. Anything
unexpected is logged and answered with a bare 500: never a stack trace.
"""

from __future__ import annotations

import logging
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from senim.core.errors import DomainError, NotFound, PermissionDenied
from senim.intake.drafts import DraftRefused
from senim.intake.limits import RECEIPT_CODES, LimitReached

logger = logging.getLogger(__name__)

MEDIA_TYPE = "application/problem+json"

# Each code's title (a short, fixed summary of the kind of problem) and usual status.
TITLES: dict[str, tuple[int, str | Promise]] = {
    "invalid_request": (400, _("The request is malformed")),
    "validation_failed": (422, _("The request's data is invalid")),
    "unauthenticated": (401, _("Authentication is required")),
    "forbidden": (403, _("Not allowed")),
    "insufficient_scope": (403, _("The token's scope does not allow this")),
    "operation_not_allowed": (403, _("This client may not call this operation")),
    "not_found": (404, _("Not found")),
    "method_not_allowed": (405, _("Method not allowed")),
    "conflict": (409, _("Refused by a rule")),
    "idempotency_key_reused": (422, _("The idempotency key was used with another request")),
    "idempotency_in_progress": (409, _("A request with this idempotency key is in progress")),
    "precondition_failed": (412, _("The precondition failed")),
    "payload_too_large": (413, _("The request is too large")),
    "rate_limited": (429, _("Too many requests")),
    "internal_error": (500, _("Internal error")),
}


class ProblemDetail(Schema):
    """The schema of every error (documented for every operation in the OpenAPI document)."""

    type: str
    title: str
    status: int
    code: str
    detail: str = ""
    errors: list[dict[str, Any]] | None = None


class Problem(Exception):
    """Raise from an operation to answer with a problem of a given code (and status)."""

    def __init__(
        self,
        code: str,
        detail: str | Promise = "",
        *,
        status: int | None = None,
        headers: dict[str, str] | None = None,
        errors: list[dict[str, Any]] | None = None,
    ) -> None:
        super().__init__(str(detail) or code)
        self.code = code
        self.status = status or TITLES[code][0]
        self.detail = str(detail)
        self.headers = headers or {}
        self.errors = errors


def problem_response(
    code: str,
    detail: str | Promise = "",
    *,
    status: int | None = None,
    errors: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
) -> HttpResponse:
    default_status, title = TITLES.get(code, (500, code))
    status = status or default_status
    body: dict[str, Any] = {
        "type": f"urn:senim:problem:{code}",
        "title": str(title),
        "status": status,
        "code": code,
        "detail": str(detail),
    }
    if errors is not None:
        body["errors"] = errors
    response = JsonResponse(body, status=status, content_type=MEDIA_TYPE)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def _field_errors(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    # Pydantic's entries minus what could echo input back (`input`, `ctx`, `url`).
    return [
        {
            "loc": [str(part) for part in e.get("loc", ())],
            "msg": str(e.get("msg", "")),
            "type": str(e.get("type", "")),
        }
        for e in errors
    ]


def _problem_of(exc: Exception) -> HttpResponse:
    if isinstance(exc, Problem):
        return problem_response(
            exc.code, exc.detail, status=exc.status, errors=exc.errors, headers=exc.headers
        )
    if isinstance(exc, ValidationError):
        return problem_response(
            "validation_failed",
            _("Some fields are missing or invalid: see errors."),
            errors=_field_errors(exc.errors),
        )
    if isinstance(exc, Throttled):
        return problem_response("rate_limited", _("Wait before calling again."))
    if isinstance(exc, AuthenticationError):
        return problem_response(
            "unauthenticated",
            _("Send a valid personal access token (Bearer) or client credentials (Basic)."),
            headers={"WWW-Authenticate": 'Bearer realm="senim", Basic realm="senim"'},
        )
    if isinstance(exc, HttpError):
        code = _CODE_OF_STATUS.get(exc.status_code, "internal_error")
        return problem_response(code, str(exc.message), status=exc.status_code)
    if isinstance(exc, DraftRefused):
        return problem_response(
            "validation_failed",
            exc.message,
            errors=[{"loc": ["body", f], "msg": m, "type": "refused"} for f, m in exc.problems],
        )
    if isinstance(exc, LimitReached):
        return problem_response(
            "rate_limited", exc.message, headers={"Retry-After": str(RECEIPT_CODES.window)}
        )
    if isinstance(exc, NotFound):
        return problem_response("not_found", exc.message)
    if isinstance(exc, Http404):
        return problem_response("not_found", _("No such resource."))
    if isinstance(exc, PermissionDenied):
        return problem_response("forbidden", exc.message)
    if isinstance(exc, DomainError):
        return problem_response("conflict", exc.message)
    raise exc


_CODE_OF_STATUS = {
    400: "invalid_request",
    401: "unauthenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    412: "precondition_failed",
    413: "payload_too_large",
    422: "validation_failed",
    429: "rate_limited",
}


def _on_exception(request: HttpRequest, exc: Any) -> HttpResponse:
    try:
        return _problem_of(exc)
    except Exception:
        # The trace goes to the log (for the operator), never to the client.
        logger.exception("Unexpected error in %s %s", request.method, request.path)
        return problem_response("internal_error", _("Something went wrong on our side."))


def install(api: NinjaAPI) -> None:
    """Answer every error of `api` as a problem (replacing ninja's own handlers)."""
    for kind in (Exception, Problem, ValidationError, HttpError, Http404, DomainError):
        api.add_exception_handler(kind, _on_exception)


# The problems any operation may answer, documented on every operation (`v1.SenimAPI`).
COMMON_STATUSES = (400, 401, 403, 404, 409, 412, 422, 429, 500)
TITLES_BY_STATUS: dict[int, str] = {
    400: "Malformed request",
    401: "Authentication required",
    403: "Not allowed (scope, client operation or policy)",
    404: "Not found, or not visible to the caller",
    409: "Refused by a rule of the domain",
    412: "Precondition failed",
    422: "Invalid data",
    429: "Rate limited (see Retry-After)",
    500: "Internal error",
}
