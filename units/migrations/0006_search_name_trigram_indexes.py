"""Trigram (pg_trgm) GIN indexes on the accent-folded ``search_name`` of people and units,
on PostgreSQL only: ``search_name__contains`` (the review queue's name search, the search
boxes) then reads the index instead of scanning every row.  ``CREATE EXTENSION`` needs a
superuser (or the extension installed beforehand by one); SQLite gets nothing."""

from django.db import migrations

INDEXES = {
    "units_individual_search_name_trgm": "units_individual",
    "units_unit_search_name_trgm": "units_unit",
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, table in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (search_name gin_trgm_ops)"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("units", "0005_bounded_dates"),
    ]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
