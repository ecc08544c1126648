"""Every audited action's name and details in the reader's language.

The audit log stores machine codes (`case.assigned`, `{"from": "received", ...}`) so that its
hash chain never depends on a translation. Readers see them through this registry: each action
has a translated label and each detail key a translated label and a formatter that turns a
stored value (a status code, a unit code, an ISO date, a flag) into words. The case timeline
and the audit log both read it; `tests/test_audit_labels.py` collects every `audit(action=...)`
in the code and fails on an action missing here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import get_language, gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from senim.analytics.reports import REPORT_KIND_LABELS
from senim.cases.case_file import Purpose
from senim.cases.models import Assessment, HrEvent, Referral, Risk, Status, Surge
from senim.core.i18n import LANGUAGE_CODES
from senim.intake.models import CallOutcome, Category, Channel, ContactBy, Delivery, Language
from senim.organization.models import Court, Region, Role, Unit
from senim.prevention.models import (
    CommissionLevel,
    CountryAssessment,
    EventKind,
    GrecoReportKind,
    GrecoStatus,
    MemberRole,
    PlanKind,
    RiskStatus,
    WorkStatus,
)
from senim.triage.models import HotspotThreshold, TriageRule
from senim.webhooks.models import EventKind as WebhookEventKind

Format = Callable[[Any], str]

# A change's two sides, whatever changed (a status, a unit, a date).
_WAS = pgettext_lazy("audit detail", "before")
_NOW = pgettext_lazy("audit detail", "after")


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _choice(*enums: type[models.TextChoices]) -> Format:
    """A stored choice's label (the first of `enums` that knows it); unknown codes as stored."""
    labels: dict[str, Any] = {}
    for enum in reversed(enums):
        labels.update({str(value): label for value, label in enum.choices})

    def format_(value: Any) -> str:
        if isinstance(value, list | tuple):
            return ", ".join(format_(v) for v in value)
        return str(labels.get(str(value), _text(value)))

    return format_


def _choices(labels: Mapping[str, Promise]) -> Format:
    return lambda value: str(labels.get(str(value), _text(value)))


def _yes_no(value: Any) -> str:
    if value is None:
        return "—"
    return gettext("yes") if value else gettext("no")


def _date(value: Any) -> str:
    """An ISO date or date-time as the active language writes it."""
    if not value or value == "None":
        return "—"
    text = str(value)
    try:
        if len(text) > 10:
            return date_format(dt.datetime.fromisoformat(text), "SHORT_DATETIME_FORMAT")
        return date_format(dt.date.fromisoformat(text), "SHORT_DATE_FORMAT")
    except ValueError:
        return text


def _units(value: Any) -> str:
    """A unit code (or several) as the unit's name."""
    codes = [str(v) for v in value] if isinstance(value, list | tuple) else [str(value)]
    names = {u.code: u.name for u in Unit.objects.filter(code__in=codes)}
    return ", ".join(names.get(code, code) for code in codes)


def _place(value: Any) -> str:
    """A unit's or a court's code as its name."""
    unit = Unit.objects.filter(code=str(value)).first()
    if unit is not None:
        return unit.name
    court = Court.objects.filter(code=str(value)).first()
    return court.name if court is not None else _text(value) or "—"


def _count(value: Any) -> str:
    """A list or mapping stored whole (cases of a spam decision, say): how many."""
    return str(len(value)) if isinstance(value, list | tuple | dict) else _text(value)


def _names(value: Any) -> str:
    return ", ".join(str(v) for v in value) if isinstance(value, list | tuple) else _text(value)


def _court_names(value: Any) -> str:
    """A court's names as stored by a renaming ({"name_kk": ..., ...}): the reader's one."""
    if not isinstance(value, Mapping):
        return _text(value)
    language = get_language() or "en"
    return str(value.get(f"name_{language[:2]}") or value.get("name_en") or "—")


def _places(value: Any) -> str:
    """Units' or courts' codes (one or several) as their names."""
    values = value if isinstance(value, list | tuple) else [value]
    return ", ".join(_place(v) for v in values)


