"""Triage listens to registrations. Before the registration's transaction
(`senim.core.events.appeal_preparing`) it signs the report, finds the earlier reports it may
repeat (`senim.triage.duplicates`) and the central department's rules it fires
(`senim.triage.rules`): the reads and the hashing. Inside the transaction (`case_event`, kind
"registered") it only writes what it prepared: every registration waits on the number counter
locked until commit."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from senim.cases.models import Case
from senim.intake.drafts import AppealDraft
from senim.organization.models import Court
from senim.triage import duplicates, rules
from senim.triage.models import AppealSignature, NamedPerson, RuleFiring, SignatureBand, TriageRule


@dataclass(frozen=True)
class Prepared:
    duplicates: duplicates.Prepared
    rules: list[tuple[TriageRule, dict[str, object]]]


def _prepare(
    *,
    subject: str,
    text: str,
    people: list[tuple[str, str]],
    category: str,
    court: Court,
    at: dt.datetime,
) -> Prepared:
    return Prepared(
        duplicates=duplicates.prepare(
            subject=subject,
            text=text,
            names=[name for name, _position in people],
            court_id=court.pk,
            at=at,
        ),
        rules=rules.prepare(
            category=category, court=court, subject=subject, text=text, people=people
        ),
    )


def on_appeal_preparing(sender: Any, *, draft: AppealDraft, at: dt.datetime, **_: Any) -> Prepared:
    return _prepare(
        subject=draft.subject,
        text=draft.text,
        people=[(p.name, p.position) for p in draft.people if p.name.strip()],
        category=draft.category,
        court=draft.court,
        at=at,
    )


def on_case_event(
    sender: Any, *, kind: str, case: Case, prepared: dict[Any, Any] | None = None, **_: Any
) -> None:
    if kind == "disposed":
        # The case's content is destroyed (senim.cases.retention): so is what triage derived
        # from it, the signature of its words and the keyed hashes of the names it held.
        AppealSignature.objects.filter(appeal_id=case.appeal_id).delete()
        SignatureBand.objects.filter(appeal_id=case.appeal_id).delete()
        NamedPerson.objects.filter(appeal_id=case.appeal_id).delete()
        # Which of a rule's words the report held (a rule may name a person): the firing stays
        # (it was reviewed or not), its category and court are the minimal record's anyway.
        for firing in RuleFiring.objects.filter(case=case).exclude(matched={}):
            kept = {key: value for key, value in firing.matched.items() if key != "words"}
            if kept != firing.matched:
                RuleFiring.objects.filter(pk=firing.pk).update(matched=kept)
        return
    if kind != "registered":
        return
    ready = (prepared or {}).get(on_appeal_preparing)
    if ready is None:  # registered without the step before (a caller of its own): read now
        appeal = case.appeal
        ready = _prepare(
            subject=appeal.subject,
            text=appeal.text,
            people=list(appeal.people.values_list("name", "position")),
            category=appeal.category,
            court=appeal.court,
            at=appeal.registered_at,
        )
    duplicates.on_registered(case, ready.duplicates)
    rules.on_registered(case, ready.rules)
