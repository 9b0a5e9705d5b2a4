"""The Elasticsearch 8 backend without a server: the index mapping and the query body sent for
a visibility-filtered search. Nothing here opens a connection (the client connects lazily, and
no search is executed); the full suite runs against a real server when ELASTICSEARCH_URL is set
(conftest.search_backend)."""

import json

import pytest
from modelsearch.backends.elasticsearch8 import Elasticsearch8Mapping, Elasticsearch8SearchBackend

from forums.models import Discussion, Forum, Post
from forums.selectors import discussions_visible_to, posts_searchable_by, posts_visible_to
from insidan.search import query
from insidan.search.registry import get_searchable, searchables

pytestmark = pytest.mark.django_db


@pytest.fixture
def es():
    backend = Elasticsearch8SearchBackend({
        "URLS": ["http://127.0.0.1:9"],  # a closed port: any request would fail loudly
        "INDEX_PREFIX": "insidan_",
    })

    def no_network(*args, **kwargs):
        raise AssertionError("no request may be sent to Elasticsearch in these tests")

    for method in ("search", "count", "index", "bulk", "scroll"):
        setattr(backend.es, method, no_network)
    return backend


def _find(tree, key):
    """Every value stored under `key` anywhere in a JSON-like tree."""
    if isinstance(tree, dict):
        for k, value in tree.items():
            if k == key:
                yield value
            yield from _find(value, key)
    elif isinstance(tree, list):
        for item in tree:
            yield from _find(item, key)


@pytest.mark.parametrize("model", [Forum, Discussion, Post])
def test_the_mapping_has_the_fields_search_filters_on(model):
    properties = Elasticsearch8Mapping(model).get_mapping()["properties"]
    assert properties["id_filter"] == {"type": "long"}
    if model is not Forum:
        assert properties["moderation_state_filter"] == {"type": "keyword"}
    assert properties["pk"] == {"type": "keyword", "store": True}
    assert properties["_all_text"] == {"type": "text"}


def test_the_post_mapping_indexes_the_text(es):
    properties = Elasticsearch8Mapping(Post).get_mapping()["properties"]
    assert properties["body"] == {"type": "text", "copy_to": "_all_text"}
    assert es.get_index_for_model(Post).name == "insidan_forums_post"


def test_a_visibility_filtered_query_body(world, es):
    """The outsider's search for posts: the words, the content type, exactly the posts the
    selector lets through (as a terms filter on the indexed id) and never a removed one."""
    searchable = get_searchable("inlagg")
    built = query.build(query.parse("rummen budget"))
    results = es.search(built, searchable.searchable_queryset(world.outsider))
    body = results._get_es_body()
    json.dumps(body)  # what the client would send

    bool_query = body["query"]["bool"]
    content_type, visibility = bool_query["filter"]
    assert content_type == {"match": {"_django_content_type": "forums.Post"}}
    # The rule as filters on the post's own fields: its discussion is one the outsider may
    # see, and it is visible (or hidden and the outsider's own, or in a forum they moderate).
    discussions = [t["discussion_id_filter"] for t in _find(visibility, "terms")
                   if "discussion_id_filter" in t]
    allowed = set(discussions_visible_to(world.outsider).values_list("pk", flat=True))
    assert allowed and set(discussions[-1]) == allowed
    assert world.secret_post.discussion_id not in allowed
    assert world.open_reply.discussion_id in allowed
    assert {"term": {"moderation_state_filter": "visible"}} in next(_find(visibility, "should"))
    assert set(posts_searchable_by(world.outsider)) == set(posts_visible_to(world.outsider))
    assert list(_find(visibility, "must_not")) == [
        {"term": {"moderation_state_filter": "removed"}}
    ]

    words = bool_query["must"]
    assert set(_find(words, "query")) >= {"rummen", "rum", "rummet", "budget"}
    assert "must" in words["bool"] and len(words["bool"]["must"]) == 2  # every word


def test_a_member_gets_the_room_content_in_the_filter(world, es):
    searchable = get_searchable("inlagg")
    built = query.build(query.parse("fjärrvärme"))
    body = es.search(built, searchable.searchable_queryset(world.anna))._get_es_body()
    discussions = [t["discussion_id_filter"] for t in _find(body, "terms")
                   if "discussion_id_filter" in t]
    assert world.secret_post.discussion_id in discussions[-1]


def test_every_searchable_kind_compiles_for_elasticsearch(world, es):
    """The backends refuse filters on undeclared fields (FilterFieldError): every active kind
    declares what its filter needs."""
    built = query.build(query.parse("rummen"))
    for searchable in searchables():
        results = es.search(built, searchable.searchable_queryset(world.anna))
        body = results._get_es_body()
        # Comments and posts are filtered by their selector on their own fields: what they
        # are on (the target's key, the discussion) and their state.
        own = {"kommentarer": "object_pk", "inlagg": "discussion_id"}
        field = f"{searchable.filter_field or own[searchable.key]}_filter"
        assert list(_find(body, field)), (searchable.key, body)
        autocomplete = es.autocomplete("rum", searchable.searchable_queryset(world.anna))
        json.dumps(autocomplete._get_es_body())


def test_the_comment_filter_sends_the_visible_targets_and_states(world, es):
    from blogs.tests.factories import make_blog, make_post

    blog = make_blog(world.erik, name="Kvalitetsbloggen")
    post = make_post(blog, title="Ny rutin")
    searchable = get_searchable("kommentarer")
    body = es.search(query.build(query.parse("rutin")),
                     searchable.searchable_queryset(world.outsider))._get_es_body()
    targets = list(_find(body, "object_pk_filter"))
    assert any(str(post.pk) in values for values in targets), targets
    # Fields of a child model are named with its table as prefix in the mapping.
    filters = json.dumps(body["query"]["bool"]["filter"])
    assert '"insidan_comments_comment__moderation_state_filter": "visible"' in filters
    assert '"must_not": {"term": {"insidan_comments_comment__moderation_state_filter": ' \
        '"removed"}}' in filters
