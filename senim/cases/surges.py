"""Surges of reports: an abnormal number of registrations in a unit, a court or the country.

A flood (one probe registered 2,600 appeals in three minutes, each with a statutory deadline)
must not drown a department. The per-client limits of the portal stop one address; a flood
from many addresses is found here. The sweep's step `surges_detect` counts the registrations
of the current and the previous window per territorial unit, per court and for the country,
records a `Surge` when a count is abnormal, and tells the central department's coordinators.
They close the flood as spam in one decision (`senim.cases.spam`), or close the surge as
looked at.

- **Windows** are aligned on multiples of their length (whole hours by default), so two sweeps,
  or two hosts, name a window the same way and the unique constraints on `Surge` keep one row
  per scope and window. The previous window is looked at again, so a flood at 10:58 seen by
  the sweep at 11:03 is not missed. A flood that goes on into the next window extends its open
  surge: one notice per flood, not one an hour.
- **Abnormal** means at least the floor (`SENIM_SURGE_MIN_REPORTS`, or `..._GLOBAL` for the
  country) and more than `SENIM_SURGE_FACTOR` times the baseline: the median count of the same
  window in each of the previous `SENIM_SURGE_BASELINE_WEEKS` weeks. The median, and leaving
  out cases closed as spam, keep an earlier flood from raising the baseline of the next.
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
from collections import defaultdict
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from senim.cases.models import Case, Notification, Status, Surge
from senim.core import clock
from senim.core.audit import audit
from senim.core.errors import DomainError, NotFound
from senim.organization import policy
from senim.organization.policy import Capability, roles_with

if TYPE_CHECKING:
    from senim.accounts.models import Requester, User

Scope = Surge.Scope
Key = tuple[str, int | None]  # (scope, the unit's or the court's id; None for the country)
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def window_width() -> dt.timedelta:
    return dt.timedelta(minutes=settings.SENIM_SURGE_WINDOW_MINUTES)


def window_start_of(moment: dt.datetime) -> dt.datetime:
    """The start of the window `moment` falls in: a multiple of the width since the epoch."""
    width = window_width()
    return _EPOCH + ((moment - _EPOCH) // width) * width


def _floor(scope: str) -> int:
    if scope == Scope.GLOBAL:
        return int(settings.SENIM_SURGE_MIN_REPORTS_GLOBAL)
    return int(settings.SENIM_SURGE_MIN_REPORTS)


def _registered(start: dt.datetime, end: dt.datetime) -> QuerySet[Case]:
    return Case.objects.filter(appeal__registered_at__gte=start, appeal__registered_at__lt=end)


def _counts(start: dt.datetime, end: dt.datetime, *, with_spam: bool) -> dict[Key, int]:
    """Registrations in [start, end) per unit, per court and for the country (one query)."""
    cases = _registered(start, end)
    if not with_spam:
        cases = cases.exclude(status=Status.SPAM)
    rows = cases.values_list("unit_id", "appeal__court_id").annotate(n=Count("pk")).order_by()
    counts: dict[Key, int] = defaultdict(int)
    for unit_id, court_id, n in rows:
        counts[(Scope.UNIT, unit_id)] += n
        counts[(Scope.COURT, court_id)] += n
        counts[(Scope.GLOBAL, None)] += n
    return counts


def _baselines(start: dt.datetime, keys: list[Key]) -> dict[Key, float]:
    """The median count of the same window in each of the previous weeks, spam left out."""
    weeks = max(0, int(settings.SENIM_SURGE_BASELINE_WEEKS))
    samples: dict[Key, list[int]] = {key: [] for key in keys}
    for week in range(1, weeks + 1):
        earlier = start - dt.timedelta(weeks=week)
        counts = _counts(earlier, earlier + window_width(), with_spam=False)
        for key in keys:
            samples[key].append(counts.get(key, 0))
    return {
        key: float(statistics.median(values)) if values else 0.0 for key, values in samples.items()
    }


def threshold_for(scope: str, baseline: float) -> int:
    """The smallest count that is a surge: at least the floor, more than FACTOR x baseline."""
    return max(_floor(scope), math.floor(settings.SENIM_SURGE_FACTOR * baseline) + 1)


def surges_detect() -> int:
    """The sweep's step: record the surges of the previous and the current window and tell the
    coordinators of each new one. Safe to run twice or on two hosts; returns how many new
    surges were recorded."""
    now = clock.now()
    current = window_start_of(now)
    made = 0
    for start in (current - window_width(), current):
        end = start + window_width()
        counts = _counts(start, min(end, now), with_spam=True)
        # The baseline costs a query per week: only for scopes that reach their floor.
        candidates = {key: n for key, n in counts.items() if n >= _floor(key[0])}
        if not candidates:
            continue
        baselines = _baselines(start, list(candidates))
        for key in sorted(candidates, key=lambda k: (k[0], k[1] or 0)):
            threshold = threshold_for(key[0], baselines[key])
            if candidates[key] >= threshold:
                made += _record(
                    key, start, end, baseline=baselines[key], threshold=threshold, now=now
                )
    return made


def _of_scope(key: Key) -> Q:
    scope, place = key
    if scope == Scope.UNIT:
        return Q(scope=scope, unit_id=place)
    if scope == Scope.COURT:
        return Q(scope=scope, court_id=place)
    return Q(scope=Scope.GLOBAL)


def _count_in_scope(key: Key, start: dt.datetime, end: dt.datetime) -> int:
    scope, place = key
    where = {Scope.UNIT: "unit_id", Scope.COURT: "appeal__court_id"}.get(Scope(scope))
    cases = _registered(start, end)
    return (cases.filter(**{where: place}) if where else cases).count()


@transaction.atomic
def _record(
    key: Key,
    start: dt.datetime,
    end: dt.datetime,
    *,
    baseline: float,
    threshold: int,
    now: dt.datetime,
) -> int:
    """Record the surge of one scope and window, or extend the open one it continues; 1 when
    a new surge was recorded (and its coordinators told)."""
    # Locked, so that of two sweeps one extends the surge and the other, re-reading the row
    # after the first commits, finds the window covered.
    ongoing = (
        Surge.objects.select_for_update()
        .filter(_of_scope(key), window_start__lte=start, window_end__gte=start)
        .order_by("-window_end")
        .first()
    )
    if ongoing is not None and (ongoing.window_end > start or ongoing.state == Surge.State.OPEN):
        # A closed surge covering this window was handled already: nothing new to tell.
        if ongoing.state == Surge.State.OPEN:
            ongoing.window_end = max(ongoing.window_end, end)
            ongoing.count = _count_in_scope(key, ongoing.window_start, min(ongoing.window_end, now))
            ongoing.save(update_fields=["window_end", "count"])
        return 0
    scope, place = key
    try:
        with transaction.atomic():
            surge = Surge.objects.create(
                scope=scope,
                unit_id=place if scope == Scope.UNIT else None,
                court_id=place if scope == Scope.COURT else None,
                window_start=start,
                window_end=end,
                count=_count_in_scope(key, start, min(end, now)),
                baseline=baseline,
                threshold=threshold,
                detected_at=now,
            )
    except IntegrityError:
        return 0  # another sweep recorded it first
    surge = Surge.objects.select_related("unit", "court").get(pk=surge.pk)
    told = _tell_coordinators(surge)
    audit(
        action="surge.detected",
        object_type="surge",
        object_id=surge.pk,
        detail={
            "scope": scope,
            "place": surge.unit.code if surge.unit else (surge.court.code if surge.court else ""),
            "from": surge.window_start.isoformat(),
            "until": surge.window_end.isoformat(),
            "count": surge.count,
            "baseline": baseline,
            "threshold": threshold,
            "told": told,
        },
    )
    return 1


def surge_place(surge: Surge) -> str:
    """Where the surge is, in the active language."""
    if surge.unit is not None:
        return surge.unit.name
    if surge.court is not None:
        return surge.court.name
    return str(Scope.GLOBAL.label)


def _tell_coordinators(surge: Surge) -> int:
    """A notice to every active coordinator (the home page lists it), and an e-mail on commit
    in each one's language. The surge is new in this transaction, so each is told once."""
    coordinators = list(
        get_user_model().objects.filter(
            staff__role__in=roles_with(Capability.SPAM_DECIDE), is_active=True
        )
    )
    Notification.objects.bulk_create(
        Notification(
            user=person,
            surge=surge,
            kind=Notification.Kind.SURGE,
            due_on=timezone.localtime(surge.window_start).date(),
            created_at=surge.detected_at,
        )
        for person in coordinators
    )
    for person in coordinators:
        if person.email:
            _mail_on_commit(person.email, person.preferred_language, surge)
    return len(coordinators)


