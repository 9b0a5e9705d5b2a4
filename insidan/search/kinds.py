"""The searchable kinds, each with its app's own visibility selector (registered from
SearchConfig.ready()).

Kinds whose app or model is not there yet are registered as soon as the model exists; until
the model is indexed, declares the filter fields and has its selector, the kind stays out of
search (registry.Searchable.problem says why). An app may also call register_searchable() with
the same key from its own ready() to take over its entry.
"""

from html import unescape

from django.apps import apps
from django.db.models import Count, OuterRef, Subquery, prefetch_related_objects
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .registry import HitDescription, register_searchable


def _name(user) -> str:
    return user.get_full_name() or user.get_username()


def _plain(html: str) -> str:
    """Stored HTML (already sanitised) as plain text for the snippet."""
    return unescape(strip_tags(html or ""))


def _place(forum) -> str:
    if forum.room_id:
        return _("i samarbetsrummet %(room)s") % {"room": forum.room.name}
    return _("i forumet %(forum)s") % {"forum": forum.name}


# Rooms -------------------------------------------------------------------------------------

def describe_room(room) -> HitDescription:
    closed = _("Slutet samarbetsrum") if room.is_closed else _("Öppet samarbetsrum")
    return HitDescription(
        title=room.name, url=room.get_absolute_url(),
        context=f"{closed} · {room.get_room_kind_display()}",
        text=" ".join(filter(None, [room.purpose, room.target_group, room.presentation])),
    )


def describe_document(document) -> HitDescription:
    room = document.room
    return HitDescription(
        title=document.title,
        url=reverse("collab:documents", args=[room.slug]),
        context=_("Dokument i samarbetsrummet %(room)s") % {"room": room.name},
        text=document.original_name,
    )


# Forums ------------------------------------------------------------------------------------

def describe_forum(forum) -> HitDescription:
    return HitDescription(
        title=forum.name, url=forum.get_absolute_url(), context=_("Forum"), text=forum.purpose
    )


def describe_discussion(discussion) -> HitDescription:
    return HitDescription(
        title=discussion.title, url=discussion.get_absolute_url(),
        context=_("Diskussion %(place)s") % {"place": _place(discussion.forum)},
    )


def prepare_posts(posts) -> None:
    """Which page of its discussion each post is on, for all the page's posts in one query
    (the discussion view pages its posts by creation time, like forums.views._post_url)."""
    from forums.models import Post

    earlier = (
        Post.objects.filter(discussion_id=OuterRef("discussion_id"),
                            created_at__lt=OuterRef("created_at"))
        .order_by().values("discussion_id").annotate(n=Count("pk")).values("n")
    )
    positions = dict(
        Post.objects.filter(pk__in=[post.pk for post in posts])
        .annotate(position=Coalesce(Subquery(earlier), 0))
        .values_list("pk", "position")
    )
    for post in posts:
        post.search_position = positions.get(post.pk, 0)


def describe_post(post) -> HitDescription:
    from forums.views import POSTS_PER_PAGE

    discussion = post.discussion
    page = getattr(post, "search_position", 0) // POSTS_PER_PAGE + 1
    url = discussion.get_absolute_url()
    url = f"{url}?sida={page}#inlagg-{post.pk}" if page > 1 else f"{url}#inlagg-{post.pk}"
    return HitDescription(
        title=discussion.title, url=url,
        context=_("Inlägg av %(author)s %(place)s") % {
            "author": _name(post.author), "place": _place(discussion.forum)},
        text=_plain(post.body_html),
    )


# Profiles ----------------------------------------------------------------------------------

def describe_profile(profile) -> HitDescription:
    details = [profile.title, profile.department.name if profile.department_id else ""]
    return HitDescription(
        title=profile.full_name,
        url=reverse("profiles:profile", args=[profile.user.get_username()]),
        context=_("Person") + "".join(f" · {d}" for d in details if d),
        text=" ".join(filter(None, [profile.title, profile.workplace,
                                    getattr(profile, "work_description", "")])),
    )


# Kinds still being built -------------------------------------------------------------------

def describe_blog(blog) -> HitDescription:
    return HitDescription(
        title=blog.title, url=blog.get_absolute_url(), context=_("Blogg"),
        text=" ".join(filter(None, [blog.purpose, blog.presentation])),
    )


