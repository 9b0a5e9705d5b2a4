"""The table behind the "counters" cache (rate limits and failed-login lockouts) when no Redis
is configured: the layout of Django's database cache (`manage.py createcachetable`), created by
a migration so that every database has it, whichever cache the settings name today."""

from django.db import migrations

CREATE = """
CREATE TABLE IF NOT EXISTS "insidan_counters" (
    "cache_key" varchar(255) NOT NULL PRIMARY KEY,
    "value" text NOT NULL,
    "expires" timestamp with time zone NOT NULL
);
CREATE INDEX IF NOT EXISTS "insidan_counters_expires" ON "insidan_counters" ("expires");
"""


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [migrations.RunSQL(CREATE, 'DROP TABLE IF EXISTS "insidan_counters";')]
