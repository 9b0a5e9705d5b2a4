"""An index on django-comments-xtd's parent_id (the library has none): a comment's replies are
looked up by it when a comment is archived or removed, which otherwise reads every comment."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("insidan_comments", "0001_initial"),
        ("django_comments_xtd", "0008_auto_20200920_2037"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS insidan_xtdcomment_parent_id "
            "ON django_comments_xtd_xtdcomment (parent_id)",
            "DROP INDEX IF EXISTS insidan_xtdcomment_parent_id",
        ),
    ]
