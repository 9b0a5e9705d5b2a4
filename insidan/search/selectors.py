"""One search across every registered kind, filtered by what the user may see.

The number of SQL queries does not depend on how much content there is, nor on which kinds the
hits are of. With the database backend (on PostgreSQL): one query counts the hits of every
kind, one ranks them and cuts out the page (each kind's search is a subquery of both), and one
reads what the page's hits are shown with (each kind's `columns`, for the page's rows only).
With a search server the counts and the ranking come from the server and the page is read
the same way. Mixed results are merged by the backend's relevance score; paging through all
kinds at once stops at MAX_MIXED_PAGES (choosing a type pages through everything).

A backend that fails (a search server that is down, a broken index) raises SearchUnavailable;
the views answer with a message instead of an error page.
"""

import logging
from dataclasses import dataclass, field
from math import ceil
from types import SimpleNamespace

from django.db import connection, transaction
from django.db.models import IntegerField, Value
from django.db.models.functions import JSONObject
from django.utils.safestring import SafeString
from modelsearch.backends import get_search_backend

from . import postgres
from . import query as search_query
from .registry import HitDescription, Searchable, get_searchable, searchables
from .snippets import highlight, snippet

logger = logging.getLogger(__name__)

PER_PAGE = 20
MAX_MIXED_PAGES = 25
AUTOCOMPLETE_PER_KIND = 5
AUTOCOMPLETE_MIN_LENGTH = 2
SCORE = "search_score"


class SearchUnavailable(Exception):
    """The search backend failed; the cause is logged and chained."""


@dataclass(frozen=True)
class Hit:
    searchable: Searchable
    title: SafeString
    url: str
    context: str
    snippet: SafeString


@dataclass(frozen=True)
class KindCount:
    """`count` visible hits; `capped`: there are more, only the first postgres.COUNT_CAP
    were counted."""

    searchable: Searchable
    count: int
    capped: bool = False


@dataclass
class SearchResults:
    query: search_query.ParsedQuery
    kind: Searchable | None
    counts: list[KindCount]
    total: int = 0
    hits: list[Hit] = field(default_factory=list)
    number: int = 1
    num_pages: int = 1
    page_missing: bool = False
    capped: bool = False

    @property
    def all_count(self) -> int:
        return sum(c.count for c in self.counts)

    @property
    def count_capped(self) -> bool:
        """The total is a lower bound: some kind shown has more hits than were counted."""
        return any(c.capped for c in self.counts
                   if self.kind is None or c.searchable is self.kind)

    @property
    def all_capped(self) -> bool:
        return any(c.capped for c in self.counts)

    @property
    def hits_start(self) -> int:
        return (self.number - 1) * PER_PAGE + 1

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages


def _page_number_of(raw) -> int:
    try:
        return max(int(str(raw).strip()), 1)
    except (TypeError, ValueError):
        return 1


# Reading the page ---------------------------------------------------------------------------

def describe_hits(pairs: list[tuple[Searchable, object]]
                  ) -> list[tuple[Searchable, HitDescription]]:
    """How each (kind, pk) is shown, in the order given, read in one query for all kinds
    together. A pair whose row is gone (removed a moment ago) is left out."""
    if not pairs:
        return []
    kinds = list(dict.fromkeys(s for s, _pk in pairs))
    parts = []
    for index, searchable in enumerate(kinds):
        pks = [pk for s, pk in pairs if s is searchable]
        parts.append(
            searchable.model._default_manager.filter(pk__in=pks).order_by()
            .annotate(hit_kind=Value(index, output_field=IntegerField()),
                      hit_data=JSONObject(**searchable.columns()))
            .values_list("hit_kind", "pk", "hit_data")
        )
    rows = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    data = {(index, str(pk)): values for index, pk, values in rows}
    described = []
    for searchable, pk in pairs:
        values = data.get((kinds.index(searchable), str(pk)))
        if values is not None:
            described.append((searchable, searchable.describe(SimpleNamespace(pk=pk, **values))))
    return described


def _hits(pairs, terms) -> list[Hit]:
    return [
        Hit(searchable=searchable, title=highlight(description.title, terms),
            url=description.url, context=description.context,
            snippet=snippet(description.text, terms))
        for searchable, description in describe_hits(pairs)
    ]


# Counting and ranking ------------------------------------------------------------------------

def _hit_sql(kinds: list[Searchable], results: dict) -> tuple[str, list]:
    """Every kind's hits as one SQL union of (kind index, order, pk, score): each part is the
    backend's own search query for the kind, visibility filter included."""
    parts, params = [], []
    for index, searchable in enumerate(kinds):
        queryset = results[searchable.key].get_queryset().order_by().values_list("pk", SCORE)
        sql, part_params = queryset.query.sql_with_params()
        parts.append(f"SELECT {index} AS hit_kind, {searchable.order} AS hit_order, hit.* "
                     f"FROM ({sql}) hit")
        params.extend(part_params)
    return " UNION ALL ".join(parts), params


def _counts_in_sql(kinds, results) -> dict[str, int]:
    union, params = _hit_sql(kinds, results)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT hit_kind, COUNT(*) FROM ({union}) hits GROUP BY hit_kind",
                       params)
        return {kinds[index].key: count for index, count in cursor.fetchall()}


