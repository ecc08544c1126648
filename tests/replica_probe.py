"""Run by tests/test_failover.py in its own process, against the real primary and replica
(DATABASE_URL, SENIM_REPLICA_URL): where do the reads go? Prints one JSON line."""

from __future__ import annotations

import json
import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "senim.settings")
django.setup()

from django.db import connections, transaction  # noqa: E402

from senim.core.replica import replica_reads  # noqa: E402
from senim.intake.models import Appeal  # noqa: E402


def main() -> None:
    seen = {"primary": Appeal.objects.count()}
    with replica_reads():
        seen["marked"] = Appeal.objects.count()
        with transaction.atomic():
            seen["marked_in_transaction"] = Appeal.objects.count()
    with connections["replica"].cursor() as cursor:
        cursor.execute("SELECT pg_is_in_recovery()")
        seen["replica_in_recovery"] = cursor.fetchone()[0]
    print(json.dumps(seen))


main()
