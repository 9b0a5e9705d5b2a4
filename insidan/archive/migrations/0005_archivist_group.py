"""The "Arkivarie" group: the city archive's staff, who read the archive browser in the admin
(archive records, archive packages, registrations) and change nothing. Its only Django
permission is access to the Wagtail admin; what it may read is decided by
insidan.archive.permissions, by group membership."""

from django.db import migrations

GROUP = "Arkivarie"


def create_group(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    ContentType = apps.get_model("contenttypes.ContentType")
    group, _ = Group.objects.get_or_create(name=GROUP)
    content_type, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename="access_admin",
        defaults={"name": "Can access Wagtail admin"},
    )
    group.permissions.add(permission)


def remove_group(apps, schema_editor):
    apps.get_model("auth.Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0004_immutable_triggers_snapshot_registration"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
