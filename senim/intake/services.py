"""Registering appeals, the reporter's mailbox, trust-line calls and the daily reception."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from senim.core import clock
from senim.core.audit import audit
from senim.core.calendar import calendar
from senim.core.errors import DomainError
from senim.core.sms import send_sms
from senim.intake import attachments, receipts, vault
from senim.intake.attachments import CleanFile
from senim.intake.models import (
    Appeal,
    Attachment,
    BookingStatus,
    Call,
    CallOutcome,
    Channel,
    ContactBy,
    Mailbox,
    MailboxMessage,
    MessageDirection,
    PersonConcerned,
    ReceptionBooking,
    ReceptionSlot,
    RegistrationCounter,
    ReporterIdentity,
)
from senim.organization.models import Court, Unit

IDENTITY_FIELDS = ("full_name", "iin", "phone", "email", "address")
# An appeal's number until the end of its registration transaction (see `appeal_insert`):
# real numbers are ``2026-000042``, so it can never be taken for one.
PROVISIONAL_NUMBER_PREFIX = "~"


def registration_number_next(*, at: dt.datetime) -> str:
    """The next registration number of the year of `at`, e.g. ``2026-000042``.

    The counter row is incremented with a single UPDATE, which takes the row lock until the
    surrounding transaction ends: concurrent registrations queue instead of colliding.
    """
    year = timezone.localtime(at).year
    # No savepoint on the common path: the caller's transaction is the unit of work.
    with transaction.atomic(savepoint=False):
        last = _counter_increment(year)
        if last is None:
            try:
                with transaction.atomic():
                    RegistrationCounter.objects.create(year=year, last=1)
                last = 1
            except IntegrityError:  # another registration created the year's row first
                last = _counter_increment(year)
        if last is None:  # pragma: no cover - the row exists by now
            raise RuntimeError(f"no registration counter for {year}")
    return f"{year}-{last:06d}"


def _counter_increment(year: int) -> int | None:
    """Add one to the year's counter and return the new value; None when the row is missing.

    One statement with RETURNING (PostgreSQL, SQLite 3.35+) where the database has it, rather
    than an UPDATE and a SELECT: every statement made while the row is locked lengthens the
    queue of concurrent registrations behind it.
    """
    if not connection.features.can_return_columns_from_insert:
        if not RegistrationCounter.objects.filter(year=year).update(last=F("last") + 1):
            return None
        return RegistrationCounter.objects.values_list("last", flat=True).get(year=year)
    quote = connection.ops.quote_name
    table = quote(RegistrationCounter._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET {quote('last')} = {quote('last')} + 1 "  # noqa: S608 - names only
            f"WHERE {quote('year')} = %s RETURNING {quote('last')}",
            [year],
        )
        row = cursor.fetchone()
    return int(row[0]) if row else None


def iin_is_valid(iin: str) -> bool:
    """Kazakhstan's 12-digit individual identification number, check digit included."""
    if len(iin) != 12 or not iin.isdigit():
        return False
    digits = [int(c) for c in iin]
    month, day = int(iin[2:4]), int(iin[4:6])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return False
    for weights in (range(1, 12), [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]):
        check = sum(d * w for d, w in zip(digits[:11], weights, strict=True)) % 11
        if check != 10:
            return check == digits[11]
    return False


_PHONE_CHARACTERS = re.compile(r"^\+?[0-9 ()\-.]+$")


def phone_is_valid(phone: str) -> bool:
    """A phone number as people write it (+7 701 234-56-78, 8 (727) 123 45 67): ten to
    fifteen digits, as every number in Kazakhstan has ten after its 8 or +7 and no
    international one has more than fifteen."""
    return bool(_PHONE_CHARACTERS.match(phone)) and 10 <= sum(c.isdigit() for c in phone) <= 15


def phone_invalid() -> DomainError:
    return DomainError(_("Enter a phone number with its code, for example +7 701 234 56 78."))


@dataclass
class AppealDraft:
    """What any channel collected about an appeal, before registration."""

    channel: str
    kind: str
    category: str
    language: str
    court: Court
    subject: str
    text: str
    occurred_when: str = ""
    occurred_where: str = ""
    how_known: str = ""
    people: list[tuple[str, str]] = field(default_factory=list)
    identity: dict[str, str] | None = None
    disclosure_consent: bool = False
    contact_by: str = "mailbox"
    files: list[CleanFile] = field(default_factory=list)
    received_by: Any = None
    reporter_confirmed: bool = False


