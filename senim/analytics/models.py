"""Roll-up tables: counts per month, court, unit and metric, kept current from dirty marks.

Dashboards, reports and public statistics sum these rows; none of them scans the cases. Their
size grows with courts x months x metrics, never with the number of cases.
"""

from __future__ import annotations

from django.db import models


class RollupCount(models.Model):
    """How many cases (or referrals) of one court and unit counted for a metric in a month."""

    month = models.DateField()  # the first day of the month
    court = models.ForeignKey("organization.Court", on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey("organization.Unit", on_delete=models.CASCADE, related_name="+")
    metric = models.CharField(max_length=40)
    value = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["month", "court", "unit", "metric"], name="rollup_count_unique"
            )
        ]
        indexes = [
            models.Index(fields=["month", "metric"], name="rollup_month_metric"),
            models.Index(fields=["court", "month"], name="rollup_court_month"),
            models.Index(fields=["unit", "month"], name="rollup_unit_month"),
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.court_id}/{self.unit_id} {self.metric}={self.value}"


class RollupMark(models.Model):
    """A court-month whose roll-up rows are stale: written in the transaction of the change.

    Not unique on purpose: concurrent writers would otherwise queue on the same key; the
    refresh reads distinct keys and deletes exactly the marks it read.
    """

    court_id = models.BigIntegerField()
    month = models.DateField()

    def __str__(self) -> str:
        return f"{self.court_id} {self.month:%Y-%m}"


class RollupState(models.Model):
    """One row: serialises refreshes (row lock) and remembers the time-driven refresh."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    rebuilt_at = models.DateTimeField(null=True, blank=True)
    refreshed_at = models.DateTimeField(null=True, blank=True)
    # Overdue depends on the date alone: months up to this day have been recounted for it.
    time_refreshed_on = models.DateField(null=True, blank=True)

    def __str__(self) -> str:
        return f"roll-ups rebuilt {self.rebuilt_at}, refreshed {self.refreshed_at}"
