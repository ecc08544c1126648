"""Prevention and oversight: plans, events, commissions, the risk register, the concept, GRECO.

One module per subdomain; Django loads the app's models from this package, so every model is
named here. Models stay thin: fields, choices, constraints. The rules (progress, completion, the
risk band, what is overdue) live in `rules.py`, the lifecycles in `lifecycle.py`, who may see
and change what in `access.py`.
"""

from senim.prevention.models.commissions import (
    Commission,
    CommissionLevel,
    CommissionMember,
    Meeting,
    MemberRole,
    Resolution,
)
from senim.prevention.models.concept import ConceptMeasure, ConceptObjective
from senim.prevention.models.documents import Document
from senim.prevention.models.events import Attendance, Event, EventKind, ParticipantCategory
from senim.prevention.models.greco import (
    CountryAssessment,
    GrecoAssessment,
    GrecoRecommendation,
    GrecoReport,
    GrecoReportKind,
    GrecoRound,
    GrecoStatus,
)
from senim.prevention.models.plans import Measure, MeasureCounts, Plan, PlanKind, ProgressEntry
from senim.prevention.models.reminders import PreventionReminder, ReminderKind
from senim.prevention.models.risks import (
    CorruptionRisk,
    RiskAction,
    RiskMap,
    RiskProcess,
    RiskReview,
    RiskStatus,
)
from senim.prevention.models.work import OPEN_WORK, WorkStatus

__all__ = [
    "OPEN_WORK",
    "Attendance",
    "Commission",
    "CommissionLevel",
    "CommissionMember",
    "ConceptMeasure",
    "ConceptObjective",
    "CorruptionRisk",
    "CountryAssessment",
    "Document",
    "Event",
    "EventKind",
    "GrecoAssessment",
    "GrecoRecommendation",
    "GrecoReport",
    "GrecoReportKind",
    "GrecoRound",
    "GrecoStatus",
    "Measure",
    "MeasureCounts",
    "Meeting",
    "MemberRole",
    "ParticipantCategory",
    "Plan",
    "PlanKind",
    "PreventionReminder",
    "ProgressEntry",
    "ReminderKind",
    "Resolution",
    "RiskAction",
    "RiskMap",
    "RiskProcess",
    "RiskReview",
    "RiskStatus",
    "WorkStatus",
]