@dataclass(frozen=True)
class SealedAppeal:
    """The slow part of registering an appeal, done before its transaction: the receipt code
    and its memory-hard lookup key, the sealed identity, the sealed and stored files."""

    code: str
    lookup: str
    identity: bytes | None
    files: list[tuple[CleanFile, str]]


def appeal_seal(draft: AppealDraft, *, stored: list[str] | None = None) -> SealedAppeal:
    """Check the draft and do the slow work of its registration, outside any transaction.

    The KDF and the sealing take longer than all the rows together. On SQLite a transaction
    holds the database's one write lock from its first statement (`BEGIN IMMEDIATE`), and on
    PostgreSQL the registration number's counter row stays locked until commit, so none of
    this may run while they are held. Files stored here are named in `stored`: the caller
    deletes them (`attachments.discard`) if the registration fails.
    """
    identity = draft.identity or {}
    if identity.get("iin") and not iin_is_valid(identity["iin"]):
        raise DomainError(_("The IIN is not valid: check the 12 digits."))
    if identity.get("phone") and not phone_is_valid(identity["phone"]):
        raise phone_invalid()
    code = receipts.new_code()
    lookup = receipts.lookup_key(code)
    sealed_identity = None
    if _is_named(draft) and draft.identity:
        sealed_identity = vault.seal_json({k: draft.identity.get(k, "") for k in IDENTITY_FIELDS})
    return SealedAppeal(code, lookup, sealed_identity, _files_seal(draft.files, stored))


def _is_named(draft: AppealDraft) -> bool:
    return bool(draft.identity and draft.identity.get("full_name"))


def appeal_create(
    draft: AppealDraft, *, stored: list[str] | None = None, sealed: SealedAppeal | None = None
) -> tuple[Appeal, str]:
    """Register an appeal with its mailbox; returns it and the receipt code (shown once).

    Must run inside the caller's transaction; sealed files written before a failure are removed
    by `attachments.discard` in the caller, so nothing is left half-saved. `sealed` is the
    draft's `appeal_seal`, made before the transaction; without it, it is made here.
    """
    if sealed is None:
        sealed = appeal_seal(draft, stored=stored)
    appeal = appeal_insert(draft, sealed)
    appeal_number(appeal)
    appeal_registered_audit(appeal, actor=draft.received_by)
    return appeal, sealed.code


def appeal_insert(draft: AppealDraft, sealed: SealedAppeal) -> Appeal:
    """The appeal's rows, not yet numbered: the appeal, its people, sealed identity, mailbox,
    files. Inside the caller's transaction, which must then call `appeal_number` (after the
    rest of its writes) and write `appeal_registered_audit`.

    The appeal is inserted under a provisional number, unique and never seen outside this
    transaction, and numbered last: the year's counter row stays locked from the moment the
    number is taken until commit, and every registration queues on it, so the fewer
    statements come after it, the more registrations a second. (Taking the number first, as
    the row's insert would need, kept the counter locked through every insert that follows.)
    """
    named = _is_named(draft)
    appeal = Appeal.objects.create(
        number=f"{PROVISIONAL_NUMBER_PREFIX}{secrets.token_hex(8)}",
        registered_at=clock.now(),
        channel=draft.channel,
        kind=draft.kind,
        category=draft.category,
        language=draft.language,
        court=draft.court,
        is_anonymous=not named,
        anonymous_policy="" if named else settings.SENIM_ANONYMOUS_POLICY,
        subject=draft.subject,
        text=draft.text,
        occurred_when=draft.occurred_when,
        occurred_where=draft.occurred_where,
        how_known=draft.how_known,
        disclosure_consent=draft.disclosure_consent and named,
        contact_by=draft.contact_by if named else ContactBy.MAILBOX,
        reporter_confirmed=draft.reporter_confirmed,
        received_by=draft.received_by,
    )
    PersonConcerned.objects.bulk_create(
        PersonConcerned(appeal=appeal, name=name, position=position)
        for name, position in draft.people
        if name.strip()
    )
    if sealed.identity is not None:
        ReporterIdentity.objects.create(appeal=appeal, sealed=sealed.identity)
    Mailbox.objects.create(appeal=appeal, lookup=sealed.lookup)
    _attachment_rows(appeal, sealed.files)
    return appeal


