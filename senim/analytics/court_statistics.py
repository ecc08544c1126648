"""The statistical export for anti-corruption monitoring: appeals by kind, channel and outcome
per court of a scope, for one period, read from the roll-ups in one grouped query (`statistics`).
The file writers (CSV, XLSX) are in `exports.py`. Labels are made in the language asked for,
whatever the page's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _

from senim.analytics import indicators
from senim.analytics.indicators import Scope
from senim.analytics.periods import Period
from senim.analytics.report_scopes import ReportScope
from senim.cases.models import Outcome
from senim.core import clock
from senim.core.i18n import LANGUAGE_CODES
from senim.intake.models import AppealKind, Channel
from senim.organization.models import Court


@dataclass(frozen=True)
class Column:
    metric: str
    group: str
    label: str


@dataclass
class StatRow:
    code: str
    name: str
    region: str
    values: list[int]


@dataclass
class Statistics:
    period: Period
    scope: ReportScope
    language: str
    title: str
    period_label: str
    scope_label: str
    generated_at: dt.datetime
    columns: list[Column]
    rows: list[StatRow]
    totals: list[int]


def statistics_columns() -> list[Column]:
    """The export's columns after code, name and region (labels in the active language)."""
    registered, kinds, channels = _("Appeals registered"), _("By kind"), _("By channel")
    concluded = _("Concluded, by outcome")
    return [
        Column("reports", registered, _("Total")),
        *(Column(f"kind:{v}", kinds, str(label)) for v, label in AppealKind.choices),
        *(Column(f"channel:{v}", channels, str(label)) for v, label in Channel.choices),
        Column("concluded", concluded, _("Total")),
        *(Column(f"outcome:{v}", concluded, str(label)) for v, label in Outcome.choices),
    ]


def _courts_for(scope: Scope, period: Period, with_data: Iterable[int]) -> list[Court]:
    """The scope's courts that existed in the period, and any court with figures in it."""
    existed = (Q(valid_from__isnull=True) | Q(valid_from__lt=period.end)) & (
        Q(valid_to__isnull=True) | Q(valid_to__gte=period.start)
    )
    return list(
        Court.objects.filter(
            (Q(pk__in=indicators.scope_courts(scope)) & existed) | Q(pk__in=list(with_data))
        )
        .select_related("region")
        .order_by("code")
    )


def statistics(period: Period, scope: ReportScope, language: str) -> Statistics:
    """Appeals by kind, channel and outcome per court: one grouped query over the roll-ups."""
    if language not in LANGUAGE_CODES:
        raise ValueError(f"unknown language {language!r}")
    with translation.override(language):
        columns = statistics_columns()
        sums = indicators.per_court(scope.scope, period)
        rows = [
            StatRow(
                court.code,
                court.name,
                court.region.name if court.region else "",
                [sums.get(court.pk, {}).get(column.metric, 0) for column in columns],
            )
            for court in _courts_for(scope.scope, period, sums)
        ]
        totals = [sum(row.values[i] for row in rows) for i in range(len(columns))]
        return Statistics(
            period=period,
            scope=scope,
            language=language,
            title=_("Statistics of appeals for anti-corruption monitoring"),
            period_label=str(period.label),
            scope_label=scope.label(),
            generated_at=clock.now(),
            columns=columns,
            rows=rows,
            totals=totals,
        )
