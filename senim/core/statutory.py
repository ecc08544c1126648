"""Every period a case is measured against, in one place: the law's, each with its source, and
the few Senim sets around them (reminders before a deadline, monitoring after closure).

    from senim.core.statutory import statutory_periods
    due = calendar().add_working_days(day, statutory_periods().consideration_working_days)

An installation may set only the consideration period (SENIM_CONSIDERATION_DAYS, read in
`senim/settings.py` through `senim.core.env`); the others change when the law does, here.
`statutory_periods()` reads the settings at each call, so `override_settings` reaches it.

What this does not hold: the three months to appeal against an answer are written in words in
the answer letters (`cases/templates/cases/answers/`), and some labels name a period in words
("Acknowledged within 7 days"); change them with the period.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class StatutoryPeriods:
    # The Administrative Procedural Code of the Republic of Kazakhstan (DOMAIN.md section 3):
    # an appeal is considered within 15 working days of its registration (one received on a
    # non-working day counts from the next working day);
    consideration_working_days: int = 15
    # the period is extended only by the head's reasoned decision, by at most two months in
    # total beyond the original date,
    extension_max_months: int = 2
    # and the citizen is told of the extension within 3 working days;
    extension_notice_working_days: int = 3
    # an appeal outside the department's competence is forwarded to the competent body within
    # 3 working days (counted from registration), the citizen told.
    forward_working_days: int = 3

    # The optional international timers (SENIM_INTERNATIONAL_TIMERS): EU Directive 2019/1937
    # art. 9(1)(b) and ISO 37002, acknowledge a report within 7 days of its receipt;
    acknowledge_days: int = 7
    # art. 9(1)(f), feedback within 3 months of the acknowledgement (or, without one, of the
    # end of the 7 days).
    feedback_months: int = 3

    # Senim's own, set by no statute. The sweep reminds the responsible person this many
    # working days before the statutory deadline,
    due_soon_working_days: int = 3
    # the chiefs this many days before the acknowledgement is due,
    acknowledge_warning_days: int = 2
    # and the investigator this many days before the feedback is due.
    feedback_warning_days: int = 14
    # Post-closure monitoring of a reporter at risk (DOMAIN.md 4.5 names no length).
    monitoring_months: int = 12


def statutory_periods() -> StatutoryPeriods:
    """The periods in force: the law's, with this installation's settings applied."""
    return StatutoryPeriods(consideration_working_days=settings.SENIM_CONSIDERATION_DAYS)
