"""Migration operations that only apply on PostgreSQL (SQLite has no pg_trgm)."""

from django.db import migrations


class PostgresOnlySQL(migrations.RunSQL):
    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def trigram_search_indexes(table: str, columns=("search_text",)) -> PostgresOnlySQL:
    """GIN trigram indexes, so substring search (空き家 in 空き家活用) is an index scan on PostgreSQL
    for terms of three or more characters (shorter ones fall back to a scan)."""
    forwards = ["CREATE EXTENSION IF NOT EXISTS pg_trgm"] + [
        f"CREATE INDEX IF NOT EXISTS {table}_{col}_trgm ON {table} USING gin ({col} gin_trgm_ops)"
        for col in columns
    ]
    backwards = [f"DROP INDEX IF EXISTS {table}_{col}_trgm" for col in columns]
    return PostgresOnlySQL(forwards, backwards)
