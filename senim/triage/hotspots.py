"""Hotspots: a court, a territorial unit or a named official the subject of more reports in a
window than the central department's threshold.

The sweep's step `hotspots_detect` counts, over the last `window_days` of each threshold, the
reports per court, per unit and per person named (by the keyed hash of the normalised name,
`senim.triage.models.NamedPerson`: no second plaintext copy of any name), cases closed as spam
left out. A court's count is divided by its staff per 100 (`organization.HeadCount`, the latest
period begun) when the registry knows it; for a court without a head-count, and for units and
people, the threshold is a number of reports.

A subject over its threshold gets one open `Hotspot` (a partial unique index per kind of
subject), updated by later sweeps; when it is new the central department's coordinators are
told (a notice on their home page, an e-mail), as for surges (`senim.cases.surges`). After a
coordinator closes it, only reports registered after the closing count towards the next one.
The alert's page lists only the cases the reader may see and says how many it hides.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import override

from senim.accounts.models import Requester, User
from senim.cases.models import Case, Status
from senim.cases.selectors import cases_visible_to
from senim.core import clock
from senim.core.audit import audit
from senim.core.errors import DomainError, NotFound
from senim.organization import policy
from senim.organization.models import HeadCount
from senim.organization.policy import Capability, roles_with
from senim.triage.models import Hotspot, HotspotThreshold, NamedPerson, TriageNotice

Scope = HotspotThreshold.Scope
_DEFAULTS = {
    Scope.COURT: "SENIM_TRIAGE_HOTSPOT_COURT",
    Scope.UNIT: "SENIM_TRIAGE_HOTSPOT_UNIT",
    Scope.PERSON: "SENIM_TRIAGE_HOTSPOT_PERSON",
}


@dataclass(frozen=True)
class Threshold:
    scope: str
    threshold: float
    window_days: int


def thresholds() -> dict[str, Threshold]:
    """The central department's thresholds, the settings' defaults where it set none."""
    found = {
        row.scope: Threshold(row.scope, row.threshold, row.window_days)
        for row in HotspotThreshold.objects.all()
    }
    for scope, name in _DEFAULTS.items():
        found.setdefault(
            scope,
            Threshold(
                scope, float(getattr(settings, name)), settings.SENIM_TRIAGE_HOTSPOT_WINDOW_DAYS
            ),
        )
    return found


def _staff_per_court(today: dt.date) -> dict[int, int]:
    """Each court's staff in the latest period begun by today (one query)."""
    staff: dict[int, int] = {}
    rows = (
        HeadCount.objects.filter(period_start__lte=today)
        .order_by("court_id", "-period_start")
        .values_list("court_id", "staff")
    )
    for court_id, count in rows:
        staff.setdefault(court_id, count)
    return staff


def _cases_since(since: dt.datetime) -> QuerySet[Case]:
    return Case.objects.filter(appeal__registered_at__gte=since).exclude(status=Status.SPAM)


def _closed_since(scope: str, since: dt.datetime) -> dict[object, dt.datetime]:
    """When each subject's last hotspot closed, for those closed within the window."""
    field = {Scope.COURT: "court_id", Scope.UNIT: "unit_id", Scope.PERSON: "person_key"}[
        Scope(scope)
    ]
    rows = (
        Hotspot.objects.filter(scope=scope, state=Hotspot.State.CLOSED, closed_at__gte=since)
        .values_list(field)
        .annotate(last=Max("closed_at"))
        .order_by()
    )
    return {subject: last for subject, last in rows}


def _counts(scope: str, since: dt.datetime) -> dict[object, int]:
    if scope in (Scope.COURT, Scope.UNIT):
        field = "appeal__court_id" if scope == Scope.COURT else "unit_id"
        cases = _cases_since(since).values_list(field).annotate(n=Count("pk")).order_by()
        return {subject: n for subject, n in cases}
    people = (
        NamedPerson.objects.filter(registered_at__gte=since)
        .exclude(appeal__case__status=Status.SPAM)
        .values_list("key")
        .annotate(n=Count("appeal_id", distinct=True))
        .order_by()
    )
    return {subject: n for subject, n in people}


def _subject(scope: str, subject: object) -> dict[str, object]:
    if scope == Scope.COURT:
        return {"court_id": subject}
    if scope == Scope.UNIT:
        return {"unit_id": subject}
    return {"person_key": subject}


