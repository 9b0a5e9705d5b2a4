from django.db.models import Exists
from django.urls import reverse
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from insidan.core.faces import face_of
from insidan.core.feed import (
    ActionItem,
    FeedItem,
    GatedActions,
    GatedFeed,
    GatedPlaces,
    Place,
    names_phrase,
)

from .models import BlogFollow
from .selectors import PostWriter, blogs_visible_to, followed_posts_for, unanswered_comments_for


def _follows(user) -> dict:
    return {"follows_blogs": Exists(BlogFollow.objects.filter(user_id=user.pk))}


def _followed_blog_posts(user, limit: int) -> list[FeedItem]:
    """New posts in the blogs the user follows, with their writers' names and faces (two
    queries, whatever the number)."""
    posts = list(followed_posts_for(user)[:limit])
    writers: dict[int, list] = {}
    for row in (PostWriter.objects.filter(blogpostpage_id__in=[post.pk for post in posts])
                .select_related("user__profile").order_by("pk")):
        writers.setdefault(row.blogpostpage_id, []).append(row.user)
    return [
        FeedItem(
            at=post.first_published_at, title=post.title,
            text="", html=post.body, url=lazy(post.get_absolute_url, str)(),
            reason=_("i bloggen %(blog)s som du följer") % {"blog": post.blog_title},
            actor_name=names_phrase([w.get_full_name() or w.get_username()
                                     for w in writers.get(post.pk, [])]),
            faces=tuple(face_of(w) for w in writers.get(post.pk, [])),
        )
        for post in posts
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


def _followed_blogs(user, limit: int) -> list[Place]:
    """The blogs the user follows and may still see, by title (one query; a blog's URL is
    its page's path under the site's root, which Wagtail keeps in the cache)."""
    blogs = blogs_visible_to(user).filter(follows__user_id=user.pk).order_by("title", "pk")
    return [Place(name=blog.title, url=blog.url) for blog in blogs[:limit]]


followed_blogs = GatedPlaces(heading=gettext_lazy("Bloggar du följer"), gate=_follows,
                             source=_followed_blogs)
