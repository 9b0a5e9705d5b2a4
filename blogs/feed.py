from django.db.models import F, Func, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from insidan.core.feed import ActionItem, CountedActions, FeedItem
from insidan.core.text import plain_text_excerpt

from .selectors import followed_posts_for, unanswered_comments_for


def followed_blog_posts(user, limit: int) -> list[FeedItem]:
    """New posts in the blogs the user follows (one query, whatever the number)."""
    return [
        FeedItem(
            at=post.first_published_at, title=post.title,
            text=plain_text_excerpt(post.body, 200), url=post.get_absolute_url(),
            reason=_("i bloggen %(blog)s som du följer") % {"blog": post.blog_title},
        )
        for post in followed_posts_for(user)[:limit]
    ]


def _unanswered_annotations(user) -> dict:
    if not (user.is_authenticated and user.is_active):
        return {}
    count = unanswered_comments_for(user).order_by().annotate(
        n=Func(F("pk"), function="COUNT")).values("n")
    return {"blog_unanswered_comments": Subquery(count)}


def _unanswered_items(user, values: dict) -> list[ActionItem]:
    """The guideline makes writers answer comments on their posts."""
    count = values.get("blog_unanswered_comments") or 0
    if not count:
        return []
    return [ActionItem(
        text=ngettext("%(count)s obesvarad kommentar på dina blogginlägg.",
                      "%(count)s obesvarade kommentarer på dina blogginlägg.", count)
        % {"count": count},
        url=reverse("blogs:unanswered"),
    )]


unanswered_comments = CountedActions(annotations=_unanswered_annotations,
                                     items=_unanswered_items)
