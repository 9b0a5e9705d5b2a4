"""What the archive reads: every piece of social content, what belongs to one channel, and the
archive records and registrations that belong to items.

The content apps' shapes appear here only as model labels looked up lazily (forums, collab), so
the archive imports none of them and works whichever are installed. Querysets are ordered by
primary key, so that a package lists the same items in the same order every time.
"""

from collections.abc import Iterable, Iterator

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Model, Q, QuerySet
from django.db.models.functions import Cast

from insidan.core import visibility
from insidan.core.models import Channel, ModerationState

from .models import ArchiveRecord, Registration

# Relations each known model's archive_description() follows, fetched in the same query when
# a snapshot streams thousands of them. A model can instead define `archive_queryset()`.
_SELECT_RELATED = {
    "forums.forum": ["owner__profile__department", "approved_by", "room"],
    # A forum's or room's owner is in every item's channel summary.
    "forums.discussion": ["forum__room__owner__profile__department",
                          "forum__owner__profile__department", "author__profile__department"],
    "forums.post": ["discussion__forum__room__owner__profile__department",
                    "discussion__forum__owner__profile__department",
                    "author__profile__department", "quoted"],
    "collab.room": ["owner__profile__department", "approved_by"],
    "collab.roomdocument": ["room__owner__profile__department",
                            "uploaded_by__profile__department"],
    "insidan_comments.comment": ["user__profile__department", "content_type"],
    "profiles.statusupdate": ["author__profile__department", "author__profile__manager"],
}
# What describing an item reads through many-valued relations, fetched per chunk of a
# streamed snapshot (`.iterator(chunk_size=...)` runs these once per chunk), not per item.
_PREFETCH = {
    "forums.forum": ["deputies__profile__department"],
    "collab.room": ["deputies__profile__department"],
    "forums.post": ["versions__replaced_by"],
    "blogs.blogpostpage": ["writers__profile__department", "tags"],
    "insidan_comments.comment": ["content_object"],
}


def _model(label: str) -> type[Model] | None:
    try:
        return apps.get_model(label)
    except LookupError:
        return None


def content_models() -> list[type[Model]]:
    """Every model of social content: channels (their presentations) and everything people
    write (what has `archive_description()`), from the visibility registry; channels first.
    Requests for new channels and report cases are registered there too, but are not
    content: the decisions on reports live on in the archive records."""
    models = [
        model for model in visibility.registered_models()
        if issubclass(model, Channel) or hasattr(model, "archive_description")
    ]
    return sorted(models, key=lambda model: 0 if issubclass(model, Channel) else 1)


def archive_queryset(model: type[Model], queryset: QuerySet | None = None) -> QuerySet:
    """All rows of a content model (or those of `queryset`), in a stable order, with what
    serialising them reads fetched in the same query."""
    own = getattr(model, "archive_queryset", None)
    if callable(own):
        optimised = own()
        if queryset is not None:
            optimised = optimised.filter(pk__in=queryset.values("pk"))
        return optimised.order_by("pk")
    if queryset is None:
        queryset = model._default_manager.all()
    label = model._meta.label_lower
    if label in _SELECT_RELATED:
        queryset = queryset.select_related(*_SELECT_RELATED[label])
    if label in _PREFETCH:
        queryset = queryset.prefetch_related(*_PREFETCH[label])
    return queryset.order_by("pk")


def channel_models() -> list[type[Channel]]:
    found, pending = [], list(Channel.__subclasses__())
    while pending:
        model = pending.pop()
        pending.extend(model.__subclasses__())
        if not model._meta.abstract and not model._meta.proxy:
            found.append(model)
    return sorted(found, key=lambda model: model._meta.label_lower)


def find_channel(spec: str) -> Channel:
    """A channel by its slug, or by "kind:slug" (room:projekt-x) when kinds share a slug.
    Raises LookupError with a message for people."""
    kind, _, slug = spec.rpartition(":")
    found = [
        channel
        for model in channel_models()
        if not kind or str(model.kind) == kind
        for channel in model._default_manager.filter(slug=slug)
    ]
    if not found:
        raise LookupError(f"Ingen kanal har kortnamnet {spec!r}.")
    if len(found) > 1:
        kinds = ", ".join(f"{c.kind}:{c.slug}" for c in found)
        raise LookupError(f"Flera kanaler har kortnamnet {slug!r}; ange en av {kinds}.")
    return found[0]


def _forum_of(room) -> Model | None:
    forum_model = _model("forums.Forum")
    if forum_model is None:
        return None
    return forum_model._default_manager.filter(room=room).first()


