"""The admin's page listing offers the removing bulk actions (Radera, Avpublicera, Flytta)
only to whoever may delete pages (superusers; Webbredaktionen has no delete permission): a
blog writer saw "Radera" that could only be refused."""

import pytest

from blogs.tests.factories import make_blog, make_post
from profiles.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

REMOVING = ("/admin/bulk/wagtailcore/page/delete/", "/admin/bulk/wagtailcore/page/unpublish/",
            "/admin/bulk/wagtailcore/page/move/")


@pytest.fixture
def blog():
    writer = UserFactory(username="skribent")
    blog = make_blog(UserFactory(username="agare"), writers=[writer])
    make_post(blog, actor=writer, writers=[writer])
    return blog


def test_a_blog_writer_is_offered_no_removing_bulk_action(client, blog):
    client.force_login(blog.writers.get(username="skribent"))
    html = client.get(f"/admin/pages/{blog.pk}/").content.decode()
    assert "bulk-action-btn" in html  # the bar is there, with what a writer may use
    assert not any(url in html for url in REMOVING) and "Radera" not in html


def test_whoever_may_delete_pages_still_has_them(client, blog):
    client.force_login(UserFactory(username="admin", is_superuser=True, is_staff=True))
    html = client.get(f"/admin/pages/{blog.pk}/").content.decode()
    assert all(url in html for url in REMOVING) and "Radera" in html
