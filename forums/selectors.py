"""The queryset form of the rule in permissions.py; a test checks that both agree."""

from django.db.models import Exists, OuterRef, Q, QuerySet

from insidan.core.models import HIDDEN_STATES, ChannelStatus, ModerationState
from insidan.core.permissions import is_webbredaktionen

from .models import Discussion, Forum, Post


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
