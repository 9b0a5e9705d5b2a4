"""Nothing a person wrote leaves the site without an archive record, on every admin path
(issue 17, item 4). A co-writer could unpublish another writer's post, or the owner's whole blog
with every post (include_descendants), in the Wagtail admin: the post and its comments vanished
with a 404, no archive record, no tombstone, nobody told.

Discovery: every page URL of the Wagtail admin and every page bulk action whose name says it
hides, removes, unpublishes, moves or overwrites a page is listed below with how it is proven
here; a new one fails the test until it is added (and proven)."""

import re

import pytest
from django.urls import get_resolver, reverse
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.models import Page

from blogs.models import BlogPage, BlogPostPage
from blogs.tests.factories import make_blog, make_post
from insidan.archive.models import ArchiveRecord
from profiles.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

REMOVING = re.compile(r"delete|unpublish|move|remove|revert|convert|unschedule|copy_for|edit")

# Wagtail admin page views that can take a page off the site or out of its place, and the test
# below that proves a blog and its posts survive them.
PAGE_VIEWS = {
    "delete": "test_no_admin_path_takes_a_blog_post_or_a_blog_off_the_site",
    "unpublish": "test_no_admin_path_takes_a_blog_post_or_a_blog_off_the_site",
    "move": "test_no_admin_path_takes_a_blog_post_or_a_blog_off_the_site",
    "move_confirm": "test_no_admin_path_takes_a_blog_post_or_a_blog_off_the_site",
    # Editing overwrites what is published, and reverting to an earlier revision is an edit
    # through the editor form: only the post's own writers may (another writer, the owner,
    # Webbredaktionen and superusers are refused), the personal-data guard checks the form, and
    # Wagtail keeps every revision. blogs/tests/test_admin.py proves both.
    "edit": "blogs/tests/test_admin.py::test_a_co_writer_cannot_overwrite_another_writers_post",
    "revisions_revert": "blogs/tests/test_admin.py (editor form, writers only)",
    # A preview of the editor's unsaved form: it saves nothing.
    "preview_on_edit": "saves nothing",
    # Unscheduling a planned publication leaves the live page as it is.
    "revisions_unschedule": "leaves the live page as it is",
    # Converting an alias concerns alias pages, which blogs never are.
    "convert_alias": "not used for blog pages",
}
BULK_ACTIONS = {"delete", "unpublish", "move"}


def _page_url_names() -> set[str]:
    resolver = get_resolver()
    names = set()
    for key in resolver.reverse_dict.keys():
        if isinstance(key, str) and key.startswith("wagtailadmin_pages:"):
            names.add(key.split(":", 1)[1])
    namespace = resolver.namespace_dict.get("wagtailadmin_pages")
    if namespace:
        names |= {k for k in namespace[1].reverse_dict.keys() if isinstance(k, str)}
    return names


def test_every_admin_page_view_that_can_remove_is_known():
    found = {name for name in _page_url_names() if REMOVING.search(name)}
    assert found, "no Wagtail page views found: the discovery itself is broken"
    assert found <= set(PAGE_VIEWS), f"new removing admin views to prove: {found - set(PAGE_VIEWS)}"


def test_every_page_bulk_action_that_can_remove_is_known():
    actions = {action.action_type for action in bulk_action_registry.get_bulk_actions_for_model(
        "wagtailcore", "page")}
    assert {"delete", "unpublish", "move", "publish"} <= actions
    assert {a for a in actions if REMOVING.search(a)} <= BULK_ACTIONS


@pytest.fixture
def world(webbred):
    owner, writer = UserFactory(username="agaren"), UserFactory(username="skribenten")
    blog = make_blog(owner, writers=[writer], webbred=webbred)
    own_post = make_post(blog, actor=owner, title="Ägarens inlägg")
    post = make_post(blog, actor=writer, title="Skribentens inlägg")
    other_blog = make_blog(writer, name="Andra bloggen", webbred=webbred)
    superuser = UserFactory(username="root", is_superuser=True, is_staff=True)
    return owner, writer, superuser, blog, own_post, post, other_blog


def _attempts(blog, post, other_blog):
    index = blog.get_parent()
    bulk = "/admin/bulk/wagtailcore/page/{action}/?id={pk}"
    return [
        ("unpublish post", reverse("wagtailadmin_pages:unpublish", args=[post.pk]), {}),
        ("unpublish blog with posts", reverse("wagtailadmin_pages:unpublish", args=[blog.pk]),
         {"include_descendants": "on"}),
        ("unpublish blog index", reverse("wagtailadmin_pages:unpublish", args=[index.pk]),
         {"include_descendants": "on"}),
        ("delete post", reverse("wagtailadmin_pages:delete", args=[post.pk]), {}),
        ("delete blog", reverse("wagtailadmin_pages:delete", args=[blog.pk]), {}),
        ("delete blog index", reverse("wagtailadmin_pages:delete", args=[index.pk]), {}),
        ("move post to another blog", reverse("wagtailadmin_pages:move_confirm",
                                              args=[post.pk, other_blog.pk]), {}),
        ("bulk unpublish", bulk.format(action="unpublish", pk=post.pk),
         {"include_descendants": "on"}),
        ("bulk delete", bulk.format(action="delete", pk=post.pk), {}),
        ("bulk move", bulk.format(action="move", pk=post.pk), {"chooser": other_blog.pk}),
    ]


@pytest.mark.parametrize("who", ["writer", "owner", "superuser"])
def test_no_admin_path_takes_a_blog_post_or_a_blog_off_the_site(client, world, who):
    owner, writer, superuser, blog, own_post, post, other_blog = world
    client.force_login({"writer": writer, "owner": owner, "superuser": superuser}[who])
    for name, url, data in _attempts(blog, post, other_blog):
        client.post(url, data)
        for page in (blog, own_post, post):
            fresh = Page.objects.filter(pk=page.pk).first()
            assert fresh is not None, (who, name, page.title, "deleted")
            assert fresh.live, (who, name, page.title, "unpublished")
        assert BlogPostPage.objects.get(pk=post.pk).get_parent().pk == blog.pk, (who, name)
        assert client.get(post.url).status_code == 200, (who, name)
    assert not ArchiveRecord.objects.exists()  # nothing was removed, so nothing to archive


def test_the_admin_offers_no_removal_of_blog_content(client, world):
    owner, writer, superuser, blog, own_post, post, other_blog = world
    for user in (writer, owner, superuser):
        client.force_login(user)
        for page in (post, blog):
            html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
            for name in ("unpublish", "delete", "move"):
                assert reverse(f"wagtailadmin_pages:{name}", args=[page.pk]) not in html, (
                    user.username, page.title, name)
        html = client.get(reverse("wagtailadmin_explore", args=[blog.pk])).content.decode()
        assert reverse("wagtailadmin_pages:unpublish", args=[post.pk]) not in html
        assert reverse("wagtailadmin_pages:delete", args=[post.pk]) not in html
    assert BlogPage.objects.get(pk=blog.pk).live
