"""The start page feed ("Flödet"), "Kräver din åtgärd" and the reader's own places.

Each content app contributes a source: a function `(user, limit) -> list[FeedItem]` built on
its own visibility selector, listed in FEED_SOURCES; the feed merges them newest first. Every
item says why it is there ("i ditt rum Projekt Kvarngärdet"). "Kräver din åtgärd" is built
from ACTION_SOURCES the same way; a source that needs only numbers is a CountedActions, and all
of those are read in one query. The side column's "Mina platser" (rooms, followed forums and
blogs) comes from PLACE_SOURCES, GatedPlaces whose gates are read in the same query, so a
reader with no rooms and no follows pays nothing for it.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from importlib import import_module

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Subquery
from django.urls import reverse
from django.utils.functional import lazy
from django.utils.translation import gettext as _

from .models import ChannelKind

FEED_SOURCES = [
    "forums.feed.recent_posts",
    "blogs.feed.followed_blog_posts",
    "profiles.feed.status_updates",
]
PLACE_SOURCES = [
    "collab.feed.my_rooms",
    "forums.feed.followed_forums",
    "blogs.feed.followed_blogs",
]
ACTION_SOURCES = [
    "insidan.core.feed.terms_to_accept",
    "collab.feed.pending_work",
    "blogs.feed.unanswered_comments",
    "insidan.moderation.feed.cases_on_my_channels",
]


@dataclass(frozen=True)
class FeedItem:
    """One item of the feed. A source gives either `text` or the item's sanitised `html`, of
    which `excerpt` is made only for the items a page shows. `key` names the item and the
    times that move when it is edited or moderated (a fragment cache key, with the rest of
    what the item shows)."""

    at: datetime
    title: str
    text: str
    url: str
    reason: str
    actor_name: str = ""
    html: str = ""
    key: tuple = ()
    group: object = None  # items of one source with the same group are shown as one
    faces: tuple = ()  # insidan.core.faces.Face of the people the item is by, newest first

    @cached_property
    def excerpt(self) -> str:
        if self.text or not self.html:
            return self.text
        from .text import plain_text_excerpt

        return plain_text_excerpt(self.html, 200)


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


@dataclass(frozen=True)
class GatedActions:
    """An action source that concerns only some users (owners, deputies, writers, managers):
    `gate(user)` gives cheap expressions on the user's own row (EXISTS of a role), read with
    the CountedActions' values in the same query, and `source(user)` runs its own queries
    only when one of them holds. Most employees hold no such role and pay nothing more."""

    gate: Callable[[object], dict]
    source: Callable[[object], list[ActionItem]]


@dataclass(frozen=True)
class GatedFeed:
    """A feed source that only some users have anything in (those who follow a blog):
    `gate(user)` gives EXISTS expressions read in the same query as the actions' values, and
    `source(user, limit)` runs only when one of them holds."""

    gate: Callable[[object], dict]
    source: Callable[[object, int], list[FeedItem]]


@dataclass(frozen=True)
class Place:
    name: str
    url: str


@dataclass(frozen=True)
class GatedPlaces:
    """One list of the reader's own places ("Mina rum"): `gate(user)` gives EXISTS
    expressions read with the other sources' values, and `source(user, limit)` (one query)
    runs only when one of them holds. `more_url` lists them all when there are more."""

    heading: str
    gate: Callable[[object], dict]
    source: Callable[[object, int], list[Place]]
    more_url: Callable[[], str] | None = None


@dataclass(frozen=True)
class PlaceList:
    heading: str
    places: list[Place]
    more_url: str = ""


def _reverse_with_anchor(viewname: str, args: list, anchor: str = "") -> str:
    return reverse(viewname, args=args) + anchor


# A source builds up to `limit` items while a page shows a few of them: their URLs are
# reversed only when a page renders them.
lazy_url = lazy(_reverse_with_anchor, str)


def author_names(author_field: str = "author_id") -> dict:
    """The author's first name, last name and username as subqueries on each row: with a
    LIMIT, PostgreSQL reads them for the rows kept only (a join made it hash every user before
    sorting)."""
    author = get_user_model().objects.filter(pk=OuterRef(author_field))
    return {f"author_{name}": Subquery(author.values(name))
            for name in ("first_name", "last_name", "username")}


def names_phrase(names: list[str], shown: int = 2) -> str:
    """"Anna Lindqvist", "Anna Lindqvist och Erik Bergström", "Anna Lindqvist, Erik Bergström
    och Lars Ek", "Anna Lindqvist, Erik Bergström och 3 till"."""
    if len(names) <= 1:
        return "".join(names)
    if len(names) <= shown + 1:
        return _("%(names)s och %(last)s") % {"names": ", ".join(names[:-1]),
                                              "last": names[-1]}
    return _("%(names)s och %(count)s till") % {"names": ", ".join(names[:shown]),
                                                "count": len(names) - shown}


def _load(path: str):
    module, name = path.rsplit(".", 1)
    return getattr(import_module(module), name)


