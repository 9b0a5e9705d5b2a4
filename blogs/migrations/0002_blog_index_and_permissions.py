"""The "Bloggar" index page under the start page (served at /bloggar/), and Webbredaktionen's
permission to see and decide blog requests in the admin."""

from django.db import migrations

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEPLEN = 4


def _step(number: int) -> str:
    digits = ""
    while number:
        number, rest = divmod(number, len(ALPHABET))
        digits = ALPHABET[rest] + digits
    return digits.rjust(STEPLEN, "0")


def create_index(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    BlogIndexPage = apps.get_model("blogs.BlogIndexPage")
    home = Page.objects.filter(depth=2).order_by("path").first()
    if home is None or BlogIndexPage.objects.exists():
        return
    children = Page.objects.filter(path__startswith=home.path, depth=home.depth + 1)
    last = children.order_by("-path").values_list("path", flat=True).first()
    step = int(last[-STEPLEN:], 36) + 1 if last else 1
    index_type, _ = ContentType.objects.get_or_create(app_label="blogs", model="blogindexpage")
    BlogIndexPage.objects.create(
        title="Bloggar", draft_title="Bloggar", slug="bloggar", content_type=index_type,
        path=home.path + _step(step), depth=home.depth + 1, numchild=0,
        url_path=f"{home.url_path}bloggar/", locale_id=home.locale_id, live=True,
        intro="Bloggar från kommunens medarbetare, öppna för alla.",
    )
    Page.objects.filter(pk=home.pk).update(numchild=children.count() + 1)


def grant(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    ContentType = apps.get_model("contenttypes.ContentType")
    group, _ = Group.objects.get_or_create(name="Webbredaktionen")
    content_type, _ = ContentType.objects.get_or_create(app_label="blogs", model="blogrequest")
    for codename in ["view_blogrequest", "change_blogrequest"]:
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": codename}
        )
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [("blogs", "0001_initial"), ("core", "0002_initial_data")]

    operations = [
        migrations.RunPython(create_index, migrations.RunPython.noop),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
