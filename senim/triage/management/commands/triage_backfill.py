"""`manage.py triage_backfill`: sign the appeals registered before triage existed.

Registration signs every new appeal; the ones already in the database get their signature,
bands and name keys here, a batch of ids per transaction, so the command can be stopped and
run again (an appeal signed already is skipped). No suggestions are made for them: they are
the earlier reports later ones are compared with.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Exists, OuterRef

from senim.intake.models import Appeal, PersonConcerned
from senim.triage import duplicates
from senim.triage.models import AppealSignature


class Command(BaseCommand):
    help = "Sign the appeals registered before triage (signatures, bands, keyed names)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--batch", type=int, default=1000)

    def handle(self, *args: Any, batch: int, **options: Any) -> None:
        after = 0
        signed = 0
        while True:
            ids = list(
                Appeal.objects.filter(pk__gt=after)
                .order_by("pk")
                .values_list("pk", flat=True)[:batch]
            )
            if not ids:
                break
            after = ids[-1]
            appeals = list(
                Appeal.objects.filter(pk__in=ids)
                .filter(~Exists(AppealSignature.objects.filter(appeal_id=OuterRef("pk"))))
                .values_list("pk", "subject", "text", "registered_at", "court_id")
            )
            names: dict[int, list[str]] = {}
            for appeal_id, name in PersonConcerned.objects.filter(
                appeal_id__in=[a[0] for a in appeals]
            ).values_list("appeal_id", "name"):
                names.setdefault(appeal_id, []).append(name)
            with transaction.atomic():
                for appeal_id, subject, text, at, court_id in appeals:
                    found = duplicates.sign(
                        subject=subject, text=text, names=names.get(appeal_id, [])
                    )
                    duplicates.store(found, appeal_id=appeal_id, court_id=court_id, at=at)
            signed += len(appeals)
        self.stdout.write(f"{signed} appeals signed")
