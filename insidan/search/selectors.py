"""One search across every registered kind, filtered by what the user may see.

The number of SQL queries does not depend on how much content there is: per kind one count and,
when it has hits, one fetch and one `prepare` step over what was fetched; plus the selectors' own
look-ups. Mixed results are merged by the backend's relevance score; a page of them
needs the best `offset + PER_PAGE` hits of each kind, so paging through all kinds at once stops
at MAX_MIXED_PAGES (choosing a type pages through everything).
"""

from dataclasses import dataclass, field
from math import ceil

from django.utils.safestring import SafeString
from modelsearch.backends import get_search_backend

from . import query as search_query
from .registry import Searchable, get_searchable, searchables
from .snippets import highlight, snippet

PER_PAGE = 20
MAX_MIXED_PAGES = 25
AUTOCOMPLETE_PER_KIND = 5
AUTOCOMPLETE_MIN_LENGTH = 2
SCORE = "search_score"


@dataclass(frozen=True)
class Hit:
    searchable: Searchable
    title: SafeString
    url: str
    context: str
    snippet: SafeString


@dataclass(frozen=True)
class KindCount:
    searchable: Searchable
    count: int


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
    def hits_start(self) -> int:
        return (self.number - 1) * PER_PAGE + 1

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages


def _page_number(raw) -> int:
    try:
        return max(int(str(raw).strip()), 1)
    except (TypeError, ValueError):
        return 1


def _ranking_key(backend):
    """Sort key for merging kinds, best first. SQLite's FTS5 bm25() is better when lower;
    PostgreSQL's ts_rank and Elasticsearch's _score are better when higher."""
    lower_is_better = type(backend).__module__.endswith(".sqlite")

    def key(item):
        searchable, obj = item
        score = getattr(obj, SCORE, None) or 0.0
        return (score if lower_is_better else -score, searchable.order, -obj.pk)

    return key


def _prepare(found: dict[Searchable, list]) -> None:
    """Each kind's batch step, once per kind that was fetched (so the number of queries does
    not depend on which kinds happen to rank onto the page)."""
    for searchable, objs in found.items():
        if objs and searchable.prepare is not None:
            searchable.prepare(objs)


def _describe(pairs, terms) -> list[Hit]:
    hits = []
    for searchable, obj in pairs:
        description = searchable.describe(obj)
        hits.append(Hit(
            searchable=searchable, title=highlight(description.title, terms),
            url=description.url, context=description.context,
            snippet=snippet(description.text, terms),
        ))
    return hits


def _page_of_hits(found, counts, kind, offset: int, backend) -> list[tuple]:
    """(searchable, obj) for the page starting at `offset`: one kind sliced by the backend, or
    every kind's best `offset + PER_PAGE` merged by score."""
    if kind is not None:
        fetched = {kind: list(found[kind.key][offset:offset + PER_PAGE])}
        pairs = [(kind, obj) for obj in fetched[kind]]
    else:
        fetched = {c.searchable: list(found[c.searchable.key][:offset + PER_PAGE])
                   for c in counts if c.count}
        candidates = [(searchable, obj) for searchable, objs in fetched.items() for obj in objs]
        pairs = sorted(candidates, key=_ranking_key(backend))[offset:offset + PER_PAGE]
    _prepare(fetched)
    return pairs


def search(user, parsed: search_query.ParsedQuery, *, kind_key: str = "", page=1,
           backend: str = "default") -> SearchResults:
    """The `page`th page of hits for `parsed` (see query.parse), of one kind or of all. A
    page past the end gives the last page (`page_missing` says so)."""
    backend = get_search_backend(backend)
    kinds = searchables()
    kind = get_searchable(kind_key) if kind_key else None
    built = search_query.build(parsed)
    found = {
        s.key: backend.search(built, s.searchable_queryset(user)).annotate_score(SCORE)
        for s in kinds
    }
    counts = [KindCount(s, found[s.key].count()) for s in kinds]
    total = sum(c.count for c in counts if kind is None or c.searchable is kind)
    num_pages = max(ceil(total / PER_PAGE), 1)
    capped = kind is None and num_pages > MAX_MIXED_PAGES
    num_pages = min(num_pages, MAX_MIXED_PAGES) if capped else num_pages
    requested = _page_number(page)
    number = min(requested, num_pages)
    pairs = _page_of_hits(found, counts, kind, (number - 1) * PER_PAGE, backend)
    return SearchResults(
        query=parsed, kind=kind, counts=counts, total=total,
        hits=_describe(pairs, parsed.terms), number=number, num_pages=num_pages,
        page_missing=requested > number, capped=capped,
    )


def autocomplete(user, parsed: search_query.ParsedQuery, *, backend: str = "default"
                 ) -> list[dict]:
    """Suggestions for what is being typed: titles and names the user may see, per kind."""
    text = " ".join(parsed.terms)
    if len(text) < AUTOCOMPLETE_MIN_LENGTH or not parsed.is_searchable:
        return []
    backend = get_search_backend(backend)
    suggestions = []
    for searchable in searchables():
        if not searchable.supports_autocomplete:
            continue
        queryset = searchable.searchable_queryset(user)
        for obj in backend.autocomplete(text, queryset)[:AUTOCOMPLETE_PER_KIND]:
            description = searchable.describe(obj)
            suggestions.append({
                "title": description.title, "url": description.url,
                "kind": str(searchable.label), "context": description.context,
            })
    return suggestions
