"""Prevention services: plans and measures, events, commissions, risks, the concept, GRECO,
and the sweep's reminders. Each is one transaction with its validation and its audit entry.

Who may change what (see `selectors`): a territorial chief their own unit's work, a central
coordinator every unit's; the concept and the GRECO tracker only the coordinators.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeVar

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Exists, Max, Model, OuterRef, QuerySet
from django.utils.translation import gettext as _

from senim.cases.selectors import cases_visible_to
from senim.core import clock
from senim.core.audit import audit
from senim.core.errors import DomainError, NotFound, PermissionDenied
from senim.organization.models import Court, Role, Unit
from senim.organization.selectors import unit_for_court
from senim.prevention import files as prevention_files
from senim.prevention.files import RawFiles
from senim.prevention.models import (
    OPEN_WORK,
    Attendance,
    Commission,
    CommissionMember,
    ConceptMeasure,
    ConceptObjective,
    CorruptionRisk,
    Document,
    Event,
    GrecoAssessment,
    GrecoRecommendation,
    GrecoReport,
    GrecoRound,
    GrecoStatus,
    Measure,
    Meeting,
    Plan,
    PreventionReminder,
    ProgressEntry,
    Resolution,
    RiskAction,
    RiskMap,
    RiskProcess,
    RiskReview,
    WorkStatus,
)
from senim.prevention.rules import event_contribution, is_overdue, status_after_progress
from senim.prevention.selectors import (
    commissions_visible_to,
    document_visible,
    is_staff_member,
    may_edit_central,
    may_edit_measure,
    may_edit_unit,
    measures_visible_to,
    meetings_visible_to,
    plans_visible_to,
    resolutions_visible_to,
    risks_visible_to,
)

M = TypeVar("M", bound=Model)

# --- helpers --------------------------------------------------------------------------------


def _text(value: str, message: str, *, minimum: int = 1) -> str:
    value = (value or "").strip()
    if len(value) < minimum:
        raise DomainError(message)
    return value


def _choice(value: str, choices: Any, message: str) -> str:
    if value not in choices.values:
        raise DomainError(message)
    return value


def _locked(rows: QuerySet[M], pk: int, message: str) -> M:
    found = rows.select_for_update(of=("self",)).filter(pk=pk).first()
    if found is None:
        raise NotFound(message)
    return found


def _may_edit(user: Any, unit_id: int | None) -> None:
    if not may_edit_unit(user, unit_id):
        raise PermissionDenied(
            _("Only the unit's chief or a central coordinator may change its prevention work.")
        )


def _central(user: Any) -> None:
    if not may_edit_central(user):
        raise PermissionDenied(_("Only a central coordinator may change this."))


def _staff_of(person: Any, unit_id: int | None, message: str) -> None:
    """`person` is an active member of staff, of `unit_id` when one is given."""
    staff = getattr(person, "staff", None)
    if staff is None or not person.is_active or (unit_id is not None and staff.unit_id != unit_id):
        raise DomainError(message)


def _attach(stored: list[tuple[Any, str]], user: Any, **owner: Any) -> list[Document]:
    return [
        Document.objects.create(
            name=file.name,
            content_type=file.content_type,
            size=len(file.data),
            storage_name=name,
            uploaded_by=user,
            uploaded_at=clock.now(),
            **owner,
        )
        for file, name in stored
    ]


def _progress_add(measure: Measure, amount: int) -> None:
    """Add to a locked measure's progress and move its status on (see `rules`)."""
    measure.progress += amount
    status = status_after_progress(measure.status, measure.progress, measure.target)
    if status == WorkStatus.DONE and measure.status != WorkStatus.DONE:
        measure.completed_on = clock.today()
    measure.status = status
    measure.save(update_fields=["progress", "status", "completed_on"])


# --- plans and measures ---------------------------------------------------------------------


@transaction.atomic
def plan_create(
    *,
    user: Any,
    unit: Unit,
    kind: str,
    title: str,
    period_start: dt.date,
    period_end: dt.date,
) -> Plan:
    """A unit's plan for a period; one plan of each kind per unit and period start."""
    _may_edit(user, unit.pk)
    _choice(kind, Plan.Kind, _("Choose the kind of plan."))
    title = _text(title, _("Give the plan a title."))
    if period_end < period_start:
        raise DomainError(_("The period cannot end before it starts."))
    if Plan.objects.filter(unit=unit, kind=kind, period_start=period_start).exists():
        raise DomainError(_("This unit already has a plan of this kind for that period."))
    plan = Plan.objects.create(
        unit=unit,
        kind=kind,
        title=title,
        period_start=period_start,
        period_end=period_end,
        created_by=user,
        created_at=clock.now(),
    )
    audit(
        action="prevention.plan_created",
        actor=user,
        object_type="plan",
        object_id=plan.pk,
        detail={"unit": unit.code, "kind": kind},
    )
    return plan


