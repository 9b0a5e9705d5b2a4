"""An index for a user's notifications newest first (/notiser/, the digest): the library has
one on (recipient, unread) and one on timestamp alone, so PostgreSQL walked the whole table
backwards by time for a user with old notifications (650 ms at a million rows, see
bench/RESULTS.md)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("notify", "0002_more_events"),
        ("notifications", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS insidan_notification_recipient_newest "
            'ON notifications_notification (recipient_id, "timestamp" DESC, id DESC)',
            "DROP INDEX IF EXISTS insidan_notification_recipient_newest",
        ),
    ]
