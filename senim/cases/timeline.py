"""A case's history as one list, oldest first: what the office's case page and the API show.

From the audit log (the case's and its appeal's entries, by registration number), the sweep's
escalations (audited a batch of cases at a time, so read from the case's notices), spam
decisions (one entry moves many cases), internal notes and the mailbox's messages. Identity
reads are not listed here (they have their own record), nor the audit entries of messages,
which are listed from the mailbox itself.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import prefetch_related_objects

from senim.cases.models import Case
from senim.cases.selectors import case_escalations, page_has
from senim.core.models import AuditEvent

_LEFT_OUT = ("identity.revealed", "mailbox.reporter_message", "mailbox.message_to_reporter")

# The relations the timeline reads: the flag `case_page` sets for each ("has_notes"...) and
# the prefetch that reads it with the people it names.
_RELATIONS = {
    "spam_entries": "spam_entries__decision__decided_by",
    "notes": "notes__author",
    "messages": "appeal__messages__author",
}


@dataclass(frozen=True)
class Entry:
    at: dt.datetime
    kind: str  # "event", "note" or "message"
    action: str = ""  # an event's audit action, a message's direction ("in" / "out")
    actor: str = ""  # a username; empty for the public and the sweep
    detail: dict[str, Any] = field(default_factory=dict)
    text: str = ""  # a note's or a message's body
    actor_name: str = ""  # a note author's full name
    channel: str = ""  # a message's channel, in the active language


def case_timeline(case: Case) -> list[Entry]:
    """Everything that happened to a case the caller may see (visibility is checked before).

    Reads what `case_page` has already fetched; what it has not is fetched here, a query per
    relation (prefetching skips what is already there).
    """
    lookups = [lookup for name, lookup in _RELATIONS.items() if page_has(case, name)]
    if lookups:
        prefetch_related_objects([case], *lookups)
    number = case.appeal.number
    entries = [
        Entry(at=e.at, kind="event", action=e.action, actor=e.actor, detail=e.detail)
        for e in AuditEvent.objects.filter(object_type__in=["case", "appeal"], object_id=number)
        if e.action not in _LEFT_OUT
    ]
    audited = {str(e.detail.get("due_on")) for e in entries if e.action == "case.escalated"}
    entries += [
        Entry(at=at, kind="event", action="case.escalated", detail={"due_on": str(due_on)})
        for due_on, at in case_escalations(case)
        if str(due_on) not in audited
    ]
    entries += [
        Entry(
            at=e.decision.decided_at,
            kind="event",
            action="case.transition",
            actor=e.decision.decided_by.username,
            detail={"from": e.from_status, "to": e.to_status},
        )
        for e in (case.spam_entries.all() if page_has(case, "spam_entries") else [])
    ]
    entries += [
        Entry(
            at=n.created_at,
            kind="note",
            actor=n.author.username,
            actor_name=n.author.get_full_name(),
            text=n.body,
        )
        for n in (case.notes.all() if page_has(case, "notes") else [])
    ]
    entries += [
        Entry(
            at=m.created_at,
            kind="message",
            action=m.direction,
            actor=m.author.username if m.author else "",
            text=m.body,
            channel=str(m.get_channel_display()),
        )
        for m in (case.appeal.messages.all() if page_has(case, "messages") else [])
    ]
    return sorted(entries, key=lambda entry: entry.at)
