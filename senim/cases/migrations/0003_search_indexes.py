"""Full-text search indexes: PostgreSQL GIN (Russian stemming + simple for Kazakh, trigram for
names), SQLite FTS5 tables kept in step by triggers. Each back end gets only its own."""

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.operations import TrigramExtension
from django.contrib.postgres.search import SearchVector
from django.db import migrations

PG_INDEXES = [
    ("intake", "Appeal", ("subject", "text"), "appeal_fts"),
    ("intake", "MailboxMessage", ("body",), "message_fts"),
    ("cases", "Note", ("body",), "note_fts"),
]
FTS_TABLES = [
    ("intake_appeal", ("subject", "text")),
    ("intake_mailboxmessage", ("body",)),
    ("cases_note", ("body",)),
]


def _sqlite_fts(table, columns):
    cols = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    fts = f"{table}_fts"
    return [
        f"CREATE VIRTUAL TABLE {fts} USING fts5({cols}, content='{table}', content_rowid='id', "
        f"tokenize='unicode61 remove_diacritics 2')",
        f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {table} BEGIN "
        f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new}); END",
        f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old}); END",
        f"CREATE TRIGGER {fts}_au AFTER UPDATE ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old}); "
        f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new}); END",
        f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",
    ]


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for app, model_name, fields, name in PG_INDEXES:
            model = apps.get_model(app, model_name)
            for config in ("russian", "simple"):
                schema_editor.add_index(
                    model, GinIndex(SearchVector(*fields, config=config), name=f"{name}_{config}")
                )
        person = apps.get_model("intake", "PersonConcerned")
        schema_editor.add_index(
            person, GinIndex(OpClass("name", name="gin_trgm_ops"), name="person_name_trgm")
        )
    elif vendor == "sqlite":
        # Also re-checked after every migrate (senim.cases.search.sqlite_fts_ensure): later
        # migrations that rebuild these tables drop their triggers.
        for table, columns in FTS_TABLES:
            for statement in _sqlite_fts(table, columns):
                schema_editor.execute(statement)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for _app, _model, _fields, name in PG_INDEXES:
            for config in ("russian", "simple"):
                schema_editor.execute(f"DROP INDEX IF EXISTS {name}_{config}")
        schema_editor.execute("DROP INDEX IF EXISTS person_name_trgm")
    elif vendor == "sqlite":
        for table, _columns in FTS_TABLES:
            schema_editor.execute(f"DROP TABLE IF EXISTS {table}_fts")


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0002_handling"),
        ("intake", "0002_vault_mailbox_calls_reception"),
    ]
    operations = [
        TrigramExtension(),
        migrations.RunPython(forwards, backwards),
    ]