def _number(value: Any) -> str:
    return f"№ {value}" if value not in (None, "") else "—"


def _format(value: Any) -> str:
    return str(value).upper()


def _language(value: Any) -> str:
    return _choice(Language)(value) if str(value) in LANGUAGE_CODES else _text(value)


def _scope(value: Any) -> str:
    kind, _sep, number = str(value).partition(":")
    if kind == "country":
        return gettext("the whole country")
    if kind == "unit" and number.isdigit():
        unit = Unit.objects.filter(pk=int(number)).first()
        return unit.name if unit else str(value)
    if kind == "region" and number.isdigit():
        region = Region.objects.filter(pk=int(number)).first()
        return region.name if region else str(value)
    return str(value)


_METHODS = {
    "password": _("password"),
    "mfa": _("second factor"),
    "socialaccount": _("single sign-on"),
    "totp": _("authenticator app"),
    "recovery_codes": _("recovery codes"),
    "webauthn": _("security key"),
}


def _methods(value: Any) -> str:
    values = value if isinstance(value, list | tuple) else [value]
    return ", ".join(str(_METHODS.get(str(v), v)) for v in values)


def _risk_review(value: Any) -> str:
    """A risk's (likelihood, impact, status) before or after its review."""
    if isinstance(value, list | tuple) and len(value) == 3:
        likelihood, impact, status = value
        return gettext("likelihood %(likelihood)s, impact %(impact)s, %(status)s") % {
            "likelihood": likelihood,
            "impact": impact,
            "status": _choice(RiskStatus)(status),
        }
    return _names(value)


def _staff_place(value: Any) -> str:
    """A staff member's unit and role (a role change's before and after)."""
    if isinstance(value, dict):
        parts = [_units(value["unit"])] if value.get("unit") else []
        parts += [_choice(Role)(value["role"])] if value.get("role") else []
        return ", ".join(parts) or "—"
    return _text(value)


@dataclass(frozen=True)
class Detail:
    label: Promise
    format: Format = _text


# What a detail key means unless an action says otherwise.
DETAILS: dict[str, Detail] = {
    "reason": Detail(_("reason")),
    "note": Detail(_("note")),
    "channel": Detail(_("channel"), _choice(Channel, ContactBy)),
    "kind": Detail(_("kind")),
    "files": Detail(_("files")),
    "file": Detail(_("file"), _number),
    "count": Detail(_("reports")),
    "cases": Detail(_("cases"), _count),
    "case": Detail(_("case")),
    "unit": Detail(_("unit"), _units),
    "units": Detail(_("units"), _units),
    "role": Detail(_("role"), _choice(Role)),
    "user": Detail(_("person")),
    "username": Detail(_("login")),
    "assignee": Detail(_("assignee")),
    "collaborators": Detail(_("collaborators"), _names),
    "request": Detail(_("request"), _number),
    "due_on": Detail(_("due on"), _date),
    "day": Detail(_("day"), _date),
    "from": Detail(_WAS),
    "to": Detail(_NOW),
    "until": Detail(_("until"), _date),
    "anonymous": Detail(_("anonymous"), _yes_no),
    "ok": Detail(_("chain intact"), _yes_no),
    "working": Detail(_("working day"), _yes_no),
    "representative": Detail(_("representative of the anti-corruption service present"), _yes_no),
    "attempt": Detail(_("attempt")),
    "delivery": Detail(_("delivery"), _number),
    "failed": Detail(_("error")),
    "notifications": Detail(_("notices sent")),
    "told": Detail(_("people notified")),
    "reminded": Detail(_("reminders sent")),
    "waiting_since": Detail(_("waiting since"), _date),
    "period": Detail(_("period")),
    "scope": Detail(_("scope"), _scope),
    "language": Detail(_("language"), _language),
    "format": Detail(_("format"), _format),
    "courts": Detail(_("courts")),
    "rows": Detail(_("rows")),
    "wrong_codes": Detail(_("wrong receipt codes")),
    "window_seconds": Detail(_("within seconds")),
    "threshold": Detail(_("threshold")),
    "methods": Detail(_("sign-in methods"), _methods),
    "factor": Detail(_("factor"), _methods),
    "factors_removed": Detail(_("factors removed")),
    "sessions_ended": Detail(_("sessions ended")),
    "step_up": Detail(_("confirmation of a sensitive act"), _yes_no),
    "claim": Detail(_("identity provider's claim")),
    "value": Detail(_("value")),
    "before": Detail(_WAS),
    "after": Detail(_NOW),
    "skipped": Detail(_("skipped"), _count),
    "surge": Detail(_("surge"), _number),
    "place": Detail(_("place")),
    "baseline": Detail(_("usual number")),
    "decision": Detail(_("decision"), _choice(Assessment.Decision)),
    "risk": Detail(_("risk of retaliation"), _choice(Risk)),
    "result": Detail(_("result"), _choice(Referral.Result)),
    "outcome": Detail(_("outcome"), _choice(CallOutcome)),
    "level": Detail(_("level"), _choice(CommissionLevel)),
    "commission": Detail(_("commission"), _number),
    "meeting": Detail(_("meeting"), _number),
    "number": Detail(_("number")),
    "plan": Detail(_("plan"), _number),
    "measure": Detail(_("plan measure"), _number),
    "target": Detail(_("target")),
    "amount": Detail(_("amount")),
    "progress": Detail(_("progress")),
    "participants": Detail(_("participants")),
    "round": Detail(_("round")),
    "report": Detail(_("report"), _number),
    "assessment": Detail(_("overall assessment"), _choice(CountryAssessment)),
    "next_report_due": Detail(_("next report due"), _date),
    "likelihood": Detail(_("likelihood")),
    "impact": Detail(_("impact")),
    "action": Detail(_("action"), _number),
    "name": Detail(_("name")),
    "method": Detail(_("method")),
    "expires_at": Detail(_("expires"), _date),
}


