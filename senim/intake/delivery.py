"""Deliveries to the reporter outside the portal mailbox: one rule, one audit entry each.

The rule (`delivery_channels`): a message reaches the reporter by the channel they chose and by
nothing else. Every message is in the portal mailbox; e-mail or SMS is added only when a named
reporter asked for it. An anonymous reporter, or one who chose the mailbox alone, is never
written to anywhere else, whatever contact details are on file: a notice in a shared or work
mailbox could expose the reporter of a corruption case.

A delivery is a row (`Delivery`) written in the same transaction as its message and sent by the
task worker. Its state machine (`TRANSITIONS`) makes a worker's death visible instead of silent:

    pending -> sending         the identity is read for it; the audit entry commits first
    sending -> sent | failed | pending (another attempt) | interrupted
    interrupted -> sent | failed   a worker thought dead finished after all

A row still `sending` after the lease belongs to a worker that died between reading the identity
and recording the outcome: it is marked `interrupted` (it may or may not have gone out) and is
never sent again, so nothing is sent twice and nothing is lost without trace.
"""

from __future__ import annotations

import datetime as dt
import logging
from functools import partial

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from senim.core import clock
from senim.core.audit import audit
from senim.core.errors import DomainError
from senim.core.sms import send_sms
from senim.intake import vault
from senim.intake.enqueue import reporter_deliver
from senim.intake.models import Appeal, ContactBy, Delivery, MailboxMessage
from senim.intake.selectors import identity_read

logger = logging.getLogger("senim.delivery")

State = Delivery.State
Kind = Delivery.Kind

TRANSITIONS: dict[str, frozenset[str]] = {
    State.PENDING: frozenset({State.SENDING}),
    State.SENDING: frozenset({State.SENT, State.FAILED, State.PENDING, State.INTERRUPTED}),
    State.INTERRUPTED: frozenset({State.SENT, State.FAILED}),
    State.SENT: frozenset(),
    State.FAILED: frozenset(),
}

# What a notice says: that something is waiting, never what. The content stays behind the
# receipt code, in case someone else reads the reporter's phone or e-mail. Only the answer
# goes out whole, and only by e-mail, to a reporter who asked for e-mail.
NOTICES = {
    Kind.MESSAGE: _(
        "Senim: there is a new message about your appeal %(number)s. Open your mailbox with "
        "your receipt code on the portal."
    ),
    Kind.ANSWER: _(
        "Senim: the answer to your appeal %(number)s is ready. Open your mailbox with your "
        "receipt code on the portal."
    ),
    Kind.EXTENSION: _(
        "Senim: the time for considering your appeal %(number)s has been extended. The date "
        "and the reasons are in your mailbox on the portal."
    ),
    Kind.FORWARDING: _(
        "Senim: your appeal %(number)s has been forwarded to another body. Where to is in "
        "your mailbox on the portal."
    ),
}


class NoticeNotDelivered(Exception):
    """A delivery to a reporter failed; the message says how, never to whom."""


def delivery_channels(appeal: Appeal) -> list[str]:
    """The channels besides the mailbox that the reporter chose: the one rule for deliveries."""
    if appeal.is_anonymous or appeal.contact_by not in (ContactBy.EMAIL, ContactBy.SMS):
        return []
    return [appeal.contact_by]


def deliveries_plan(
    *, message: MailboxMessage, kind: str, enclosure: bytes = b""
) -> list[Delivery]:
    """The deliveries the rule allows for a new message, sent by the worker after commit.

    `enclosure` (the answer's PDF) travels only by e-mail; it is sealed in the vault until then.
    """
    now = clock.now()
    planned = [
        Delivery.objects.create(
            message=message,
            kind=kind,
            channel=channel,
            enclosure=vault.seal(enclosure) if enclosure and channel == ContactBy.EMAIL else b"",
            created_at=now,
            enqueued_at=now,
        )
        for channel in delivery_channels(message.appeal)
    ]
    for delivery in planned:
        transaction.on_commit(partial(_enqueue, delivery.pk))
    return planned


def _enqueue(delivery_id: int) -> None:
    reporter_deliver.enqueue(delivery_id)


def _move(delivery: Delivery, state: str) -> None:
    if state not in TRANSITIONS[delivery.state]:
        raise DomainError(f"A delivery cannot go from {delivery.state} to {state}.")
    delivery.state = state


def _lease() -> dt.timedelta:
    return dt.timedelta(seconds=settings.SENIM_TASK_LEASE_SECONDS)


def _locked(delivery_id: int) -> Delivery | None:
    return (
        Delivery.objects.select_for_update()
        .select_related("message__appeal")
        .filter(pk=delivery_id)
        .first()
    )


def _interrupt(delivery: Delivery) -> None:
    _move(delivery, State.INTERRUPTED)
    delivery.finished_at = clock.now()
    delivery.save(update_fields=["state", "finished_at"])
    audit(
        action="delivery.interrupted",
        object_type="appeal",
        object_id=delivery.message.appeal.number,
        detail={"channel": delivery.channel, "kind": delivery.kind, "delivery": delivery.pk},
    )


