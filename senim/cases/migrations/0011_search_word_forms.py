"""Search by word forms: the appeal's stored search vector is built from its stems.

`intake_appeal.search_text` (intake 0006) holds the stems of the appeal's words in Kazakh,
Russian and English (senim.core.wordforms), computed in Python where appeals are written. Here
every existing appeal gets it (idempotent: only rows still empty are filled, in batches), and:

- PostgreSQL: the generated column `search` of 0005 becomes `to_tsvector('simple',
  search_text)` with its GIN index; queries are stemmed the same way and asked in `simple`.
- SQLite: the FTS5 table of the appeals is dropped with its triggers; `sqlite_fts_ensure`
  (post_migrate) creates it again over `search_text` and rebuilds it.
"""

from django.db import migrations, transaction

from senim.core import wordforms

BATCH = 2000

OLD_VECTOR = (
    "to_tsvector('russian'::regconfig, COALESCE(subject, '')::text || ' ' || COALESCE(text, '')) "
    "|| to_tsvector('simple'::regconfig, COALESCE(subject, '')::text || ' ' || COALESCE(text, ''))"
)
NEW_VECTOR = "to_tsvector('simple'::regconfig, COALESCE(search_text, ''))"


def backfill(apps, schema_editor):
    Appeal = apps.get_model("intake", "Appeal")
    PersonConcerned = apps.get_model("intake", "PersonConcerned")
    last = 0
    while True:
        rows = list(
            Appeal.objects.filter(pk__gt=last, search_text="")
            .order_by("pk")
            .values_list("pk", "subject", "text", "occurred_where")[:BATCH]
        )
        if not rows:
            return
        people: dict[int, list[str]] = {}
        for appeal_id, name, position in PersonConcerned.objects.filter(
            appeal_id__in=[row[0] for row in rows]
        ).values_list("appeal_id", "name", "position"):
            people.setdefault(appeal_id, []).extend((name, position))
        changed = [
            Appeal(
                pk=pk, search_text=wordforms.index_text([subject, text, where, *people.get(pk, [])])
            )
            for pk, subject, text, where in rows
        ]
        with transaction.atomic(using=schema_editor.connection.alias):
            Appeal.objects.bulk_update(changed, ["search_text"])
        last = rows[-1][0]


def forwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        # The old generated vector goes first: each backfilled row would recompute it.
        schema_editor.execute("ALTER TABLE intake_appeal DROP COLUMN IF EXISTS search")
    elif connection.vendor == "sqlite":
        for suffix in ("ai", "ad", "au"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS intake_appeal_fts_{suffix}")
        schema_editor.execute("DROP TABLE IF EXISTS intake_appeal_fts_vocab")
        schema_editor.execute("DROP TABLE IF EXISTS intake_appeal_fts")
    backfill(apps, schema_editor)
    if connection.vendor == "postgresql":
        schema_editor.execute(
            f"ALTER TABLE intake_appeal ADD COLUMN search tsvector GENERATED ALWAYS AS "
            f"({NEW_VECTOR}) STORED"
        )
        schema_editor.execute("CREATE INDEX appeal_search ON intake_appeal USING gin (search)")


def backwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE intake_appeal DROP COLUMN IF EXISTS search")
        schema_editor.execute(
            f"ALTER TABLE intake_appeal ADD COLUMN search tsvector GENERATED ALWAYS AS "
            f"({OLD_VECTOR}) STORED"
        )
        schema_editor.execute("CREATE INDEX appeal_search ON intake_appeal USING gin (search)")
    elif connection.vendor == "sqlite":
        for suffix in ("ai", "ad", "au"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS intake_appeal_fts_{suffix}")
        schema_editor.execute("DROP TABLE IF EXISTS intake_appeal_fts")


class Migration(migrations.Migration):
    # Not atomic on PostgreSQL: a million appeals are backfilled in batches.
    atomic = False
    dependencies = [
        ("cases", "0010_reveal_requests"),
        ("intake", "0006_appeal_search_text"),
    ]
    operations = [migrations.RunPython(forwards, backwards)]
