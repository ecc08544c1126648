"""The national e-appeals system (e-Otinish) as Senim sees it: one adapter, three acts.

No public specification of e-Otinish's interface is at hand, so Senim talks to it through this
interface only: read the appeals it sends (`appeals_read`), report a case's status
(`status_report`) and deliver the answer (`answer_deliver`). The one implementation today
(`senim.integrations.eotinish_exchange.FileExchange`) reads and writes the JSON exchange files
of docs/eotinish.md; a real connector is another class with these methods, named by
SENIM_EOTINISH_ADAPTER. Deliveries carry the report's id: a connector passes it on as an
idempotency key, since the worker may deliver a report again after a failure it cannot tell
from a success.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.conf import settings
from django.utils.module_loading import import_string

from senim.intake.drafts import Identity, Person


@dataclass(frozen=True)
class IncomingAppeal:
    """One appeal as e-Otinish sent it, read into the fields of an `AppealDraft`."""

    position: int  # its place in the batch, from 1
    number: str  # e-Otinish's registration number
    received_at: dt.datetime
    court_code: str
    # The draft's fields by name (`senim.intake.drafts.FIELDS`), court excepted.
    fields: Mapping[str, Any]
    people: tuple[Person, ...] = ()
    identity: Identity | None = None
    files: tuple[tuple[str, bytes], ...] = ()


@dataclass(frozen=True)
class ItemProblem:
    """What is wrong with an item of a batch: its position (0: the batch itself), e-Otinish's
    number when it could be read, the field and the message."""

    position: int
    number: str
    field: str
    message: str


@dataclass(frozen=True)
class Batch:
    appeals: list[IncomingAppeal] = field(default_factory=list)
    problems: list[ItemProblem] = field(default_factory=list)


@dataclass(frozen=True)
class StatusReport:
    report_id: int
    number: str  # e-Otinish's
    registration_number: str  # Senim's
    status: str
    at: dt.datetime


@dataclass(frozen=True)
class AnswerDelivery:
    report_id: int
    number: str
    registration_number: str
    issued_at: dt.datetime
    language: str
    text: str
    pdf: bytes


class EotinishAdapter(Protocol):
    def appeals_read(self, data: bytes) -> Batch:
        """The appeals of a batch as e-Otinish sends it, and what is wrong with any item."""

    def status_report(self, report: StatusReport) -> None:
        """Tell e-Otinish a case's status; raises when it was not accepted."""

    def answer_deliver(self, answer: AnswerDelivery) -> None:
        """Deliver the issued answer to e-Otinish; raises when it was not accepted."""


def adapter() -> EotinishAdapter:
    """The adapter SENIM_EOTINISH_ADAPTER names (a dotted path to a class)."""
    cls = import_string(settings.SENIM_EOTINISH_ADAPTER)
    instance: EotinishAdapter = cls()
    return instance
