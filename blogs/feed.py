from django.db.models import Exists
from django.urls import reverse
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from insidan.core.feed import ActionItem, FeedItem, GatedActions, GatedFeed

from .models import BlogFollow
from .selectors import PostWriter, followed_posts_for, unanswered_comments_for


def _follows(user) -> dict:
    return {"follows_blogs": Exists(BlogFollow.objects.filter(user_id=user.pk))}


def _followed_blog_posts(user, limit: int) -> list[FeedItem]:
    """New posts in the blogs the user follows (one query, whatever the number)."""
    return [
        FeedItem(
            at=post.first_published_at, title=post.title,
            text="", html=post.body, url=lazy(post.get_absolute_url, str)(),
            reason=_("i bloggen %(blog)s som du följer") % {"blog": post.blog_title},
        )
        for post in followed_posts_for(user)[:limit]
    ]


followed_blog_posts = GatedFeed(gate=_follows, source=_followed_blog_posts)


def _writes(user) -> dict:
    """Only writers of a blog post can have unanswered comments."""
    return {"writes_blog_posts": Exists(PostWriter.objects.filter(user_id=user.pk))}


def _unanswered_items(user) -> list[ActionItem]:
    """The guideline makes writers answer comments on their posts."""
    count = unanswered_comments_for(user).count()
    if not count:
        return []
    return [ActionItem(
        text=ngettext("%(count)s obesvarad kommentar på dina blogginlägg.",
                      "%(count)s obesvarade kommentarer på dina blogginlägg.", count)
        % {"count": count},
        url=reverse("blogs:unanswered"),
    )]


unanswered_comments = GatedActions(gate=_writes, source=_unanswered_items)
