"""The queryset form of the rule in permissions.py; a test checks that both agree."""


from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Q, QuerySet, Value
from django.http import Http404

from insidan.core import lifecycle
from insidan.core.models import HIDDEN_STATES, ChannelStatus, ModerationState
from insidan.core.permissions import is_webbredaktionen
from insidan.core.visibility import by_own_state

from .models import DecommissionRequest, Discussion, Follow, Forum, Post, ReadState


def forums_visible_to(user) -> QuerySet[Forum]:
    if not user.is_authenticated or not user.is_active:
        return Forum.objects.none()
    if is_webbredaktionen(user):
        return Forum.objects.all()
    from collab.models import Membership

    membership = Membership.objects.filter(room=OuterRef("room_id"), user=user)
    room_rule = Q(room__isnull=False, room__is_closed=False) | Q(
        room__isnull=False, room__is_closed=True
    ) & Q(Exists(membership))
    active_room = ~Q(room__status=ChannelStatus.ARCHIVED)
    return Forum.objects.filter(
        Q(status=ChannelStatus.REQUESTED, owner=user)
        | Q(status__in=[ChannelStatus.ACTIVE, ChannelStatus.DECOMMISSION_REQUESTED])
        & (Q(room__isnull=True) | (room_rule & active_room))
    )


# One object by its key is checked with the rule's Python form (permissions.py, tested to
# agree with the querysets here): building the queryset form as SQL costs several
# milliseconds per page, more than the small indexed queries the Python form may ask.


def access_forum(user, slug: str) -> Forum:
    """The forum, or 404 for a missing and a hidden one alike."""
    from .permissions import can_view_forum

    forum = Forum.objects.select_related("owner", "room").filter(slug=slug).first()
    if forum is None or not can_view_forum(user, forum):
        raise Http404
    return forum


def access_discussion(user, slug: str, pk: int) -> Discussion:
    """The discussion in that forum, or 404 for a missing and a hidden one alike."""
    from .permissions import can_view_discussion

    discussion = (Discussion.objects.select_related("forum", "forum__owner", "forum__room",
                                                    "author")
                  .filter(forum__slug=slug, pk=pk).first())
    if discussion is None or not can_view_discussion(user, discussion):
        raise Http404
    return discussion


def _moderated_forum_ids(user):
    """Forums where the user is owner or deputy (of the forum, or of its room)."""
    return Forum.objects.filter(
        Q(owner=user) | Q(deputies=user) | Q(room__owner=user) | Q(room__deputies=user)
    ).values("pk")


def _content_rule(user, forum_path: str, author_field: str = "author") -> Q:
    if is_webbredaktionen(user):
        return ~Q(moderation_state=ModerationState.REMOVED)
    may_see_hidden = Q(**{author_field: user}) | Q(
        **{f"{forum_path}__in": _moderated_forum_ids(user)}
    )
    return Q(moderation_state=ModerationState.VISIBLE) | (
        Q(moderation_state__in=HIDDEN_STATES) & may_see_hidden
    )


def discussions_visible_to(user) -> QuerySet[Discussion]:
    if not user.is_authenticated or not user.is_active:
        return Discussion.objects.none()
    return Discussion.objects.filter(
        _content_rule(user, "forum"), forum__in=forums_visible_to(user)
    )


def posts_visible_to(user) -> QuerySet[Post]:
    if not user.is_authenticated or not user.is_active:
        return Post.objects.none()
    return Post.objects.filter(
        _content_rule(user, "discussion__forum"),
        discussion__in=discussions_visible_to(user),
    )


def discussions_in_visible_forum(user, forum: Forum, *, moderator: bool
                                 ) -> QuerySet[Discussion]:
    """discussions_visible_to(user) within one forum the user may see (access_forum found
    it), for the forum page: only the discussion's own state is checked, with `moderator` as
    permissions.is_moderator answers it for the forum. A test checks that both agree."""
    return by_own_state(Discussion.objects.filter(forum=forum), user, author_field="author",
                        sees_hidden=moderator)


