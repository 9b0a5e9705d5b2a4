"""Writers work in the Wagtail admin, only in their own blogs."""

import re

import pytest
from wagtail.models import Page

from blogs.models import BlogPostPage
from blogs.tests.factories import make_blog, make_post
from insidan.core.tests.draftail import draftail
from profiles.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

DRAFTAIL_HEJ = draftail("Hej")


@pytest.fixture
def two_blogs(employee, other_employee):
    mine = make_blog(employee, name="Min blogg")
    theirs = make_blog(other_employee, name="Deras blogg")
    return mine, theirs, make_post(mine), make_post(theirs, title="Deras inlägg")


def test_writer_sees_only_own_blogs_in_the_explorer(client, employee, two_blogs):
    mine, theirs, _mine_post, _their_post = two_blogs
    make_blog(employee, name="Min andra blogg")
    client.force_login(employee)
    index = mine.get_parent()
    html = client.get(f"/admin/pages/{index.pk}/").content.decode()
    assert "Min blogg" in html and "Min andra blogg" in html and "Deras blogg" not in html
    html = client.get(f"/admin/pages/{index.pk}/?q=blogg").content.decode()
    assert "Deras blogg" not in html
    assert client.get(f"/admin/pages/{mine.pk}/").status_code == 200
    html = client.get("/admin/pages/").content.decode()
    assert "Regler för sociala funktioner" not in html


def test_writer_cannot_edit_another_blogs_post(client, employee, two_blogs):
    _mine, _theirs, mine_post, their_post = two_blogs
    client.force_login(employee)
    assert client.get(f"/admin/pages/{mine_post.pk}/edit/").status_code == 200
    response = client.get(f"/admin/pages/{their_post.pk}/edit/")
    assert response.status_code in (302, 403)
    title = their_post.title
    client.post(f"/admin/pages/{their_post.pk}/edit/", {"title": "Kapad", "slug": "kapad"})
    assert BlogPostPage.objects.get(pk=their_post.pk).title == title


def test_writer_creates_a_post_in_the_admin(client, employee, two_blogs):
    mine = two_blogs[0]
    client.force_login(employee)
    url = f"/admin/pages/add/blogs/blogpostpage/{mine.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(url, {
        "title": "Från admin", "slug": "fran-admin", "date": "2026-01-05",
        "writers": [employee.pk], "body": DRAFTAIL_HEJ,
        "tags": "nyhet", "action-publish": "publish",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    post = BlogPostPage.objects.get(slug="fran-admin")
    assert post.live and list(post.writers.all()) == [employee]


def test_writer_cannot_delete_a_post_or_edit_the_presentation(client, employee, other_employee):
    blog = make_blog(other_employee, writers=[employee])
    post = make_post(blog, actor=employee)
    client.force_login(employee)
    client.post(f"/admin/pages/{post.pk}/delete/")
    assert Page.objects.filter(pk=post.pk).exists()
    assert client.get(f"/admin/pages/{blog.pk}/edit/").status_code == 302
    outsider = UserFactory()
    client.force_login(outsider)
    assert client.get(f"/admin/pages/{post.pk}/edit/").status_code in (302, 403)


ADMIN_POST = {"title": "Från admin", "slug": "fran-admin", "date": "2026-01-05",
              "body": DRAFTAIL_HEJ, "tags": "nyhet"}


@pytest.mark.parametrize("field, value", [
    ("title", "Grattis 811218-9876!"),
    ("slug", "grattis-811218-9876"),
    ("body", draftail("Hon har personnummer 19811218-9876.")),
    ("body", draftail("Läs mer här", link="https://intra.example/?pnr=198112189876")),
    ("tags", "nyhet, 811218-9876"),
    ("search_description", "Om 811218-9876"),
])
@pytest.mark.parametrize("action", ["action-publish", "action-draft"])
def test_a_personnummer_in_a_post_written_in_the_admin_is_refused(
        client, employee, two_blogs, field, value, action):
    """Blog posts written in the Wagtail admin were not checked at all: one with a
    personnummer was published and found by search and RSS."""
    mine = two_blogs[0]
    client.force_login(employee)
    url = f"/admin/pages/add/blogs/blogpostpage/{mine.pk}/"
    data = {**ADMIN_POST, "writers": [employee.pk], field: value, action: action.split("-")[1]}
    response = client.post(url, data)
    assert response.status_code == 200  # the editor again, with the error
    assert "personnummer" in response.content.decode().lower()
    assert not BlogPostPage.objects.filter(slug__in=["fran-admin", value]).exists()
    assert not BlogPostPage.objects.filter(title__contains="9876").exists()