def sub_channels(channel) -> list[Channel]:
    """Channels that go with this one when it is archived: a room's forum."""
    if channel._meta.label_lower == "collab.room":
        forum = _forum_of(channel)
        return [forum] if forum is not None else []
    return []


def _comments_on(queryset: QuerySet) -> QuerySet | None:
    """Comments (insidan.comments) on the items of `queryset`, if that app is installed."""
    comment = _model("insidan_comments.Comment")
    if comment is None:
        return None
    ids = queryset.order_by().annotate(_archive_id=Cast("pk", CharField())).values("_archive_id")
    return comment.objects.filter(
        content_type=ContentType.objects.get_for_model(queryset.model), object_pk__in=ids
    )


def channel_parts(channel) -> list[tuple[QuerySet, bool]]:
    """Every item of content in a room, forum, discussion or blog, in any moderation state:
    (queryset, top_level) per model. Items that are not top level (posts in a discussion,
    comments on a blog post) are archived as children of their top-level item."""
    label = channel._meta.label_lower
    discussion, post = _model("forums.Discussion"), _model("forums.Post")
    if label == "forums.discussion":
        return [(discussion.objects.filter(pk=channel.pk), True),
                (post.objects.filter(discussion=channel), False)]
    if label == "forums.forum":
        return [(discussion.objects.filter(forum=channel), True),
                (post.objects.filter(discussion__forum=channel), False)]
    if label == "collab.room":
        parts = []
        document = _model("collab.RoomDocument")
        if document is not None:
            parts.append((document.objects.filter(room=channel), True))
        for forum in sub_channels(channel):
            parts += channel_parts(forum)
        return parts
    if label == "blogs.blogpage":
        posts = _model("blogs.BlogPostPage").objects.descendant_of(channel)
        comments = _comments_on(posts)
        return [(posts, True)] + ([(comments, False)] if comments is not None else [])
    raise LookupError(f"Arkivet vet inte vad som ingår i {channel._meta.verbose_name}.")


def channel_content(channel) -> list[QuerySet]:
    return [queryset for queryset, _ in channel_parts(channel)]


def items_to_remove(channel) -> Iterator[Model]:
    """The items archive_then_remove is called on when the channel is archived: each one's
    children (a discussion's posts, a blog post's comments) come with it."""
    for queryset, top_level in channel_parts(channel):
        if top_level:
            yield from queryset.exclude(moderation_state=ModerationState.REMOVED).order_by("pk")


def _records_of(querysets: Iterable[QuerySet]) -> Q:
    condition = Q(pk__in=[])
    for queryset in querysets:
        ids = queryset.order_by().annotate(_archive_id=Cast("pk", CharField())).values(
            "_archive_id"
        )
        condition |= Q(object_type=queryset.model._meta.label_lower, object_id__in=ids)
    return condition


def records_for_channel(channel) -> QuerySet[ArchiveRecord]:
    """Every archive record of an item in the channel: those just written, and those written
    earlier (a post removed last year, a document removed by its room's owner)."""
    return (
        ArchiveRecord.objects.filter(_records_of(channel_content(channel)))
        .select_related("parent")
        .order_by("removed_at", "pk")
    )


def records_for_item(item: Model) -> QuerySet[ArchiveRecord]:
    return ArchiveRecord.objects.filter(
        object_type=item._meta.label_lower, object_id=str(item.pk)
    ).order_by("removed_at", "pk")


def registration_for(item: Model) -> Registration | None:
    return Registration.objects.filter(
        object_type=item._meta.label_lower, object_id=str(item.pk)
    ).first()


def registrations_by_item(items: Iterable[Model]) -> dict[tuple[str, str], Registration]:
    """One query for a list page: {(object_type, object_id): registration}."""
    keys: dict[str, set[str]] = {}
    for item in items:
        keys.setdefault(item._meta.label_lower, set()).add(str(item.pk))
    if not keys:
        return {}
    condition = Q(pk__in=[])
    for object_type, ids in keys.items():
        condition |= Q(object_type=object_type, object_id__in=ids)
    return {
        (r.object_type, r.object_id): r for r in Registration.objects.filter(condition)
    }


def item_for(object_type: str, object_id: str) -> Model | None:
    """The live item a record or registration is about, or None."""
    model = _model(object_type)
    if model is None:
        return None
    try:
        return model._default_manager.filter(pk=object_id).first()
    except (ValueError, TypeError):
        return None
