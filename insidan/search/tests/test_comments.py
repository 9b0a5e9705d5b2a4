"""Comments in search: found with what they are on, never when that is out of the viewer's
sight, never when removed, hidden only to their writer and Webbredaktionen."""

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from blogs.models import BlogPage
from blogs.tests.factories import make_blog, make_post
from collab import actions as collab_actions
from forums.models import Post
from forums.selectors import posts_visible_to
from insidan.archive.actions import archive_then_remove
from insidan.comments.actions import post_comment
from insidan.comments.models import Comment
from insidan.comments.targets import register_comment_target, unregister_comment_target
from insidan.core.models import ChannelStatus, ModerationState
from profiles import actions as profile_actions

from .conftest import count_of, titles

pytestmark = pytest.mark.django_db


@pytest.fixture
def blog_post(world):
    blog = make_blog(world.erik, name="Kvalitetsbloggen")
    return make_post(blog, title="Ny rutin", body="Om avvikelser.")


def comment_hits(results):
    return [hit for hit in results.hits if hit.searchable.key == "kommentarer"]


def test_a_comment_is_found_with_its_post_blog_and_snippet(world, find, blog_post):
    comment = post_comment(actor=world.anna, target=blog_post,
                           text="Bra rutin, men hur gör vi med **sekretessprövningen**?")
    results = find(world.outsider, "sekretessprövningen")
    assert count_of(results, "kommentarer") == 1
    [hit] = comment_hits(results)
    assert titles(results) == ["Kommentar på ”Ny rutin”"]
    assert hit.context == ("Kommentar av Anna Lindqvist på blogginlägget ”Ny rutin” i bloggen "
                           "Kvalitetsbloggen")
    assert hit.url == f"{blog_post.get_absolute_url()}#kommentar-{comment.pk}"
    assert "<mark>sekretessprövningen</mark>" in hit.snippet
    assert "<strong>" not in hit.snippet  # the rendered text, as plain text


def test_a_comment_on_a_status_update_is_found_with_whose_update(world, find):
    update = profile_actions.post_status_update(actor=world.erik, body="Jobbar med växeln.")
    comment = post_comment(actor=world.anna, target=update, text="Lycka till med menyträdet!")
    [hit] = comment_hits(find(world.outsider, "menyträdet"))
    assert hit.context == "Kommentar av Anna Lindqvist på statusuppdateringen av Erik Bergström"
    assert hit.url == f"{update.get_absolute_url()}#kommentar-{comment.pk}"


def test_a_comment_on_something_the_viewer_may_not_see_is_not_found(world, find, blog_post):
    post_comment(actor=world.anna, target=blog_post, text="Gäller det hemtjänsten också?")
    assert find(world.outsider, "hemtjänsten").total == 1
    blog_post.set_moderation_state(state=ModerationState.HIDDEN_PENDING_REVIEW, reason="Anmäld",
                                   at=timezone.now())
    assert find(world.outsider, "hemtjänsten").total == 0
    # The post's writer and Webbredaktionen still see the hidden post, so its comments too.
    assert count_of(find(world.erik, "hemtjänsten"), "kommentarer") == 1
    assert count_of(find(world.webbred, "hemtjänsten"), "kommentarer") == 1


def test_comments_in_an_archived_blog_are_found_by_webbredaktionen_only(world, find, blog_post):
    post_comment(actor=world.anna, target=blog_post, text="Gäller det hemtjänsten också?")
    BlogPage.objects.filter(pk=blog_post.blog.pk).update(status=ChannelStatus.ARCHIVED)
    assert find(world.anna, "hemtjänsten").total == 0
    assert count_of(find(world.webbred, "hemtjänsten"), "kommentarer") == 1


def test_a_comment_on_closed_room_content_is_found_only_by_members(world, find):
    """Whatever can be commented on brings its own rule: here a forum post in a closed room,
    registered as a target for this test."""
    register_comment_target(Post, posts_visible_to)
    try:
        Comment.objects.create(
            content_type=ContentType.objects.get_for_model(Post),
            object_pk=str(world.secret_post.pk), site_id=settings.SITE_ID, user=world.erik,
            comment="Fjärrvärmekalkylen är klar.",
            comment_html="<p>Fjärrvärmekalkylen är klar.</p>",
            submit_date=timezone.now(),
        )
        [hit] = comment_hits(find(world.anna, "fjärrvärmekalkylen"))
        assert hit.context == "Kommentar av Erik Bergström"  # a kind not described yet
        assert find(world.outsider, "fjärrvärmekalkylen").total == 0
        collab_actions.leave_room(actor=world.anna, room=world.room)
        assert find(world.anna, "fjärrvärmekalkylen").total == 0
    finally:
        unregister_comment_target(Post)
    assert find(world.erik, "fjärrvärmekalkylen").total == 0  # not a target: seen by nobody


def test_a_removed_comment_is_never_found(world, find, blog_post):
    comment = post_comment(actor=world.anna, target=blog_post, text="Chefen är en idiot.")
    assert find(world.erik, "idiot").total == 1
    archive_then_remove(actor=world.webbred, item=comment, reason="Personangrepp.")
    for user in (world.anna, world.erik, world.webbred, world.outsider):
        assert find(user, "idiot").total == 0, user


def test_a_removed_comment_is_left_out_even_if_its_text_stays_indexed(world, find, blog_post):
    comment = post_comment(actor=world.anna, target=blog_post, text="Chefen är en idiot.")
    Comment.objects.filter(pk=comment.pk).update(moderation_state=ModerationState.REMOVED)
    assert find(world.webbred, "idiot").total == 0


def test_a_hidden_comment_is_found_by_its_writer_and_webbredaktionen(world, find, blog_post):
    comment = post_comment(actor=world.anna, target=blog_post, text="Om löneöversynen.")
    comment.set_moderation_state(state=ModerationState.HIDDEN_PENDING_REVIEW, reason="Anmäld",
                                 at=timezone.now())
    assert find(world.anna, "löneöversynen").total == 1
    assert find(world.webbred, "löneöversynen").total == 1
    assert find(world.erik, "löneöversynen").total == 0
    assert find(world.outsider, "löneöversynen").total == 0


@pytest.mark.parametrize("query", ["arbetsmiljö", "arbetsmiljön", "rum", "rummen"])
def test_swedish_forms_find_comments(world, find, blog_post, query):
    post_comment(actor=world.anna, target=blog_post,
                 text="Arbetsmiljön i rummet behöver ses över.")
    assert count_of(find(world.outsider, query), "kommentarer") == 1, query
