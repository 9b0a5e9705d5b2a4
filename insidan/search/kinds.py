"""The searchable kinds, each with its app's own visibility selector (registered from
SearchConfig.ready()), the columns a hit is shown with, and how.

Kinds whose app or model is not there yet are registered as soon as the model exists; until
the model is indexed, declares the filter fields and has its selector, the kind stays out of
search (registry.Searchable.problem says why). An app may also call register_searchable() with
the same key from its own ready() to take over its entry.
"""

from html import unescape

from django.apps import apps
from django.db.models import CharField, Count, F, OuterRef, Subquery, Value
from django.db.models.functions import Cast, Coalesce, Left, Length
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Site

from .registry import HitDescription, register_searchable


def _name(first: str | None, last: str | None, username: str | None) -> str:
    return " ".join(filter(None, [first, last])) or username or ""


def _plain(html: str | None) -> str:
    """Stored HTML (already sanitised) as plain text for the snippet."""
    return unescape(strip_tags(html or ""))


def _place(row) -> str:
    if row.room_name:
        return _("i samarbetsrummet %(room)s") % {"room": row.room_name}
    return _("i forumet %(forum)s") % {"forum": row.forum_name}


def page_url(url_path: str | None) -> str:
    """A page's URL from its stored url_path, as Page.url gives it (the site root paths are
    cached by Wagtail), without loading the page."""
    for root in Site.get_site_root_paths():
        if url_path and url_path.startswith(root.root_path):
            return reverse("wagtail_serve", args=[url_path[len(root.root_path):]])
    return ""


def _user_columns(prefix: str) -> dict:
    return {"first_name": F(f"{prefix}__first_name"), "last_name": F(f"{prefix}__last_name"),
            "username": F(f"{prefix}__username")}


# Rooms -------------------------------------------------------------------------------------

def room_columns() -> dict:
    return {"name": F("name"), "slug": F("slug"), "is_closed": F("is_closed"),
            "room_kind": F("room_kind"), "purpose": F("purpose"),
            "target_group": F("target_group"), "presentation": F("presentation")}


def describe_room(row) -> HitDescription:
    from collab.models import RoomKind

    closed = _("Slutet samarbetsrum") if row.is_closed else _("Öppet samarbetsrum")
    kind = dict(RoomKind.choices).get(row.room_kind, row.room_kind)
    return HitDescription(
        title=row.name, url=reverse("collab:room", args=[row.slug]),
        context=f"{closed} · {kind}",
        text=" ".join(filter(None, [row.purpose, row.target_group, row.presentation])),
    )


def document_columns() -> dict:
    return {"title": F("title"), "original_name": F("original_name"),
            "room_slug": F("room__slug"), "room_name": F("room__name")}


def describe_document(row) -> HitDescription:
    return HitDescription(
        title=row.title, url=reverse("collab:documents", args=[row.room_slug]),
        context=_("Dokument i samarbetsrummet %(room)s") % {"room": row.room_name},
        text=row.original_name,
    )


# Forums ------------------------------------------------------------------------------------

def forum_columns() -> dict:
    return {"name": F("name"), "slug": F("slug"), "purpose": F("purpose")}


def describe_forum(row) -> HitDescription:
    return HitDescription(title=row.name, url=reverse("forums:forum", args=[row.slug]),
                          context=_("Forum"), text=row.purpose)


def discussion_columns() -> dict:
    return {"title": F("title"), "forum_slug": F("forum__slug"),
            "forum_name": F("forum__name"), "room_name": F("forum__room__name")}


def describe_discussion(row) -> HitDescription:
    return HitDescription(
        title=row.title, url=reverse("forums:discussion", args=[row.forum_slug, row.pk]),
        context=_("Diskussion %(place)s") % {"place": _place(row)},
    )


def post_columns() -> dict:
    """With the post's position in its discussion, for the page it is on (the discussion view
    pages its posts by creation time, like forums.views._post_url)."""
    from forums.models import Post

    earlier = (
        Post.objects.filter(discussion_id=OuterRef("discussion_id"),
                            created_at__lt=OuterRef("created_at"))
        .order_by().values("discussion_id").annotate(n=Count("pk")).values("n")
    )
    return {
        "title": F("discussion__title"), "discussion_id": F("discussion_id"),
        "forum_slug": F("discussion__forum__slug"), "forum_name": F("discussion__forum__name"),
        "room_name": F("discussion__forum__room__name"), **_user_columns("author"),
        "body_html": F("body_html"), "position": Coalesce(Subquery(earlier), 0),
    }


