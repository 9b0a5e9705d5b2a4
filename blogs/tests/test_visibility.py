"""permissions.can_view_* and selectors.*_visible_to must agree for every user and object."""

import pytest
from django.utils import timezone

from blogs.models import BlogPage, BlogPostPage
from blogs.permissions import can_view_blog, can_view_blog_post
from blogs.selectors import blog_posts_visible_to, blogs_visible_to
from blogs.tests.factories import make_blog, make_post
from insidan.core import visibility
from insidan.core.models import ChannelStatus, ModerationState
from profiles.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(webbred):
    owner, writer, reader, deputy = (UserFactory(username=n) for n in
                                     ["agare", "skribent", "lasare", "ersattare"])
    inactive = UserFactory(username="slutat", is_active=False)
    active = make_blog(owner, name="Aktiv", webbred=webbred, writers=[writer])
    active.deputies.add(deputy)
    make_post(active, title="Synligt")
    make_post(active, title="Utkast", publish=False)
    hidden = make_post(active, actor=writer, title="Dolt")
    hidden.set_moderation_state(state=ModerationState.HIDDEN_PENDING_REVIEW, reason="r",
                                at=timezone.now())
    removed = make_post(active, title="Borta")
    removed.apply_tombstone(reason="Kränkande", at=timezone.now())
    for status in [ChannelStatus.REQUESTED, ChannelStatus.ARCHIVED,
                   ChannelStatus.DECOMMISSION_REQUESTED]:
        blog = make_blog(owner, name=f"Blogg {status}", webbred=webbred)
        make_post(blog, title=f"I {status}")
        BlogPage.objects.filter(pk=blog.pk).update(status=status)
    unpublished = make_blog(owner, name="Opublicerad", webbred=webbred)
    make_post(unpublished, title="I opublicerad")
    unpublished.unpublish()
    return [owner, writer, reader, deputy, inactive, webbred]


def test_blog_rule_and_queryset_agree(world):
    for user in world:
        visible = set(blogs_visible_to(user).values_list("pk", flat=True))
        for blog in BlogPage.objects.all():
            assert can_view_blog(user, blog) == (blog.pk in visible), (user, blog.title)
            assert visibility.can_view(user, blog) == (blog.pk in visible)


def test_post_rule_and_queryset_agree(world):
    for user in world:
        visible = set(blog_posts_visible_to(user).values_list("pk", flat=True))
        for post in BlogPostPage.objects.all():
            assert can_view_blog_post(user, post) == (post.pk in visible), (user, post.title)
            assert visibility.can_view(user, post) == (post.pk in visible)


def test_what_a_reader_sees(world):
    reader = world[2]
    titles = set(blog_posts_visible_to(reader).values_list("title", flat=True))
    assert titles == {"Synligt", "I decommission_requested"}


def test_hidden_post_is_seen_by_its_writer_the_owner_and_webbredaktionen(world):
    owner, writer, reader, deputy, _inactive, webbred = world
    hidden = BlogPostPage.objects.get(title="Dolt")
    assert [can_view_blog_post(u, hidden) for u in [owner, writer, reader, deputy, webbred]] == [
        True, True, False, True, True]


def test_removed_post_is_blanked_everywhere(world):
    removed = BlogPostPage.objects.get(title="Borta")
    assert not removed.live and removed.body == ""
    assert all(r.content["body"] == "" for r in removed.revisions.all())
    assert not any(can_view_blog_post(u, removed) for u in world)
