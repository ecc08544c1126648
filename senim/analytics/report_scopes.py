"""Whose figures a report or the statistical export covers (the country, a region or a unit),
and which of them a user may ask for: the central department any, a territorial unit only its
own (`report_scope`). The office's forms offer `scope_choices`; `ReportScope.choice` names the
scope in forms and in the audit entries of downloads.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from senim.analytics.access import may_see_country, scope_for
from senim.analytics.indicators import Scope
from senim.analytics.periods import Period
from senim.analytics.prevention import PreventionFigures, prevention_figures
from senim.core.errors import PermissionDenied
from senim.organization.models import Region, Unit

if TYPE_CHECKING:
    from senim.accounts.models import User

COUNTRY = "country"


@dataclass(frozen=True)
class ReportScope:
    """Whose report: the country, a region or a unit; `choice` is how forms and audit name it."""

    scope: Scope
    kind: str  # "country", "region" or "unit"
    object_id: int | None = None

    @property
    def choice(self) -> str:
        return COUNTRY if self.kind == COUNTRY else f"{self.kind}:{self.object_id}"

    def _record(self) -> Region | Unit | None:
        if self.object_id is None:
            return None
        if self.kind == "region":
            return Region.objects.get(pk=self.object_id)
        if self.kind == "unit":
            return Unit.objects.get(pk=self.object_id)
        return None

    def label(self) -> str:
        """Its name in the active language."""
        record = self._record()
        return record.name if record is not None else _("The whole country")

    def slug(self) -> str:
        """A file-name part: 'country', the region's ISO code or the unit's code."""
        record = self._record()
        return record.code if record is not None else COUNTRY

    def prevention(self, period: Period) -> PreventionFigures:
        return prevention_figures(
            period, region_id=self.scope.region_id, unit_id=self.scope.unit_id
        )


def country() -> ReportScope:
    return ReportScope(Scope(), COUNTRY)


def of_region(region_id: int) -> ReportScope:
    return ReportScope(Scope(region_id=region_id), "region", region_id)


def of_unit(unit_id: int) -> ReportScope:
    return ReportScope(Scope(unit_id=unit_id), "unit", unit_id)


def parse_choice(choice: str) -> tuple[str, int | None] | None:
    """'country', 'region:<id>' or 'unit:<id>' as (kind, id); None when unreadable."""
    if choice == COUNTRY:
        return COUNTRY, None
    kind, _sep, number = choice.partition(":")
    if kind in ("region", "unit") and number.isdigit():
        return kind, int(number)
    return None


def own_choice(user: User) -> str:
    return f"unit:{user.staff.unit_id}"


def report_scope(user: User, choice: str | None) -> ReportScope:
    """The scope asked for ('country', 'region:<id>', 'unit:<id>'), for a user who may see
    analytics: the central department any of them, a territorial unit only its own.

    Raises PermissionDenied when a territorial unit asks for anything else (an empty choice
    means the user's default: the country, or the own unit)."""
    choice = (choice or "").strip()
    if not may_see_country(user):
        if choice and choice != own_choice(user):
            raise PermissionDenied(_("Your unit's own figures only."))
        own = scope_for(user)
        return ReportScope(own, "unit", own.unit_id)
    kind, number = parse_choice(choice or COUNTRY) or (COUNTRY, None)
    if kind == "unit" and number is not None:
        return of_unit(number)
    if kind == "region" and number is not None:
        return ReportScope(scope_for(user, region_id=number), "region", number)
    return ReportScope(scope_for(user), COUNTRY)


def scope_choices() -> list[tuple[str, Any]]:
    """What the central department may choose: the country, each region, each unit."""
    regions = [(f"region:{r.pk}", r.name) for r in Region.objects.order_by("code")]
    units = [
        (f"unit:{u.pk}", u.name)
        for u in Unit.objects.select_related("court").order_by("kind", "code")
    ]
    return [
        (COUNTRY, _("The whole country")),
        (_("Regions"), regions),
        (_("Units of the department"), units),
    ]