@transaction.atomic
def measure_add(
    *,
    user: Any,
    plan_id: int,
    title: str,
    responsible_unit: Unit,
    due_on: dt.date,
    target_label: str,
    target: int,
    counts: str,
    number: str = "",
    responsible: Any = None,
    concept_measure: ConceptMeasure | None = None,
) -> Measure:
    """A measure of a plan. A chief gives measures to their own unit; a coordinator to any.
    The responsible person works in the responsible unit; the due date is in the plan's period."""
    plan = _locked(plans_visible_to(user), plan_id, _("No such plan."))
    _may_edit(user, plan.unit_id)
    if not may_edit_unit(user, responsible_unit.pk):
        raise PermissionDenied(_("You may give measures only to your own unit."))
    if responsible is not None:
        _staff_of(
            responsible,
            responsible_unit.pk,
            _("The responsible person must work in the responsible unit."),
        )
    title = _text(title, _("Describe the measure."))
    target_label = _text(target_label, _("Say what the target counts, e.g. officials trained."))
    _choice(counts, Measure.Counts, _("Choose what counts as progress."))
    if target < 1:
        raise DomainError(_("The target must be at least 1."))
    if not plan.period_start <= due_on <= plan.period_end:
        raise DomainError(_("The due date must fall within the plan's period."))
    number = (number or "").strip() or str(plan.measures.count() + 1)
    if plan.measures.filter(number=number).exists():
        raise DomainError(_("The plan already has a measure with this number."))
    measure = Measure.objects.create(
        plan=plan,
        number=number,
        title=title,
        responsible_unit=responsible_unit,
        responsible=responsible,
        due_on=due_on,
        target_label=target_label,
        target=target,
        counts=counts,
        concept_measure=concept_measure,
    )
    audit(
        action="prevention.measure_added",
        actor=user,
        object_type="measure",
        object_id=measure.pk,
        detail={"plan": plan.pk, "unit": responsible_unit.code, "target": target},
    )
    return measure


@transaction.atomic
def measure_report(
    *, user: Any, measure_id: int, amount: int, note: str = "", files: RawFiles | None = None
) -> Measure:
    """Progress reported by hand, with evidence files; it moves the status on (`rules`)."""
    measure = _locked(measures_visible_to(user), measure_id, _("No such measure."))
    if not may_edit_measure(user, measure):
        raise PermissionDenied(_("Only the responsible unit's chief or a coordinator reports."))
    if measure.status == WorkStatus.CANCELLED:
        raise DomainError(_("The measure has been cancelled."))
    if amount < 0:
        raise DomainError(_("Progress cannot be negative."))
    cleaned = prevention_files.clean(files or [])
    note = (note or "").strip()
    if amount == 0 and not cleaned and not note:
        raise DomainError(_("Report some progress, a note or an evidence file."))
    with prevention_files.stored(cleaned) as stored:
        ProgressEntry.objects.create(
            measure=measure, amount=amount, note=note, recorded_by=user, recorded_at=clock.now()
        )
        _attach(stored, user, measure=measure)
        if amount:
            _progress_add(measure, amount)
    audit(
        action="prevention.measure_reported",
        actor=user,
        object_type="measure",
        object_id=measure.pk,
        detail={"amount": amount, "files": len(cleaned), "progress": measure.progress},
    )
    return measure


@transaction.atomic
def measure_status_set(*, user: Any, measure_id: int, status: str, note: str = "") -> Measure:
    """Mark a measure done, cancelled, or back in progress; cancelling needs a reason."""
    measure = _locked(measures_visible_to(user), measure_id, _("No such measure."))
    if not may_edit_measure(user, measure):
        raise PermissionDenied(_("Only the responsible unit's chief or a coordinator reports."))
    _choice(status, WorkStatus, _("Choose a status."))
    if status == measure.status:
        raise DomainError(_("The measure already has this status."))
    if status == WorkStatus.CANCELLED and not (note or "").strip():
        raise DomainError(_("Give the reason for cancelling the measure."))
    previous = measure.status
    measure.status = status
    measure.completed_on = clock.today() if status == WorkStatus.DONE else None
    measure.save(update_fields=["status", "completed_on"])
    if (note or "").strip():
        ProgressEntry.objects.create(
            measure=measure, amount=0, note=note.strip(), recorded_by=user, recorded_at=clock.now()
        )
    audit(
        action="prevention.measure_status",
        actor=user,
        object_type="measure",
        object_id=measure.pk,
        detail={"from": previous, "to": status},
    )
    return measure


