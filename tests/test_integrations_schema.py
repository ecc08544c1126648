"""schemathesis against the integrations' operations, as the systems that call them do: client
credentials allowed them, an operator to name, a court registry to route to. Fuzzed inputs
are answered as the schema says, and never with a server error."""

from __future__ import annotations

from typing import Any

import hypothesis
import pytest
import schemathesis
from django.test import override_settings
from hypothesis import HealthCheck, Phase

from senim.organization.models import Role
from tests.api_helpers import client_for
from tests.test_api_schema import CHECKS

EXAMPLES = 30
OPERATIONS = [
    "telephony.call_started",
    "telephony.call_ended",
    "telephony.recording_upload",
    "eotinish.batch_import",
    "eotinish.appeal_import",
]


@pytest.mark.django_db(transaction=True)
@override_settings(SENIM_API_RATE_LIMIT=1000)
def test_the_integrations_operations_keep_to_their_schema(
    live_server: Any, make_staff: Any, unit: Any
) -> None:
    admin = make_staff(Role.ADMINISTRATOR, "SC", username="admin-s")
    make_staff(Role.OPERATOR, "SC", username="op-s")
    headers = client_for(admin, unit("SC"), OPERATIONS, name="fuzz")
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/v1/openapi.json")
    failures: list[str] = []
    statuses: dict[int, int] = {}
    seen = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        if not operation.path.startswith(("/api/v1/telephony", "/api/v1/eotinish")):
            continue
        seen += 1

        @hypothesis.settings(
            max_examples=EXAMPLES,
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
            failures.append(f"{operation.method.upper()} {operation.path}: {str(failure)[:1500]}")
    print(f"integrations schema run: {seen} operations, answers {statuses}")
    assert seen == len(OPERATIONS)
    assert statuses.get(401, 0) == 0 and statuses.get(500, 0) == 0
    assert failures == [], "\n\n".join(failures)