def appeal_number(appeal: Appeal) -> None:
    """Give the appeal inserted by `appeal_insert` its registration number (of the year it was
    registered in); the counter row stays locked until the transaction ends."""
    appeal.number = registration_number_next(at=appeal.registered_at)
    # An UPDATE, not save(): no other field changes, and no signal is owed (the row was
    # announced when it was inserted).
    Appeal.objects.filter(pk=appeal.pk).update(number=appeal.number)


def appeal_probe(draft: AppealDraft) -> Appeal:
    """An unsaved appeal carrying the draft's court and people (`appeal.people.all()` answers
    from memory), to route the draft and check it for staff names before registering it.

    Its pk 0 is never saved: Django's related managers refuse an instance without a primary
    key even when their rows are given, as they are here.
    """
    probe = Appeal(
        pk=0,
        channel=draft.channel,
        kind=draft.kind,
        category=draft.category,
        language=draft.language,
        court=draft.court,
        subject=draft.subject,
    )
    people = probe.people.all()
    # What prefetch_related("people") would store, without the query.
    people._result_cache = [
        PersonConcerned(appeal=probe, name=name, position=position)
        for name, position in draft.people
        if name.strip()
    ]
    people._prefetch_done = True  # type: ignore[attr-defined]
    probe._prefetched_objects_cache = {"people": people}  # type: ignore[attr-defined]
    return probe


def appeal_registered_audit(appeal: Appeal, *, actor: Any = None) -> None:
    """The audit entry of a registration; in its transaction, as late as possible: the audit
    chain's head row stays locked from here until commit."""
    audit(
        action="appeal.registered",
        actor=actor,
        object_type="appeal",
        object_id=appeal.number,
        detail={"channel": appeal.channel, "anonymous": appeal.is_anonymous},
    )


def _files_seal(files: list[CleanFile], stored: list[str] | None) -> list[tuple[CleanFile, str]]:
    """Seal and store each file; their storage names go into `stored` for cleanup on failure."""
    sealed = []
    for clean in files:
        name = attachments.store_sealed(clean.data)
        if stored is not None:
            stored.append(name)
        sealed.append((clean, name))
    return sealed


def _attachment_rows(
    appeal: Appeal, files: list[tuple[CleanFile, str]], message: MailboxMessage | None = None
) -> None:
    # Numbered on from the appeal's earlier files (a registration has none yet).
    first = 1 if message is None else Attachment.objects.filter(appeal=appeal).count() + 1
    Attachment.objects.bulk_create(
        Attachment(
            appeal=appeal,
            message=message,
            storage_name=name,
            name=attachments.neutral_name(number, clean.content_type),
            sealed_name=vault.seal(clean.name.encode()),
            content_type=clean.content_type,
            size=len(clean.data),
        )
        for number, (clean, name) in enumerate(files, start=first)
    )


def attachments_orphans_prune(*, older_than: dt.timedelta = dt.timedelta(hours=6)) -> int:
    """Sealed files whose registration rolled back (no Attachment row) are removed.

    A file is written before its row commits; if the transaction fails afterwards the file is
    left behind. It is unreadable without the vault key, and this sweep step deletes it.
    """
    from django.core.files.storage import default_storage

    try:
        _dirs, names = default_storage.listdir(attachments.VAULT_PREFIX.rstrip("/"))
    except FileNotFoundError:
        return 0
    known = set(Attachment.objects.values_list("storage_name", flat=True))
    cutoff = clock.now() - older_than
    removed = 0
    for name in names:
        path = attachments.VAULT_PREFIX + name
        if path not in known and default_storage.get_modified_time(path) < cutoff:
            default_storage.delete(path)
            removed += 1
    return removed


def mailbox_find(code: str) -> Appeal | None:
    """The appeal whose receipt code this is; None for any wrong or malformed code."""
    digits = receipts.normalise(code)
    if digits is None:
        return None
    mailbox = (
        Mailbox.objects.select_related("appeal", "appeal__court")
        .filter(lookup=receipts.lookup_key(digits))
        .first()
    )
    return mailbox.appeal if mailbox else None


def reporter_message(
    *, appeal: Appeal, body: str, files: list[CleanFile], channel: str, received_by: Any = None
) -> MailboxMessage:
    """A reply or additional information from the reporter (portal, or told to an operator)."""
    stored: list[str] = []
    try:
        with transaction.atomic():
            return _reporter_message(appeal, body, files, channel, received_by, stored)
    except Exception:
        attachments.discard(stored)
        raise


