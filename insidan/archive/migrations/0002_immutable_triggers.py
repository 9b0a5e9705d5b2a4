"""Archive records and their attachments refuse UPDATE and DELETE at the database
level: they are public records (allmän handling), and not even a bug or a shell session in the
application may change them. (TRUNCATE is left alone: the test suite resets databases with it,
and no application code path issues it.)"""

from django.db import migrations

TABLES = ["archive_archiverecord", "archive_archiveattachment"]

FUNCTION = """
CREATE OR REPLACE FUNCTION archive_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'Arkivposter är allmänna handlingar och kan inte ändras eller tas bort (%% i %%).',
        TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;
"""


def create_triggers(apps, schema_editor):
    schema_editor.execute(FUNCTION)
    for table in TABLES:
        schema_editor.execute(
            f"CREATE TRIGGER {table}_immutable BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION archive_refuse_change();"
        )


def drop_triggers(apps, schema_editor):
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_immutable ON {table};")
    schema_editor.execute("DROP FUNCTION IF EXISTS archive_refuse_change();")


class Migration(migrations.Migration):
    dependencies = [("archive", "0001_initial")]

    operations = [migrations.RunPython(create_triggers, drop_triggers)]
