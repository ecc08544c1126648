"""/api/v1: the NinjaAPI, its routers, and what every operation shares.

Adding a router: write `senim/api/routers/<name>.py` with `router = Router(tags=["<name>"])`
and its operations, then add one line below, in the block of routers:

    api.add_router("/<name>/", "senim.api.routers.<name>.router")

Authorizing an operation: every operation needs a caller (a personal access token or client
credentials, `senim.api.auth`) unless it says `auth=None`. `auth.guard` runs around each one and
checks the token's scope for the method (read: GET; act: the rest) and an integration client's
allowed operations. What the caller may see or do is then asked of the one policy, with
`caller.user`, exactly as the office asks it:

    from senim.api.auth import require
    caller = require(request, capability=Capability.CASE_HANDLE)
    case = access_case(caller.user, case_id)      # NotFound -> 404 problem, as in the office

Errors: raise `senim.api.errors.Problem(code, detail)` or let the domain's errors through;
every error is a problem+json (documented on every operation by `SenimAPI`). The operationId
of `def case_list` in routers/cases.py is `cases.case_list` (do not set operation_id).
"""

from __future__ import annotations

from typing import Any

from ninja import NinjaAPI
from ninja.openapi.docs import Swagger
from ninja.operation import Operation

from senim.api import auth, errors


class SenimAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation: Operation) -> str:
        return auth.operation_name(operation.view_func)

    def get_openapi_schema(self, **kwargs: Any) -> Any:
        """The schema, with the problem responses every operation may give documented once."""
        schema = super().get_openapi_schema(**kwargs)
        schema["components"].setdefault("schemas", {})["ProblemDetail"] = (
            errors.ProblemDetail.model_json_schema()
        )
        problem = {
            "content": {
                errors.MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/ProblemDetail"}}
            }
        }
        for methods in schema["paths"].values():
            for operation in methods.values():
                responses = operation.setdefault("responses", {})
                for status in errors.COMMON_STATUSES:
                    responses.setdefault(
                        str(status), {"description": errors.TITLES_BY_STATUS[status], **problem}
                    )
        return schema


api = SenimAPI(
    title="Senim API",
    version="1",
    # English, as the schema's names are: the schema is one document for every caller.
    description=(
        "The trust line's cases, appeals and figures for staff tools and integrations. "
        "See docs/api.md for tokens, errors, pagination, ETags and rate limits."
    ),
    urls_namespace="api-v1",
    auth=auth.AUTH,
    throttle=auth.CallerThrottle(),
    docs=Swagger(settings={"persistAuthorization": False}),
    docs_url="/docs",
)
errors.install(api)
api.add_decorator(auth.guard)
api.add_decorator(auth.mark_operation, mode="view")

# --- Routers (one line each) ------------------------------------------------------------------
api.add_router("/me", "senim.api.routers.me.router")
api.add_router("/telephony", "senim.api.routers.telephony.router")
api.add_router("/eotinish", "senim.api.routers.eotinish.router")
api.add_router("/cases", "senim.api.routers.case_actions.router")
api.add_router("/reception", "senim.api.routers.reception.router")
api.add_router("/central-tasks", "senim.api.routers.central_tasks.router")
api.add_router("/prevention", "senim.api.routers.prevention.router")
api.add_router("/indicators", "senim.api.routers.indicators.router")
api.add_router("/statistics", "senim.api.routers.statistics.router")
api.add_router("/appeals", "senim.api.routers.appeals.router")
api.add_router("/cases", "senim.api.routers.cases.router")
api.add_router("/mailbox", "senim.api.routers.mailbox.router")
