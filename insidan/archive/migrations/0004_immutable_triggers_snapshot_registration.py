"""Snapshots (the register of archive packages) and registrations (diarieföring) are records
too: the same trigger as in 0002 refuses UPDATE and DELETE on their tables."""

from django.db import migrations

TABLES = ["archive_snapshot", "archive_registration"]


def create_triggers(apps, schema_editor):
    for table in TABLES:
        schema_editor.execute(
            f"CREATE TRIGGER {table}_immutable BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION archive_refuse_change();"
        )


def drop_triggers(apps, schema_editor):
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_immutable ON {table};")


class Migration(migrations.Migration):
    dependencies = [("archive", "0003_snapshot_registration")]

    operations = [migrations.RunPython(create_triggers, drop_triggers)]