def feed_for(user, limit: int = 30) -> list[FeedItem]:
    items: list[FeedItem] = []
    sources = [_load(path) for path in FEED_SOURCES]
    values = (_user_values(user, keep=True)
              if any(isinstance(s, GatedFeed) for s in sources) else {})
    for index, source in enumerate(sources):
        if isinstance(source, GatedFeed):
            if _gate_open(values, "feed", index):
                items.extend(source.source(user, limit))
        else:
            items.extend(source(user, limit))
    return sorted(items, key=lambda item: item.at, reverse=True)[:limit]


def _gate_open(values: dict, kind: str, index: int) -> bool:
    prefix = f"gate_{kind}_{index}_"
    return any(value for name, value in values.items() if name.startswith(prefix))


def _annotations(user) -> dict:
    """The expressions on the user's row of every CountedActions, GatedActions and GatedFeed
    source."""
    annotations: dict = {}
    for kind, paths in [("feed", FEED_SOURCES), ("action", ACTION_SOURCES),
                        ("place", PLACE_SOURCES)]:
        for index, source in enumerate(_load(path) for path in paths):
            if isinstance(source, CountedActions):
                annotations.update(source.annotations(user))
            elif isinstance(source, GatedActions | GatedFeed | GatedPlaces):
                annotations.update({f"gate_{kind}_{index}_{name}": expression
                                    for name, expression in source.gate(user).items()})
    return annotations


def _user_values(user, *, keep: bool = False, peek: bool = False) -> dict:
    """The values of every source's expressions on the user's row, in one query. The start
    page asks for the feed, its places and then the actions of the same user object: feed_for
    keeps the values on that object (`keep`), places_for uses them without taking them
    (`peek`) and the next actions_for takes them from there (and drops them), so that no later
    call sees values older than its own request."""
    if not (user.is_authenticated and user.is_active):
        return {}
    kept = getattr(user, "_feed_values", None)  # request.user is a lazy object: no __dict__
    if kept is not None and peek:
        return kept
    if kept is not None:
        del user._feed_values
        if not keep:
            return kept
    annotations = _annotations(user)
    values = {}
    if annotations:
        values = get_user_model().objects.filter(pk=user.pk).annotate(**annotations).values(
            *annotations).first() or {}
    if keep:
        user._feed_values = values
    return values


def actions_for(user) -> list[ActionItem]:
    """Every source's items, in the order of ACTION_SOURCES."""
    if not (user.is_authenticated and user.is_active):
        return []
    values = _user_values(user)
    items: list[ActionItem] = []
    for index, source in enumerate(_load(path) for path in ACTION_SOURCES):
        if isinstance(source, CountedActions):
            items.extend(source.items(user, values))
        elif isinstance(source, GatedActions):
            if _gate_open(values, "action", index):
                items.extend(source.source(user))
        else:
            items.extend(source(user))
    return items


def places_for(user, limit: int = 8) -> list[PlaceList]:
    """The reader's own places, one list per source that has any, in PLACE_SOURCES order."""
    if not (user.is_authenticated and user.is_active):
        return []
    values = _user_values(user, peek=True)
    lists = []
    for index, source in enumerate(_load(path) for path in PLACE_SOURCES):
        if not _gate_open(values, "place", index):
            continue
        places = source.source(user, limit + 1)
        if places:
            more = source.more_url() if source.more_url and len(places) > limit else ""
            lists.append(PlaceList(heading=str(source.heading), places=places[:limit],
                                   more_url=more))
    return lists


# Terms to accept: owners must accept new terms before their next owner action; they are told
# here first. Per kind of channel: does the user own one (the gate), the current version, and
# whether the user accepted it.

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


def _owns(model, user) -> Exists:
    """EXISTS of a channel of this model that the user owns, by the user's own id so that
    the owner index answers. A blog's owner is its Wagtail page's owner: that is asked of
    the page table alone (joined to the blog table, PostgreSQL walked every page)."""
    from wagtail.models import Page

    if issubclass(model, Page):
        from django.contrib.contenttypes.models import ContentType

        return Exists(Page.objects.filter(
            owner_id=user.pk, content_type_id=ContentType.objects.get_for_model(model).pk))
    return Exists(model.objects.filter(owner_id=user.pk))


def _terms_annotations(user) -> dict:
    from .models import TermsAcceptance, TermsVersion

    annotations = {}
    for kind, model in _channel_models():
        current = TermsVersion.objects.filter(kind=kind).order_by("-version")
        annotations[f"terms_{kind}_owned"] = _owns(model, user)
        annotations[f"terms_{kind}_version"] = Subquery(current.values("version")[:1])
        annotations[f"terms_{kind}_accepted"] = Exists(TermsAcceptance.objects.filter(
            user_id=user.pk, terms_id=Subquery(current.values("pk")[:1])))
    return annotations


def _terms_gate(user) -> dict:
    return {kind: _owns(model, user) for kind, model in _channel_models()}


def _terms_items(user) -> list[ActionItem]:
    """For owners only (the gate): per kind, owned, the current version and whether the
    user accepted it, in one query."""
    annotations = _terms_annotations(user)
    values = get_user_model().objects.filter(pk=user.pk).annotate(**annotations).values(
        *annotations).first() or {}
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


terms_to_accept = GatedActions(gate=_terms_gate, source=_terms_items)
