"""What is counted: metrics, each a condition on cases (or referrals) dated by one event.

A metric belongs to a *family*: the event whose month it is counted in (registration,
conclusion, closure, the deadline, a referral sent, a referral's result). The same definition
serves the roll-up (a grouped count per court, unit and month) and the drill-down (the cases
behind a figure), so the two can never disagree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, F, Model, OuterRef, Q

from senim.analytics.periods import local_midnight
from senim.cases.models import Case, Extension, Outcome, Referral, Status
from senim.core.statutory import statutory_periods
from senim.intake.models import AppealKind, Category, Channel, MailboxMessage, MessageDirection

OPEN_STATUSES = (Status.RECEIVED, Status.ASSESSMENT, Status.INVESTIGATION)
# The categories that are corruption offences (the others are law violations, ethics, other).
CORRUPTION_CATEGORIES = (Category.BRIBERY, Category.ABUSE, Category.CONFLICT, Category.RED_TAPE)
SUBSTANTIATED = (Outcome.SUBSTANTIATED, Outcome.PARTLY)
# Conclusions on the merits: the denominator of the substantiation rate (consultations,
# forwarding, "not subject" and duplicates were never examined on the merits).
MERITS = (
    Outcome.SUBSTANTIATED,
    Outcome.PARTLY,
    Outcome.NOT_SUBSTANTIATED,
    Outcome.REFERRED_ACS,
    Outcome.REFERRED_PROSECUTOR,
    Outcome.REFERRED_DISCIPLINARY,
)
CONFIRMING_RESULTS = (Referral.Result.CONVICTED, Referral.Result.SANCTION)
# Days to close above this are counted together (the median never lies there in practice).
CLOSE_DAYS_CAP = 400
CLOSE_DAYS_PREFIX = "close_days:"


@dataclass(frozen=True)
class Family:
    key: str
    model: type[Model]
    date_field: str
    court_path: str
    unit_path: str
    case_path: str  # from the family's model to the case ("pk" for cases)
    is_datetime: bool


FAMILIES: dict[str, Family] = {
    f.key: f
    for f in (
        Family(
            "registered", Case, "appeal__registered_at", "appeal__court_id", "unit_id", "pk", True
        ),
        Family("concluded", Case, "concluded_at", "appeal__court_id", "unit_id", "pk", True),
        Family("closed", Case, "closed_at", "appeal__court_id", "unit_id", "pk", True),
        Family("due", Case, "due_on", "appeal__court_id", "unit_id", "pk", False),
        Family(
            "referred",
            Referral,
            "sent_at",
            "case__appeal__court_id",
            "case__unit_id",
            "case_id",
            True,
        ),
        Family(
            "referral_result",
            Referral,
            "result_at",
            "case__appeal__court_id",
            "case__unit_id",
            "case_id",
            True,
        ),
    )
}

Condition = Callable[[dt.date], Q]


@dataclass(frozen=True)
class Metric:
    key: str
    family: str
    condition: Condition
    # Referral families count cases, not referrals, when a case may have several.
    distinct_cases: bool = False


def _always(_today: dt.date) -> Q:
    return Q()


def _q(**lookups: Any) -> Condition:
    return lambda _today: Q(**lookups)


def _retaliation() -> Q:
    return Q(retaliation_for__isnull=False) | Q(category=Category.RETALIATION)


def _followed_up(_today: dt.date) -> Q:
    # Follow-up is seen only when the reporter writes back: visits are not recorded, so that
    # nothing about a reporter's behaviour is kept.
    return Q(appeal__is_anonymous=True) & Q(
        Exists(
            MailboxMessage.objects.filter(
                appeal_id=OuterRef("appeal_id"), direction=MessageDirection.FROM_REPORTER
            )
        )
    )


def _acknowledged(_today: dt.date) -> Q:
    return Q(
        assessment__decided_at__lte=F("appeal__registered_at")
        + dt.timedelta(days=statutory_periods().acknowledge_days)
    )


def _extended(_today: dt.date) -> Q:
    return Q(Exists(Extension.objects.filter(case_id=OuterRef("pk"))))


def _overdue(today: dt.date) -> Q:
    return Q(status__in=OPEN_STATUSES, due_on__lt=today) | Q(concluded_at__date__gt=F("due_on"))


def _metrics() -> list[Metric]:
    m = [
        Metric("reports", "registered", _always),
        *(Metric(f"channel:{c}", "registered", _q(appeal__channel=c)) for c in Channel.values),
        *(Metric(f"kind:{k}", "registered", _q(appeal__kind=k)) for k in AppealKind.values),
        *(Metric(f"category:{c}", "registered", _q(category=c)) for c in Category.values),
        Metric("anonymous", "registered", _q(appeal__is_anonymous=True)),
        Metric("anonymous_followed", "registered", _followed_up),
        Metric("acknowledged_7d", "registered", _acknowledged),
        Metric("retaliation", "registered", lambda _t: _retaliation()),
        Metric("concluded", "concluded", _always),
        *(Metric(f"outcome:{o}", "concluded", _q(outcome=o)) for o in Outcome.values),
        Metric("merits", "concluded", _q(outcome__in=MERITS)),
        Metric("substantiated", "concluded", _q(outcome__in=SUBSTANTIATED)),
        Metric("on_time", "concluded", lambda _t: Q(concluded_at__date__lte=F("original_due_on"))),
        Metric("extended", "concluded", _extended),
        Metric(
            "offence_internal",
            "concluded",
            _q(category__in=CORRUPTION_CATEGORIES, outcome__in=SUBSTANTIATED),
        ),
        Metric(
            "retaliation_merits", "concluded", lambda _t: _retaliation() & Q(outcome__in=MERITS)
        ),
        Metric(
            "retaliation_substantiated",
            "concluded",
            lambda _t: _retaliation() & Q(outcome__in=SUBSTANTIATED),
        ),
        Metric("closed", "closed", _always),
        Metric("due", "due", _always),
        Metric("overdue", "due", _overdue),
        Metric("referrals", "referred", _always),
        *(Metric(f"referral_body:{b}", "referred", _q(body=b)) for b in Referral.Body.values),
        *(Metric(f"referral_result:{r}", "referred", _q(result=r)) for r in Referral.Result.values),
        # A conviction or sanction after a referral confirms an offence the department itself
        # did not find substantiated (those are counted at conclusion): never counted twice.
        Metric(
            "offence_referral",
            "referral_result",
            lambda _t: (
                Q(result__in=CONFIRMING_RESULTS, case__category__in=CORRUPTION_CATEGORIES)
                & ~Q(case__outcome__in=SUBSTANTIATED)
            ),
            distinct_cases=True,
        ),
    ]
    return m


METRICS: dict[str, Metric] = {metric.key: metric for metric in _metrics()}


def family_metrics(family: str) -> list[Metric]:
    return [metric for metric in METRICS.values() if metric.family == family]


def counted(family: Family) -> Q:
    """What a family counts at all: never a case closed as spam (a flood of fabricated reports
    is not an appeal), in the roll-ups and the drill-downs alike."""
    if family.model is Case:
        return ~Q(status=Status.SPAM)
    return ~Q(case__status=Status.SPAM)


def case_condition(metric_key: str, today: dt.date, start: dt.date, end: dt.date) -> Q:
    """A filter on Case for the cases behind a metric in [start, end): the drill-down."""
    if metric_key.startswith(CLOSE_DAYS_PREFIX):
        metric_key = "closed"
    metric = METRICS[metric_key]
    family = FAMILIES[metric.family]
    dated = date_range(family, start, end)
    if family.model is Case:
        return metric.condition(today) & dated & counted(family)
    inner = Referral.objects.filter(metric.condition(today) & dated & counted(family))
    return Q(pk__in=inner.values("case_id"))


def date_range(family: Family, start: dt.date, end: dt.date) -> Q:
    """The family's event in [start, end), days read in the court system's time zone."""
    if family.is_datetime:
        return Q(
            **{
                f"{family.date_field}__gte": local_midnight(start),
                f"{family.date_field}__lt": local_midnight(end),
            }
        )
    return Q(**{f"{family.date_field}__gte": start, f"{family.date_field}__lt": end})