def posts_in_visible_discussion(user, discussion: Discussion, *, moderator: bool
                                ) -> QuerySet[Post]:
    """posts_visible_to(user) within one discussion the user may see (access_discussion
    found it), for the discussion page: the discussion and forum parts of the rule are met
    already, so only the post's own state is checked, with `moderator` as
    permissions.is_moderator answers it for the discussion's forum. The page compiles far
    less SQL than with the whole rule as a subquery. A test checks that both select the same
    posts."""
    return by_own_state(Post.objects.filter(discussion=discussion), user, author_field="author",
                        sees_hidden=moderator)


def posts_searchable_by(user) -> QuerySet[Post]:
    """posts_visible_to as a condition on the post's own indexed fields (discussion_id,
    moderation_state, author_id), which search backends accept as a filter: the search then
    checks each hit's discussion instead of first listing every visible post (at 500,000
    posts that list cost a second per search; see bench/RESULTS.md). A test checks that both
    select the same posts."""
    if not user.is_authenticated or not user.is_active:
        return Post.objects.none()
    if is_webbredaktionen(user):
        state = ~Q(moderation_state=ModerationState.REMOVED)
    else:
        moderated = Discussion.objects.filter(forum__in=_moderated_forum_ids(user)).values("pk")
        state = Q(moderation_state=ModerationState.VISIBLE) | (
            Q(moderation_state__in=HIDDEN_STATES)
            & (Q(author_id=user.pk) | Q(discussion_id__in=moderated))
        )
    return Post.objects.filter(state, discussion_id__in=discussions_visible_to(user).values("pk"))


# The same rule seen from the other side: who may see one forum or discussion. Notifications
# are sent to these users only; a test checks that it agrees with can_view_discussion.


def _editors() -> Q:
    """Webbredaktionen (and superusers), as is_webbredaktionen decides."""
    in_group = Group.objects.filter(name=settings.WEBBREDAKTIONEN_GROUP,
                                    user=OuterRef("pk"))
    return Q(is_superuser=True) | Q(Exists(in_group))


def _moderators(forum: Forum) -> Q:
    channel = forum.room if forum.room_id else forum
    deputies = channel.deputies.through.objects.filter(
        **{f"{channel._meta.model_name}_id": channel.pk}, user=OuterRef("pk"))
    return Q(pk=channel.owner_id) | Q(Exists(deputies))


def users_who_can_view_forum(forum: Forum) -> QuerySet:
    users = get_user_model().objects.filter(is_active=True)
    if forum.status == ChannelStatus.ARCHIVED:
        return users.filter(_editors())
    if forum.status == ChannelStatus.REQUESTED:
        return users.filter(_editors() | Q(pk=forum.owner_id))
    if forum.room_id:
        from collab.models import Membership

        room = forum.room
        if room.status == ChannelStatus.ARCHIVED:
            return users.filter(_editors())
        if room.is_closed:
            member = Membership.objects.filter(room=room, user=OuterRef("pk"))
            return users.filter(_editors() | Q(Exists(member)))
    return users


def users_who_can_view_discussion(discussion: Discussion) -> QuerySet:
    users = users_who_can_view_forum(discussion.forum)
    if discussion.moderation_state == ModerationState.REMOVED:
        return users.none()
    if discussion.moderation_state in HIDDEN_STATES:
        return users.filter(Q(pk=discussion.author_id) | _moderators(discussion.forum)
                            | _editors())
    return users


def followers_to_notify(discussion: Discussion) -> QuerySet:
    """Who is told of a new post: followers of the discussion or of its forum who may see it."""
    follows = Follow.objects.filter(
        Q(discussion=discussion) | Q(forum_id=discussion.forum_id), user=OuterRef("pk"))
    return users_who_can_view_discussion(discussion).filter(Exists(follows))


def follows_of(user, *, forum: Forum, discussion: Discussion | None = None) -> dict[str, bool]:
    """Whether the user follows the forum and the discussion: one query for the page."""
    if not user.is_authenticated:
        return {"forum": False, "discussion": False}
    condition = Q(forum=forum) | (Q(discussion=discussion) if discussion else Q(pk__in=[]))
    rows = list(Follow.objects.filter(condition, user=user).values_list("forum_id", flat=True))
    return {"forum": forum.pk in rows, "discussion": None in rows}


