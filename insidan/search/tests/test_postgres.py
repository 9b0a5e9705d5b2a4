"""The PostgreSQL statement (postgres.py) finds exactly what each kind's backend search finds,
in the same order, for every viewer; only the counting stops at COUNT_CAP, and the page says
so."""

from unittest import mock

import pytest
from django.db import connection

from insidan.comments.tests.test_visibility import fixtures as comment_fixtures  # noqa: F401
from insidan.search import postgres, query, selectors

from .test_views import _add_content, anna_client, page  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db


def _search(user, text, **kwargs):
    return selectors.search(user, query.parse(text), **kwargs)


def _through_the_backend(user, text, **kwargs):
    """The same search through each kind's backend queryset (the generic path)."""
    with mock.patch.object(postgres, "applies", lambda backend: False):
        return _search(user, text, **kwargs)


def _shown(results):
    return ([(c.searchable.key, c.count, c.capped) for c in results.counts],
            results.total, results.number, results.num_pages, results.page_missing,
            [(hit.searchable.key, hit.url) for hit in results.hits])


@pytest.fixture
def content(world):
    _add_content(world, 8)  # 8 of every kind, so that there are several pages
    return world


@pytest.mark.parametrize("who", ["anna", "erik", "outsider", "webbred"])
def test_the_same_hits_in_the_same_order_as_the_backend(content, who):
    user = getattr(content, who)
    for params in ({}, {"page": 2}, {"page": 99}, {"kind_key": "inlagg"},
                   {"kind_key": "inlagg", "page": 2}, {"kind_key": "kommentarer"},
                   {"kind_key": "forum"}):
        for text in ("budgetfråga", "fjärrvärme", "budgetfråga rummet", "ingenting"):
            assert _shown(_search(user, text, **params)) == \
                _shown(_through_the_backend(user, text, **params)), (who, text, params)


def test_a_closed_rooms_hits_stay_out_for_an_outsider(content):
    results = _search(content.outsider, "fjärrvärme")
    assert results.total == 0 and results.hits == []
    assert _search(content.anna, "fjärrvärme").total == 2  # the discussion and its post


def test_counting_stops_at_the_cap_and_the_page_says_so(content, anna_client):  # noqa: F811
    with mock.patch.object(postgres, "COUNT_CAP", 5):
        results = _search(content.anna, "budgetfråga")
        posts = next(c for c in results.counts if c.searchable.key == "inlagg")
        assert posts.count == 5 and posts.capped and results.count_capped
        assert all(c.count <= 5 for c in results.counts)
        # The best hits are still those of the whole set: the page is the backend's page.
        assert [h.url for h in results.hits] == \
            [h.url for h in _through_the_backend(content.anna, "budgetfråga").hits]
        one_kind = _search(content.anna, "budgetfråga", kind_key="inlagg")
        assert one_kind.total == 5 and one_kind.num_pages == 1 and len(one_kind.hits) == 5
        _response, html = page(anna_client, q="budgetfråga")
        assert f"Över {results.total} träffar för ”budgetfråga”" in html
        assert "Inlägg (över 5)" in html
        _response, html = page(anna_client, q="budgetfråga", typ="inlagg")
        assert "Här visas de 5 träffar som passar bäst." in html


def test_the_words_are_matched_with_an_index():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = %s",
                       ["search_indexentry_title_body_gin"])
        (definition,) = cursor.fetchone()
    assert "gin" in definition and "(title || body)" in definition


def test_comments_searchable_by_is_comments_visible_to(comment_fixtures):  # noqa: F811
    """The form that checks one comment at a time (kinds: checked_by) selects the same
    comments for every user, on targets and comments in every state."""
    from insidan.comments.selectors import comments_searchable_by, comments_visible_to

    users, comments = comment_fixtures
    assert len(comments) == 8
    for user in users:
        assert set(comments_searchable_by(user).values_list("pk", flat=True)) == \
            set(comments_visible_to(user).values_list("pk", flat=True)), user