def _reporter_message(
    appeal: Appeal,
    body: str,
    files: list[CleanFile],
    channel: str,
    received_by: Any,
    stored: list[str],
) -> MailboxMessage:
    if not body.strip() and not files:
        raise DomainError(_("Write a message or attach a file."))
    if files:
        already = Attachment.objects.filter(appeal=appeal).count()
        limit = settings.SENIM_ATTACHMENT_MAX_COUNT * 4
        if already + len(files) > limit:
            raise DomainError(_("This appeal has reached the limit of attached files."))
    sealed = _files_seal(files, stored)
    message = MailboxMessage.objects.create(
        appeal=appeal,
        direction=MessageDirection.FROM_REPORTER,
        channel=channel,
        body=body.strip(),
        author=received_by,
        created_at=clock.now(),
    )
    _attachment_rows(appeal, sealed, message)
    audit(
        action="mailbox.reporter_message",
        actor=received_by,
        object_type="appeal",
        object_id=appeal.number,
        detail={"channel": channel, "files": len(files)},
    )
    return message


@transaction.atomic
def message_to_reporter(*, appeal: Appeal, body: str, author: Any) -> MailboxMessage:
    """A question or information for the reporter, shown in their portal mailbox."""
    if not body.strip():
        raise DomainError(_("Write the message."))
    message = MailboxMessage.objects.create(
        appeal=appeal,
        direction=MessageDirection.TO_REPORTER,
        channel=Channel.PORTAL,
        body=body.strip(),
        author=author,
        created_at=clock.now(),
    )
    audit(
        action="mailbox.message_to_reporter",
        actor=author,
        object_type="appeal",
        object_id=appeal.number,
    )
    if not appeal.is_anonymous and appeal.contact_by != ContactBy.MAILBOX:
        from senim.intake.tasks import reporter_notify  # the task module imports this one

        transaction.on_commit(lambda: reporter_notify.enqueue(message.pk))
    return message


class NoticeNotDelivered(Exception):
    """A notice to a reporter failed; the message says how, never to whom."""


def reporter_notify(*, message_id: int) -> None:
    """Send the notice the reporter chose; the identity is read for it, and that is audited.

    The text says that a message is waiting, not what it says: the content stays behind the
    receipt code, in case someone else reads the reporter's e-mail or phone. A delivery error
    is replaced by `NoticeNotDelivered`, which names only the kind of error: the backend's own
    (a refused recipient, a gateway URL) names the address, and the task queue keeps a failed
    task's traceback in the database and the worker logs it.
    """
    message = MailboxMessage.objects.select_related("appeal").filter(pk=message_id).first()
    if message is None:
        return
    appeal = message.appeal
    identity = identity_read(appeal) or {}
    with translation.override(appeal.language):
        text = _(
            "Senim: there is a new message about your appeal %(number)s. Open your mailbox with "
            "your receipt code on the portal."
        ) % {"number": appeal.number}
    email = appeal.contact_by == ContactBy.EMAIL and identity.get("email")
    sms = appeal.contact_by == ContactBy.SMS and identity.get("phone")
    if not (email or sms):
        return
    failure = ""
    try:
        if email:
            send_mail(f"Senim {appeal.number}", text, None, [identity["email"]])
        else:
            send_sms(identity["phone"], text)
    except Exception as error:  # noqa: BLE001 - whatever a backend raises may name the address
        failure = type(error).__name__
    audit(
        action="identity.used_for_delivery",
        object_type="appeal",
        object_id=appeal.number,
        detail={"channel": appeal.contact_by, **({"failed": failure} if failure else {})},
    )
    if failure:
        # Raised outside the handler, so the original error is not chained to it.
        raise NoticeNotDelivered(
            f"{appeal.contact_by} notice of appeal {appeal.number} failed: {failure}"
        )


def mailbox_messages(appeal: Appeal) -> list[MailboxMessage]:
    return list(appeal.messages.prefetch_related("files").order_by("created_at", "pk"))


def identity_read(appeal: Appeal) -> dict[str, str] | None:
    """The sealed identity in the clear. Only audited services above this layer call it."""
    record = ReporterIdentity.objects.filter(appeal=appeal).first()
    return vault.open_json(record.sealed) if record else None


# --- Trust line -------------------------------------------------------------------------


