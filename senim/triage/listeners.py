"""Triage listens to registrations (`senim.core.events.case_event`, kind "registered"): inside
the registration's transaction it signs the appeal and suggests earlier matches
(`senim.triage.duplicates`), then fires the central department's rules (`senim.triage.rules`).
Both are a few indexed queries and writes, no call out of the process."""

from __future__ import annotations

from typing import Any

from senim.cases.models import Case
from senim.triage import duplicates, rules
from senim.triage.models import AppealSignature, NamedPerson, RuleFiring, SignatureBand


def on_case_event(sender: Any, *, kind: str, case: Case, **_: Any) -> None:
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
    people = list(case.appeal.people.values_list("name", "position"))
    duplicates.on_registered(case, [name for name, _position in people])
    rules.on_registered(case, people)
