"""Every text written in the Wagtail admin goes through the one text pipeline.

Discovery, like the access matrix: the tests list every page type and every admin viewset that
creates or edits a model, read the form the admin builds for it, and fail when a text field in
that form is not checked by ``insidan.core.admin_forms`` (a new page type, a new field, a new
viewset). Then the editor is tried as a person would, for each page type: a personnummer and a
direction override are refused on their field and nothing is saved.
"""

import pytest
from django.db import models
from taggit.managers import TaggableManager
from wagtail.admin.views.generic.models import CreateView, EditView
from wagtail.admin.viewsets import viewsets
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, get_page_models

from insidan.core.admin_forms import PAGE_FIELDS, GuardedFieldsMixin, GuardedPageForm
from insidan.core.tests.draftail import draftail

PROJECT_APPS = {"core", "blogs", "forums", "collab", "profiles", "moderation", "archive",
                "notify", "search", "comments", "accounts", "security"}
TEXT_FIELDS = (models.CharField, models.TextField, RichTextField, StreamField)


def _is_text(model, name: str) -> bool:
    try:
        field = model._meta.get_field(name)
    except Exception:
        return False
    if isinstance(field, TaggableManager) or name == "tags":
        return True
    # Choices are picked from a list the admin wrote, not typed.
    return isinstance(field, TEXT_FIELDS) and not field.choices


def _unguarded(model, form_class) -> set[str]:
    """The text fields of the form that the pipeline does not check (all of them, when the
    form is not one of ``insidan.core.admin_forms``'s)."""
    guarded = set()
    if issubclass(form_class, GuardedFieldsMixin):
        guarded = {*form_class.guarded_fields, *getattr(model, "published_fields", ())}
    return {name for name in form_class.base_fields
            if _is_text(model, name) and name not in guarded}


def project_page_models():
    return [m for m in get_page_models() if m._meta.app_label in PROJECT_APPS]


def generic_form_viewsets():
    """Viewsets whose add or edit URL is Wagtail's generic form view for their model."""
    found = []
    for viewset in viewsets.viewsets:
        opts = getattr(viewset, "model_opts", None)
        if opts is None or opts.app_label not in PROJECT_APPS:
            continue
        for pattern in viewset.get_urlpatterns():
            view_class = getattr(pattern.callback, "view_class", None)
            if view_class and issubclass(view_class, (CreateView, EditView)):
                found.append((viewset, issubclass(view_class, EditView)))
    return found


def test_there_are_page_types_and_viewsets_to_check():
    """The discovery finds what exists today: if it finds nothing, it proves nothing."""
    names = {m.__name__ for m in project_page_models()}
    assert {"HomePage", "RulesPage", "BlogIndexPage", "BlogPage", "BlogPostPage"} <= names
    assert any(vs.model_opts.model_name == "termsversion" for vs, _u in generic_form_viewsets())


@pytest.mark.parametrize("model", project_page_models(), ids=lambda m: m.__name__)
def test_every_page_type_checks_every_text_it_publishes(model):
    form_class = model.get_edit_handler().get_form_class()

    assert issubclass(form_class, GuardedPageForm)
    assert set(PAGE_FIELDS) <= set(form_class.guarded_fields)
    assert _unguarded(model, form_class) == set()


def test_every_admin_form_checks_every_text_it_saves():
    unchecked = {}
    for viewset, for_update in generic_form_viewsets():
        form_class = viewset.get_form_class(for_update=for_update)
        missing = _unguarded(viewset.model_opts.model, form_class)
        if missing:
            unchecked[viewset.name] = missing
    assert unchecked == {}


# --- the editor, tried as Webbredaktionen would --------------------------------------------------

PERSONNUMMER = "Kontakta 811218-9876"
OVERRIDE = "Faktura\u202efdp.exe"


def _edit(client, page, **fields):
    data = {"title": page.title, "slug": page.slug, "action-publish": "1", **fields}
    return client.post(f"/admin/pages/{page.pk}/edit/", data)


def _pages():
    from blogs.models import BlogIndexPage
    from insidan.core.models import HomePage, RulesPage

    return {
        "start page intro": (HomePage, "intro", lambda text: text),
        "rules body": (RulesPage, "body", draftail),
        "blog index intro": (BlogIndexPage, "intro", lambda text: text),
    }


@pytest.fixture
def site_pages(db):
    from blogs.models import BlogIndexPage
    from insidan.core.models import HomePage, RulesPage

    root = Page.get_first_root_node()
    home = HomePage.objects.first() or root.add_child(
        instance=HomePage(title="Insidan", slug="insidan-start"))
    if not RulesPage.objects.exists():
        home.add_child(instance=RulesPage(title="Regler", slug="regler", body="<p>Regler</p>"))
    if not BlogIndexPage.objects.exists():
        home.add_child(instance=BlogIndexPage(title="Bloggar", slug="bloggar"))


@pytest.mark.parametrize("where", ["start page intro", "rules body", "blog index intro"])
@pytest.mark.parametrize("text", [PERSONNUMMER, OVERRIDE], ids=["personnummer", "override"])
def test_the_editor_refuses_on_every_page_type(client, webbred, site_pages, where, text):
    model, field, as_posted = _pages()[where]
    page = model.objects.get()
    before = getattr(page, field)
    client.force_login(webbred)

    response = _edit(client, page, **{field: as_posted(text)})

    assert response.status_code == 200  # the editor again, with the error on its field
    html = response.content.decode()
    assert "personnummer" in html or "skrivriktningen" in html
    page.refresh_from_db()
    assert getattr(page, field) == before
    assert page.get_latest_revision() is None or text not in str(
        page.get_latest_revision().content)


def test_a_title_with_an_override_is_refused_in_the_editor(client, webbred, site_pages):
    from insidan.core.models import RulesPage

    page = RulesPage.objects.get()
    client.force_login(webbred)

    response = _edit(client, page, title=OVERRIDE, body=draftail("Regler"))

    assert response.status_code == 200
    assert "U+202E" in response.content.decode()
    assert RulesPage.objects.get().title == page.title


def test_terms_with_a_personnummer_are_not_published(client, webbred):
    from insidan.core.models import TermsVersion

    client.force_login(webbred)
    response = client.post("/admin/terms/new/", {
        "kind": "room", "title": "Villkor för rum", "change_summary": PERSONNUMMER,
        "body": draftail("Villkoren."),
    })

    assert response.status_code == 200
    assert "personnummer" in response.content.decode()
    assert not TermsVersion.objects.filter(title="Villkor för rum").exists()
