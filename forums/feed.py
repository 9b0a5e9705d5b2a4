from django.db.models import Q
from django.utils.translation import gettext as _

from collab.models import Membership
from insidan.core.feed import FeedItem
from insidan.core.text import plain_text_excerpt

from .models import Post
from .selectors import posts_visible_to


def recent_posts(user, limit: int) -> list[FeedItem]:
    """New posts in discussions the user takes part in, and in the forums of their rooms."""
    took_part = Post.objects.filter(author=user).values("discussion_id")
    my_rooms = Membership.objects.filter(user=user).values("room_id")
    posts = (
        posts_visible_to(user)
        .filter(Q(discussion_id__in=took_part) | Q(discussion__forum__room_id__in=my_rooms))
        .exclude(author=user)
        .filter(moderation_state="visible")
        .select_related("author", "discussion", "discussion__forum", "discussion__forum__room")
        .order_by("-created_at")[:limit]
    )
    items = []
    for post in posts:
        forum = post.discussion.forum
        reason = (_("i ditt rum %(name)s") % {"name": forum.room.name} if forum.room_id
                  else _("i en diskussion du deltar i"))
        items.append(FeedItem(
            at=post.created_at, title=post.discussion.title,
            text=plain_text_excerpt(post.body_html, 200), url=post.get_absolute_url(),
            reason=reason, actor_name=post.author.get_full_name() or post.author.username,
        ))
    return items
