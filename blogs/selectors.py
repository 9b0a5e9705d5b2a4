"""The queryset form of the rule in permissions.py (a test checks that both agree), and the
lists built on it."""

from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    CharField,
    Exists,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Cast, Left, Length

from insidan.comments.models import Comment
from insidan.core import lifecycle
from insidan.core.models import HIDDEN_STATES, ChannelStatus, ModerationState
from insidan.core.permissions import is_webbredaktionen

from .models import BlogFollow, BlogPage, BlogPostPage
from .permissions import OPEN_STATUSES

PostWriter = BlogPostPage.writers.through


def _is_employee(user) -> bool:
    return bool(user.is_authenticated and user.is_active)


def blogs_visible_to(user) -> QuerySet[BlogPage]:
    if not _is_employee(user):
        return BlogPage.objects.none()
    blogs = BlogPage.objects.live()
    if is_webbredaktionen(user):
        return blogs
    return blogs.filter(status__in=OPEN_STATUSES)


def _with_blog_path(posts: QuerySet) -> QuerySet:
    """A post's blog is its parent page: the post's tree path minus its last step."""
    return posts.alias(blog_path=Left("path", Length("path") - BlogPostPage.steplen))


def posts_of(blog: BlogPage) -> QuerySet[BlogPostPage]:
    return BlogPostPage.objects.child_of(blog)


def blog_posts_visible_to(user) -> QuerySet[BlogPostPage]:
    if not _is_employee(user):
        return BlogPostPage.objects.none()
    posts = _with_blog_path(BlogPostPage.objects.live()).filter(
        blog_path__in=blogs_visible_to(user).values("path")
    ).exclude(moderation_state=ModerationState.REMOVED)
    if is_webbredaktionen(user):
        return posts
    managed = BlogPage.objects.filter(Q(owner=user) | Q(deputies=user)).values("path")
    writes = PostWriter.objects.filter(blogpostpage_id=OuterRef("pk"), user_id=user.pk)
    return posts.filter(
        Q(moderation_state=ModerationState.VISIBLE)
        | Q(moderation_state__in=HIDDEN_STATES) & (Q(Exists(writes)) | Q(blog_path__in=managed))
    )


def _writers_of_commented_post(user_ref: str = "user_id") -> QuerySet:
    """Rows saying "the comment's author writes the post it is on" (compared as text: a
    comment's object_pk is text, and casting it to a number could fail for other targets)."""
    return PostWriter.objects.annotate(post_key=Cast("blogpostpage_id", CharField())).filter(
        post_key=OuterRef("object_pk"), user_id=OuterRef(user_ref)
    )


def unanswered_comments_for(user) -> QuerySet[Comment]:
    """"Obesvarade kommentarer": comments on posts the user writes, by someone who is not a
    writer of that post, with no later comment in the same thread by any writer of the post;
    oldest first. The query count does not grow with the number of comments."""
    if not _is_employee(user):
        return Comment.objects.none()
    own_posts = blog_posts_visible_to(user).filter(
        Exists(PostWriter.objects.filter(blogpostpage_id=OuterRef("pk"), user_id=user.pk))
    ).annotate(pk_text=Cast("pk", CharField())).values("pk_text")
    writer_reply = Comment.objects.filter(
        content_type_id=OuterRef("content_type_id"), object_pk=OuterRef("object_pk"),
        thread_id=OuterRef("thread_id"), pk__gt=OuterRef("pk"),
    ).exclude(moderation_state=ModerationState.REMOVED).filter(
        Exists(_writers_of_commented_post())
    )
    return (
        Comment.objects.filter(
            content_type=ContentType.objects.get_for_model(BlogPostPage),
            object_pk__in=Subquery(own_posts),
            moderation_state=ModerationState.VISIBLE,
        )
        .exclude(Exists(_writers_of_commented_post()))
        .exclude(Exists(writer_reply))
        .select_related("user")
        .order_by("submit_date", "pk")
    )


def followers_to_notify(blog: BlogPage, post: BlogPostPage) -> QuerySet:
    """Who is told of a new post: the blog's active followers, but not the post's writers."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(blog_follows__blog=blog, is_active=True).exclude(
        pk__in=PostWriter.objects.filter(blogpostpage_id=post.pk).values("user_id"))


def followed_posts_for(user) -> QuerySet[BlogPostPage]:
    """Published posts in the blogs the user follows, newest first, with the blog's title."""
    if not _is_employee(user):
        return BlogPostPage.objects.none()
    followed = BlogPage.objects.filter(follows__user=user).values("path")
    parent_path = Left(OuterRef("path"), Length(OuterRef("path")) - BlogPostPage.steplen)
    blog_title = BlogPage.objects.filter(path=parent_path).values("title")[:1]
    return (
        blog_posts_visible_to(user)
        .filter(blog_path__in=followed, moderation_state=ModerationState.VISIBLE)
        .annotate(blog_title=Subquery(blog_title))
        .order_by("-first_published_at", "-pk")
    )


def is_following(user, blog: BlogPage) -> bool:
    return _is_employee(user) and blog.follows.filter(user=user).exists()


def deputies_and_viewer(user, blog: BlogPage) -> tuple[list, dict[str, bool]]:
    """The blog's deputies, and what the viewer is to the blog (writer, follower, deputy,
    owner), in one query: the deputies' rows and the viewer's own row, flagged."""
    from django.contrib.auth import get_user_model

    deputies = BlogPage.deputies.through.objects.filter(blogpage_id=blog.pk)
    rows = list(
        get_user_model().objects.filter(Q(pk__in=deputies.values("user_id")) | Q(pk=user.pk))
        .annotate(
            is_deputy=Exists(deputies.filter(user_id=OuterRef("pk"))),
            writes=Exists(BlogPage.writers.through.objects.filter(
                blogpage_id=blog.pk, user_id=OuterRef("pk"))),
            follows=Exists(BlogFollow.objects.filter(blog_id=blog.pk, user_id=OuterRef("pk"))),
        ).order_by("first_name", "last_name", "pk")
    )
    viewer = next((row for row in rows if row.pk == user.pk), None)
    employee = _is_employee(user) and viewer is not None
    flags = {
        "is_writer": employee and viewer.writes,
        "following": employee and viewer.follows,
        "can_manage": employee and (viewer.is_deputy or blog.owner_id == user.pk),
    }
    return [row for row in rows if row.is_deputy], flags


def blogs_without_posts_since(cutoff: datetime) -> QuerySet[BlogPage]:
    """Active blogs whose newest published post (or, with none, the blog itself) is older than
    `cutoff`."""
    latest = (
        BlogPostPage.objects.live()
        .annotate(blog_path=Left("path", Length("path") - BlogPostPage.steplen))
        .filter(blog_path=OuterRef("path"))
        .order_by().values("blog_path").annotate(latest=Max("first_published_at"))
        .values("latest")
    )
    return (
        BlogPage.objects.live().filter(status=ChannelStatus.ACTIVE)
        .annotate(latest_post_at=Subquery(latest))
        .filter(Q(latest_post_at__lt=cutoff) | Q(latest_post_at__isnull=True,
                                                 created_at__lt=cutoff))
    )


def inactive_blogs(now: datetime) -> QuerySet[BlogPage]:
    """Webbredaktionen's list: active blogs without a new post for the listing period
    (insidan.core.lifecycle, nine months)."""
    return blogs_without_posts_since(lifecycle.list_cutoff(now)).select_related("owner")