def hotspots_detect() -> int:
    """The sweep's step: raise or update the hotspots of every kind of subject; returns how
    many new ones were raised (and their coordinators told). Safe to run twice."""
    now = clock.now()
    raised = 0
    staff = _staff_per_court(now.date())
    coordinators: list[User] | None = None  # read once, and only when an alert is raised
    for scope, rule in thresholds().items():
        since = now - dt.timedelta(days=rule.window_days)
        counts = _counts(scope, since)
        closed = _closed_since(scope, since)
        field = {Scope.COURT: "court_id", Scope.UNIT: "unit_id", Scope.PERSON: "person_key"}
        # An open alert whose count has not moved costs no transaction.
        still = dict(
            Hotspot.objects.filter(scope=scope, state=Hotspot.State.OPEN).values_list(
                field[Scope(scope)], "count"
            )
        )
        for subject, count in counts.items():
            if subject is None or (subject in still and still[subject] == count):
                continue
            start = since
            if subject in closed:  # only what came after the last alert was closed
                start = closed[subject]
                count = _count_one(scope, subject, start)
            per_staff = scope == Scope.COURT and staff.get(subject, 0) > 0  # type: ignore[call-overload]
            rate = count * 100 / staff[subject] if per_staff else float(count)  # type: ignore[index]
            if rate <= rule.threshold:
                continue
            if coordinators is None and subject not in still:
                coordinators = _coordinators()
            raised += _record(
                scope, subject, count=count, rate=rate, per_staff=per_staff,
                threshold=rule.threshold, start=start, now=now, coordinators=coordinators or [],
            )  # fmt: skip
    return raised


def _count_one(scope: str, subject: object, start: dt.datetime) -> int:
    if scope == Scope.PERSON:
        return (
            NamedPerson.objects.filter(key=subject, registered_at__gte=start)
            .exclude(appeal__case__status=Status.SPAM)
            .values("appeal_id")
            .distinct()
            .count()
        )
    field = "appeal__court_id" if scope == Scope.COURT else "unit_id"
    return _cases_since(start).filter(**{field: subject}).count()


@transaction.atomic
def _record(
    scope: str,
    subject: object,
    *,
    count: int,
    rate: float,
    per_staff: bool,
    threshold: float,
    start: dt.datetime,
    now: dt.datetime,
    coordinators: list[User],
) -> int:
    where = _subject(scope, subject)
    ongoing = (
        Hotspot.objects.select_for_update()
        .filter(scope=scope, state=Hotspot.State.OPEN, **where)
        .first()
    )
    if ongoing is not None:
        ongoing.count, ongoing.rate, ongoing.window_end = count, rate, now
        ongoing.save(update_fields=["count", "rate", "window_end"])
        return 0
    try:
        with transaction.atomic():
            hotspot = Hotspot.objects.create(
                scope=scope, window_start=start, window_end=now, count=count, rate=rate,
                per_staff=per_staff, threshold=threshold, detected_at=now, **where,
            )  # fmt: skip
    except IntegrityError:
        return 0  # another sweep raised it first
    hotspot = Hotspot.objects.select_related("court", "unit").get(pk=hotspot.pk)
    told = _tell_coordinators(hotspot, coordinators)
    audit(
        action="hotspot.raised",
        object_type="hotspot",
        object_id=hotspot.pk,
        detail={
            "scope": scope,
            # A person is named by nothing but the alert's number.
            "place": _code(hotspot),
            "count": count,
            "rate": round(rate, 2),
            "threshold": threshold,
            "per_staff": per_staff,
            "told": told,
        },
    )
    return 1


def _code(hotspot: Hotspot) -> str:
    if hotspot.court is not None:
        return hotspot.court.code
    if hotspot.unit is not None:
        return hotspot.unit.code
    return ""


def _coordinators() -> list[User]:
    return list(
        get_user_model().objects.filter(
            staff__role__in=roles_with(Capability.SPAM_DECIDE), is_active=True
        )
    )


def _tell_coordinators(hotspot: Hotspot, coordinators: list[User]) -> int:
    TriageNotice.objects.bulk_create(
        TriageNotice(
            user=person, kind=TriageNotice.Kind.HOTSPOT, hotspot=hotspot,
            created_at=hotspot.detected_at,
        )
        for person in coordinators
    )  # fmt: skip
    for person in coordinators:
        if person.email:
            with override(person.preferred_language or settings.LANGUAGE_CODE):
                subject = _("Senim: hotspot of reports")
                body = _(
                    "%(place)s: %(count)s reports since %(start)s, above the threshold. "
                    "Look at them on the hotspot's page in the office."
                ) % {
                    "place": hotspot_place(hotspot),
                    "count": hotspot.count,
                    "start": hotspot.window_start.strftime("%d.%m.%Y"),
                }
            _mail_on_commit(person.email, subject, body)
    return len(coordinators)


