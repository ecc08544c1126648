"""An appeal as a channel collected it, before registration: one schema for every channel.

Every channel (the portal's form, the trust-line console, the reception protocol; later the API
and the e-Otinish import) builds its `AppealDraft` once, with `draft_from`, from fields named as
here. `draft_problems` lists what registration refuses in a draft, each with the field it
concerns: a form may show them beside its fields before submitting, but the registration
(`senim.cases.registration.appeal_register`) checks every draft itself, whatever built it, and
refuses it with the same words (`DraftRefused`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from typing import Any

from django.utils.translation import gettext as _

from senim.core.errors import DomainError
from senim.intake.checks import iin_is_valid, phone_invalid, phone_is_valid
from senim.intake.models import (
    Appeal,
    AppealKind,
    Category,
    Channel,
    ContactBy,
    Language,
    PersonConcerned,
)
from senim.organization.models import Court

# (field, message): what is wrong, and where a form shows it.
Problem = tuple[str, str]


@dataclass(frozen=True)
class Person:
    """Someone the appeal is about, as the reporter named them."""

    name: str
    position: str = ""


@dataclass(frozen=True)
class Identity:
    """A named reporter and their contacts: sealed in the vault at registration."""

    full_name: str
    iin: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""

    def sealable(self) -> dict[str, str]:
        return asdict(self)


@dataclass(frozen=True)
class Concerned:
    """What routing reads of an appeal: the court concerned and the people named."""

    court: Court
    people: tuple[Person, ...] = ()


@dataclass(frozen=True)
class AppealDraft:
    """What a channel collected about an appeal. `identity` is None for an anonymous one."""

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
    people: tuple[Person, ...] = ()
    identity: Identity | None = None
    disclosure_consent: bool = False
    contact_by: str = ContactBy.MAILBOX
    # Oral appeals: the reporter heard or read the record and confirmed it.
    reporter_confirmed: bool = False
    # As received, (name, bytes): the registration checks and cleans them
    # (`attachments.check_files`), after the client's allowance and before sealing them.
    files: tuple[tuple[str, bytes], ...] = ()

    @property
    def named(self) -> bool:
        return self.identity is not None and bool(self.identity.full_name.strip())

    @property
    def concerned(self) -> Concerned:
        people = tuple(person for person in self.people if person.name.strip())
        return Concerned(court=self.court, people=people)


# The draft's fields that a form, or an API schema, carries under the same names.
FIELDS = (
    "kind",
    "category",
    "language",
    "court",
    "subject",
    "text",
    "occurred_when",
    "occurred_where",
    "how_known",
    "disclosure_consent",
    "contact_by",
    "reporter_confirmed",
)


def draft_from(
    data: Mapping[str, Any],
    *,
    channel: str,
    people: Iterable[Person],
    identity: Identity | None,
    files: Iterable[tuple[str, bytes]] = (),
) -> AppealDraft:
    """The draft of a channel's cleaned input (`FIELDS`, by name), the people it names (rows
    without a name left out), the reporter's identity (None: anonymous) and the files as
    received."""
    values = {name: data[name] for name in FIELDS if name in data}
    values["contact_by"] = values.get("contact_by") or ContactBy.MAILBOX
    return AppealDraft(
        channel=channel,
        people=tuple(person for person in people if person.name.strip()),
        identity=identity,
        files=tuple(files),
        **values,
    )


class DraftRefused(DomainError):
    """Registration refuses the draft; `problems` names each field and what is wrong with it."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(" ".join(dict.fromkeys(message for _field, message in problems)))
        self.problems = problems


def reporter_problems(identity: Identity | None, *, contact_by: str) -> list[Problem]:
    """A named reporter gives their full name and a way to be reached, valid as given, and the
    contact that the way they chose to be told of messages needs (an e-mail address for
    e-mail, a phone number for SMS). An anonymous reporter (None) gives nothing."""
    if identity is None:
        return []
    problems: list[Problem] = []
    if not identity.full_name.strip():
        problems.append(("full_name", _("Give your full name, or choose to stay anonymous.")))
    if identity.iin.strip() and not iin_is_valid(identity.iin.strip()):
        problems.append(("iin", _("The IIN is not valid: check the 12 digits.")))
    if identity.phone.strip() and not phone_is_valid(identity.phone.strip()):
        problems.append(("phone", phone_invalid().message))
    if not (identity.phone.strip() or identity.email.strip() or identity.address.strip()):
        problems.append(
            ("phone", _("Give at least one way to reach you: phone, e-mail or address."))
        )
    elif contact_by == ContactBy.EMAIL and not identity.email.strip():
        problems.append(
            ("email", _("Give an e-mail address to be told by e-mail, or choose another way."))
        )
    elif contact_by == ContactBy.SMS and not identity.phone.strip():
        problems.append(
            ("phone", _("Give a phone number to be told by SMS, or choose another way."))
        )
    return problems


def court_is_active(court: Court, day: dt.date) -> bool:
    """The court exists on `day` (the rule of `organization.selectors.court_active_on`, on a
    court already loaded: registration asks it with no query)."""
    if court.valid_from is not None and court.valid_from > day:
        return False
    return court.valid_to is None or court.valid_to >= day


_CHOICES: tuple[tuple[str, type[Any]], ...] = (
    ("channel", Channel),
    ("kind", AppealKind),
    ("category", Category),
    ("language", Language),
    ("contact_by", ContactBy),
)


def draft_problems(draft: AppealDraft, *, today: dt.date) -> list[Problem]:
    """Everything registration refuses in a draft: an option that is not one, a missing title
    or text, a court that is not active `today`, and the reporter's problems."""
    problems: list[Problem] = [
        (name, _("Choose one of the options offered."))
        for name, choices in _CHOICES
        if getattr(draft, name) not in choices.values
    ]
    for name in ("subject", "text"):
        if not getattr(draft, name).strip():
            problems.append((name, _("Write a short title and what happened.")))
    problems += _too_long(draft)
    if not court_is_active(draft.court, today):
        problems.append(("court", _("This court is not active: choose another one from the list.")))
    problems += reporter_problems(draft.identity, contact_by=draft.contact_by)
    return problems


def _too_long(draft: AppealDraft) -> list[Problem]:
    """Texts longer than their column: the forms stop them, but an interface without a form
    (the API, an import) would otherwise meet a database error on PostgreSQL."""

    def limit(model: Any, name: str) -> int:
        return int(model._meta.get_field(name).max_length)

    def problem(field: str, most: int) -> Problem:
        return field, _("Too long: at most %(limit)s characters.") % {"limit": most}

    found = [
        problem(name, limit(Appeal, name))
        for name in ("subject", "occurred_when", "occurred_where")
        if len(getattr(draft, name).strip()) > limit(Appeal, name)
    ]
    for number, person in enumerate(draft.people, 1):
        for part in ("name", "position"):
            most = limit(PersonConcerned, part)
            if len(getattr(person, part).strip()) > most:
                found.append(problem(f"person_{number}_{part}", most))
    return found


def draft_check(draft: AppealDraft, *, today: dt.date) -> None:
    """Raise DraftRefused with every problem of the draft; nothing when there is none."""
    problems = draft_problems(draft, today=today)
    if problems:
        raise DraftRefused(problems)