# --- events ---------------------------------------------------------------------------------


@transaction.atomic
def event_record(
    *,
    user: Any,
    unit: Unit,
    kind: str,
    title: str,
    held_on: dt.date,
    place: str,
    attendance: dict[str, int],
    organisers: str = "",
    result: str = "",
    measure: Measure | None = None,
    staff: list[Any] | None = None,
    files: RawFiles | None = None,
) -> Event:
    """An event that took place, with its participants; an event that fulfils a measure feeds
    its progress (participants, or one event, as the measure counts)."""
    _may_edit(user, unit.pk)
    _choice(kind, Event.Kind, _("Choose the kind of event."))
    title = _text(title, _("Give the event a title."))
    place = _text(place, _("Say where the event took place."))
    if held_on > clock.today():
        raise DomainError(_("An event is recorded once it has taken place."))
    counts = {}
    for category, count in attendance.items():
        _choice(category, Attendance.Category, _("Unknown category of participants."))
        if count < 0:
            raise DomainError(_("The number of participants cannot be negative."))
        if count:
            counts[category] = count
    if not counts:
        raise DomainError(_("Record how many people took part."))
    people = list(staff or [])
    for person in people:
        _staff_of(person, None, _("Named participants must be members of staff."))
    if measure is not None:
        measure = _locked(measures_visible_to(user), measure.pk, _("No such measure."))
        if not may_edit_measure(user, measure):
            raise PermissionDenied(_("You may not report on this measure."))
        if measure.status not in OPEN_WORK:
            raise DomainError(_("The measure is already done or cancelled."))
    cleaned = prevention_files.clean(files or [])
    with prevention_files.stored(cleaned) as stored:
        event = Event.objects.create(
            unit=unit,
            kind=kind,
            title=title,
            held_on=held_on,
            place=place,
            organisers=(organisers or "").strip(),
            result=(result or "").strip(),
            measure=measure,
            recorded_by=user,
            recorded_at=clock.now(),
        )
        Attendance.objects.bulk_create(
            Attendance(event=event, category=category, count=count)
            for category, count in counts.items()
        )
        if people:
            event.staff_participants.set(people)
        _attach(stored, user, event=event)
        contribution = 0
        if measure is not None:
            contribution = event_contribution(measure.counts, sum(counts.values()))
            if contribution:
                ProgressEntry.objects.create(
                    measure=measure,
                    event=event,
                    amount=contribution,
                    recorded_by=user,
                    recorded_at=clock.now(),
                )
                _progress_add(measure, contribution)
    audit(
        action="prevention.event_recorded",
        actor=user,
        object_type="event",
        object_id=event.pk,
        detail={
            "unit": unit.code,
            "kind": kind,
            "participants": sum(counts.values()),
            "measure": measure.pk if measure else None,
            "progress": contribution,
        },
    )
    return event


# --- commissions ----------------------------------------------------------------------------


@transaction.atomic
def commission_create(
    *,
    user: Any,
    unit: Unit,
    level: str,
    name: str,
    court: Court | None = None,
    established_on: dt.date | None = None,
) -> Commission:
    """A public-council commission of a unit; a district commission names its court."""
    _may_edit(user, unit.pk)
    _choice(level, Commission.Level, _("Choose the level of the commission."))
    name = _text(name, _("Give the commission's name."))
    if level == Commission.Level.DISTRICT and court is None:
        raise DomainError(_("Name the court of a district commission."))
    if court is not None and not unit.is_central and unit_for_court(court).pk != unit.pk:
        raise DomainError(_("The court is not in this unit's territory."))
    if Commission.objects.filter(unit=unit, name=name).exists():
        raise DomainError(_("The unit already has a commission with this name."))
    commission = Commission.objects.create(
        unit=unit,
        level=level,
        name=name,
        court=court,
        established_on=established_on,
        created_by=user,
        created_at=clock.now(),
    )
    audit(
        action="prevention.commission_created",
        actor=user,
        object_type="commission",
        object_id=commission.pk,
        detail={"unit": unit.code, "level": level},
    )
    return commission


@transaction.atomic
def commission_member_add(
    *,
    user: Any,
    commission_id: int,
    full_name: str,
    role: str,
    affiliation: str = "",
    since: dt.date | None = None,
) -> CommissionMember:
    commission = _locked(commissions_visible_to(user), commission_id, _("No such commission."))
    _may_edit(user, commission.unit_id)
    full_name = _text(full_name, _("Give the member's full name."))
    _choice(role, CommissionMember.Role, _("Choose the member's role."))
    if role == CommissionMember.Role.CHAIR and commission.members.filter(role=role).exists():
        raise DomainError(_("The commission already has a chair."))
    member = CommissionMember.objects.create(
        commission=commission,
        full_name=full_name,
        role=role,
        affiliation=(affiliation or "").strip(),
        since=since,
    )
    audit(
        action="prevention.commission_member_added",
        actor=user,
        object_type="commission",
        object_id=commission.pk,
        detail={"role": role},
    )
    return member


