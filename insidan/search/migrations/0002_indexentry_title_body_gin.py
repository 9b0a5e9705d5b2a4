"""A GIN index on the expression Wagtail's database backend matches the words against on
PostgreSQL, `title || body` (modelsearch indexes title and body apart, so its own condition
could not use an index: every search read every index entry of a kind). ANALYZE gives the
planner the expression's word statistics too."""

from django.db import migrations

INDEX = "search_indexentry_title_body_gin"


def create(apps, schema_editor):
    table = apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table
    schema_editor.execute(
        f'CREATE INDEX CONCURRENTLY IF NOT EXISTS {INDEX} ON "{table}" '
        f"USING gin ((title || body))")
    schema_editor.execute(f'ANALYZE "{table}"')


def drop(apps, schema_editor):
    schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY: the table stays writable while it is built

    dependencies = [
        ("search", "0001_initial"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create, drop)]