def test_an_edit_in_the_admin_that_adds_a_personnummer_is_refused(client, employee, two_blogs):
    mine_post = two_blogs[2]
    client.force_login(employee)
    url = f"/admin/pages/{mine_post.pk}/edit/"
    response = client.post(url, {**ADMIN_POST, "slug": mine_post.slug, "writers": [employee.pk],
                                 "body": draftail("Ring 811218-9876"), "action-publish": "1"})
    assert response.status_code == 200
    mine_post.refresh_from_db()
    assert "9876" not in mine_post.body
    assert not mine_post.revisions.filter(content__body__contains="9876").exists()


def test_the_writer_checkboxes_show_names(client, employee, other_employee):
    blog = make_blog(employee, name="Namnbloggen", writers=[other_employee])
    client.force_login(employee)
    html = client.get(f"/admin/pages/add/blogs/blogpostpage/{blog.pk}/").content.decode()
    assert "Erik Bergström" in html and "Anna Lindqvist" in html
    assert not re.search(r">\s*erik\s*<", html)


def test_a_personnummer_in_the_blogs_presentation_is_refused_in_the_admin(client, employee):
    """The guard held for posts but not for the blog's own page (its presentation and
    contact), which the owner edits in the same admin."""
    from blogs.models import BlogPage

    blog = make_blog(employee, name="Presentationsbloggen")
    client.force_login(employee)
    url = f"/admin/pages/{blog.pk}/edit/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"title": blog.title, "slug": blog.slug,
                                 "presentation": "Kontakta Anna, 811218-9876.",
                                 "contact": "anna", "action-publish": "1"})
    assert response.status_code == 200
    assert "personnummer" in response.content.decode().lower()
    assert "9876" not in BlogPage.objects.get(pk=blog.pk).presentation


def test_a_co_writer_cannot_overwrite_another_writers_post(client, employee, other_employee):
    """Two writers share a blog: each edits their own posts, neither overwrites the other's
    (no "Redigera", and the edit and revert views refuse), nor does a superuser. A post is
    changed against its writers' will only through a report case, which archives first."""
    blog = make_blog(employee, name="Delad blogg", writers=[other_employee])
    anna_post = make_post(blog, actor=employee, title="Annas inlägg")
    erik_post = make_post(blog, actor=other_employee, title="Eriks inlägg")
    client.force_login(other_employee)

    assert client.get(f"/admin/pages/{erik_post.pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/{anna_post.pk}/edit/").status_code in (302, 403)
    client.post(f"/admin/pages/{anna_post.pk}/edit/", {
        "title": "Överskrivet", "slug": anna_post.slug, "date": "2026-01-05",
        "writers": [other_employee.pk], "body": DRAFTAIL_HEJ, "action-publish": "1"})
    revision = anna_post.get_latest_revision()
    assert client.get(
        f"/admin/pages/{anna_post.pk}/revisions/{revision.pk}/revert/").status_code in (302, 403)
    listing = client.get(f"/admin/pages/{blog.pk}/").content.decode()
    assert f"/admin/pages/{erik_post.pk}/edit/" in listing
    assert f"/admin/pages/{anna_post.pk}/edit/" not in listing

    superuser = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(superuser)
    assert client.get(f"/admin/pages/{anna_post.pk}/edit/").status_code in (302, 403)

    anna_post.refresh_from_db()
    assert anna_post.title == "Annas inlägg"
    assert anna_post.get_latest_revision().pk == revision.pk


def test_a_post_with_two_writers_is_edited_by_both(client, employee, other_employee):
    blog = make_blog(employee, name="Delad blogg", writers=[other_employee])
    shared = make_post(blog, actor=employee, title="Gemensamt",
                       writers=[employee, other_employee])
    client.force_login(other_employee)

    assert client.get(f"/admin/pages/{shared.pk}/edit/").status_code == 200


def test_the_owner_can_view_the_blogs_draft_in_the_admin(client, employee):
    """"Visa utkast" on the blog's own page answered 500 (its template had no blog)."""
    blog = make_blog(employee, name="Utkastbloggen")
    client.force_login(employee)

    response = client.get(f"/admin/pages/{blog.pk}/view_draft/")

    assert response.status_code == 200
    assert "Utkastbloggen" in response.content.decode()