def describe_post(row) -> HitDescription:
    from forums.views import POSTS_PER_PAGE

    page = (row.position or 0) // POSTS_PER_PAGE + 1
    url = reverse("forums:discussion", args=[row.forum_slug, row.discussion_id])
    url = f"{url}?sida={page}#inlagg-{row.pk}" if page > 1 else f"{url}#inlagg-{row.pk}"
    return HitDescription(
        title=row.title, url=url,
        context=_("Inlägg av %(author)s %(place)s") % {
            "author": _name(row.first_name, row.last_name, row.username),
            "place": _place(row)},
        text=_plain(row.body_html),
    )


# Profiles ----------------------------------------------------------------------------------

def profile_columns() -> dict:
    return {**_user_columns("user"), "title": F("title"), "department": F("department__name"),
            "workplace": F("workplace"), "work_description": F("work_description")}


def describe_profile(row) -> HitDescription:
    details = [row.title, row.department]
    return HitDescription(
        title=_name(row.first_name, row.last_name, row.username),
        url=reverse("profiles:profile", args=[row.username]),
        context=_("Person") + "".join(f" · {d}" for d in details if d),
        text=" ".join(filter(None, [row.title, row.workplace, row.work_description])),
    )


def status_update_columns() -> dict:
    return {**_user_columns("author"), "body_html": F("body_html")}


def describe_status_update(row) -> HitDescription:
    return HitDescription(
        title=_("Statusuppdatering av %(name)s") % {
            "name": _name(row.first_name, row.last_name, row.username)},
        url=reverse("profiles:status", args=[row.username, row.pk]),
        context=_("Statusuppdatering"), text=_plain(row.body_html),
    )


# Blogs -------------------------------------------------------------------------------------

def blog_columns() -> dict:
    return {"title": F("title"), "url_path": F("url_path"), "purpose": F("purpose"),
            "presentation": F("presentation")}


def describe_blog(row) -> HitDescription:
    return HitDescription(
        title=row.title, url=page_url(row.url_path), context=_("Blogg"),
        text=" ".join(filter(None, [row.purpose, row.presentation])),
    )


def _blog_of(path_ref: str):
    """The blog page above the post whose tree path is `path_ref` (an OuterRef)."""
    blog = _model("blogs", "BlogPage")
    parent_path = Left(OuterRef(path_ref), Length(OuterRef(path_ref)) - blog.steplen)
    return blog.objects.filter(path=parent_path)


def blog_post_columns() -> dict:
    return {"title": F("title"), "url_path": F("url_path"), "body": F("body"),
            "blog_title": Subquery(_blog_of("path").values("title")[:1])}


def describe_blog_post(row) -> HitDescription:
    context = (_("Blogginlägg i bloggen %(blog)s") % {"blog": row.blog_title}
               if row.blog_title else _("Blogginlägg"))
    return HitDescription(title=row.title, url=page_url(row.url_path), context=context,
                          text=_plain(row.body))


# Comments ----------------------------------------------------------------------------------

def _target(app_label: str, model_name: str):
    """The commented object of the comment in the outer query (its object_pk is text)."""
    from django.contrib.contenttypes.models import ContentType

    model = _model(app_label, model_name)
    targets = model.objects.annotate(key=Cast("pk", CharField())).filter(key=OuterRef("object_pk"))
    return targets, ContentType.objects.get_for_model(model).pk


def comment_columns() -> dict:
    """The comment, its writer, and what it is on: a blog post (its title, URL and blog) or a
    status update (whose)."""
    posts, post_type = _target("blogs", "BlogPostPage")
    updates, update_type = _target("profiles", "StatusUpdate")
    blog_of_post = _blog_of("path").values("title")[:1]
    return {
        **_user_columns("user"), "comment_html": F("comment_html"),
        "content_type_id": F("content_type_id"), "object_pk": F("object_pk"),
        "post_type": Value(post_type), "update_type": Value(update_type),
        "post_title": Subquery(posts.values("title")[:1]),
        "post_url_path": Subquery(posts.values("url_path")[:1]),
        "post_blog": Subquery(posts.annotate(blog=Subquery(blog_of_post)).values("blog")[:1]),
        "update_first_name": Subquery(updates.values("author__first_name")[:1]),
        "update_last_name": Subquery(updates.values("author__last_name")[:1]),
        "update_username": Subquery(updates.values("author__username")[:1]),
    }