@transaction.atomic
def meeting_record(
    *,
    user: Any,
    commission_id: int,
    held_on: dt.date,
    agenda: str,
    place: str = "",
    minutes: str = "",
    files: RawFiles | None = None,
) -> Meeting:
    """A meeting of a commission, numbered in turn, with its agenda, minutes and documents."""
    commission = _locked(commissions_visible_to(user), commission_id, _("No such commission."))
    _may_edit(user, commission.unit_id)
    agenda = _text(agenda, _("Write the agenda."))
    cleaned = prevention_files.clean(files or [])
    number = (commission.meetings.aggregate(n=Max("number"))["n"] or 0) + 1
    with prevention_files.stored(cleaned) as stored:
        meeting = Meeting.objects.create(
            commission=commission,
            number=number,
            held_on=held_on,
            place=(place or "").strip(),
            agenda=agenda,
            minutes=(minutes or "").strip(),
            recorded_by=user,
            recorded_at=clock.now(),
        )
        _attach(stored, user, meeting=meeting)
    audit(
        action="prevention.meeting_recorded",
        actor=user,
        object_type="meeting",
        object_id=meeting.pk,
        detail={"commission": commission.pk, "number": number},
    )
    return meeting


@transaction.atomic
def resolution_add(
    *, user: Any, meeting_id: int, text: str, owner: Any, due_on: dt.date
) -> Resolution:
    """A resolution of a meeting; it has an owner on the staff and a due date after the
    meeting."""
    meeting = _locked(meetings_visible_to(user), meeting_id, _("No such meeting."))
    _may_edit(user, meeting.commission.unit_id)
    text = _text(text, _("Write the resolution."))
    if owner is None:
        raise DomainError(_("Name the owner of the resolution."))
    _staff_of(owner, None, _("The owner must be a member of staff."))
    if due_on < meeting.held_on:
        raise DomainError(_("The due date cannot be before the meeting."))
    number = f"{meeting.number}.{meeting.resolutions.count() + 1}"
    resolution = Resolution.objects.create(
        meeting=meeting, number=number, text=text, owner=owner, due_on=due_on
    )
    audit(
        action="prevention.resolution_added",
        actor=user,
        object_type="resolution",
        object_id=resolution.pk,
        detail={"meeting": meeting.pk, "due_on": str(due_on)},
    )
    return resolution


@transaction.atomic
def resolution_follow_up(
    *, user: Any, resolution_id: int, status: str, follow_up: str
) -> Resolution:
    """Record how a resolution is being followed up; done or cancelled needs an account of it."""
    resolution = _locked(resolutions_visible_to(user), resolution_id, _("No such resolution."))
    _may_edit(user, resolution.meeting.commission.unit_id)
    _choice(status, WorkStatus, _("Choose a status."))
    follow_up = (follow_up or "").strip()
    if status in (WorkStatus.DONE, WorkStatus.CANCELLED) and not follow_up:
        raise DomainError(_("Say how the resolution was carried out, or why it was cancelled."))
    previous = resolution.status
    resolution.status = status
    if follow_up:
        resolution.follow_up = follow_up
    resolution.completed_on = clock.today() if status == WorkStatus.DONE else None
    resolution.save(update_fields=["status", "follow_up", "completed_on"])
    audit(
        action="prevention.resolution_followed_up",
        actor=user,
        object_type="resolution",
        object_id=resolution.pk,
        detail={"from": previous, "to": status},
    )
    return resolution


# --- the risk register ----------------------------------------------------------------------


def _scores(likelihood: int, impact: int) -> None:
    if not (1 <= likelihood <= 5 and 1 <= impact <= 5):
        raise DomainError(_("Likelihood and impact are rated from 1 to 5."))