@dataclass(frozen=True)
class Action:
    label: Promise
    # Keys whose meaning differs from DETAILS for this action.
    details: Mapping[str, Detail] = field(default_factory=dict)
    # Keys left out of the readable form (the case list of a batch is a count already).
    hidden: frozenset[str] = frozenset()


def _status_change(enum: Format) -> dict[str, Detail]:
    return {
        "from": Detail(_WAS, enum),
        "to": Detail(_NOW, enum),
    }


_STATUS = _status_change(_choice(Status))
# A triage rule's details: what it does, and what it looks for or found in a report.
_RULE = {
    "rule": Detail(_("triage rule"), _number),
    "action": Detail(_("what the rule does"), _choice(TriageRule.Action)),
    "categories": Detail(_("categories"), _choice(Category)),
    "category": Detail(_("category"), _choice(Category)),
    "courts": Detail(_("courts"), _places),
    "court": Detail(_("court"), _places),
    "words": Detail(_("words"), _names),
}
_WORK = _status_change(_choice(WorkStatus))

ACTIONS: dict[str, Action] = {
    # Intake
    "appeal.registered": Action(_("appeal registered")),
    "call.recorded": Action(_("trust-line call recorded")),
    "mailbox.reporter_message": Action(_("message from the reporter")),
    "mailbox.message_to_reporter": Action(
        _("message to the reporter"), {"kind": Detail(_("kind"), _choice(Delivery.Kind))}
    ),
    "identity.used_for_delivery": Action(
        _("contacts read to deliver to the reporter"),
        {"kind": Detail(_("kind"), _choice(Delivery.Kind))},
    ),
    "delivery.failed": Action(
        _("delivery to the reporter failed"), {"kind": Detail(_("kind"), _choice(Delivery.Kind))}
    ),
    "delivery.interrupted": Action(
        _("delivery to the reporter interrupted, may not have arrived"),
        {"kind": Detail(_("kind"), _choice(Delivery.Kind))},
    ),
    "receipt_code.guessing": Action(_("receipt codes being guessed on the portal")),
    "reception.booked": Action(_("reception booked")),
    "reception.cancelled": Action(_("reception booking cancelled")),
    "reception.walk_in": Action(_("walk-in visitor received")),
    "reception.attended": Action(_("visitor attended the reception")),
    "reception.no_show": Action(_("visitor did not come to the reception")),
    "reception.contact_opened": Action(_("visitor's contacts read")),
    "reception.day_opened": Action(_("reception day's list opened")),
    "attachment.downloaded": Action(_("file downloaded")),
    "coupon.printed": Action(_("coupon printed for the citizen")),
    # Cases
    "case.transition": Action(_("status changed"), _STATUS),
    "case.assessed": Action(_("assessed")),
    "case.assigned": Action(_("assigned")),
    "case.excluded": Action(
        _("person excluded"),
        # Routing excludes the people an appeal names with this fixed reason.
        {
            "reason": Detail(
                _("reason"), _choices({"named in the appeal": _("named in the appeal")})
            )
        },
    ),
    "case.rerouted": Action(
        _("re-routed"), {"from": Detail(_WAS, _units), "to": Detail(_NOW, _units)}
    ),
    "case.extended": Action(
        _("deadline extended"), {"from": Detail(_WAS, _date), "to": Detail(_NOW, _date)}
    ),
    "case.escalated": Action(_("escalated as overdue")),
    "case.note": Action(_("note added")),
    "referral.updated": Action(_("referral outcome recorded")),
    "case.file_exported": Action(
        _("case file exported as PDF"),
        {
            "purpose": Detail(_("purpose"), _choice(Purpose)),
            "identity": Detail(_("with the reporter's identity"), _yes_no),
        },
    ),
    "answer.drafted": Action(_("answer drafted")),
    "answer.reviewed": Action(_("answer reviewed")),
    "answer.signed": Action(_("answer signed off")),
    "protection.started": Action(_("reporter entered in the protection register")),
    "protection.hr_event": Action(
        _("HR event recorded"), {"kind": Detail(_("kind"), _choice(HrEvent.Kind))}
    ),
    "task.created": Action(_("central task set")),
    "task.responded": Action(_("central task answered"), {"files": Detail(_("files"), _count)}),
    "task.file_downloaded": Action(_("file of a central task's answer downloaded")),
    "task.accepted": Action(_("answer to a central task accepted")),
    "task.returned": Action(_("answer to a central task returned")),
    "spam.closed": Action(_("reports closed as spam"), _STATUS),
    "spam.reopened": Action(_("reports reopened after a spam decision"), _STATUS),
    "surge.detected": Action(
        _("surge of reports detected"),
        {
            "scope": Detail(_("scope"), _choice(Surge.Scope)),
            "place": Detail(_("place"), _place),
            "from": Detail(_("window start"), _date),
            "until": Detail(_("window end"), _date),
        },
    ),
    "surge.closed": Action(_("surge of reports closed")),
    "identity.revealed": Action(_("reporter's identity read")),
    "identity.reveal_requested": Action(_("reading of the identity requested")),
    "identity.reveal_approved": Action(_("reading of the identity approved by a custodian")),
    "identity.reveal_refused": Action(_("reading of the identity refused by a custodian")),
    "identity.reveal_withdrawn": Action(_("request to read the identity withdrawn")),
    "identity.reveal_expired": Action(_("approval to read the identity expired")),
    "identity.reveal_escalated": Action(
        _("request to read the identity escalated, no decision in time")
    ),
    # Analytics
    "analytics.report": Action(
        _("report downloaded"), {"kind": Detail(_("kind"), _choices(REPORT_KIND_LABELS))}
    ),
    "analytics.export": Action(_("indicators exported")),
    # Prevention
    "prevention.commission_created": Action(_("commission created")),
    "prevention.commission_member_added": Action(
        _("commission member added"), {"role": Detail(_("role"), _choice(MemberRole))}
    ),
    "prevention.meeting_recorded": Action(_("commission meeting recorded")),
    "prevention.resolution_added": Action(_("commission resolution added")),
    "prevention.resolution_followed_up": Action(_("resolution followed up"), _WORK),
    "prevention.resolution_overdue": Action(_("resolution overdue, reminder sent")),
    "prevention.concept_objective_added": Action(_("concept objective added")),
    "prevention.concept_measure_added": Action(_("concept measure added")),
    "prevention.concept_measure_updated": Action(_("concept measure updated"), _WORK),
    "prevention.file_downloaded": Action(_("prevention file downloaded")),
    "prevention.event_recorded": Action(
        _("prevention event recorded"), {"kind": Detail(_("kind"), _choice(EventKind))}
    ),
    "prevention.exported": Action(_("prevention data exported")),
    "prevention.greco_round_added": Action(_("GRECO evaluation round added")),
    "prevention.greco_report_added": Action(
        _("GRECO report added"), {"kind": Detail(_("kind"), _choice(GrecoReportKind))}
    ),
    "prevention.greco_recommendation_added": Action(_("GRECO recommendation added")),
    "prevention.greco_recommendation_updated": Action(_("GRECO recommendation updated")),
    "prevention.greco_assessed": Action(
        _("GRECO recommendation assessed"), _status_change(_choice(GrecoStatus))
    ),
    "prevention.plan_created": Action(
        _("prevention plan created"), {"kind": Detail(_("kind"), _choice(PlanKind))}
    ),
    "prevention.measure_added": Action(_("plan measure added")),
    "prevention.measure_reported": Action(_("progress of a plan measure reported")),
    "prevention.measure_status": Action(_("status of a plan measure changed"), _WORK),
    "prevention.measure_overdue": Action(_("plan measure overdue, reminder sent")),
    "prevention.risk_created": Action(_("corruption risk identified")),
    "prevention.risk_reviewed": Action(
        _("corruption risk reviewed"),
        {"from": Detail(_WAS, _risk_review), "to": Detail(_NOW, _risk_review)},
    ),
    "prevention.risk_action_added": Action(_("action against a risk added")),
    "prevention.risk_action_status": Action(_("status of an action against a risk changed"), _WORK),
    "prevention.risk_case_linked": Action(_("case linked to a corruption risk")),
    # Calendar, audit, staff, sign-in
    "calendar.changed": Action(_("working calendar changed")),
    "audit.verified": Action(_("audit chain verified")),
    "staff.created": Action(_("staff account created")),
    "staff.role_changed": Action(
        _("staff member's unit or role changed"),
        {"before": Detail(_WAS, _staff_place), "after": Detail(_NOW, _staff_place)},
    ),
    "staff.dismissed": Action(_("staff member dismissed")),
    "sessions.ended": Action(_("staff member's sessions ended by an administrator")),
    "session.ended": Action(_("session ended")),
    "sso.subject_set": Action(_("single sign-on identity set")),
    "login": Action(_("signed in")),
    "login.failed": Action(_("failed sign-in")),
    "login.sso_refused": Action(_("single sign-on refused: no matching account")),
    "logout": Action(_("signed out")),
    "mfa.added": Action(_("second factor added")),
    "mfa.removed": Action(_("second factor removed")),
    "mfa.regenerated": Action(_("recovery codes regenerated")),
    "mfa.step_up": Action(_("second factor confirmed for a sensitive act")),
    "mfa.failed": Action(_("wrong second factor")),
    "mfa.reset": Action(_("second factor reset by an administrator")),
    # Court registry (the office's changes and `senim registry import`)
    "registry.court_added": Action(
        _("court added to the registry"),
        {
            "parent": Detail(_("higher court"), _place),
            "valid_from": Detail(_("valid from"), _date),
            "valid_to": Detail(_("valid to"), _date),
            "basis": Detail(_("legal basis")),
        },
    ),
    "registry.court_renamed": Action(
        _("court renamed"),
        {
            "effective": Detail(_("effective from"), _date),
            "before": Detail(_WAS, _court_names),
            "after": Detail(_NOW, _court_names),
            "basis": Detail(_("legal basis")),
        },
    ),
    "registry.court_merged": Action(
        _("court merged into another"),
        {
            "into": Detail(_("merged into"), _place),
            "effective": Detail(_("effective from"), _date),
            "courts_moved": Detail(_("courts moved to the successor")),
            "basis": Detail(_("legal basis")),
        },
    ),
    "registry.court_closed": Action(
        _("court abolished"),
        {"last_day": Detail(_("last day"), _date), "basis": Detail(_("legal basis"))},
    ),
    "registry.imported": Action(
        _("court registry changed from a file"),
        {
            "file": Detail(_("file")),
            "added": Detail(_("courts added")),
            "renamed": Detail(_("courts renamed")),
            "merged": Detail(_("courts merged")),
            "abolished": Detail(_("courts abolished")),
            "unchanged": Detail(_("rows unchanged")),
        },
    ),
    # API and integrations
    "api_token.created": Action(_("API token created")),
    "api_token.revoked": Action(_("API token revoked")),
    "api.write": Action(_("change made through the API")),
    "integration_client.created": Action(_("integration client created")),
    "integration_client.revoked": Action(_("integration client revoked")),
    "eotinish.appeal_received": Action(_("appeal received from e-Otinish")),
    "eotinish.status_sent": Action(_("status reported to e-Otinish")),
    "eotinish.status_failed": Action(_("status not reported to e-Otinish")),
    "eotinish.answer_sent": Action(_("answer sent to e-Otinish")),
    "eotinish.answer_failed": Action(_("answer not sent to e-Otinish")),
    "telephony.call_started": Action(_("call put through by the telephony")),
    "telephony.call_ended": Action(_("call ended (telephony)")),
    "telephony.extension_set": Action(_("operator's extension set")),
    "telephony.recording_stored": Action(_("call recording stored")),
    "telephony.recording_attached": Action(_("call recording attached to the appeal")),
    "telephony.recording_discarded": Action(_("call recording discarded")),
    "webhook.created": Action(
        _("webhook subscription created"),
        {
            "kinds": Detail(pgettext_lazy("webhooks", "events"), _choice(WebhookEventKind)),
            "host": Detail(_("address")),
        },
    ),
    "webhook.paused": Action(_("webhook subscription paused")),
    "webhook.resumed": Action(_("webhook subscription resumed")),
    "webhook.tested": Action(_("test event sent to a webhook")),
    "webhook.replayed": Action(_("webhook events sent again")),
    "webhook.failed": Action(_("webhook delivery failed")),
    # Triage, bulk work, records
    "case.bulk": Action(_("action on several cases at once")),
    "case.related": Action(_("cases marked as related")),
    "triage.suggestion_dismissed": Action(_("suggested earlier report dismissed")),
    "triage.suggestion_joined": Action(_("joined to an earlier report")),
    "triage.rule_created": Action(_("triage rule created"), _RULE),
    "triage.rule_enabled": Action(_("triage rule enabled")),
    "triage.rule_disabled": Action(_("triage rule disabled")),
    "triage.rule_fired": Action(_("triage rule applied"), _RULE),
    "triage.reviewed": Action(_("central review done"), _RULE),
    "hotspot.raised": Action(
        _("hotspot of reports raised"),
        {
            "scope": Detail(_("subject"), _choice(HotspotThreshold.Scope)),
            "place": Detail(_("place"), _place),
            "rate": Detail(_("reports per 100 staff")),
            "per_staff": Detail(_("counted per 100 staff"), _yes_no),
        },
    ),
    "hotspot.closed": Action(_("hotspot of reports closed")),
    "hotspot.threshold_set": Action(_("hotspot threshold set")),
    "retention.rule_set": Action(_("retention period set")),
    "retention.hold_placed": Action(_("legal hold placed")),
    "retention.hold_lifted": Action(_("legal hold lifted")),
    "retention.proposed": Action(_("list of cases due for disposal made")),
    "retention.approved": Action(_("disposal list approved")),
    "retention.rejected": Action(_("disposal list rejected")),
    "retention.done": Action(_("disposal carried out")),
    "case.disposed": Action(_("case content destroyed at the end of its retention period")),
    # A factor used at sign-in is the sign-in's own entry; the receiver records step-ups.
    "mfa.used": Action(_("second factor used")),
}


