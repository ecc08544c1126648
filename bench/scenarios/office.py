"""Staff office pages, logged in."""

from __future__ import annotations

from bench.report import Row
from bench.scenarios import Context


def home_central(ctx: Context) -> Row:
    """The coordinator's home: counts by status over every case, and the ten latest."""
    return ctx.get("office home (central)", "/office/", user="central")


def case_list_central(ctx: Context) -> Row:
    """The first page of every case, newest first, with the court's name when reported."""
    return ctx.get("case list page 1 (central)", "/office/cases/", user="central")