@transaction.atomic
def risk_create(
    *,
    user: Any,
    unit: Unit,
    title: str,
    process: str,
    risk_map: str,
    likelihood: int,
    impact: int,
    identified_on: dt.date,
    description: str = "",
    court: Court | None = None,
    owner: Any = None,
) -> CorruptionRisk:
    """A risk in a unit's register, with its first assessment in the review history."""
    _may_edit(user, unit.pk)
    title = _text(title, _("Name the risk."))
    _choice(process, RiskProcess, _("Choose the process."))
    _choice(risk_map, RiskMap, _("Choose the map: legislative or organisational."))
    _scores(likelihood, impact)
    if court is not None and not unit.is_central and unit_for_court(court).pk != unit.pk:
        raise DomainError(_("The court is not in this unit's territory."))
    if owner is not None:
        _staff_of(owner, None, _("The owner must be a member of staff."))
    if identified_on > clock.today():
        raise DomainError(_("The date cannot be in the future."))
    risk = CorruptionRisk.objects.create(
        unit=unit,
        court=court,
        title=title,
        description=(description or "").strip(),
        process=process,
        risk_map=risk_map,
        likelihood=likelihood,
        impact=impact,
        owner=owner,
        identified_on=identified_on,
        created_by=user,
        created_at=clock.now(),
    )
    RiskReview.objects.create(
        risk=risk,
        reviewed_on=identified_on,
        likelihood=likelihood,
        impact=impact,
        note=_("Identified."),
        reviewed_by=user,
        recorded_at=clock.now(),
    )
    audit(
        action="prevention.risk_created",
        actor=user,
        object_type="risk",
        object_id=risk.pk,
        detail={"unit": unit.code, "likelihood": likelihood, "impact": impact},
    )
    return risk


@transaction.atomic
def risk_review(
    *,
    user: Any,
    risk_id: int,
    likelihood: int,
    impact: int,
    note: str,
    status: str = CorruptionRisk.Status.ACTIVE,
) -> CorruptionRisk:
    """A new assessment of a risk (added to its history), and whether it stays active."""
    risk = _locked(risks_visible_to(user), risk_id, _("No such risk."))
    _may_edit(user, risk.unit_id)
    _scores(likelihood, impact)
    _choice(status, CorruptionRisk.Status, _("Choose a status."))
    note = _text(note, _("Say what the review found."))
    previous = (risk.likelihood, risk.impact, risk.status)
    RiskReview.objects.create(
        risk=risk,
        reviewed_on=clock.today(),
        likelihood=likelihood,
        impact=impact,
        note=note,
        reviewed_by=user,
        recorded_at=clock.now(),
    )
    risk.likelihood, risk.impact, risk.status = likelihood, impact, status
    risk.save(update_fields=["likelihood", "impact", "status"])
    audit(
        action="prevention.risk_reviewed",
        actor=user,
        object_type="risk",
        object_id=risk.pk,
        detail={"from": list(previous), "to": [likelihood, impact, status]},
    )
    return risk


@transaction.atomic
def risk_action_add(
    *, user: Any, risk_id: int, description: str, due_on: dt.date, responsible: Any = None
) -> RiskAction:
    risk = _locked(risks_visible_to(user), risk_id, _("No such risk."))
    _may_edit(user, risk.unit_id)
    description = _text(description, _("Describe the mitigation action."))
    if responsible is not None:
        _staff_of(responsible, None, _("The responsible person must be a member of staff."))
    if due_on < clock.today():
        raise DomainError(_("The due date cannot be in the past."))
    action = RiskAction.objects.create(
        risk=risk, description=description, due_on=due_on, responsible=responsible
    )
    audit(
        action="prevention.risk_action_added",
        actor=user,
        object_type="risk",
        object_id=risk.pk,
        detail={"action": action.pk, "due_on": str(due_on)},
    )
    return action


@transaction.atomic
def risk_action_status(*, user: Any, action_id: int, status: str) -> RiskAction:
    action = (
        RiskAction.objects.select_for_update(of=("self",))
        .filter(pk=action_id, risk__in=risks_visible_to(user))
        .select_related("risk")
        .first()
    )
    if action is None:
        raise NotFound(_("No such action."))
    _may_edit(user, action.risk.unit_id)
    _choice(status, WorkStatus, _("Choose a status."))
    previous = action.status
    action.status = status
    action.completed_on = clock.today() if status == WorkStatus.DONE else None
    action.save(update_fields=["status", "completed_on"])
    audit(
        action="prevention.risk_action_status",
        actor=user,
        object_type="risk",
        object_id=action.risk_id,
        detail={"action": action.pk, "from": previous, "to": status},
    )
    return action


@transaction.atomic
def risk_case_link(*, user: Any, risk_id: int, case_number: str) -> CorruptionRisk:
    """Link a risk to a case that revealed it; the user must be able to see the case."""
    risk = _locked(risks_visible_to(user), risk_id, _("No such risk."))
    _may_edit(user, risk.unit_id)
    case = cases_visible_to(user).filter(appeal__number=(case_number or "").strip()).first()
    if case is None:
        raise DomainError(_("No case with this registration number is open to you."))
    if risk.cases.filter(pk=case.pk).exists():
        raise DomainError(_("The risk is already linked to this case."))
    risk.cases.add(case)
    audit(
        action="prevention.risk_case_linked",
        actor=user,
        object_type="risk",
        object_id=risk.pk,
        detail={"case": case.appeal.number},
    )
    return risk