def prepare_blog_posts(posts) -> None:
    """Each post's blog (its parent page) for the whole page in one query, kept where
    BlogPostPage.blog looks for it."""
    blog_model = _model("blogs", "BlogPage")
    parent_paths = {post.path[: -post.steplen] for post in posts}
    blogs = {blog.path: blog for blog in blog_model.objects.filter(path__in=parent_paths)}
    for post in posts:
        post._blog = blogs.get(post.path[: -post.steplen])


def describe_blog_post(post) -> HitDescription:
    blog = getattr(post, "_blog", None)
    context = (_("Blogginlägg i bloggen %(blog)s") % {"blog": blog.title} if blog is not None
               else _("Blogginlägg"))
    url = f"{blog.get_absolute_url()}{post.slug}/" if blog is not None else post.get_url()
    return HitDescription(title=post.title, url=url or "", context=context,
                          text=_plain(post.body))


def describe_status_update(update) -> HitDescription:
    return HitDescription(
        title=_("Statusuppdatering av %(name)s") % {"name": _name(update.author)},
        url=update.get_absolute_url(), context=_("Statusuppdatering"),
        text=_plain(update.body_html),
    )


def prepare_comments(comments) -> None:
    """The commented objects for the whole page at once (one query per kind of target)."""
    prefetch_related_objects(comments, "content_object")


def _model(app_label: str, model_name: str):
    try:
        return apps.get_model(app_label, model_name)
    except LookupError:
        return None


def register_all() -> None:
    from collab.models import Room, RoomDocument
    from collab.selectors import documents_visible_to, rooms_visible_to
    from forums.models import Discussion, Forum, Post
    from forums.selectors import discussions_visible_to, forums_visible_to, posts_visible_to
    from profiles.models import Profile
    from profiles.selectors import profiles_visible_to

    register_searchable(
        key="rum", label=gettext_lazy("Samarbetsrum"), model=Room, visible=rooms_visible_to,
        describe=describe_room, order=10,
    )
    register_searchable(
        # A room's forum is found as the room; only open forums are a kind of their own.
        key="forum", label=gettext_lazy("Forum"), model=Forum,
        visible=lambda user: forums_visible_to(user).filter(room__isnull=True),
        describe=describe_forum, order=20,
    )
    register_searchable(
        key="diskussioner", label=gettext_lazy("Diskussioner"), model=Discussion,
        visible=discussions_visible_to, describe=describe_discussion,
        related=("forum", "forum__room"), order=30,
    )
    register_searchable(
        key="inlagg", label=gettext_lazy("Inlägg"), model=Post, visible=posts_visible_to,
        describe=describe_post, related=("author", "discussion__forum__room"),
        prepare=prepare_posts, order=40,
    )
    register_searchable(
        key="dokument", label=gettext_lazy("Dokument"), model=RoomDocument,
        visible=documents_visible_to, describe=describe_document, related=("room",), order=50,
    )
    register_searchable(
        key="personer", label=gettext_lazy("Personer"), model=Profile,
        visible=profiles_visible_to, describe=describe_profile,
        related=("user", "department"), order=90,
    )
    _register_kinds_being_built()


def _register_kinds_being_built() -> None:
    """Each activates once its model exists, is indexed with FilterField("id") (and
    FilterField("moderation_state") when it has moderation) and its selector exists. Blogs
    and blog posts are Wagtail pages: they are filtered on the page's unique tree path, which
    Page.search_fields declares (a filter on their key would be dropped, see registry)."""
    blog = _model("blogs", "BlogPage")
    if blog is not None:
        register_searchable(
            key="bloggar", label=gettext_lazy("Bloggar"), model=blog,
            visible="blogs.selectors.blogs_visible_to", describe=describe_blog,
            filter_field="path", order=60,
        )
    blog_post = _model("blogs", "BlogPostPage")
    if blog_post is not None:
        register_searchable(
            key="blogginlagg", label=gettext_lazy("Blogginlägg"), model=blog_post,
            visible="blogs.selectors.blog_posts_visible_to", describe=describe_blog_post,
            prepare=prepare_blog_posts, filter_field="path", order=61,
        )
    comment = _model("insidan_comments", "Comment")
    if comment is not None:
        register_searchable(
            key="kommentarer", label=gettext_lazy("Kommentarer"), model=comment,
            visible="insidan.comments.selectors.comments_visible_to", related=("user",),
            prepare=prepare_comments, order=70,
        )
    status_update = _model("profiles", "StatusUpdate")
    if status_update is not None:
        register_searchable(
            key="status", label=gettext_lazy("Statusuppdateringar"), model=status_update,
            visible="profiles.selectors.status_updates_visible_to",
            describe=describe_status_update, related=("author",), order=80,
        )
