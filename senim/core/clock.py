"""The one seam for time: every service asks here, and tests travel with time-machine."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone


def now() -> dt.datetime:
    """The current aware datetime."""
    return timezone.now()


def today() -> dt.date:
    """Today's date in the court system's time zone (not UTC: a day ends at local midnight)."""
    return timezone.localdate(now())
