"""Counting and ranking in one statement on PostgreSQL with Wagtail's database search backend.

The backend's own query for a kind (`backend.search(query, visible_queryset)`) starts from the
model's table: it joins every visible row to its index entry by `object_id = pk::text` and then
tests the words, so PostgreSQL lists every visible row (200,000 posts) before it looks at a hit,
and the words cannot use an index. Here the same search starts from the words instead:

- the index entries that match the words, found with the GIN index on `title || body` (the
  backend's own condition, `(title || body) @@ query`; migration 0002 adds the index);
- each kind's entries (the content types the backend joins on) are then checked against the
  kind's visibility rule (`Searchable.searchable_queryset`, the app's own selector) as a
  semi-join on the primary key, so PostgreSQL can check one hit at a time (a rare word) or the
  whole rule at once (a common one), whichever costs less;
- the score is the backend's own rank expression, built by its query compiler over the same
  vectors, so hits come in exactly the order the backend's querysets give them.

The counts of every kind and the page come out of one statement (the hits are a CTE read
twice); the page's offset is clamped to the last page in SQL, with the same arithmetic as
selectors.page_numbers.
"""

from django.db import connection
from django.db.models import F
from modelsearch.conf import get_app_config
from modelsearch.utils import get_descendants_content_types_pks

from .registry import Searchable

SCORE = "search_score"
COUNT_CAP = 1000


def applies(backend) -> bool:
    """True for Wagtail's database backend (on PostgreSQL, the project's only database; the
    module path is the backend's), False for Elasticsearch."""
    return type(backend).__module__.endswith("backends.database.postgres.postgres")


def _sql(queryset) -> tuple[str, list]:
    sql, params = queryset.query.sql_with_params()
    return sql, list(params)


def _matching_entries(backend, model, built, content_types: list[int]) -> tuple[str, list]:
    """SELECT content_type_id, object_id, search_score FROM the index entries matching
    `built`, with the score the backend gives a hit (the same rank expression over the same
    vectors: title weighted by title_norm, body by 1.0)."""
    index_entry = get_app_config().get_model("IndexEntry")
    # Through the backend's own search(), so a backend that fails fails here too.
    compiler = backend.search(built, model._default_manager.all()).query_compiler
    config = compiler.get_config(backend)
    tsquery = compiler.build_tsquery(compiler.query, config=config)
    rank = compiler._build_rank_expression(
        [(F("title"), F("title_norm")), (F("body"), 1.0)], config)
    entries = (
        index_entry._default_manager.alias(_vector_=F("title")._combine(F("body"), "||", False))
        .filter(_vector_=tsquery, content_type_id__in=content_types)
        .annotate(**{SCORE: rank}).order_by()
        .values_list("content_type_id", "object_id", SCORE)
    )
    return _sql(entries)


def _kind_sql(index: int, searchable: Searchable, user, limit: int) -> tuple[str, list]:
    """The kind's visible matches, best first, at most `limit` of them. Each match is
    checked on its own against the kind's rule (the rule's SQL with the hit's key; OFFSET 0
    keeps PostgreSQL from turning the check into a list of every visible row)."""
    model = searchable.model
    content_types = ", ".join(str(int(pk)) for pk in get_descendants_content_types_pks(model))
    key_type = model._meta.pk.cast_db_type(connection)
    visible_sql, visible_params = _sql(
        searchable.checked_queryset(user).order_by().values("pk"))
    # The CASE keeps the cast away from other kinds' object_ids (text in the table).
    # Sorted first (OFFSET 0 keeps the check out of the scan), so the rule is checked only
    # until COUNT_CAP + 1 visible hits are found.
    sql = (
        f"(SELECT {index} AS hit_kind, {int(searchable.order)} AS hit_order, m.hit_pk, "
        f"m.{SCORE} FROM (SELECT (CASE WHEN e.content_type_id IN ({content_types}) "
        f"THEN e.object_id END)::{key_type} AS hit_pk, e.{SCORE} FROM matches e "
        f"WHERE e.content_type_id IN ({content_types}) ORDER BY 2 DESC, 1 DESC OFFSET 0) m "
        f"WHERE EXISTS (SELECT 1 FROM ({visible_sql}) v (pk) WHERE v.pk = m.hit_pk OFFSET 0) "
        f"ORDER BY m.{SCORE} DESC, m.hit_pk DESC LIMIT {int(limit)})"
    )
    return sql, visible_params


def counts_and_page(backend, user, built, kinds: list[Searchable], kind: Searchable | None,
                    requested: int, per_page: int, max_pages: int | None
                    ) -> tuple[dict[str, int], list[tuple[Searchable, object]]]:
    """The number of visible hits of every kind (COUNT_CAP + 1 means "more than COUNT_CAP"),
    and the requested page of `kind`'s hits, or of all kinds' merged by score. The page is
    clamped to the last one as selectors.page_number does it (at most `max_pages`)."""
    if not kinds:
        return {}, []
    kind_types = {s.key: set(get_descendants_content_types_pks(s.model)) for s in kinds}
    content_types = sorted(set().union(*kind_types.values()))
    entries_sql, params = _matching_entries(backend, kinds[0].model, built, content_types)
    # Which kinds have any match at all: only their rules are planned (planning every kind's
    # rule costs more than running the rules for a rare word).
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT DISTINCT content_type_id FROM ({entries_sql}) e", params)
        matched = {row[0] for row in cursor.fetchall()}
    if not matched:
        return {}, []
    # Enough of each kind for counting up to the cap and for any page there is: one kind's
    # pages end at the cap; all kinds' at max_pages, each of which may come from one kind.
    limit = COUNT_CAP + 1 if max_pages is None else max(COUNT_CAP + 1, max_pages * per_page)
    parts = []
    for index, searchable in enumerate(kinds):
        if not kind_types[searchable.key] & matched:
            continue
        sql, part_params = _kind_sql(index, searchable, user, limit)
        parts.append(sql)
        params.extend(part_params)
    shown = "" if kind is None else f"WHERE hit_kind = {kinds.index(kind)}"
    most = "" if max_pages is None else f", {int(max_pages)}"
    order = f"{SCORE} DESC, hit_order, hit_pk DESC"
    total = (f"(SELECT SUM(LEAST(n, {COUNT_CAP})) FROM (SELECT COUNT(*) AS n FROM hits {shown} "
             f"GROUP BY hit_kind) c)")
    offset = (f"(SELECT (LEAST(%s, GREATEST(CEIL(COALESCE({total}, 0) / {float(per_page)})"
              f"::integer, 1){most}) - 1) * {int(per_page)})")
    sql = (
        f"WITH matches AS MATERIALIZED ({entries_sql}), "
        f"hits AS MATERIALIZED ({' UNION ALL '.join(parts)}) "
        f"SELECT 0 AS row_type, hit_kind, COUNT(*) AS hit_count, NULL AS hit_pk, "
        f"NULL AS {SCORE}, NULL AS hit_order FROM hits GROUP BY hit_kind "
        f"UNION ALL SELECT 1, hit_kind, NULL, hit_pk, {SCORE}, hit_order FROM ("
        f"SELECT * FROM hits {shown} ORDER BY {order} LIMIT {int(per_page)} "
        f"OFFSET {offset}) page "
        f"ORDER BY row_type, {order}"
    )
    params.append(max(int(requested), 1))
    counts, page = {}, []
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for row_type, hit_kind, count, hit_pk, _score, _order in cursor.fetchall():
            if row_type == 0:
                counts[kinds[hit_kind].key] = count
            else:
                page.append((kinds[hit_kind], hit_pk))
    return counts, page