# --- the concept ----------------------------------------------------------------------------


@transaction.atomic
def concept_objective_add(
    *, user: Any, number: str, title_kk: str, title_ru: str, title_en: str
) -> ConceptObjective:
    _central(user)
    number = _text(number, _("Give the number."))
    titles = {
        code: _text(value, _("Give the text in Kazakh, Russian and English."))
        for code, value in (("kk", title_kk), ("ru", title_ru), ("en", title_en))
    }
    if ConceptObjective.objects.filter(number=number).exists():
        raise DomainError(_("This number is already used."))
    objective = ConceptObjective.objects.create(
        number=number, **{f"title_{code}": value for code, value in titles.items()}
    )
    audit(
        action="prevention.concept_objective_added",
        actor=user,
        object_type="concept_objective",
        object_id=objective.pk,
    )
    return objective


@transaction.atomic
def concept_measure_add(
    *,
    user: Any,
    objective: ConceptObjective,
    number: str,
    text_kk: str,
    text_ru: str,
    text_en: str,
    units: list[Unit],
    due_on: dt.date | None = None,
) -> ConceptMeasure:
    _central(user)
    number = _text(number, _("Give the number."))
    texts = {
        code: _text(value, _("Give the text in Kazakh, Russian and English."))
        for code, value in (("kk", text_kk), ("ru", text_ru), ("en", text_en))
    }
    if ConceptMeasure.objects.filter(number=number).exists():
        raise DomainError(_("This number is already used."))
    measure = ConceptMeasure.objects.create(
        objective=objective,
        number=number,
        due_on=due_on,
        **{f"text_{code}": value for code, value in texts.items()},
    )
    measure.units.set(units)
    audit(
        action="prevention.concept_measure_added",
        actor=user,
        object_type="concept_measure",
        object_id=measure.pk,
    )
    return measure


@transaction.atomic
def concept_measure_update(
    *, user: Any, measure_id: int, status: str, note: str, units: list[Unit]
) -> ConceptMeasure:
    """The status of a concept measure, the units responsible and a note on its progress."""
    _central(user)
    measure = _locked(ConceptMeasure.objects.all(), measure_id, _("No such measure."))
    _choice(status, WorkStatus, _("Choose a status."))
    previous = measure.status
    measure.status, measure.note = status, (note or "").strip()
    measure.save(update_fields=["status", "note"])
    measure.units.set(units)
    audit(
        action="prevention.concept_measure_updated",
        actor=user,
        object_type="concept_measure",
        object_id=measure.pk,
        detail={"from": previous, "to": status, "units": sorted(u.code for u in units)},
    )
    return measure


# --- GRECO ----------------------------------------------------------------------------------


@transaction.atomic
def greco_round_add(
    *, user: Any, code: str, name_kk: str, name_ru: str, name_en: str
) -> GrecoRound:
    _central(user)
    code = _text(code, _("Give the code."))
    names = {
        lang: _text(value, _("Give the text in Kazakh, Russian and English."))
        for lang, value in (("kk", name_kk), ("ru", name_ru), ("en", name_en))
    }
    if GrecoRound.objects.filter(code=code).exists():
        raise DomainError(_("This code is already used."))
    found = GrecoRound.objects.create(
        code=code, **{f"name_{lang}": value for lang, value in names.items()}
    )
    audit(
        action="prevention.greco_round_added",
        actor=user,
        object_type="greco_round",
        object_id=found.pk,
    )
    return found


@transaction.atomic
def greco_report_add(
    *,
    user: Any,
    round_id: int,
    kind: str,
    plenary: str,
    adopted_on: dt.date,
    reference: str = "",
    published_on: dt.date | None = None,
    country_assessment: str = "",
    note: str = "",
) -> GrecoReport:
    """A GRECO report of a round, with its plenary and dates; an evaluation report gives no
    country-level assessment."""
    _central(user)
    found = _locked(GrecoRound.objects.all(), round_id, _("No such round."))
    _choice(kind, GrecoReport.Kind, _("Choose the kind of report."))
    _choice(country_assessment, GrecoReport.CountryAssessment, _("Choose the assessment."))
    plenary = _text(plenary, _("Give the GRECO plenary meeting that adopted the report."))
    if published_on is not None and published_on < adopted_on:
        raise DomainError(_("A report is published after it is adopted."))
    if kind == GrecoReport.Kind.EVALUATION and country_assessment:
        raise DomainError(_("An evaluation report gives no country-level assessment."))
    if found.reports.filter(adopted_on=adopted_on).exists():
        raise DomainError(_("The round already has a report adopted on that day."))
    report = GrecoReport.objects.create(
        round=found,
        kind=kind,
        plenary=plenary,
        reference=(reference or "").strip(),
        adopted_on=adopted_on,
        published_on=published_on,
        country_assessment=country_assessment,
        note=(note or "").strip(),
    )
    audit(
        action="prevention.greco_report_added",
        actor=user,
        object_type="greco_report",
        object_id=report.pk,
        detail={"round": found.code, "kind": kind, "assessment": country_assessment},
    )
    return report