# What an entry is about (`object_type`), named.
OBJECTS: dict[str, Promise] = {
    "analytics": _("indicators for the period"),
    "api_operation": _("API operation"),
    "api_token": _("API token"),
    "appeal": _("appeal"),
    "booking": _("reception booking"),
    "calendar": _("calendar day"),
    "call": _("call"),
    "phone_call": _("call"),
    "case": _("case"),
    "commission": _("commission"),
    "concept_measure": _("concept measure"),
    "concept_objective": _("concept objective"),
    "court": _("court"),
    "event": _("prevention event"),
    "export": _("export"),
    "greco_recommendation": _("GRECO recommendation"),
    "greco_report": _("GRECO report"),
    "greco_round": _("GRECO evaluation round"),
    "integration_client": _("integration client"),
    "measure": _("plan measure"),
    "meeting": _("commission meeting"),
    "plan": _("prevention plan"),
    "portal": _("public portal"),
    "prevention_file": _("prevention file"),
    "registry": _("court registry"),
    "resolution": _("commission resolution"),
    "risk": _("corruption risk"),
    "spam_decision": _("spam decision"),
    "surge": _("surge of reports"),
    "task": _("central task"),
    "unit": _("unit"),
    "user": _("staff account"),
    "disposal_batch": _("disposal list"),
    "hotspot": _("hotspot of reports"),
    "hotspot_threshold": _("hotspot threshold"),
    "retention_rule": _("retention period"),
    "triage_rule": _("triage rule"),
    "webhook": _("webhook subscription"),
}