@transaction.atomic
def call_record(
    *,
    operator: Any,
    started_at: dt.datetime,
    language: str,
    recording_consent: bool,
    outcome: str,
    summary: str = "",
    topic: str = "",
    referred_to: str = "",
    appeal: Appeal | None = None,
) -> Call:
    """A finished call. A consultation records its topic, a referral where the caller was sent."""
    ended_at = clock.now()
    if started_at > ended_at or ended_at - started_at > dt.timedelta(hours=12):
        raise DomainError(_("The call's start time is not plausible. Start a new call."))
    if outcome == CallOutcome.CONSULTATION and not topic.strip():
        raise DomainError(_("Record the topic of the consultation."))
    if outcome == CallOutcome.OUTSIDE and not referred_to.strip():
        raise DomainError(_("Record where the caller was referred."))
    if outcome == CallOutcome.REPORT and appeal is None:
        raise DomainError(_("A report must register an appeal."))
    call = Call.objects.create(
        operator=operator,
        started_at=started_at,
        ended_at=ended_at,
        language=language,
        recording_consent=recording_consent,
        outcome=outcome,
        topic=topic.strip(),
        referred_to=referred_to.strip(),
        summary=summary.strip(),
        appeal=appeal,
    )
    audit(
        action="call.recorded",
        actor=operator,
        object_type="call",
        object_id=call.pk,
        detail={"outcome": outcome},
    )
    return call


def appeal_find_by_number(number: str) -> Appeal | None:
    return Appeal.objects.filter(number=number.strip()).first()


# --- Daily reception --------------------------------------------------------------------


def _booking_number(day: dt.date) -> str:
    return f"R{day:%y%m%d}-{secrets.randbelow(10**6):06d}"


BOOKING_NUMBER_TRIES = 5


def _booking_create(**fields: Any) -> ReceptionBooking:
    """Insert a booking under a fresh random number of its day, drawing again on a clash.

    The number is random so that it tells nobody how many citizens came that day; with a
    million per day two bookings of a busy day meet now and then (a hundred bookings: one day
    in two hundred), and the unique constraint must not turn that into a failed booking.
    """
    for _clash in range(BOOKING_NUMBER_TRIES - 1):
        try:
            with transaction.atomic():
                return ReceptionBooking.objects.create(
                    number=_booking_number(fields["day"]), **fields
                )
        except IntegrityError:
            continue  # the number was taken: draw another
    return ReceptionBooking.objects.create(number=_booking_number(fields["day"]), **fields)


def _cancel_lookup(code: str) -> str:
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"reception-cancel:{code}".encode(), hashlib.sha256).hexdigest()


@transaction.atomic
def reception_slots_open(
    *,
    unit: Unit,
    first_day: dt.date,
    last_day: dt.date,
    times: list[dt.time],
    minutes: int,
    capacity: int,
    location: str,
) -> int:
    """Open reception slots on every working day of the range (weekends and holidays skipped)."""
    if unit.kind != Unit.Kind.TERRITORIAL:
        raise DomainError(_("The daily reception is held by territorial departments."))
    if last_day < first_day or (last_day - first_day).days > 92:
        raise DomainError(_("Choose a range of at most three months."))
    if not times:
        raise DomainError(_("Give at least one time."))
    created = 0
    for day in calendar().working_days(first_day, last_day):
        for time in times:
            starts_at = timezone.make_aware(dt.datetime.combine(day, time))
            _slot, made = ReceptionSlot.objects.get_or_create(
                unit=unit,
                starts_at=starts_at,
                defaults={"minutes": minutes, "capacity": capacity, "location": location},
            )
            created += made
    return created


def reception_slots_available(unit: Unit, *, days: int = 14) -> list[ReceptionSlot]:
    now = clock.now()
    return list(
        ReceptionSlot.objects.filter(
            unit=unit, starts_at__gt=now, starts_at__lte=now + dt.timedelta(days=days)
        )
        .annotate(taken=Count("bookings", filter=Q(bookings__status=BookingStatus.BOOKED)))
        .filter(taken__lt=F("capacity"))
        .order_by("starts_at")
    )


