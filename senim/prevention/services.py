"""Prevention services (being built)."""

from __future__ import annotations


def prevention_remind() -> int:
    """Reminders for overdue plan measures and commission resolutions (sweep step)."""
    return 0
