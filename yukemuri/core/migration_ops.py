"""Migration operations that only apply on PostgreSQL (SQLite has no pg_trgm)."""

from django.db import migrations


class PostgresOnlySQL(migrations.RunSQL):
    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def trigram_search_indexes(table: str, columns=("title", "body")) -> PostgresOnlySQL:
    """GIN trigram indexes on UPPER(col::text): the expression Django's icontains uses on PostgreSQL,
    so substring search (空き家 in 空き家活用) is an index scan for terms of three or more characters."""
    forwards = ["CREATE EXTENSION IF NOT EXISTS pg_trgm"] + [
        f"CREATE INDEX IF NOT EXISTS {table}_{col}_trgm ON {table} USING gin (upper({col}::text) gin_trgm_ops)"
        for col in columns
    ]
    backwards = [f"DROP INDEX IF EXISTS {table}_{col}_trgm" for col in columns]
    return PostgresOnlySQL(forwards, backwards)
