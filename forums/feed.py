from django.db.models import BigIntegerField, BooleanField, Case, Exists, OuterRef, Q, Value, When
from django.db.models.expressions import RawSQL
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from collab.models import Membership
from insidan.core.faces import Face, author_photo_id
from insidan.core.feed import FeedItem, GatedPlaces, Place, author_names, lazy_url, names_phrase
from insidan.core.models import ModerationState

from .models import Follow, Forum, Post
from .selectors import discussions_visible_to, forums_visible_to


def _sources(user) -> tuple[set[int], set[int]]:
    """(followed discussions, forums the user follows or that belong to the user's rooms),
    in one small query."""
    followed = Follow.objects.filter(user=user).values_list("discussion_id", "forum_id")
    in_rooms = Forum.objects.filter(
        room_id__in=Membership.objects.filter(user=user).values("room_id")
    ).annotate(no_discussion=Value(None, output_field=BigIntegerField())).values_list(
        "no_discussion", "pk")
    discussions, forums = set(), set()
    for discussion_id, forum_id in followed.union(in_rooms, all=True):
        if discussion_id is not None:
            discussions.add(discussion_id)
        if forum_id is not None:
            forums.add(forum_id)
    return discussions, forums


def recent_posts(user, limit: int) -> list[FeedItem]:
    """The start page's forum items: the newest posts (post_items) grouped by discussion, so a
    lively thread is one item ("3 nya inlägg i Lunchpromenad längs ån?", who wrote them, the
    latest post's excerpt, a link to the first of them) instead of one item per post."""
    return group_by_discussion(post_items(user, limit))


def group_by_discussion(items: list[FeedItem]) -> list[FeedItem]:
    """One item per discussion, at the time of its newest post. `items` are post items,
    newest first, whose key is ("forums.post", pk, ...) and `group` the discussion's id."""
    groups: dict[int, list[FeedItem]] = {}
    for item in items:
        groups.setdefault(item.group, []).append(item)
    grouped = []
    for posts in groups.values():
        newest, first = posts[0], posts[-1]
        if len(posts) == 1:
            grouped.append(newest)
            continue
        grouped.append(FeedItem(
            at=newest.at,
            title=_("%(count)s nya inlägg i %(title)s") % {"count": len(posts),
                                                          "title": newest.title},
            text="", html=newest.html, url=first.url, reason=newest.reason,
            actor_name=names_phrase(list(dict.fromkeys(p.actor_name for p in posts))),
            key=("forums.discussion-posts", newest.group, *(p.key for p in posts)),
            group=newest.group,
            faces=tuple(dict.fromkeys(face for p in posts for face in p.faces)),
        ))
    return grouped


def post_items(user, limit: int) -> list[FeedItem]:
    """New posts in the discussions and forums the user follows (everyone who has posted in a
    discussion follows it), and in the forums of their rooms; each says why it is there.

    The candidates come first (the user's follows and rooms: a few rows), then the visible
    discussions among them by the rule (discussions_visible_to), then the newest visible posts
    in those discussions. A visible post in a discussion the user may see is a post the user
    may see (posts_visible_to), so the post query checks only the post's own state; a test
    checks that this selects the same posts as posts_visible_to."""
    if not (user.is_authenticated and user.is_active):
        return []
    followed_discussions, forums = _sources(user)
    if not (followed_discussions or forums):
        return []
    took_part = Exists(Post.objects.filter(discussion=OuterRef("pk"), author_id=user.pk))
    discussions = {
        row[0]: row
        for row in discussions_visible_to(user)
        .filter(Q(pk__in=followed_discussions) | Q(forum_id__in=forums))
        .annotate(took_part=Case(When(forum__room__isnull=True, then=took_part),
                                 default=Value(False)))
        .values_list("pk", "title", "forum__slug", "forum__name", "forum__room_id",
                     "forum__room__name", "took_part")
    }
    if not discussions:
        return []
    posts = (
        Post.objects.filter(_discussion_in(list(discussions)),
                            moderation_state=ModerationState.VISIBLE)
        .exclude(author_id=user.pk)
        .order_by("-created_at", "-pk")
        .annotate(**author_names(), **author_photo_id())
        .values_list("pk", "discussion_id", "created_at", "edited_at", "moderation_changed_at",
                     "body_html", "author_first_name", "author_last_name",
                     "author_username", "author_photo_id")[:limit]
    )
    reasons = {
        "room": _("i ditt rum %(name)s"), "took_part": _("i en diskussion du deltar i"),
        "follows": _("i en diskussion du följer"),
        "forum": _("i forumet %(name)s som du följer"),
    }
    items = []
    for pk, discussion_id, created_at, edited_at, moderated_at, html, first, last, username, \
            photo_id in posts:
        _pk, title, slug, forum_name, room_id, room_name, took_part = discussions[discussion_id]
        items.append(FeedItem(
            at=created_at, title=title, text="", html=html,
            url=lazy_url("forums:discussion", [slug, discussion_id], f"#inlagg-{pk}"),
            reason=_reason(reasons, room_name if room_id else None, forum_name, took_part,
                           discussion_id in followed_discussions),
            actor_name=f"{first} {last}".strip() or username,
            key=("forums.post", pk, edited_at, moderated_at),
            group=discussion_id,
            faces=(Face(username=username, first_name=first or "", last_name=last or "",
                        photo_id=photo_id),),
        ))
    return items


def _reason(reasons: dict, room_name: str | None, forum_name: str, took_part: bool,
            follows_discussion: bool) -> str:
    if room_name is not None:
        return reasons["room"] % {"name": room_name}
    if took_part:
        return reasons["took_part"]
    if follows_discussion:
        return reasons["follows"]
    return reasons["forum"] % {"name": forum_name}


def _discussion_in(ids: list[int]):
    """discussion_id among `ids`: one array parameter (hundreds of discussions are common:
    every discussion of the user's rooms), not one placeholder each."""
    column = f'"{Post._meta.db_table}"."discussion_id"'
    return RawSQL(f"{column} = ANY(%s)", [ids], output_field=BooleanField())


def _follows_forum(user) -> dict:
    return {"follows_forum": Exists(Follow.objects.filter(user_id=user.pk,
                                                          forum__isnull=False))}


def _followed_forums(user, limit: int) -> list[Place]:
    """The forums the user follows and may still see, by name (one query)."""
    forums = (forums_visible_to(user).filter(follows__user_id=user.pk)
              .order_by("name", "pk").values_list("name", "slug").distinct()[:limit])
    return [Place(name=name, url=reverse("forums:forum", args=[slug])) for name, slug in forums]


followed_forums = GatedPlaces(heading=gettext_lazy("Forum du följer"), gate=_follows_forum,
                              source=_followed_forums,
                              more_url=lambda: reverse("forums:forum_list"))
