"""Reproducible demo data: staff for every unit and two years of activity.

Every appeal `i` is drawn from its own random generator seeded with `SEED` and `i`, and the
number of appeals already generated is remembered, so seeding twice adds nothing and seeding
more later only adds the missing tail.

Each part draws from its own seeded generator, in its own module: the staff and head counts
(`accounts`), the appeals and their cases (`appeals`), what intake did with them (`intake`),
their handling (`handling`) and prevention (`prevention_seed`). This module runs them in order
and is where callers import from.
"""

from __future__ import annotations

from django.conf import settings

from senim.analytics import rollups
from senim.core.errors import DomainError
from senim.demo.accounts import (
    UNIT_SLUGS,
    accounts_ensure,
    demo_accounts_table,
    head_counts_ensure,
)
from senim.demo.alerts import REPORTS, alerts_ensure
from senim.demo.appeals import (
    CATEGORY_WEIGHTS,
    CHANNEL_WEIGHTS,
    LANGUAGE_WEIGHTS,
    OUTCOME_WEIGHTS,
    appeals_add,
)
from senim.demo.handling import handling_activity_ensure
from senim.demo.intake import intake_activity_ensure
from senim.demo.models import SeedState
from senim.demo.prevention_seed import prevention_ensure
from senim.demo.reveals import reveal_requests_ensure

__all__ = [
    "CATEGORY_WEIGHTS",
    "CHANNEL_WEIGHTS",
    "LANGUAGE_WEIGHTS",
    "OUTCOME_WEIGHTS",
    "UNIT_SLUGS",
    "accounts_ensure",
    "demo_accounts_table",
    "head_counts_ensure",
    "seed",
]


def seed(*, cases: int, demo_accounts: bool, progress: bool = False) -> int:
    """Generate up to `cases` demo appeals with their cases; return how many were added.

    With the demo accounts, `alerts.REPORTS` of them are today's wave of reports (registered
    through the registration service, with what they set off: `senim.demo.alerts`), when
    `cases` leaves room for the drawn appeals too; the rest are drawn.
    """
    if settings.SENIM_ENV == "production":
        raise DomainError("Demo data is never generated in production.")
    if demo_accounts:
        accounts_ensure(settings.SENIM_DEMO_PASSWORD)
    head_counts_ensure()
    wave = REPORTS if demo_accounts and cases >= 2 * REPORTS else 0
    state, _ = SeedState.objects.get_or_create(key="appeals")
    if state.value >= cases - wave:
        return 0
    added = appeals_add(state, cases=cases - wave, progress=progress)
    intake_activity_ensure()
    handling_activity_ensure()
    if demo_accounts:
        reveal_requests_ensure()
    if wave:
        added += alerts_ensure()
    prevention_ensure()
    # Seeding writes in bulk (no save signals), so the roll-ups are recounted from scratch.
    rollups.rebuild()
    return added
