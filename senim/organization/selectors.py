"""Reads over the registry and the department's structure."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.cache import cache
from django.db.models import Expression, F, Q, QuerySet, Subquery

from senim.core import clock
from senim.core.i18n import localized
from senim.organization.models import Court, CourtName, HeadCount, Unit


def courts_active_on(day: dt.date) -> QuerySet[Court]:
    return Court.objects.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=day),
        Q(valid_to__isnull=True) | Q(valid_to__gte=day),
    )


def court_active_on(code: str, day: dt.date) -> Court | None:
    """The court with this code if it is active on `day` (as in `courts_active_on`), else None.

    A court merged into another answers with its successor (followed as far as it goes), so a
    report about it, from a form opened before the merge or a caller who knows the old name,
    is routed where its work went; an abolished court answers None.

    Found by its unique code and its dates tested here rather than in SQL: every portal
    submission asks, and building the date conditions cost more than the rest of the query.
    """
    court = Court.objects.filter(code=code).first()
    seen: set[int] = set()
    while court is not None and court.merged_into_id is not None and court.pk not in seen:
        if court.valid_to is None or court.valid_to >= day:
            break
        seen.add(court.pk)
        court = Court.objects.filter(pk=court.merged_into_id).first()
    if court is None:
        return None
    if court.valid_from is not None and court.valid_from > day:
        return None
    if court.valid_to is not None and court.valid_to < day:
        return None
    return court


def court_name_on(court: Court, day: dt.date) -> CourtName:
    """The name in force on `day`; before the first recorded name, the first name."""
    names = court.names.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day))
    # "Since the beginning" (NULL) is the oldest name: last, on PostgreSQL and SQLite alike.
    found = names.order_by(F("valid_from").desc(nulls_last=True)).first()
    return found or court.names.order_by("valid_from").first() or CourtName(court=court)


def court_name_at(court_ref: Any, day_ref: Expression | Any, language: str) -> Subquery:
    """A subquery for annotating rows with the court name in force on a date column."""
    return Subquery(
        CourtName.objects.filter(court=court_ref)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day_ref))
        .order_by(F("valid_from").desc(nulls_last=True))
        .values(f"name_{language}")[:1]
    )


def court_list(*, include_closed: bool = True) -> QuerySet[Court]:
    courts = Court.objects.select_related("region", "parent", "merged_into")
    if not include_closed:
        courts = courts.filter(valid_to__isnull=True)
    return courts.order_by("level", "region__code", "code")


def court_get(code: str) -> Court:
    return Court.objects.select_related("region", "parent", "merged_into").get(code=code)


def head_count_on(court: Court, day: dt.date) -> HeadCount | None:
    return court.head_counts.filter(period_start__lte=day).order_by("-period_start").first()


def unit_for_court(court: Court) -> Unit:
    """The unit covering a court: the nearest court up the hierarchy that houses a unit.

    District courts belong to their regional court's territorial unit; the Supreme Court and
    the cassation courts to the central department. The hierarchy is three levels deep: the
    court and its parent (whose id is on the court) answer for nearly every court in one
    query by ids, which the unit's court index serves; only when neither houses a unit is the
    grandparent looked up. (One query joining the court table to itself twice, or with the
    grandparent in a subquery, cost every portal submission two or three times as much.)
    """
    ids = [court.pk] if court.parent_id is None else [court.pk, court.parent_id]
    # No join for the unit's court (routing every submission needs only its id): the court
    # given is attached when it houses the unit, a higher court is loaded if it is read.
    found = {u.court_id: u for u in Unit.objects.filter(court_id__in=ids).order_by()}
    if court.pk in found:
        unit = found[court.pk]
        unit.court = court
        return unit
    if court.parent_id in found:
        return found[court.parent_id]
    if court.parent_id is not None:
        grandparent = Court.objects.filter(pk=court.parent_id).values("parent_id")
        above = Unit.objects.filter(court_id__in=grandparent).first()
        if above is not None:
            return above
    return Unit.objects.get(kind=Unit.Kind.CENTRAL)


REGISTRY_VERSION_KEY = "registry-version"


def registry_version() -> int:
    return int(cache.get(REGISTRY_VERSION_KEY, 0))


def registry_changed() -> None:
    """Lists built from the registry (and cached) are rebuilt after any change to it."""
    try:
        cache.incr(REGISTRY_VERSION_KEY)
    except ValueError:
        cache.set(REGISTRY_VERSION_KEY, 1, None)


def court_choices(language: str, top_label: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """Active courts grouped by region, higher courts first, names in `language`; cached.

    Every report form needs it, on every request: building it costs more than the rest of a
    submission's queries together.
    """
    today = clock.today()
    key = f"court-choices:{language}:{today.isoformat()}:{registry_version()}"
    cached: list[tuple[str, list[tuple[str, str]]]] | None = cache.get(key)
    if cached is not None:
        return cached
    groups: dict[str, list[tuple[str, str]]] = {}
    for court in courts_active_on(today).select_related("region").order_by("level", "code"):
        group = localized(court.region, "name", language) if court.region else top_label
        groups.setdefault(group, []).append((court.code, localized(court, "name", language)))
    ordered = sorted(groups.items(), key=lambda item: (item[0] != top_label, item[0]))
    choices = [(group, sorted(items, key=lambda c: c[1])) for group, items in ordered]
    cache.set(key, choices, 3600)
    return choices


def units_with_courts() -> QuerySet[Unit]:
    return Unit.objects.select_related("court", "court__region").order_by("kind", "code")