def _mail_on_commit(address: str, subject: str, body: str) -> None:
    transaction.on_commit(lambda: send_mail(subject, body, None, [address], fail_silently=True))


def hotspot_place(hotspot: Hotspot) -> str:
    """What the alert is about, in the active language; a person only as a named official
    (the name is read from the reports, which the reader may or may not see)."""
    if hotspot.court is not None:
        return hotspot.court.name
    if hotspot.unit is not None:
        return hotspot.unit.name
    return _("A named official (alert %(number)s)") % {"number": hotspot.pk}


# --- The central department's reads and acts -------------------------------------------------


def _require_central(user: User) -> None:
    policy.require(user, Capability.SPAM_DECIDE, _("Only the central department handles hotspots."))


def hotspots_for(user: Requester) -> QuerySet[Hotspot]:
    if not policy.may(user, Capability.SPAM_DECIDE):
        return Hotspot.objects.none()
    return Hotspot.objects.select_related("court", "unit").order_by("-state", "-detected_at", "pk")


def hotspot_get(user: Requester, hotspot_id: int) -> Hotspot:
    found = hotspots_for(user).filter(pk=hotspot_id).first()
    if found is None:
        raise NotFound(_("No such hotspot."))
    return found


def _behind(hotspot: Hotspot) -> QuerySet[Case]:
    """Every case behind the alert (before visibility)."""
    cases = Case.objects.filter(
        appeal__registered_at__gte=hotspot.window_start,
        appeal__registered_at__lte=hotspot.window_end,
    ).exclude(status=Status.SPAM)
    if hotspot.court_id is not None:
        return cases.filter(appeal__court_id=hotspot.court_id)
    if hotspot.unit_id is not None:
        return cases.filter(unit_id=hotspot.unit_id)
    return cases.filter(
        appeal_id__in=NamedPerson.objects.filter(key=hotspot.person_key).values("appeal_id")
    )


def hotspot_cases(user: Requester, hotspot: Hotspot, *, limit: int = 200) -> tuple[list[Case], int]:
    """The cases behind the alert the user may see (newest first, at most `limit`), and how
    many others it hides from them."""
    behind = _behind(hotspot)
    visible = behind.filter(pk__in=cases_visible_to(user).values("pk"))
    shown = list(
        visible.select_related("appeal", "appeal__court", "unit").order_by(
            "-appeal__registered_at", "-pk"
        )[:limit]
    )
    hidden = behind.count() - visible.count()
    return shown, hidden


@transaction.atomic
def hotspot_close(*, user: User, hotspot_id: int) -> Hotspot:
    _require_central(user)
    hotspot_get(user, hotspot_id)
    hotspot = Hotspot.objects.select_for_update().get(pk=hotspot_id)
    if hotspot.state != Hotspot.State.OPEN:
        raise DomainError(_("This hotspot has been closed already."))
    now = clock.now()
    hotspot.state, hotspot.closed_by, hotspot.closed_at = Hotspot.State.CLOSED, user, now
    hotspot.save(update_fields=["state", "closed_by", "closed_at"])
    TriageNotice.objects.filter(hotspot=hotspot, read_at__isnull=True).update(read_at=now)
    audit(action="hotspot.closed", actor=user, object_type="hotspot", object_id=hotspot.pk)
    return hotspot


@transaction.atomic
def threshold_set(*, user: User, scope: str, threshold: float, window_days: int) -> None:
    """The central department sets the threshold of one kind of subject."""
    _require_central(user)
    if scope not in Scope.values:
        raise DomainError(_("Choose what the threshold is for."))
    if threshold <= 0 or not 1 <= window_days <= 366:
        raise DomainError(_("The threshold must be above 0 and the window 1 to 366 days."))
    HotspotThreshold.objects.update_or_create(
        scope=scope,
        defaults={
            "threshold": threshold,
            "window_days": window_days,
            "updated_by": user,
            "updated_at": clock.now(),
        },
    )
    audit(
        action="hotspot.threshold_set",
        actor=user,
        object_type="hotspot_threshold",
        object_id=scope,
        detail={"threshold": threshold, "window_days": window_days},
    )


def notices_for(user: Requester) -> list[TriageNotice]:
    """Unread triage notices; a case notice only while the case is visible to the user."""
    actor = policy.actor_of(user)
    if actor is None:
        return []
    visible = cases_visible_to(user).values("pk")
    return list(
        TriageNotice.objects.filter(user=actor.user, read_at__isnull=True)
        .filter(Q(case__isnull=True) | Q(case__in=visible))
        .select_related("case__appeal", "hotspot__court", "hotspot__unit")
        .order_by("-created_at")[:20]
    )
