"""schemathesis against the live schema: every operation of /api/v1, the ones added later
included, called with examples generated from its schema, with a valid token; no server
error, and every answer as the schema says (status, content type, body).

Bounded: SCHEMA_EXAMPLES examples per operation (hypothesis, no shrinking, no database of
examples), so the whole run takes seconds, not minutes.
"""

from __future__ import annotations

import time
from typing import Any

import hypothesis
import pytest
import schemathesis
from django.test import override_settings
from hypothesis import HealthCheck, Phase
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from senim.organization.models import Role
from tests.api_helpers import token_for

SCHEMA_EXAMPLES = 4
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.mark.django_db(transaction=True)
# Enough for the run: each allowance slot is a cache key read on every call.
@override_settings(SENIM_API_RATE_LIMIT=400)
def test_every_operation_keeps_to_its_schema(
    live_server: Any, make_staff: Any, make_case: Any
) -> None:
    coordinator = make_staff(Role.COORDINATOR)
    for _ in range(3):  # something to list and, now and then, to find
        make_case("DST-75-02", assignee=make_staff(Role.INVESTIGATOR, "REG-75"))
    headers = {"Authorization": f"Bearer {token_for(coordinator, 'act', name='schemathesis')}"}
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/v1/openapi.json")
    failures: list[str] = []
    operations = 0
    statuses: dict[int, int] = {}
    started = time.monotonic()
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1
        label = f"{operation.method.upper()} {operation.path}"

        @hypothesis.settings(
            max_examples=SCHEMA_EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @hypothesis.given(case=operation.as_strategy())
        def exercise(case: Any) -> None:
            response = case.call(base_url=live_server.url, headers=headers)
            statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
            case.validate_response(response, checks=CHECKS, headers=headers)

        try:
            exercise()
        except Exception as failure:  # noqa: BLE001 - every operation's failure is listed
            failures.append(f"{label}: {str(failure)[:1500]}")
    elapsed = time.monotonic() - started
    print(f"schemathesis: {operations} operations in {elapsed:.1f} s, answers {statuses}")
    assert operations >= 5
    # The token was accepted: most answers are not 401 (a run of refusals would prove nothing).
    assert statuses.get(401, 0) < sum(statuses.values()) / 10
    assert failures == [], "\n\n".join(failures)
