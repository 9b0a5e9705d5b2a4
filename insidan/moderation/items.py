"""What moderation needs to know about a reported item, for any model in the visibility registry.

Reportable models are the content registered in `insidan.core.visibility`: models that describe
themselves to the archive (`archive_description`), and channels (their presentation). Other
registered models (requests, this app's cases) are notification targets, not content.
`<app_label>.<model>` from a URL is resolved only against them, never against an arbitrary model.
"""

import copy

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.http import Http404
from django.urls import NoReverseMatch

from insidan.archive.archivable import ArchiveDescription
from insidan.core import visibility
from insidan.core.models import Channel, ModerationState


def reportable_models() -> dict[str, type[Model]]:
    return {
        model._meta.label_lower: model
        for model in visibility.registered_models()
        if hasattr(model, "archive_description") or issubclass(model, Channel)
    }


def item_key(item: Model) -> str:
    return item._meta.label_lower


def find_item(label: str, pk: str) -> Model | None:
    """The item named by `<app_label>.<model>` and pk, or None (unknown kind, bad id, missing)."""
    model = reportable_models().get((label or "").lower())
    if model is None:
        return None
    try:
        return model._default_manager.filter(pk=pk).first()
    except (ValueError, TypeError, ValidationError):
        return None


def is_removed(item: Model) -> bool:
    return getattr(item, "moderation_state", None) == ModerationState.REMOVED


def could_view_before_removal(user, item: Model) -> bool:
    """Whether `user` saw the item before it was removed (so sees its tombstone now). The
    visibility rule is asked about a copy marked visible; the item itself is not touched."""
    before = copy.copy(item)
    before.moderation_state = ModerationState.VISIBLE
    return visibility.can_view(user, before)


def access_item(user, label: str, pk: str) -> Model:
    """The item, if the user may see it (or saw it before it was removed); 404 otherwise,
    exactly as if it did not exist."""
    item = find_item(label, pk)
    if item is None:
        raise Http404
    if visibility.can_view(user, item):
        return item
    if is_removed(item) and could_view_before_removal(user, item):
        return item
    raise Http404


def _url(item: Model) -> str:
    try:
        return item.get_absolute_url() if hasattr(item, "get_absolute_url") else ""
    except NoReverseMatch:
        return ""


def describe(item: Model) -> ArchiveDescription:
    """The item's own description; channels (a room's or forum's presentation) have none, so
    one is made from the presentation."""
    if hasattr(item, "archive_description"):
        return item.archive_description()
    if isinstance(item, Channel):
        return ArchiveDescription(
            label=f"{item._meta.verbose_name.capitalize()} ”{item.name}” (presentation)",
            url=_url(item),
            content_text=item.presentation or item.purpose,
            content_html=item.presentation_html,
            author=item.owner,
            created_at=item.created_at,
            channel=item,
            thread_context={"purpose": item.purpose, "target_group": item.target_group},
        )
    return ArchiveDescription(
        label=str(item), url=_url(item), content_text=str(item), content_html="",
        author=None, created_at=None,
    )


def item_url(item: Model, description: ArchiveDescription | None = None) -> str:
    return (description.url if description else "") or _url(item)


def owners_of(description: ArchiveDescription) -> list:
    """Who decides with Webbredaktionen: the channel's owner and deputies; for content without a
    channel (a profile, a status update) the author's manager."""
    channel = description.channel
    if channel is not None:
        return [channel.owner, *channel.deputies.all()]
    author = description.author
    profile = getattr(author, "profile", None) if author is not None else None
    manager = getattr(profile, "manager", None)
    return [manager] if manager is not None else []


def is_owner_of(user, description: ArchiveDescription) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    channel = description.channel
    if channel is not None:
        return channel.is_owner_or_deputy(user)
    return any(owner.pk == user.pk for owner in owners_of(description))


def content_type_of(item: Model) -> ContentType:
    return ContentType.objects.get_for_model(item, for_concrete_model=True)
