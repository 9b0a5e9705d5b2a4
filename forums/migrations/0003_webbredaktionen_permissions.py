from django.db import migrations

PERMISSIONS = ["view_forumrequest", "change_forumrequest"]


def grant(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    ContentType = apps.get_model("contenttypes.ContentType")
    group, _ = Group.objects.get_or_create(name="Webbredaktionen")
    content_type, _ = ContentType.objects.get_or_create(app_label="forums", model="forumrequest")
    for codename in PERMISSIONS:
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": codename}
        )
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [("forums", "0002_forumrequest"), ("core", "0002_initial_data")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