def _page_in_sql(kinds, results, offset: int) -> list[tuple[Searchable, object]]:
    union, params = _hit_sql(kinds, results)
    with connection.cursor() as cursor:
        # Columns by position: 1 kind, 2 its order, 3 pk, 4 score (names differ per kind).
        cursor.execute(f"SELECT * FROM ({union}) hits ORDER BY 4 DESC, 2, 3 DESC "
                       f"LIMIT %s OFFSET %s", [*params, PER_PAGE, offset])
        return [(kinds[row[0]], row[2]) for row in cursor.fetchall()]


def _runs_in_sql(results: dict) -> bool:
    """The database backends' results are querysets (get_queryset()); a search server's are
    not."""
    return all(hasattr(r, "get_queryset") for r in results.values())


def _page_from_server(kinds, results, offset: int) -> list[tuple[Searchable, object]]:
    """Each kind's best `offset + PER_PAGE` hits, merged by score."""
    candidates = []
    for searchable in kinds:
        for obj in results[searchable.key][:offset + PER_PAGE]:
            candidates.append((searchable, obj))
    def key(item):  # PostgreSQL's ts_rank and Elasticsearch's _score: higher is better
        searchable, obj = item
        return (-(getattr(obj, SCORE, None) or 0.0), searchable.order, -obj.pk)

    return [(s, obj.pk) for s, obj in sorted(candidates, key=key)[offset:offset + PER_PAGE]]


def _page_number(requested: int, total: int, *, mixed: bool) -> tuple[int, int, bool]:
    """(page number, number of pages, whether the mixed pages are capped) for `total` hits;
    a page past the end is the last one. postgres.counts_and_page clamps the same way."""
    num_pages = max(ceil(total / PER_PAGE), 1)
    capped = mixed and num_pages > MAX_MIXED_PAGES
    num_pages = min(num_pages, MAX_MIXED_PAGES) if capped else num_pages
    return min(requested, num_pages), num_pages, capped


def _search(user, parsed, kind, page, backend) -> SearchResults:
    kinds = searchables()
    built = search_query.build(parsed)
    requested = _page_number_of(page)
    if postgres.applies(backend):
        counted, pairs = postgres.counts_and_page(
            backend, user, built, kinds, kind, requested, PER_PAGE,
            None if kind is not None else MAX_MIXED_PAGES)
        counts = [KindCount(s, min(counted.get(s.key, 0), postgres.COUNT_CAP),
                            capped=counted.get(s.key, 0) > postgres.COUNT_CAP) for s in kinds]
        total = sum(c.count for c in counts if kind is None or c.searchable is kind)
        number, num_pages, capped = _page_number(requested, total, mixed=kind is None)
        pairs = pairs[:max(total - (number - 1) * PER_PAGE, 0)]  # not the uncounted one
        return SearchResults(
            query=parsed, kind=kind, counts=counts, total=total,
            hits=_hits(pairs, parsed.terms), number=number, num_pages=num_pages,
            page_missing=requested > number, capped=capped,
        )
    results = {
        s.key: backend.search(built, s.searchable_queryset(user)).annotate_score(SCORE)
        for s in kinds
    }
    in_sql = _runs_in_sql(results)
    counted = (_counts_in_sql(kinds, results) if in_sql
               else {s.key: results[s.key].count() for s in kinds})
    counts = [KindCount(s, counted.get(s.key, 0)) for s in kinds]
    total = sum(c.count for c in counts if kind is None or c.searchable is kind)
    number, num_pages, capped = _page_number(requested, total, mixed=kind is None)
    offset = (number - 1) * PER_PAGE
    ranked = [kind] if kind is not None else [c.searchable for c in counts if c.count]
    pairs = []
    if total:
        pairs = (_page_in_sql(ranked, results, offset) if in_sql
                 else _page_from_server(ranked, results, offset))
    return SearchResults(
        query=parsed, kind=kind, counts=counts, total=total,
        hits=_hits(pairs, parsed.terms), number=number, num_pages=num_pages,
        page_missing=requested > number, capped=capped,
    )


def search(user, parsed: search_query.ParsedQuery, *, kind_key: str = "", page=1,
           backend: str = "default") -> SearchResults:
    """The `page`th page of hits for `parsed` (see query.parse), of one kind or of all. A
    page past the end gives the last page (`page_missing` says so). Raises SearchUnavailable
    when the backend fails."""
    kind = get_searchable(kind_key) if kind_key else None
    try:
        # A savepoint: a failed query must not break the rest of the request's transaction.
        with transaction.atomic():
            return _search(user, parsed, kind, page, get_search_backend(backend))
    except Exception as error:
        logger.exception("The search backend failed for a query")
        raise SearchUnavailable from error


def autocomplete(user, parsed: search_query.ParsedQuery, *, backend: str = "default"
                 ) -> list[dict]:
    """Suggestions for what is being typed: titles and names the user may see, per kind.
    Raises SearchUnavailable when the backend fails."""
    text = " ".join(parsed.terms)
    if len(text) < AUTOCOMPLETE_MIN_LENGTH or not parsed.is_searchable:
        return []
    try:
        with transaction.atomic():
            search_backend = get_search_backend(backend)
            pairs = [
                (searchable, obj.pk)
                for searchable in searchables() if searchable.supports_autocomplete
                for obj in search_backend.autocomplete(
                    text, searchable.searchable_queryset(user))[:AUTOCOMPLETE_PER_KIND]
            ]
            described = describe_hits(pairs)
    except Exception as error:
        logger.exception("The search backend failed for an autocomplete query")
        raise SearchUnavailable from error
    return [
        {"title": description.title, "url": description.url,
         "kind": str(searchable.label), "context": description.context}
        for searchable, description in described
    ]