@transaction.atomic
def reception_book(
    *,
    slot_id: int,
    name: str,
    phone: str,
    topic: str,
    language: str,
    booked_by: Any = None,
) -> tuple[ReceptionBooking, str]:
    """Book a place; returns the booking and its cancellation code (shown once)."""
    slot = ReceptionSlot.objects.select_for_update().filter(pk=slot_id).order_by("pk").first()
    if slot is None or slot.starts_at <= clock.now():
        raise DomainError(_("This time is no longer available. Choose another."))
    taken = slot.bookings.filter(status=BookingStatus.BOOKED).count()
    if taken >= slot.capacity:
        raise DomainError(_("This time is already fully booked. Choose another."))
    if not name.strip() or not phone.strip():
        raise DomainError(_("Give your name and a phone number."))
    if not phone_is_valid(phone.strip()):
        raise phone_invalid()
    code = receipts.new_code()[:8]
    day = timezone.localtime(slot.starts_at).date()
    booking = _booking_create(
        slot=slot,
        unit=slot.unit,
        day=day,
        sealed_contact=vault.seal_json({"name": name.strip(), "phone": phone.strip()}),
        topic=topic.strip(),
        language=language,
        cancel_lookup=_cancel_lookup(code),
        booked_by=booked_by,
    )
    audit(
        action="reception.booked", actor=booked_by, object_type="booking", object_id=booking.number
    )
    return booking, code


@transaction.atomic
def reception_cancel(*, number: str, code: str) -> ReceptionBooking:
    # order_by("pk"): the default ordering joins the (nullable) slot, which FOR UPDATE refuses.
    booking = (
        ReceptionBooking.objects.select_for_update()
        .filter(number=number.strip())
        .order_by("pk")
        .first()
    )
    if booking is None or not hmac.compare_digest(booking.cancel_lookup, _cancel_lookup(code)):
        raise DomainError(_("No booking matches this number and code."))
    if booking.status != BookingStatus.BOOKED:
        raise DomainError(_("This booking can no longer be cancelled."))
    booking.status = BookingStatus.CANCELLED
    booking.save(update_fields=["status"])
    audit(action="reception.cancelled", object_type="booking", object_id=booking.number)
    return booking


@transaction.atomic
def reception_walk_in(
    *, unit: Unit, name: str, phone: str, topic: str, language: str, chief: Any
) -> ReceptionBooking:
    if phone.strip() and not phone_is_valid(phone.strip()):
        raise phone_invalid()
    day = clock.today()
    booking = _booking_create(
        unit=unit,
        day=day,
        walk_in=True,
        sealed_contact=vault.seal_json({"name": name.strip(), "phone": phone.strip()}),
        topic=topic.strip(),
        language=language,
        status=BookingStatus.ATTENDED,
        booked_by=chief,
    )
    audit(action="reception.walk_in", actor=chief, object_type="booking", object_id=booking.number)
    return booking


@transaction.atomic
def reception_mark(*, booking: ReceptionBooking, status: str, chief: Any) -> ReceptionBooking:
    if status not in (BookingStatus.ATTENDED, BookingStatus.NO_SHOW):
        raise DomainError(_("Mark the booking as attended or as a no-show."))
    if booking.status == BookingStatus.CANCELLED:
        raise DomainError(_("The citizen cancelled this booking."))
    if booking.appeal_id is not None:
        raise DomainError(_("A protocol has already been registered for this meeting."))
    booking.status = status
    booking.save(update_fields=["status"])
    audit(
        action=f"reception.{status}", actor=chief, object_type="booking", object_id=booking.number
    )
    return booking


def booking_contact(booking: ReceptionBooking, *, reader: Any) -> dict[str, str]:
    """Name and phone of the citizen, for the chief who writes the meeting's protocol.

    Opening the vault is an audit event, as every reading of a citizen's identity is.
    """
    audit(
        action="reception.contact_opened",
        actor=reader,
        object_type="booking",
        object_id=booking.number,
    )
    return vault.open_json(booking.sealed_contact)


def reception_day(
    unit: Unit, day: dt.date, *, reader: Any
) -> list[tuple[ReceptionBooking, dict[str, str]]]:
    """The unit's bookings of the day with each citizen's name and phone, for its chief;
    opening them is one audit entry for the day."""
    bookings = list(
        ReceptionBooking.objects.filter(unit=unit, day=day)
        .select_related("slot", "appeal")
        .order_by("slot__starts_at", "created_at")
    )
    if bookings:
        audit(
            action="reception.day_opened",
            actor=reader,
            object_type="unit",
            object_id=unit.code,
            detail={"day": day.isoformat()},
        )
    return [(booking, vault.open_json(booking.sealed_contact)) for booking in bookings]
