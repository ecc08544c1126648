"""Marking roll-ups stale when the facts below them change.

The layers below analytics do not know it exists; it listens to their saves. A mark is written
in the same transaction as the change (so a change that commits is never left uncounted) and
names the court and the months the change can move a figure in: the registration month and the
months of the dates it holds now and held when it was loaded.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models.signals import post_delete, post_init, post_save

from senim.analytics.models import RollupMark
from senim.analytics.periods import month_of, month_start
from senim.cases.models import Assessment, Case, Extension, Referral
from senim.intake.models import Appeal, MailboxMessage, MessageDirection

CASE_DATES = ("concluded_at", "closed_at", "due_on", "original_due_on")
REFERRAL_DATES = ("sent_at", "result_at")


def _loaded(instance: Any, fields: tuple[str, ...]) -> tuple[Any, ...]:
    # Read from __dict__: a deferred field must not cost a query on every load.
    return tuple(instance.__dict__.get(field) for field in fields)


def _remember(sender: Any, instance: Any, **_kwargs: Any) -> None:
    fields = CASE_DATES if sender is Case else REFERRAL_DATES
    instance._rollup_loaded = _loaded(instance, fields)


def _months(values: tuple[Any, ...]) -> set[dt.date]:
    return {month_of(value) for value in values if value is not None}


def _appeal_registration(**where: Any) -> tuple[int, dt.date] | None:
    found = Appeal.objects.filter(**where).values_list("court_id", "registered_at").first()
    return (found[0], month_of(found[1])) if found else None


def mark(court_id: int, months: set[dt.date]) -> None:
    RollupMark.objects.bulk_create(RollupMark(court_id=court_id, month=m) for m in sorted(months))


def _case_changed(sender: Any, instance: Case, **_kwargs: Any) -> None:
    appeal = instance._state.fields_cache.get("appeal")
    if appeal is not None:
        court_id, registered = appeal.court_id, month_of(appeal.registered_at)
    elif (found := _appeal_registration(pk=instance.appeal_id)) is not None:
        court_id, registered = found
    else:
        return
    months = {registered} | _months(_loaded(instance, CASE_DATES))
    months |= _months(getattr(instance, "_rollup_loaded", ()))
    mark(court_id, months)
    instance._rollup_loaded = _loaded(instance, CASE_DATES)  # type: ignore[attr-defined]


def _appeal_changed(sender: Any, instance: Appeal, created: bool = False, **_kwargs: Any) -> None:
    # A new appeal has no case yet: the case's own save marks it.
    if not created and instance.registered_at is not None:
        mark(instance.court_id, {month_of(instance.registered_at)})


def _case_detail_changed(case_id: int, extra: set[dt.date]) -> None:
    if (found := _appeal_registration(case__id=case_id)) is not None:
        mark(found[0], {found[1]} | extra)


def _referral_changed(sender: Any, instance: Referral, **_kwargs: Any) -> None:
    months = _months(_loaded(instance, REFERRAL_DATES))
    months |= _months(getattr(instance, "_rollup_loaded", ()))
    _case_detail_changed(instance.case_id, months)
    instance._rollup_loaded = _loaded(instance, REFERRAL_DATES)  # type: ignore[attr-defined]


def _extension_changed(sender: Any, instance: Extension, **_kwargs: Any) -> None:
    # The case's conclusion month counts "extended"; the old and new deadlines' months count
    # "due" and "overdue" (the case's own save marks the new one).
    _case_detail_changed(
        instance.case_id, {month_start(instance.previous_due_on), month_start(instance.new_due_on)}
    )


def _assessment_changed(sender: Any, instance: Assessment, **_kwargs: Any) -> None:
    _case_detail_changed(instance.case_id, set())


def _message_changed(sender: Any, instance: MailboxMessage, **_kwargs: Any) -> None:
    if instance.direction != MessageDirection.FROM_REPORTER:
        return
    if (found := _appeal_registration(pk=instance.appeal_id)) is not None:
        mark(found[0], {found[1]})


def connect() -> None:
    post_init.connect(_remember, sender=Case, dispatch_uid="rollup-case-init")
    post_init.connect(_remember, sender=Referral, dispatch_uid="rollup-referral-init")
    for name, signal in (("save", post_save), ("delete", post_delete)):
        signal.connect(_case_changed, sender=Case, dispatch_uid=f"rollup-case-{name}")
        signal.connect(_referral_changed, sender=Referral, dispatch_uid=f"rollup-ref-{name}")
        signal.connect(_extension_changed, sender=Extension, dispatch_uid=f"rollup-ext-{name}")
        signal.connect(_assessment_changed, sender=Assessment, dispatch_uid=f"rollup-as-{name}")
        signal.connect(_message_changed, sender=MailboxMessage, dispatch_uid=f"rollup-msg-{name}")
    post_save.connect(_appeal_changed, sender=Appeal, dispatch_uid="rollup-appeal")
