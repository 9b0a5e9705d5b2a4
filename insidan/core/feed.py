"""The start page feed ("Flödet") and "Kräver din åtgärd".

Each content app contributes a source: a function `(user, limit) -> list[FeedItem]` built on
its own visibility selector, listed in FEED_SOURCES; the feed merges them newest first. Every
item says why it is there ("i ditt rum Projekt Kvarngärdet").
"""

from dataclasses import dataclass
from datetime import datetime
from importlib import import_module

from django.utils.translation import gettext as _

from .models import ChannelKind
from .terms import current_terms

FEED_SOURCES = [
    "forums.feed.recent_posts",
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


def _load(path: str):
    module, name = path.rsplit(".", 1)
    return getattr(import_module(module), name)


def feed_for(user, limit: int = 30) -> list[FeedItem]:
    items: list[FeedItem] = []
    for path in FEED_SOURCES:
        items.extend(_load(path)(user, limit))
    return sorted(items, key=lambda item: item.at, reverse=True)[:limit]


def actions_for(user) -> list[ActionItem]:
    items: list[ActionItem] = []
    for path in ACTION_SOURCES:
        items.extend(_load(path)(user))
    return items


def terms_to_accept(user) -> list[ActionItem]:
    """Owners must accept new terms before their next owner action; tell them here first."""
    from .models import TermsAcceptance

    owned = _owned_kinds(user)
    items = []
    for kind in owned:
        terms = current_terms(kind)
        if terms and not TermsAcceptance.objects.filter(user=user, terms=terms).exists():
            items.append(ActionItem(
                text=_("Nya villkor för %(kind)s att godkänna (version %(version)s).") % {
                    "kind": terms.get_kind_display().lower(), "version": terms.version},
                url=f"/villkor/{kind}/",
            ))
    return items


def _owned_kinds(user) -> list[str]:
    """The kinds of channel the user owns, in one query (a UNION, which removes duplicates)."""
    from django.apps import apps
    from django.db.models import CharField, Value

    parts = []
    for kind, label in [(ChannelKind.ROOM, "collab.Room"), (ChannelKind.FORUM, "forums.Forum"),
                        (ChannelKind.BLOG, "blogs.BlogPage")]:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        parts.append(model.objects.filter(owner=user).annotate(
            kind=Value(str(kind), output_field=CharField())).values_list("kind", flat=True))
    if not parts:
        return []
    return list(parts[0].union(*parts[1:]))