def _mail_on_commit(address: str, language: str | None, surge: Surge) -> None:
    with override(language or settings.LANGUAGE_CODE):
        subject = str(Notification.Kind.SURGE.label)
        body = _(
            "%(place)s: reports registered since %(start)s: %(count)s (usually %(baseline)s in "
            "such a window). Look at them on the surge's page in the office."
        ) % {
            "place": surge_place(surge),
            "count": surge.count,
            "start": timezone.localtime(surge.window_start).strftime("%d.%m.%Y %H:%M"),
            "baseline": f"{surge.baseline:g}",
        }
    transaction.on_commit(
        lambda: send_mail(f"Senim: {subject}", body, None, [address], fail_silently=True)
    )


# --- The central department's reads and decisions -------------------------------------------


def _require_decider(user: Requester | None) -> None:
    policy.require(
        user, Capability.SPAM_DECIDE, _("Only the central department handles surges of reports.")
    )


def surges_for(user: Requester | None) -> QuerySet[Surge]:
    """Surges, open first then newest: whoever decides on spam (the central department's
    coordinators) sees them all, nobody else any."""
    if not policy.may(user, Capability.SPAM_DECIDE):
        return Surge.objects.none()
    return Surge.objects.select_related("unit", "court").order_by("-state", "-window_start", "pk")


