"""Public portal pages people wait for (issue 18): target >= 0.5x the trivial view.

The report form and the statistics page are rendered once per process, language and state
(senim/core/page_cache.py); these rows show what a visitor's GET costs then, in Russian (a
language whose catalogue is read, unlike the English source strings).
"""

from __future__ import annotations

from bench.report import Row
from bench.scenarios import Context

TARGET_RATIO = 0.5
HEADERS = {"Accept-Language": "ru"}
OK = frozenset({200})


def portal_report_form(ctx: Context) -> Row:
    """The empty report form: 21 fields, several hundred courts."""
    return ctx.get("portal: report form (ru)", "/report/", headers=HEADERS, ok_statuses=OK)


def portal_statistics(ctx: Context) -> Row:
    """The public statistics page: the latest quarter, the whole country."""
    return ctx.get("portal: statistics (ru)", "/statistics/", headers=HEADERS, ok_statuses=OK)
