"""schemathesis's stateful phase against the live schema: operations chained along the links
the schema defines (a registration's answer leads to its case and its timeline), with a valid
token; no server error and every answer as the schema says, in sequences as in single calls.
Bounded like the single-call run (tests/test_api_schema.py)."""

from __future__ import annotations

from typing import Any

import hypothesis
import pytest
import schemathesis
from django.test import override_settings
from hypothesis import HealthCheck

from senim.organization.models import Role
from tests.api_helpers import token_for
from tests.test_api_schema import CHECKS


@pytest.mark.django_db(transaction=True)
@override_settings(SENIM_API_RATE_LIMIT=400)
def test_linked_operations_in_sequence_keep_to_the_schema(
    live_server: Any, make_staff: Any, make_case: Any
) -> None:
    coordinator = make_staff(Role.COORDINATOR)
    make_case("DST-75-02", assignee=make_staff(Role.INVESTIGATOR, "REG-75"))
    headers = {"Authorization": f"Bearer {token_for(coordinator, 'act', name='stateful')}"}
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/v1/openapi.json")
    steps: list[tuple[str, int]] = []

    class Sequences(schema.as_state_machine()):  # type: ignore[misc]
        def get_call_kwargs(self, case: Any) -> dict[str, Any]:
            return {"base_url": live_server.url, "headers": headers}

        def after_call(self, response: Any, case: Any) -> None:
            steps.append((f"{case.method.upper()} {case.path}", response.status_code))

        def validate_response(self, response: Any, case: Any, *args: Any, **kwargs: Any) -> None:
            case.validate_response(response, checks=CHECKS, headers=headers)

    Sequences.run(
        settings=hypothesis.settings(
            max_examples=12,
            stateful_step_count=4,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
    )
    print(f"schemathesis stateful: {len(steps)} calls")
    assert steps, "the schema defines no links: nothing ran"
    assert all(status < 500 for _operation, status in steps)
