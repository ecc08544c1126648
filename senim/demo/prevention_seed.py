"""Demo data for prevention and oversight (being built)."""

from __future__ import annotations


def prevention_ensure() -> None:
    """Plans, events, commissions, risks and the GRECO round for the demo; idempotent."""