def describe_comment(row) -> HitDescription:
    author = _name(row.first_name, row.last_name, row.username)
    anchor = f"#kommentar-{row.pk}"
    text = _plain(row.comment_html)
    if row.content_type_id == row.update_type and row.update_username:
        owner = _name(row.update_first_name, row.update_last_name, row.update_username)
        return HitDescription(
            title=_("Kommentar på %(on)s") % {
                "on": _("statusuppdateringen av %(name)s") % {"name": owner}},
            url=reverse("profiles:status", args=[row.update_username, row.object_pk]) + anchor,
            context=_("Kommentar av %(author)s på statusuppdateringen av %(name)s") % {
                "author": author, "name": owner},
            text=text)
    if row.content_type_id == row.post_type and row.post_url_path:
        return HitDescription(
            title=_("Kommentar på %(on)s") % {"on": f"”{row.post_title}”"},
            url=page_url(row.post_url_path) + anchor,
            context=_("Kommentar av %(author)s på blogginlägget ”%(post)s” i bloggen "
                      "%(blog)s") % {"author": author, "post": row.post_title,
                                     "blog": row.post_blog},
            text=text)
    # A kind of target registered later (comments.targets) and not described here yet.
    return HitDescription(title=_("Kommentar"), url=anchor,
                          context=_("Kommentar av %(author)s") % {"author": author}, text=text)


def _model(app_label: str, model_name: str):
    try:
        return apps.get_model(app_label, model_name)
    except LookupError:
        return None


def register_all() -> None:
    from collab.models import Room, RoomDocument
    from collab.selectors import documents_visible_to, rooms_visible_to
    from forums.models import Discussion, Forum, Post
    from forums.selectors import (
        discussions_visible_to,
        forums_visible_to,
        posts_searchable_by,
    )
    from profiles.models import Profile
    from profiles.selectors import profiles_visible_to

    register_searchable(
        key="rum", label=gettext_lazy("Samarbetsrum"), model=Room, visible=rooms_visible_to,
        columns=room_columns, describe=describe_room, order=10,
    )
    register_searchable(
        # A room's forum is found as the room; only open forums are a kind of their own.
        key="forum", label=gettext_lazy("Forum"), model=Forum,
        visible=lambda user: forums_visible_to(user).filter(room__isnull=True),
        columns=forum_columns, describe=describe_forum, order=20,
    )
    register_searchable(
        key="diskussioner", label=gettext_lazy("Diskussioner"), model=Discussion,
        visible=discussions_visible_to, columns=discussion_columns,
        describe=describe_discussion, order=30,
    )
    register_searchable(
        # The rule as a filter on the post's own indexed fields (checked to agree with
        # posts_visible_to in forums): no list of every visible post per search.
        key="inlagg", label=gettext_lazy("Inlägg"), model=Post, visible=posts_searchable_by,
        filter_field=None, columns=post_columns, describe=describe_post, order=40,
    )
    register_searchable(
        key="dokument", label=gettext_lazy("Dokument"), model=RoomDocument,
        visible=documents_visible_to, columns=document_columns, describe=describe_document,
        order=50,
    )
    register_searchable(
        key="personer", label=gettext_lazy("Personer"), model=Profile,
        visible=profiles_visible_to, columns=profile_columns, describe=describe_profile,
        order=90,
    )
    _register_kinds_being_built()


def _register_kinds_being_built() -> None:
    """Each activates once its model exists, is indexed with its filter fields and its
    selector exists. Blogs and blog posts are Wagtail pages: they are filtered on the page's
    unique tree path, which Page.search_fields declares (a filter on their key would be
    dropped, see registry). Comments are filtered by their own selector (what they are on and
    their state), since their key is a parent link too."""
    blog = _model("blogs", "BlogPage")
    if blog is not None:
        register_searchable(
            key="bloggar", label=gettext_lazy("Bloggar"), model=blog,
            visible="blogs.selectors.blogs_visible_to", columns=blog_columns,
            describe=describe_blog, filter_field="path", order=60,
        )
    blog_post = _model("blogs", "BlogPostPage")
    if blog_post is not None:
        register_searchable(
            key="blogginlagg", label=gettext_lazy("Blogginlägg"), model=blog_post,
            visible="blogs.selectors.blog_posts_visible_to", columns=blog_post_columns,
            describe=describe_blog_post, filter_field="path", order=61,
        )
    comment = _model("insidan_comments", "Comment")
    if comment is not None:
        register_searchable(
            key="kommentarer", label=gettext_lazy("Kommentarer"), model=comment,
            visible="insidan.comments.selectors.comments_visible_to",
            checked_by="insidan.comments.selectors.comments_searchable_by",
            columns=comment_columns, describe=describe_comment, filter_field=None, order=70,
        )
    status_update = _model("profiles", "StatusUpdate")
    if status_update is not None:
        register_searchable(
            key="status", label=gettext_lazy("Statusuppdateringar"), model=status_update,
            visible="profiles.selectors.status_updates_visible_to",
            columns=status_update_columns, describe=describe_status_update, order=80,
        )
