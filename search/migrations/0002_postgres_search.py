"""PostgreSQL only: pg_trgm and unaccent, the `portal_german` text search configuration
(german stemming with unaccent in front), the GIN index on the vector and the trigram index
on the word list. Every step is a no-op on SQLite (checked by schema_editor.connection.vendor)."""

from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations

FORWARD = [
    "CREATE TEXT SEARCH CONFIGURATION portal_german (COPY = german)",
    "ALTER TEXT SEARCH CONFIGURATION portal_german ALTER MAPPING FOR hword, hword_part, word"
    " WITH unaccent, german_stem",
    "CREATE INDEX search_entry_vector_gin ON search_searchentry USING gin (vector)",
    "CREATE INDEX search_word_trgm ON search_searchword USING gin (word gin_trgm_ops)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS search_word_trgm",
    "DROP INDEX IF EXISTS search_entry_vector_gin",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS portal_german",
]


class VendorGuarded(migrations.operations.base.Operation):
    reversible = True

    def __init__(self, operation):
        self.operation = operation

    def state_forwards(self, app_label, state):
        pass

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            self.operation.database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            self.operation.database_backwards(app_label, schema_editor, from_state, to_state)

    def describe(self):
        return f"{self.operation.describe()} (PostgreSQL only)"

    def deconstruct(self):
        return (self.__class__.__name__, [self.operation], {})


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for sql in FORWARD:
            cursor.execute(sql)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for sql in BACKWARD:
            cursor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        VendorGuarded(TrigramExtension()),
        VendorGuarded(UnaccentExtension()),
        migrations.RunPython(forwards, backwards),
    ]