@transaction.atomic
def greco_recommendation_add(
    *,
    user: Any,
    round_id: int,
    label: str,
    text_kk: str,
    text_ru: str,
    text_en: str,
) -> GrecoRecommendation:
    _central(user)
    found = _locked(GrecoRound.objects.all(), round_id, _("No such round."))
    label = _text(label, _("Give the recommendation's number."))
    if found.recommendations.filter(label=label).exists():
        raise DomainError(_("This number is already used."))
    position = (found.recommendations.aggregate(n=Max("position"))["n"] or 0) + 1
    recommendation = GrecoRecommendation.objects.create(
        round=found,
        label=label,
        position=position,
        **_greco_texts(text_kk, text_ru, text_en),
    )
    audit(
        action="prevention.greco_recommendation_added",
        actor=user,
        object_type="greco_recommendation",
        object_id=recommendation.pk,
    )
    return recommendation


def _greco_texts(text_kk: str, text_ru: str, text_en: str) -> dict[str, str]:
    return {
        f"text_{lang}": _text(value, _("Give the text in Kazakh, Russian and English."))
        for lang, value in (("kk", text_kk), ("ru", text_ru), ("en", text_en))
    }


@transaction.atomic
def greco_recommendation_update(
    *,
    user: Any,
    recommendation_id: int,
    text_kk: str,
    text_ru: str,
    text_en: str,
    owner_unit: Unit | None = None,
    owner: Any = None,
    next_report_due: dt.date | None = None,
) -> GrecoRecommendation:
    """The texts, the unit and person responsible, and the next situation-report deadline."""
    _central(user)
    rec = _locked(
        GrecoRecommendation.objects.all(), recommendation_id, _("No such recommendation.")
    )
    if owner is not None:
        _staff_of(
            owner,
            owner_unit.pk if owner_unit else None,
            _("The owner must work in the unit responsible."),
        )
    for name, value in _greco_texts(text_kk, text_ru, text_en).items():
        setattr(rec, name, value)
    rec.owner_unit, rec.owner, rec.next_report_due = owner_unit, owner, next_report_due
    rec.save()
    audit(
        action="prevention.greco_recommendation_updated",
        actor=user,
        object_type="greco_recommendation",
        object_id=rec.pk,
        detail={"next_report_due": str(next_report_due) if next_report_due else None},
    )
    return rec


@transaction.atomic
def greco_assess(
    *,
    user: Any,
    recommendation_id: int,
    report_id: int,
    status: str,
    note: str = "",
    files: RawFiles | None = None,
) -> GrecoAssessment:
    """How a compliance report (or its addendum) rated a recommendation: one status per
    report, so the statuses across reports are the recommendation's history. Recording it
    again for the same report corrects it (audited with the previous status)."""
    _central(user)
    rec = _locked(
        GrecoRecommendation.objects.all(), recommendation_id, _("No such recommendation.")
    )
    report = GrecoReport.objects.filter(pk=report_id, round_id=rec.round_id).first()
    if report is None:
        raise DomainError(_("Choose a report of this recommendation's round."))
    if report.kind == GrecoReport.Kind.EVALUATION:
        raise DomainError(_("An evaluation report issues recommendations; it does not rate them."))
    _choice(status, GrecoStatus, _("Choose a status."))
    cleaned = prevention_files.clean(files or [])
    assessment = GrecoAssessment.objects.filter(recommendation=rec, report=report).first()
    previous = assessment.status if assessment else None
    with prevention_files.stored(cleaned) as stored:
        if assessment is None:
            assessment = GrecoAssessment.objects.create(
                recommendation=rec,
                report=report,
                status=status,
                note=(note or "").strip(),
                recorded_by=user,
                recorded_at=clock.now(),
            )
        else:
            assessment.status, assessment.recorded_by = status, user
            assessment.recorded_at = clock.now()
            if (note or "").strip():
                assessment.note = note.strip()
            assessment.save()
        _attach(stored, user, greco_assessment=assessment)
    audit(
        action="prevention.greco_assessed",
        actor=user,
        object_type="greco_recommendation",
        object_id=rec.pk,
        detail={"report": report.pk, "from": previous, "to": status, "files": len(cleaned)},
    )
    return assessment


