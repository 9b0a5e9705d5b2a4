"""The start page, the rules page ("Regler för sociala funktioner") with the guideline's
Samtalston rules, and the Webbredaktionen group with the admin permissions its work needs."""

from django.db import migrations

RULES_HTML = """
<p>Insidans sociala funktioner – samarbetsrum, forum, bloggar och profilsidor – ska underlätta
vardagen och bidra till delaktighet, dialog och kunskapsutbyte. Här gäller Uppsala kommuns
riktlinjer för sociala medier.</p>
<h2>God samtalston</h2>
<p>Det ska råda god samtalston i dialoger, forum och i övrigt innehåll. Användningen ska utgå
från egenansvar och sunt förnuft. God samtalston innebär att inlägg inte får innehålla:</p>
<ul>
<li>förtal, personangrepp, förolämpningar, uppvigling, stötande och kränkande uttalanden</li>
<li>upphovsrättsintrång</li>
<li>kommersiella budskap, reklam</li>
<li>hets mot folkgrupp</li>
<li>sexistiska yttranden, trakasserier</li>
<li>olaga våldsskildring eller pornografi</li>
<li>uppmaningar till brott, eller utgöra brottslig verksamhet</li>
</ul>
<p>Marknadsföring för interna produktionsförvaltningar får ske på särskilda sidor. Hänvisning
till sådana sidor kan göras i de sociala funktionerna. Dialog med befintliga kunder kan ske i
samarbetsrum och forum.</p>
<h2>Personuppgifter</h2>
<p>Publicera inte sekretessbelagda uppgifter, arbetsmaterial eller personuppgifter.
Personnummer och personuppgifter om lagöverträdelser får aldrig publiceras. Privata
telefonnummer, adresser och bilregistreringsnummer får inte publiceras utan samtycke, och för
känsliga personuppgifter (etnisk tillhörighet, religion, politisk uppfattning,
fackföreningstillhörighet, hälsa, sexuell läggning) krävs uttryckligt samtycke. Vid osäkerhet:
fråga din chef eller kommunens dataskyddsombud.</p>
<h2>Anmäl</h2>
<p>Om du upplever ett inlägg, en kommentar eller en profilsida som stötande kan du anmäla den
med länken ”Anmäl”. Anmälan går till webbredaktionen som, i dialog med kanalens ägare (för en
profilsida: med berörd chef), tar ställning till om innehållet ska tas bort.</p>
<h2>När ett inlägg tas bort</h2>
<p>Inlägg som strider mot lag eller mot kommunens riktlinjer tas bort. Innan ett inlägg tas
bort sparas det med all information om det, och det hanteras sedan som allmän handling. Där
inlägget fanns visas att det har tagits bort och varför, och den som skrev det får veta varför,
med en länk till de här reglerna. Innehåller inlägget ett möjligt lagbrott kontaktar
webbredaktionen stadsjuristen.</p>
<h2>Kanalernas ägare</h2>
<p>Den som startar ett samarbetsrum, ett forum eller en blogg har först talat med sin närmaste
chef eller processledare, har läst och godkänt villkoren och tar därmed ansvar för kanalen:
att hålla den levande och till nytta, att bevaka samtalstonen och att avveckla den när den inte
längre används. Frågor till kommunen kan vara allmänna handlingar som ska registreras; det är
innehållet i varje inlägg som avgör det.</p>
"""

WEBBREDAKTIONEN_PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin"),
    ("core", "termsversion", "add_termsversion"),
    ("core", "termsversion", "view_termsversion"),
    ("wagtailimages", "image", "add_image"),
    ("wagtailimages", "image", "choose_image"),
    ("wagtaildocs", "document", "add_document"),
    ("wagtaildocs", "document", "choose_document"),
]


def create_pages(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    Locale = apps.get_model("wagtailcore.Locale")
    HomePage = apps.get_model("core.HomePage")
    RulesPage = apps.get_model("core.RulesPage")

    page_type = ContentType.objects.get(model="page", app_label="wagtailcore")
    Page.objects.filter(content_type=page_type, depth=2).delete()
    locale = Locale.objects.first()
    home_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="core")
    rules_type, _ = ContentType.objects.get_or_create(model="rulespage", app_label="core")
    home = HomePage.objects.create(
        title="Insidan", draft_title="Insidan", slug="insidan", content_type=home_type,
        path="00010001", depth=2, numchild=1, url_path="/insidan/", locale=locale,
        intro="Samarbetsrum, forum, bloggar och kollegornas profiler – allt på ett ställe.",
        live=True,
    )
    RulesPage.objects.create(
        title="Regler för sociala funktioner", draft_title="Regler för sociala funktioner",
        slug="regler", content_type=rules_type, path="000100010001", depth=3, numchild=0,
        url_path="/insidan/regler/", locale=locale, body=RULES_HTML, live=True,
    )
    Page.objects.filter(depth=1).update(numchild=1)
    Site.objects.all().delete()
    Site.objects.create(
        hostname="localhost", port=80, root_page_id=home.pk, is_default_site=True,
        site_name="Insidan",
    )


def create_group(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    ContentType = apps.get_model("contenttypes.ContentType")
    group, _ = Group.objects.get_or_create(name="Webbredaktionen")
    for app_label, model, codename in WEBBREDAKTIONEN_PERMISSIONS:
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": codename}
        )
        group.permissions.add(permission)
    # Webbredaktionen edits the start page and the rules page in the admin.
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    HomePage = apps.get_model("core.HomePage")
    page_type = ContentType.objects.get(app_label="wagtailcore", model="page")
    home = HomePage.objects.get(depth=2)
    for codename in ["change_page", "publish_page"]:
        permission = Permission.objects.get(content_type=page_type, codename=codename)
        GroupPagePermission.objects.get_or_create(
            group=group, page_id=home.pk, permission=permission
        )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailimages", "0001_initial"),
        ("wagtaildocs", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(create_pages, migrations.RunPython.noop),
        migrations.RunPython(create_group, migrations.RunPython.noop),
    ]
