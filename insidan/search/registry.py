"""What search covers: one entry per kind of content, each with the owning app's visibility
selector.

A kind is searched as

    model.objects.filter(<filter_field>__in=visible(user).values(<filter_field>))
                 .exclude(moderation_state="removed")      # when the model has that field

handed to the search backend. The visibility rule is therefore part of the query: the database
backends run it as a subquery of the search's own SQL (so counts and pages are right and a member
who leaves a room stops finding its content with the next query), and Elasticsearch receives
the visible ids as a `terms` filter, computed from the database at query time. A kind registered
with `filter_field=None` hands its selector's queryset to the backend as it is: every field the
selector filters on must then be a FilterField (comments: their target and state).

The backends refuse to filter on a field that is not declared in the model's `search_fields`,
so every searchable model needs `index.FilterField(<filter_field>)` (normally "id") and, when it
has moderation states, `index.FilterField("moderation_state")`. A kind whose model lacks them is
left out of search (a system check warns) rather than searched without its filter.

How a hit is shown is read in one query for the whole page, whatever kinds it mixes: each kind
names the values its `describe` needs as `columns` (expressions on its model, joins and
subqueries allowed), and `describe` turns one row of them into a HitDescription.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import SimpleNamespace

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model, QuerySet
from django.utils.functional import Promise
from django.utils.module_loading import import_string
from modelsearch.conf import get_app_config
from modelsearch.index import AutocompleteField, FilterField, class_is_indexed

from insidan.core.models import ModerationState


@dataclass(frozen=True)
class HitDescription:
    """How one hit is shown: the heading, where it links, its context ("i forumet IT-frågor")
    and the plain text the snippet is cut from (escaped later, never trusted)."""

    title: str
    url: str
    context: str = ""
    text: str = ""


Row = SimpleNamespace  # `pk` and the kind's columns, as read by selectors.describe_hits


def _default_backend_is_database() -> bool:
    backend = get_app_config().get_search_backend_config()["default"]["BACKEND"]
    return ".database" in backend


@dataclass(eq=False)
class Searchable:
    """One kind of searchable content.

    key: the value of `?typ=` (Swedish, stable: it ends up in bookmarks).
    visible: `visible(user) -> QuerySet` — the app's own selector, or its dotted path (resolved
        on first use, so an app can be registered before its selectors module exists).
    columns: `columns() -> {name: expression}` — what `describe` reads (field paths as strings,
        or expressions such as Subquery); a function so that models load first.
    describe: `describe(row) -> HitDescription` for one Row of those columns, without queries.
    filter_field: a unique field (normally the primary key "id"; "path" for Wagtail pages, whose
        key is a parent link) used to apply `visible`; None to apply the selector as it is.
    checked_by: optionally the same rule in a form that checks one row cheaply (correlated
        EXISTS instead of lists of keys), which the PostgreSQL statement (postgres.py) uses for
        each hit; search servers get `visible`. Its app tests that both select the same rows.
    """

    key: str
    label: str | Promise
    model: type[Model]
    visible: Callable[[object], QuerySet] | str
    columns: Callable[[], Mapping[str, object]]
    describe: Callable[[Row], HitDescription]
    filter_field: str | None = "id"
    order: int = 100
    checked_by: Callable[[object], QuerySet] | str | None = None
    _resolved: Callable | None = field(default=None, init=False, repr=False)

    @cached_property
    def _has_moderation_state(self) -> bool:
        return any(f.name == "moderation_state" for f in self.model._meta.get_fields())

    def _filter_fields(self) -> set[str]:
        return {
            f.get_attname(self.model) for f in self.model.get_search_fields()
            if isinstance(f, FilterField)
        } | {
            f.field_name for f in self.model.get_search_fields() if isinstance(f, FilterField)
        }

    def _selector(self) -> Callable[[object], QuerySet]:
        if self._resolved is None:
            self._resolved = (
                import_string(self.visible) if isinstance(self.visible, str) else self.visible
            )
        return self._resolved

    def visible_queryset(self, user) -> QuerySet:
        return self._selector()(user)

    def _filters_on_parent_link(self) -> bool:
        """Django turns `id__in` on a child model into `<parent>_ptr_id IN …`, and the query
        compilers skip `*_ptr_id` filters (modelsearch.backends.base). The database backends
        still run the queryset's own SQL, so only a search server (Elasticsearch) would get no
        visibility filter at all."""
        if _default_backend_is_database() or self.filter_field is None:
            return False
        pk = self.model._meta.pk
        if not (pk.one_to_one and getattr(pk.remote_field, "parent_link", False)):
            return False
        try:
            field = self.model._meta.get_field(self.filter_field)
        except FieldDoesNotExist:
            return False
        return field.primary_key

    @property
    def problem(self) -> str:
        """Why this kind cannot be searched now, or "" when it can."""
        if not class_is_indexed(self.model):
            return f"{self.model._meta.label} is not indexed (index.Indexed with search_fields)"
        declared = self._filter_fields()
        needed = [self.filter_field] if self.filter_field else []
        if self._has_moderation_state:
            needed.append("moderation_state")
        if self._filters_on_parent_link():
            return (f"{self.model._meta.label} has a parent model, and the search server's "
                    f"backend drops a filter on its primary key (the parent link); register it "
                    f'with a unique filter_field that is not the key (Wagtail pages: "path")')
        missing = [name for name in needed if name not in declared]
        if missing:
            fields = ", ".join(f'index.FilterField("{name}")' for name in missing)
            return f"{self.model._meta.label}.search_fields needs {fields}"
        try:
            self._selector()
        except ImportError as error:
            return f"{self.model._meta.label}: the selector {self.visible} is missing ({error})"
        return ""

    @property
    def supports_autocomplete(self) -> bool:
        return any(isinstance(f, AutocompleteField) for f in self.model.get_search_fields())

    def searchable_queryset(self, user) -> QuerySet:
        """The model's rows this user may find, as a filter the search backends accept."""
        if self.filter_field is None:
            queryset = self.visible_queryset(user)
        else:
            visible = self.visible_queryset(user).values(self.filter_field)
            queryset = self.model._default_manager.filter(
                **{f"{self.filter_field}__in": visible})
        if self._has_moderation_state:
            # The selectors already leave removed content out; saying it again here keeps a
            # removed item out of search even if a selector is changed by mistake.
            queryset = queryset.exclude(moderation_state=ModerationState.REMOVED)
        return queryset


    def checked_queryset(self, user) -> QuerySet:
        """The rows this user may find, in the form that checks one hit at a time."""
        if self.checked_by is None:
            return self.searchable_queryset(user)
        selector = (import_string(self.checked_by) if isinstance(self.checked_by, str)
                    else self.checked_by)
        queryset = selector(user)
        if self._has_moderation_state:
            queryset = queryset.exclude(moderation_state=ModerationState.REMOVED)
        return queryset


_registry: dict[str, Searchable] = {}


def register_searchable(
    *, key: str, label, model: type[Model], visible, columns, describe,
    filter_field: str | None = "id", order: int = 100, checked_by=None,
) -> Searchable:
    """Make a kind searchable (called from an AppConfig.ready()). Registering a key again
    replaces the earlier entry, so an app can take over the registration made for it in
    insidan/search/kinds.py."""
    searchable = Searchable(
        key=key, label=label, model=model, visible=visible, columns=columns,
        describe=describe, filter_field=filter_field, order=order, checked_by=checked_by,
    )
    _registry[key] = searchable
    return searchable


def unregister_searchable(key: str) -> None:
    _registry.pop(key, None)


def all_searchables() -> list[Searchable]:
    return sorted(_registry.values(), key=lambda s: (s.order, s.key))


def searchables() -> list[Searchable]:
    """The kinds that can be searched now (see Searchable.problem)."""
    return [s for s in all_searchables() if not s.problem]


def get_searchable(key: str) -> Searchable | None:
    searchable = _registry.get(key)
    return searchable if searchable is not None and not searchable.problem else None