# --- files and reminders --------------------------------------------------------------------


@transaction.atomic
def document_download(*, user: Any, document_id: int) -> tuple[str, bytes]:
    """A file's name and content for a user who may see what it belongs to; audited."""
    document = document_visible(user, document_id)
    data = prevention_files.read(document.storage_name)
    audit(
        action="prevention.file_downloaded",
        actor=user,
        object_type="prevention_file",
        object_id=document.pk,
    )
    return document.name, data


@transaction.atomic
def reminder_dismiss(*, user: Any, reminder_id: int) -> None:
    updated = PreventionReminder.objects.filter(
        pk=reminder_id, user=user, read_at__isnull=True
    ).update(read_at=clock.now())
    if not updated:
        raise NotFound(_("No such reminder."))


def _people_to_remind(unit_id: int, person: Any) -> list[Any]:
    """The person responsible and the unit's chiefs; for the central department, whose work
    has no chief, its coordinators."""
    users = get_user_model().objects.filter(is_active=True)
    chiefs = list(users.filter(staff__unit_id=unit_id, staff__role=Role.CHIEF))
    if not chiefs and Unit.objects.filter(pk=unit_id, kind=Unit.Kind.CENTRAL).exists():
        chiefs = list(users.filter(staff__role=Role.COORDINATOR))
    people = {p.pk: p for p in chiefs}
    if person is not None and person.is_active and is_staff_member(person):
        people[person.pk] = person
    return list(people.values())


def _remind(user: Any, kind: str, object_id: int, due_on: dt.date) -> bool:
    try:
        with transaction.atomic():
            PreventionReminder.objects.create(
                user=user, kind=kind, object_id=object_id, due_on=due_on, created_at=clock.now()
            )
    except IntegrityError:
        return False
    return True


def _not_yet_reminded(kind: str) -> Exists:
    return Exists(
        PreventionReminder.objects.filter(
            kind=kind, object_id=OuterRef("pk"), due_on=OuterRef("due_on")
        )
    )


def prevention_remind() -> int:
    """Remind of overdue plan measures and commission resolutions (a sweep step).

    The responsible person and the unit's chiefs hear of each once per due date (a unique
    constraint), one item per transaction, so the sweep can run twice or on two hosts.
    """
    today = clock.today()
    sent = 0
    measure_kind = PreventionReminder.Kind.MEASURE_OVERDUE
    overdue_measures = Measure.objects.filter(status__in=OPEN_WORK, due_on__lt=today).exclude(
        _not_yet_reminded(measure_kind)
    )
    for measure_id in overdue_measures.values_list("pk", flat=True).iterator():
        with transaction.atomic():
            measure = (
                Measure.objects.select_for_update(of=("self",))
                .select_related("responsible")
                .filter(pk=measure_id)
                .first()
            )
            if measure is None or not is_overdue(measure.status, measure.due_on, today):
                continue
            people = _people_to_remind(measure.responsible_unit_id, measure.responsible)
            made = sum(_remind(p, measure_kind, measure.pk, measure.due_on) for p in people)
            if made:
                audit(
                    action="prevention.measure_overdue",
                    object_type="measure",
                    object_id=measure.pk,
                    detail={"due_on": str(measure.due_on), "reminded": made},
                )
            sent += made
    resolution_kind = PreventionReminder.Kind.RESOLUTION_OVERDUE
    overdue_resolutions = Resolution.objects.filter(status__in=OPEN_WORK, due_on__lt=today).exclude(
        _not_yet_reminded(resolution_kind)
    )
    for resolution_id in overdue_resolutions.values_list("pk", flat=True).iterator():
        with transaction.atomic():
            resolution = (
                Resolution.objects.select_for_update(of=("self",))
                .select_related("owner", "meeting__commission")
                .filter(pk=resolution_id)
                .first()
            )
            if resolution is None or not is_overdue(resolution.status, resolution.due_on, today):
                continue
            people = _people_to_remind(resolution.meeting.commission.unit_id, resolution.owner)
            made = sum(
                _remind(p, resolution_kind, resolution.pk, resolution.due_on) for p in people
            )
            if made:
                audit(
                    action="prevention.resolution_overdue",
                    object_type="resolution",
                    object_id=resolution.pk,
                    detail={"due_on": str(resolution.due_on), "reminded": made},
                )
            sent += made
    return sent
