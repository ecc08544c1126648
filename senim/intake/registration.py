"""Registering an appeal, intake's part: its number, its rows, its sealed identity and files,
its audit entry. The steps of `senim.cases.registration.appeal_register`, which calls them in
their order (`appeal_seal` before its transaction; `appeal_insert`, then `appeal_number` and
`appeal_registered_audit` last inside it) and opens the case between them.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone

from senim.accounts.models import User
from senim.core.audit import audit
from senim.intake import attachments, receipts, vault
from senim.intake.attachments import CleanFile
from senim.intake.drafts import AppealDraft
from senim.intake.models import (
    Appeal,
    ContactBy,
    Mailbox,
    PersonConcerned,
    RegistrationCounter,
    ReporterIdentity,
)

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


@dataclass(frozen=True)
class SealedAppeal:
    """The slow part of registering an appeal, done before its transaction: the receipt code
    and its memory-hard lookup key, the sealed identity, the sealed and stored files."""

    code: str
    lookup: str
    identity: bytes | None
    files: list[tuple[CleanFile, str]]


def appeal_seal(draft: AppealDraft, *, files: list[CleanFile], stored: list[str]) -> SealedAppeal:
    """Do the slow work of the draft's registration, outside any transaction: `files` are the
    draft's files as `attachments.check_files` cleaned them.

    The KDF and the sealing take longer than all the rows together. On SQLite a transaction
    holds the database's one write lock from its first statement (`BEGIN IMMEDIATE`), and on
    PostgreSQL the registration number's counter row stays locked until commit, so none of
    this may run while they are held. Files stored here are named in `stored`: the caller
    deletes them (`attachments.discard`) if the registration fails.
    """
    code = receipts.new_code()
    lookup = receipts.lookup_key(code)
    identity = None
    if draft.named and draft.identity is not None:
        identity = vault.seal_json(draft.identity.sealable())
    return SealedAppeal(code, lookup, identity, attachments.files_seal(files, stored))


def appeal_insert(
    draft: AppealDraft, sealed: SealedAppeal, *, at: dt.datetime, received_by: User | None
) -> Appeal:
    """The appeal's rows, not yet numbered: the appeal, its people, sealed identity, mailbox,
    files. Inside the caller's transaction, which must then call `appeal_number` (after the
    rest of its writes) and write `appeal_registered_audit`.

    The appeal is inserted under a provisional number, unique and never seen outside this
    transaction, and numbered last: the year's counter row stays locked from the moment the
    number is taken until commit, and every registration queues on it, so the fewer
    statements come after it, the more registrations a second. (Taking the number first, as
    the row's insert would need, kept the counter locked through every insert that follows.)
    """
    named = draft.named
    people = [person for person in draft.people if person.name.strip()]
    appeal = Appeal(
        number=f"{PROVISIONAL_NUMBER_PREFIX}{secrets.token_hex(8)}",
        registered_at=at,
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
        received_by=received_by,
    )
    # The names concerned are searched with the text: stemmed here, before the one insert.
    appeal.search_text = appeal.search_text_compute(
        [text for person in people for text in (person.name, person.position)]
    )
    appeal.save(force_insert=True)
    PersonConcerned.objects.bulk_create(
        PersonConcerned(appeal=appeal, name=person.name, position=person.position)
        for person in people
    )
    if sealed.identity is not None:
        ReporterIdentity.objects.create(appeal=appeal, sealed=sealed.identity)
    Mailbox.objects.create(appeal=appeal, lookup=sealed.lookup)
    attachments.attachment_rows(appeal, sealed.files)
    return appeal


def appeal_number(appeal: Appeal) -> None:
    """Give the appeal inserted by `appeal_insert` its registration number (of the year it was
    registered in); the counter row stays locked until the transaction ends."""
    appeal.number = registration_number_next(at=appeal.registered_at)
    # An UPDATE, not save(): no other field changes, and no signal is owed (the row was
    # announced when it was inserted).
    Appeal.objects.filter(pk=appeal.pk).update(number=appeal.number)


def appeal_registered_audit(appeal: Appeal, *, actor: User | None) -> None:
    """The audit entry of a registration; in its transaction, as late as possible: the audit
    chain's head row stays locked from here until commit."""
    audit(
        action="appeal.registered",
        actor=actor,
        object_type="appeal",
        object_id=appeal.number,
        detail={"channel": appeal.channel, "anonymous": appeal.is_anonymous},
    )