def object_label(object_type: str, object_id: str) -> str:
    """What the entry is about, e.g. "case 2026-000123"; empty when about nothing in particular."""
    if not object_type:
        return object_id
    name = str(OBJECTS.get(object_type, object_type))
    if object_type == "export":  # the export's name is a file-name code, not an identifier
        return name
    return f"{name} {object_id}".strip()


def action_label(action: str) -> str:
    """The action's name; an action missing from the registry shows as stored."""
    known = ACTIONS.get(action)
    return str(known.label) if known else action


def detail_fields(action: str, detail: Mapping[str, Any] | None) -> list[tuple[str, str]]:
    """(label, value) of each stored detail, in the reader's language."""
    known = ACTIONS.get(action)
    own = known.details if known else {}
    hidden = known.hidden if known else frozenset()
    fields: list[tuple[str, str]] = []
    for key, value in (detail or {}).items():
        if key in hidden:
            continue
        spec = own.get(key) or DETAILS.get(key) or Detail(pgettext_lazy("audit detail", "other"))
        shown = spec.format(value)
        if shown != "":
            fields.append((str(spec.label), shown))
    return fields


# What a case's timeline says besides the action's name (the audit log shows every detail).
_TIMELINE_KEYS = ("assignee", "user", "decision", "result", "kind", "channel", "cases", "count")


def timeline_text(action: str, detail: Mapping[str, Any] | None) -> str:
    """The short form of an entry's details for a case's timeline: "before → after" and the
    few details that tell what happened."""
    detail = detail or {}
    known = ACTIONS.get(action)
    own = known.details if known else {}

    def shown(key: str) -> str:
        spec = own.get(key) or DETAILS.get(key) or Detail(_WAS)
        return spec.format(detail[key])

    parts = []
    if "from" in detail and "to" in detail and action not in ("spam.closed", "spam.reopened"):
        parts.append(f"{shown('from')} → {shown('to')}")
    parts += [
        shown(key) for key in _TIMELINE_KEYS if key in detail and detail[key] not in ("", None)
    ]
    return ", ".join(p for p in parts if p)


def readable(rows: Iterable[Any]) -> list[dict[str, Any]]:
    """Audit events as the log shows them: the action's name and its details in words."""
    return [
        {
            "event": row,
            "label": action_label(row.action),
            "object": object_label(row.object_type, row.object_id),
            "fields": detail_fields(row.action, row.detail),
        }
        for row in rows
    ]