def delivery_send(*, delivery_id: int) -> str:
    """Send one delivery at most once; returns the state it ends in.

    The use of the identity is audited and committed before anything is sent, so every delivery
    that happened has its audit entry (an entry for an attempt that then failed is fine).
    """
    with transaction.atomic():
        delivery = _locked(delivery_id)
        if delivery is None:
            return "gone"
        if delivery.state == State.SENDING:
            started = delivery.attempted_at or delivery.created_at
            if clock.now() - started < _lease():
                return str(delivery.state)  # another worker is sending it right now
            _interrupt(delivery)
            return str(delivery.state)
        if delivery.state != State.PENDING:
            return str(delivery.state)
        _move(delivery, State.SENDING)
        delivery.attempts += 1
        delivery.attempted_at = clock.now()
        delivery.save(update_fields=["state", "attempts", "attempted_at"])
        audit(
            action="identity.used_for_delivery",
            object_type="appeal",
            object_id=delivery.message.appeal.number,
            detail={
                "channel": delivery.channel,
                "kind": delivery.kind,
                "attempt": delivery.attempts,
            },
        )
    failure = ""
    try:
        _send(delivery)
    except Exception as error:  # noqa: BLE001 - whatever a backend raises may name the address
        failure = type(error).__name__
    with transaction.atomic():
        delivery = _locked(delivery_id)
        assert delivery is not None  # rows are never deleted while their message lives
        again = bool(failure) and delivery.attempts < settings.SENIM_DELIVERY_ATTEMPTS
        if again and delivery.state == State.SENDING:
            _move(delivery, State.PENDING)
        else:
            _move(delivery, State.FAILED if failure else State.SENT)
            delivery.finished_at = clock.now()
        delivery.failure = failure
        delivery.save(update_fields=["state", "finished_at", "failure"])
        if failure:
            audit(
                action="delivery.failed",
                object_type="appeal",
                object_id=delivery.message.appeal.number,
                detail={"channel": delivery.channel, "kind": delivery.kind, "failed": failure},
            )
    if failure:
        # Raised outside the handler, so the backend's error (which names the address) is not
        # chained to it: the task queue keeps a failed task's traceback.
        raise NoticeNotDelivered(
            f"{delivery.channel} delivery {delivery.pk} of appeal "
            f"{delivery.message.appeal.number} failed: {failure}"
        )
    return str(delivery.state)


class NoAddress(Exception):
    """The identity on file has no address for the chosen channel."""


def _send(delivery: Delivery) -> None:
    appeal = delivery.message.appeal
    identity = identity_read(appeal) or {}
    address = str(identity.get("email" if delivery.channel == ContactBy.EMAIL else "phone") or "")
    if not address:
        raise NoAddress
    with translation.override(appeal.language):
        notice = str(NOTICES[Kind(delivery.kind)]) % {"number": appeal.number}
    if delivery.channel == ContactBy.SMS:
        send_sms(address, notice)
        return
    if delivery.kind == Kind.ANSWER:
        email = EmailMessage(
            subject=f"Senim {appeal.number}", body=delivery.message.body, to=[address]
        )
        if delivery.enclosure:
            pdf = vault.vault_open(delivery.enclosure)
            email.attach(f"answer-{appeal.number}.pdf", pdf, "application/pdf")
    else:
        email = EmailMessage(subject=f"Senim {appeal.number}", body=notice, to=[address])
    email.send(fail_silently=False)


def deliveries_resume() -> int:
    """The sweep's step: deliveries that a dead worker or a lost enqueue left behind.

    A delivery `sending` past the lease is marked interrupted (never sent again); one `pending`
    that nobody has picked up for `SENIM_DELIVERY_RETRY_SECONDS` is enqueued again (a second
    copy in the queue finds it no longer pending and does nothing). One row per transaction.
    """
    now = clock.now()
    handled = 0
    stale_sending = Delivery.objects.filter(state=State.SENDING, attempted_at__lt=now - _lease())
    for pk in list(stale_sending.values_list("pk", flat=True)[:500]):
        with transaction.atomic():
            delivery = _locked(pk)
            if delivery is not None and delivery.state == State.SENDING:
                _interrupt(delivery)
                handled += 1
    retry_before = now - dt.timedelta(seconds=settings.SENIM_DELIVERY_RETRY_SECONDS)
    waiting = Delivery.objects.filter(state=State.PENDING).filter(
        Q(enqueued_at__isnull=True) | Q(enqueued_at__lt=retry_before)
    )
    for pk in list(waiting.values_list("pk", flat=True)[:500]):
        with transaction.atomic():
            updated = Delivery.objects.filter(pk=pk, state=State.PENDING).update(enqueued_at=now)
            if updated:
                transaction.on_commit(partial(_enqueue, pk))
                handled += 1
    if handled:
        logger.info("deliveries resumed or marked interrupted: %d", handled)
    return handled
