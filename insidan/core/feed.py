"""The start page feed ("Flödet") and "Kräver din åtgärd".

Each content app contributes a source: a function `(user, limit) -> list[FeedItem]` built on
its own visibility selector, listed in FEED_SOURCES; the feed merges them newest first. Every
item says why it is there ("i ditt rum Projekt Kvarngärdet"). "Kräver din åtgärd" is built
from ACTION_SOURCES the same way; a source that needs only numbers is a CountedActions, and all
of those are read in one query.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from importlib import import_module

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Subquery
from django.utils.translation import gettext as _

from .models import ChannelKind

FEED_SOURCES = [
    "forums.feed.recent_posts",
    "blogs.feed.followed_blog_posts",
    "profiles.feed.status_updates",
]
ACTION_SOURCES = [
    "insidan.core.feed.terms_to_accept",
    "collab.feed.pending_work",
    "blogs.feed.unanswered_comments",
    "insidan.moderation.feed.cases_on_my_channels",
]


@dataclass(frozen=True)
class FeedItem:
    at: datetime
    title: str
    text: str
    url: str
    reason: str
    actor_name: str = ""


@dataclass(frozen=True)
class ActionItem:
    text: str
    url: str


@dataclass(frozen=True)
class CountedActions:
    """An action source that needs only a few values about the user: `annotations(user)` are
    expressions on the user's own row, and the values of every such source are read in one
    query together; `items(user, values)` turns them into ActionItems. (A plain function
    `(user) -> list[ActionItem]` is the other kind of source, one query or more of its own.)"""

    annotations: Callable[[object], dict]
    items: Callable[[object, dict], list[ActionItem]]


def _load(path: str):
    module, name = path.rsplit(".", 1)
    return getattr(import_module(module), name)


def feed_for(user, limit: int = 30) -> list[FeedItem]:
    items: list[FeedItem] = []
    for path in FEED_SOURCES:
        items.extend(_load(path)(user, limit))
    return sorted(items, key=lambda item: item.at, reverse=True)[:limit]


def _counted_values(user, sources: list[CountedActions]) -> dict:
    annotations = {}
    for source in sources:
        annotations.update(source.annotations(user))
    if not annotations:
        return {}
    return get_user_model().objects.filter(pk=user.pk).annotate(**annotations).values(
        *annotations).first() or {}


def actions_for(user) -> list[ActionItem]:
    """Every source's items, in the order of ACTION_SOURCES."""
    if not (user.is_authenticated and user.is_active):
        return []
    sources = [_load(path) for path in ACTION_SOURCES]
    values = _counted_values(user, [s for s in sources if isinstance(s, CountedActions)])
    items: list[ActionItem] = []
    for source in sources:
        items.extend(source.items(user, values) if isinstance(source, CountedActions)
                     else source(user))
    return items


# Terms to accept: owners must accept new terms before their next owner action; they are told
# here first. Per kind of channel: does the user own one, the current version, and whether the
# user accepted it.

def _channel_models() -> list[tuple[str, type]]:
    from django.apps import apps

    found = []
    for kind, label in [(ChannelKind.ROOM, "collab.Room"), (ChannelKind.FORUM, "forums.Forum"),
                        (ChannelKind.BLOG, "blogs.BlogPage")]:
        try:
            found.append((kind, apps.get_model(label)))
        except LookupError:
            continue
    return found


def _terms_annotations(user) -> dict:
    from .models import TermsAcceptance, TermsVersion

    annotations = {}
    for kind, model in _channel_models():
        current = TermsVersion.objects.filter(kind=kind).order_by("-version")
        annotations[f"terms_{kind}_owned"] = Exists(model.objects.filter(owner=OuterRef("pk")))
        annotations[f"terms_{kind}_version"] = Subquery(current.values("version")[:1])
        annotations[f"terms_{kind}_accepted"] = Exists(TermsAcceptance.objects.filter(
            user=OuterRef("pk"), terms_id=Subquery(current.values("pk")[:1])))
    return annotations


def _terms_items(user, values: dict) -> list[ActionItem]:
    items = []
    for kind, _model in _channel_models():
        version = values.get(f"terms_{kind}_version")
        if (values.get(f"terms_{kind}_owned") and version is not None
                and not values.get(f"terms_{kind}_accepted")):
            items.append(ActionItem(
                text=_("Nya villkor för %(kind)s att godkänna (version %(version)s).") % {
                    "kind": ChannelKind(kind).label.lower(), "version": version},
                url=f"/villkor/{kind}/",
            ))
    return items


terms_to_accept = CountedActions(annotations=_terms_annotations, items=_terms_items)