def surges_open(user: Requester | None) -> QuerySet[Surge]:
    return surges_for(user).filter(state=Surge.State.OPEN)


def surge_get(user: Requester | None, surge_id: int) -> Surge:
    found = surges_for(user).filter(pk=surge_id).first()
    if found is None:
        raise NotFound("Surge not found.")
    return found


def close_locked(surge: Surge, *, user: User, note: str) -> None:
    """Close a surge the caller has locked; its notices are read from now on."""
    now = clock.now()
    surge.state = Surge.State.CLOSED
    surge.closed_by = user
    surge.closed_at = now
    surge.close_note = note
    surge.save(update_fields=["state", "closed_by", "closed_at", "close_note"])
    Notification.objects.filter(surge=surge, read_at__isnull=True).update(read_at=now)
    audit(
        action="surge.closed",
        actor=user,
        object_type="surge",
        object_id=surge.pk,
        detail={"note": note},
    )


@transaction.atomic
def surge_close(*, user: User, surge_id: int, note: str) -> Surge:
    """A coordinator closes a surge as looked at (the reports were honest, or dealt with one by
    one), with a note saying why. Closing the flood as spam closes its surge by itself."""
    _require_decider(user)
    if len(note.strip()) < 5:
        raise DomainError(_("Give the reason for this decision."))
    surge_get(user, surge_id)
    surge = Surge.objects.select_for_update().get(pk=surge_id)
    if surge.state != Surge.State.OPEN:
        raise DomainError(_("This surge has been closed already."))
    close_locked(surge, user=user, note=note.strip())
    return surge
