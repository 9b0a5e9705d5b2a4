"""permissions.can_view_* and selectors.*_visible_to must agree for every user and object."""

import pytest
from django.utils import timezone

from collab.models import Membership, Room
from forums import actions
from forums.models import Discussion, Forum, Post
from forums.permissions import can_view_discussion, can_view_forum, can_view_post
from forums.selectors import (
    discussions_in_visible_forum,
    discussions_visible_to,
    forums_visible_to,
    posts_in_visible_discussion,
    posts_searchable_by,
    posts_visible_to,
)
from forums.tests.factories import ForumFactory
from insidan.core.models import ChannelStatus, ModerationState
from profiles.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def make_room(owner, *, closed: bool, slug: str) -> Room:
    room = Room.objects.create(
        name=slug, slug=slug, owner=owner, approved_by=UserFactory(), purpose="p",
        target_group="t", watched_hours="v", is_closed=closed,
    )
    Membership.objects.create(room=room, user=owner)
    actions.create_room_forum(room=room)
    return room


@pytest.fixture
def world(webbred):
    owner, member, outsider, author = (UserFactory(username=n) for n in
                                       ["agare", "medlem", "utomstaende", "forfattare"])
    deputy = UserFactory(username="ersattare")
    inactive = UserFactory(username="slutat", is_active=False)
    open_forum = ForumFactory(owner=owner, slug="oppet")
    open_forum.deputies.add(deputy)
    ForumFactory(owner=author, slug="begart", status=ChannelStatus.REQUESTED)
    ForumFactory(owner=owner, slug="arkiverat", status=ChannelStatus.ARCHIVED)
    closed_room = make_room(owner, closed=True, slug="slutet")
    Membership.objects.create(room=closed_room, user=member)
    open_room = make_room(owner, closed=False, slug="oppet-rum")
    for forum in [open_forum, closed_room.forum, open_room.forum]:
        poster = {None: author, closed_room.pk: member}.get(forum.room_id, owner)
        discussion = actions.start_discussion(actor=poster, forum=forum, title="T", body="a")
        hidden = actions.reply(actor=poster, discussion=discussion, body="dold")
        hidden.set_moderation_state(state=ModerationState.HIDDEN_PENDING_REVIEW, reason="r",
                                    at=timezone.now())
        removed = actions.reply(actor=poster, discussion=discussion, body="borta")
        removed.apply_tombstone(reason="r", at=timezone.now())
    users = [owner, deputy, member, outsider, author, webbred, inactive]
    return users


def test_forum_rule_and_queryset_agree(world):
    for user in world:
        visible = set(forums_visible_to(user).values_list("pk", flat=True))
        for forum in Forum.objects.all():
            assert can_view_forum(user, forum) == (forum.pk in visible), (user, forum.slug)


def test_discussion_rule_and_queryset_agree(world):
    for user in world:
        visible = set(discussions_visible_to(user).values_list("pk", flat=True))
        for discussion in Discussion.objects.all():
            assert can_view_discussion(user, discussion) == (discussion.pk in visible), user


def test_post_rule_and_queryset_agree(world):
    for user in world:
        visible = set(posts_visible_to(user).values_list("pk", flat=True))
        for post in Post.objects.all():
            assert can_view_post(user, post) == (post.pk in visible), (user, post.body)


def test_the_search_filter_selects_the_visible_posts(world):
    for user in world:
        visible = set(posts_visible_to(user).values_list("pk", flat=True))
        assert set(posts_searchable_by(user).values_list("pk", flat=True)) == visible, user


def test_the_discussion_page_rule_selects_the_visible_posts(world):
    """The discussion page's shortcut (only the post's own state, in a discussion the reader
    can see) selects what the whole rule selects, for every fixture user and discussion."""
    from forums.permissions import is_moderator

    for user in world:
        for discussion in Discussion.objects.select_related("forum", "forum__room"):
            if not can_view_discussion(user, discussion):
                continue
            shortcut = posts_in_visible_discussion(
                user, discussion, moderator=is_moderator(user, discussion.forum))
            whole = posts_visible_to(user).filter(discussion=discussion)
            assert set(shortcut.values_list("pk", flat=True)) == set(
                whole.values_list("pk", flat=True)), (user, discussion)


def test_the_forum_page_rule_selects_the_visible_discussions(world):
    from forums.permissions import is_moderator

    for user in world:
        for forum in Forum.objects.select_related("room"):
            if not can_view_forum(user, forum):
                continue
            shortcut = discussions_in_visible_forum(
                user, forum, moderator=is_moderator(user, forum))
            whole = discussions_visible_to(user).filter(forum=forum)
            assert set(shortcut.values_list("pk", flat=True)) == set(
                whole.values_list("pk", flat=True)), (user, forum)


def test_the_rule_says_what_the_guideline_says(world):
    owner, deputy, member, outsider, author, webbred, inactive = world
    closed = Forum.objects.get(room__slug="slutet")
    assert can_view_forum(member, closed) and not can_view_forum(outsider, closed)
    assert can_view_forum(webbred, closed)
    hidden = Post.objects.get(body="dold", discussion__forum__slug="oppet")
    assert can_view_post(author, hidden) and can_view_post(deputy, hidden)
    assert not can_view_post(outsider, hidden)
    assert not posts_visible_to(inactive).exists()
    assert not Post.objects.filter(body="borta").exists()  # tombstones hold no text
    Membership.objects.filter(room=closed.room, user=member).delete()
    assert not can_view_forum(member, closed)  # a removed member loses access at once


def test_audience_of_a_discussion_agrees_with_the_rule(world):
    """users_who_can_view_discussion (who gets notices) is the same rule seen from the other
    side: for every fixture user and discussion, including a hidden and a removed one and one
    in an archived forum, it agrees with can_view_discussion."""
    from forums.selectors import users_who_can_view_discussion

    owner = world[0]
    hidden = Discussion.objects.filter(forum__slug="oppet").first()
    hidden.set_moderation_state(state=ModerationState.HIDDEN_PENDING_REVIEW, reason="r",
                                at=timezone.now())
    removed = actions.start_discussion(actor=owner, forum=hidden.forum, title="R", body="x")
    removed.apply_tombstone(reason="r", at=timezone.now())
    archived = Forum.objects.get(slug="arkiverat")
    Discussion.objects.create(forum=archived, title="Gammal", author=owner)
    requested = Forum.objects.get(slug="begart")
    Discussion.objects.create(forum=requested, title="Begärd", author=owner)
    for discussion in Discussion.objects.select_related("forum", "forum__room"):
        audience = set(users_who_can_view_discussion(discussion).values_list("pk", flat=True))
        for user in world:
            assert can_view_discussion(user, discussion) == (user.pk in audience), (
                user.username, discussion.title, discussion.forum.slug)
