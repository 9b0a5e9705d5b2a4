from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _

from collab.models import Membership
from insidan.core.feed import FeedItem
from insidan.core.text import plain_text_excerpt

from .models import Follow, Post
from .selectors import posts_visible_to


def recent_posts(user, limit: int) -> list[FeedItem]:
    """New posts in the discussions and forums the user follows (everyone who has posted in a
    discussion follows it), and in the forums of their rooms; each says why it is there."""
    follows = Follow.objects.filter(user=user)
    my_rooms = Membership.objects.filter(user=user).values("room_id")
    posts = (
        posts_visible_to(user)
        .filter(Q(discussion_id__in=follows.values("discussion_id"))
                | Q(discussion__forum_id__in=follows.values("forum_id"))
                | Q(discussion__forum__room_id__in=my_rooms))
        .exclude(author=user)
        .filter(moderation_state="visible")
        .annotate(
            took_part=Exists(Post.objects.filter(discussion=OuterRef("discussion_id"),
                                                 author=user)),
            follows_discussion=Exists(follows.filter(discussion=OuterRef("discussion_id"))),
        )
        .select_related("author", "discussion", "discussion__forum", "discussion__forum__room")
        .order_by("-created_at")[:limit]
    )
    return [FeedItem(
        at=post.created_at, title=post.discussion.title,
        text=plain_text_excerpt(post.body_html, 200), url=post.get_absolute_url(),
        reason=_reason(post), actor_name=post.author.get_full_name() or post.author.username,
    ) for post in posts]


def _reason(post) -> str:
    forum = post.discussion.forum
    if forum.room_id:
        return _("i ditt rum %(name)s") % {"name": forum.room.name}
    if post.took_part:
        return _("i en diskussion du deltar i")
    if post.follows_discussion:
        return _("i en diskussion du följer")
    return _("i forumet %(name)s som du följer") % {"name": forum.name}
