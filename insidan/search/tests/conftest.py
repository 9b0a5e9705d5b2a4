"""Search tests run against every configured backend: Wagtail's database backend always
(PostgreSQL's full-text search with the swedish configuration), and Elasticsearch 8 when
ELASTICSEARCH_URL names a server."""

import os
import uuid
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.utils.html import strip_tags
from modelsearch.backends import get_search_backend

from collab.tests.factories import add_member, make_room, room_terms
from forums import actions
from forums.tests.factories import ForumFactory
from insidan.search import query, selectors
from profiles.tests.factories import UserFactory

ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
NO_ELASTICSEARCH = (
    "ELASTICSEARCH_URL is not set, so there is no Elasticsearch server to run the search suite "
    "against; the index mapping and the query body are checked without a server in "
    "test_elasticsearch.py"
)


def database_backend() -> dict:
    return {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "swedish"}


@pytest.fixture(params=["database", "elasticsearch"])
def search_backend(request, settings, db):
    if request.param == "database":
        settings.WAGTAILSEARCH_BACKENDS = {"default": database_backend()}
        yield request.param
        return
    if not ELASTICSEARCH_URL:
        pytest.skip(NO_ELASTICSEARCH)
    settings.WAGTAILSEARCH_BACKENDS = {"default": {
        "BACKEND": "wagtail.search.backends.elasticsearch8",
        "URLS": [ELASTICSEARCH_URL],
        "INDEX_PREFIX": f"insidan_test_{uuid.uuid4().hex[:8]}_",
    }}
    call_command("update_index", verbosity=0)  # creates this test's indexes and mappings
    yield request.param
    for index in get_search_backend().all_indexes():
        index.delete()


@pytest.fixture
def find(search_backend):
    """Search as `user` for `text` the way /sok/ does (pass kind_key=…, page=…)."""

    def find(user, text: str, **kwargs) -> selectors.SearchResults:
        if search_backend == "elasticsearch":
            get_search_backend().refresh_indexes()
        return selectors.search(user, query.parse(text), **kwargs)

    return find


def titles(results) -> list[str]:
    """The hits' headings as text (without the <mark>s)."""
    return [strip_tags(hit.title) for hit in results.hits]


def count_of(results, key: str) -> int:
    return next(c.count for c in results.counts if c.searchable.key == key)


@pytest.fixture
def world(employee, other_employee, webbred):
    """Anna and Erik; an open forum; Erik's closed room, where Anna is a member; an outsider.
    Everything is made through the real actions, so the index is updated the way it is in use
    (on save)."""
    room_terms()
    outsider = UserFactory(username="utomstaende", first_name="Ulla", last_name="Utanför")
    it_forum = ForumFactory(name="IT-frågor", slug="it-fragor",
                            purpose="Frågor om datorer och system.")
    open_discussion = actions.start_discussion(
        actor=employee, forum=it_forum, title="Ny dator till praktikanten",
        body="Hur beställer jag en dator till en **praktikant**?",
    )
    open_reply = actions.reply(actor=other_employee, discussion=open_discussion,
                               body="Beställ den i e-tjänsten för IT-utrustning.")
    room = make_room(other_employee, closed=True, name="Projekt Kvarngärdet")
    add_member(room, employee)
    secret_discussion = actions.start_discussion(
        actor=other_employee, forum=room.forum, title="Fjärrvärme i kvarteret",
        body="Kalkylen för fjärrvärme ligger i rummet.",
    )
    return SimpleNamespace(
        anna=employee, erik=other_employee, webbred=webbred, outsider=outsider,
        it_forum=it_forum, open_discussion=open_discussion, open_reply=open_reply, room=room,
        secret_discussion=secret_discussion, secret_post=secret_discussion.posts.get(),
    )