def first_unread_post(user, discussion: Discussion, posts: QuerySet[Post]) -> Post | None:
    """The first post in `posts` (the discussion's posts as the user sees them) after the
    user's read mark; None when the user has never opened the discussion or has read it all.
    One query."""
    if not user.is_authenticated:
        return None
    read_before = ReadState.objects.filter(user=user, discussion=discussion).filter(
        Q(post_created_at__lt=OuterRef("created_at"))
        | Q(post_created_at=OuterRef("created_at"), post_id_read__lt=OuterRef("pk"))
    )
    return (posts.exclude(moderation_state=ModerationState.REMOVED)
            .filter(Exists(read_before)).order_by("created_at", "pk").first())


def position_of(post: Post, posts: QuerySet[Post]) -> int:
    """How many of `posts` come before `post` in the order the discussion shows them."""
    return posts.filter(Q(created_at__lt=post.created_at)
                        | Q(created_at=post.created_at, pk__lt=post.pk)).count()


def move_targets(user, discussion: Discussion) -> QuerySet[Forum]:
    """The active forums a discussion can be moved to by this user (can_move_discussion)."""
    forums = forums_visible_to(user).filter(status=ChannelStatus.ACTIVE).exclude(
        pk=discussion.forum_id).select_related("room").order_by("name", "pk")
    if is_webbredaktionen(user):
        return forums
    return forums.filter(pk__in=_moderated_forum_ids(user))


def _pending_requests() -> QuerySet[DecommissionRequest]:
    """Requests still to carry out: not those overtaken by events (the room archived with its
    forum, the discussion removed after a report)."""
    return (DecommissionRequest.objects.filter(status=DecommissionRequest.Status.PENDING)
            .exclude(forum__status=ChannelStatus.ARCHIVED)
            .exclude(discussion__moderation_state=ModerationState.REMOVED)
            .select_related("forum", "discussion", "requested_by")
            .order_by("requested_at", "pk"))


def pending_decommission(forum: Forum) -> QuerySet[DecommissionRequest]:
    """The forum's pending requests (for the whole forum and for single discussions)."""
    return _pending_requests().filter(forum=forum)


def forums_for_webbredaktionen(*, now=None) -> dict[str, QuerySet]:
    """What Webbredaktionen watches in forums: decommission requests, forums without an owner
    and forums inactive for nine months or more (as for rooms)."""
    cutoff = lifecycle.list_cutoff(now)
    forums = Forum.objects.filter(room__isnull=True).select_related("owner").order_by(
        "name", "pk")
    return {
        "decommission": _pending_requests(),
        "ownerless": forums.filter(pk__in=ownerless_forum_ids()).exclude(
            status=ChannelStatus.ARCHIVED),
        "inactive": forums.filter(status=ChannelStatus.ACTIVE, last_activity_at__lt=cutoff),
    }


def decommission_requests_visible_to(user) -> QuerySet[DecommissionRequest]:
    """The queryset form of permissions.can_view_decommission_request."""
    if not user.is_authenticated or not user.is_active:
        return DecommissionRequest.objects.none()
    if is_webbredaktionen(user):
        return DecommissionRequest.objects.all()
    return DecommissionRequest.objects.filter(
        Q(requested_by=user) | Q(forum__room__isnull=True, forum__owner=user)
        | Q(forum__room__owner=user)
    )


def unread_since_last_visit(user):
    """An annotation for discussions: the user has opened it before and a post has come since
    (one subquery in the list's own query)."""
    if not user.is_authenticated:
        return Value(False)
    return Exists(ReadState.objects.filter(user=user, discussion=OuterRef("pk"),
                                           post_created_at__lt=OuterRef("last_post_at")))


def _open_ownerless_flags():
    from profiles.models import OwnerlessChannel

    return OwnerlessChannel.objects.filter(
        resolved_at=None, content_type=ContentType.objects.get_for_model(Forum))


def ownerless_forum_ids():
    """Open forums flagged "utan ägare" (profiles' OwnerlessChannel, shared by every kind of
    channel but rooms, which carry their own flag)."""
    return _open_ownerless_flags().values("object_id")


def ownerless_since(forum: Forum):
    """When the forum lost its owner, or None: a room forum goes by its room."""
    if forum.room_id:
        return forum.room.ownerless_since
    flag = _open_ownerless_flags().filter(object_id=forum.pk).only("flagged_at").first()
    return flag.flagged_at if flag else None
