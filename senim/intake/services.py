"""Registering appeals."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from senim.intake.models import RegistrationCounter


def registration_number_next(*, at: dt.datetime) -> str:
    """The next registration number of the year of `at`, e.g. ``2026-000042``.

    The counter row is incremented with a single UPDATE, which takes the row lock until the
    surrounding transaction ends: concurrent registrations queue instead of colliding.
    """
    year = timezone.localtime(at).year
    with transaction.atomic():
        if not RegistrationCounter.objects.filter(year=year).update(last=F("last") + 1):
            try:
                with transaction.atomic():
                    RegistrationCounter.objects.create(year=year, last=1)
            except IntegrityError:  # another registration created the year's row first
                RegistrationCounter.objects.filter(year=year).update(last=F("last") + 1)
        last = RegistrationCounter.objects.values_list("last", flat=True).get(year=year)
    return f"{year}-{last:06d}"
