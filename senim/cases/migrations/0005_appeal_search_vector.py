"""PostgreSQL: the appeal's search vector stored in a generated column with one GIN index.

The two expression indexes of 0003 (Russian, simple) served `appeal_id IN (matching appeals)`,
which on a common word hashes hundreds of thousands of ids before the queue's first page. A
stored vector can instead be tested on the case's own appeal row as the queue walks newest
first, and one GIN index still finds rare words. The column is computed by PostgreSQL
(`to_tsvector` has no SQLite counterpart), so it is not a model field: no query loads it,
and SQLite keeps its FTS5 tables. Only `senim.cases.search` reads it.
"""

from django.db import migrations

VECTOR = (
    "to_tsvector('russian'::regconfig, COALESCE(subject, '')::text || ' ' || COALESCE(text, '')) "
    "|| to_tsvector('simple'::regconfig, COALESCE(subject, '')::text || ' ' || COALESCE(text, ''))"
)


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # The old indexes go first: adding a stored column rewrites the table and rebuilds every
    # index on it, and these two would compute both vectors of every appeal once more.
    schema_editor.execute("DROP INDEX IF EXISTS appeal_fts_russian")
    schema_editor.execute("DROP INDEX IF EXISTS appeal_fts_simple")
    schema_editor.execute(
        "ALTER TABLE intake_appeal ADD COLUMN search tsvector "
        f"GENERATED ALWAYS AS ({VECTOR}) STORED"
    )
    schema_editor.execute("CREATE INDEX appeal_search ON intake_appeal USING gin (search)")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for config in ("russian", "simple"):
        schema_editor.execute(
            f"CREATE INDEX appeal_fts_{config} ON intake_appeal USING gin (to_tsvector("
            f"'{config}'::regconfig, COALESCE(subject, '')::text || ' ' || COALESCE(text, '')))"
        )
    schema_editor.execute("ALTER TABLE intake_appeal DROP COLUMN search")  # drops its index


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0004_queue_indexes"),
        ("intake", "0003_contact_preference"),
    ]
    operations = [migrations.RunPython(forwards, backwards)]
