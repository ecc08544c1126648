"""The rules of prevention work, as plain functions: progress, completion, overdue, risk band."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from senim.prevention.models import OPEN_WORK, Measure, WorkStatus


class Band(models.TextChoices):
    LOW = "low", _("low")
    MEDIUM = "medium", _("medium")
    HIGH = "high", _("high")
    CRITICAL = "critical", _("critical")


# The highest score (likelihood x impact) of each band, lowest band first.
BAND_CEILINGS: tuple[tuple[int, Band], ...] = (
    (4, Band.LOW),
    (9, Band.MEDIUM),
    (16, Band.HIGH),
    (25, Band.CRITICAL),
)


def risk_band(likelihood: int, impact: int) -> Band:
    """The band of a risk, from its score = likelihood (1-5) x impact (1-5).

    - score 1-4: low (monitor);
    - score 5-9: medium (mitigation actions with due dates);
    - score 10-16: high (actions and a review within the year);
    - score 20-25: critical (both factors at 4 or 5: act at once).

    The scores 17-19 cannot occur. Everything that shows or filters a band asks here (or uses
    `band_score_range`, built from the same ceilings).
    """
    if not (1 <= likelihood <= 5 and 1 <= impact <= 5):
        raise ValueError("likelihood and impact are 1 to 5")
    score = likelihood * impact
    for ceiling, band in BAND_CEILINGS:
        if score <= ceiling:
            return band
    raise AssertionError("unreachable: 5 x 5 is the highest score")


def band_score_range(band: str) -> tuple[int, int]:
    """The lowest and highest score of a band, for filtering in the database."""
    floor = 1
    for ceiling, named in BAND_CEILINGS:
        if named == band:
            return floor, ceiling
        floor = ceiling + 1
    raise ValueError(f"unknown band {band!r}")


def band_table() -> list[tuple[Band, int, int]]:
    """Each band with the lowest and highest score that can occur in it (for the key)."""
    scores = sorted({likelihood * impact for likelihood in range(1, 6) for impact in range(1, 6)})
    table = []
    for _ceiling, band in BAND_CEILINGS:
        low, high = band_score_range(band)
        inside = [score for score in scores if low <= score <= high]
        table.append((band, inside[0], inside[-1]))
    return table


def is_overdue(status: str, due_on: dt.date | None, today: dt.date) -> bool:
    """Work not done (nor cancelled) after its due date is overdue."""
    return due_on is not None and status in OPEN_WORK and due_on < today


def status_after_progress(status: str, progress: int, target: int) -> str:
    """Progress moves a measure on: some progress starts it, reaching the target completes it.

    A measure someone marked done or cancelled keeps that status.
    """
    if status in (WorkStatus.DONE, WorkStatus.CANCELLED):
        return status
    if progress >= target:
        return WorkStatus.DONE
    if progress > 0:
        return WorkStatus.IN_PROGRESS
    return status


def event_contribution(counts: str, participants: int) -> int:
    """What one event adds to the measure it fulfils: its participants, or one event."""
    if counts == Measure.Counts.PARTICIPANTS:
        return participants
    if counts == Measure.Counts.EVENTS:
        return 1
    return 0


def percent_of(ratio: float) -> int:
    """A ratio as a whole percentage, rounded down (99.6% is not yet 100%)."""
    return math.floor(100 * ratio + 1e-9)


def measure_ratio(status: str, progress: int, target: int) -> float | None:
    """How far a measure is, 0 to 1; a done measure is 1; a cancelled one does not count."""
    if status == WorkStatus.CANCELLED:
        return None
    if status == WorkStatus.DONE:
        return 1.0
    return min(progress, target) / target if target > 0 else 0.0


@dataclass(frozen=True)
class Completion:
    """A plan's completion: the mean of its measures' ratios, and how many are done."""

    percent: int
    done: int
    counted: int
    overdue: int


def plan_completion(measures: Iterable[Measure], today: dt.date) -> Completion:
    ratios: list[float] = []
    done = overdue = 0
    for measure in measures:
        ratio = measure_ratio(measure.status, measure.progress, measure.target)
        if ratio is None:
            continue
        ratios.append(ratio)
        done += measure.status == WorkStatus.DONE
        overdue += is_overdue(measure.status, measure.due_on, today)
    # Rounded down: a plan is never shown more complete than it is.
    percent = percent_of(sum(ratios) / len(ratios)) if ratios else 0
    return Completion(percent=percent, done=done, counted=len(ratios), overdue=overdue)
