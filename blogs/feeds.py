"""RSS and Atom for a blog, for logged-in employees (the login middleware covers these URLs).
Only posts the reader may see are listed; titles and text are escaped by the feed generator,
and the text is plain (no markup from the post reaches a feed reader)."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from insidan.core.models import ModerationState
from insidan.core.text import plain_text_excerpt

from .models import BlogPage, BlogPostPage
from .selectors import blog_posts_visible_to
from .views import access_blog

FEED_ITEMS = 20


class BlogRssFeed(Feed):
    def get_object(self, request, slug: str) -> BlogPage:
        self.request = request
        return access_blog(request.user, slug)

    def title(self, blog: BlogPage) -> str:
        return blog.title

    def link(self, blog: BlogPage) -> str:
        return blog.get_url(self.request)

    def description(self, blog: BlogPage) -> str:
        return _("Nya inlägg i bloggen %(blog)s på Insidan.") % {"blog": blog.title}

    def items(self, blog: BlogPage):
        return list(
            blog_posts_visible_to(self.request.user).child_of(blog)
            .filter(moderation_state=ModerationState.VISIBLE)
            .prefetch_related("writers")
            .order_by("-date", "-first_published_at", "-pk")[:FEED_ITEMS]
        )

    def item_title(self, post: BlogPostPage) -> str:
        return post.title

    def item_description(self, post: BlogPostPage) -> str:
        return plain_text_excerpt(post.body, 500)

    def item_link(self, post: BlogPostPage) -> str:
        return post.get_url(self.request)

    def item_author_name(self, post: BlogPostPage) -> str:
        return ", ".join(w.get_full_name() or w.get_username() for w in post.writers.all())

    def item_pubdate(self, post: BlogPostPage):
        return post.first_published_at

    def item_categories(self, post: BlogPostPage):
        return []


class BlogAtomFeed(BlogRssFeed):
    feed_type = Atom1Feed
    subtitle = BlogRssFeed.description
