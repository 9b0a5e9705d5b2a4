"""Webbredaktionen watches the channels whose owner has left: its admin home panel links to
"Kanaler utan ägare", but the group had no permission to open the list."""

from django.db import migrations


def grant(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    ContentType = apps.get_model("contenttypes.ContentType")
    group, _ = Group.objects.get_or_create(name="Webbredaktionen")
    content_type, _ = ContentType.objects.get_or_create(app_label="profiles",
                                                        model="ownerlesschannel")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename="view_ownerlesschannel",
        defaults={"name": "Can view ownerless channel"})
    group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [("profiles", "0004_ownerless_channel_verbose_names"),
                    ("core", "0002_initial_data")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
