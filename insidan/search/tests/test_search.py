"""The search rules, run against every configured backend (see conftest.search_backend)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from collab import actions as collab_actions
from forums import actions
from forums.models import Post
from forums.selectors import posts_visible_to
from forums.tests.factories import ForumFactory
from insidan.archive.actions import archive_then_remove
from insidan.core.models import ModerationState
from insidan.search import selectors
from insidan.search.registry import get_searchable

from .conftest import count_of, titles

pytestmark = pytest.mark.django_db


def test_a_post_is_found_with_its_context_link_and_highlighted_snippet(world, find):
    results = find(world.outsider, "e-tjänsten")
    assert results.total == 1
    hit = results.hits[0]
    assert hit.searchable.key == "inlagg"
    assert str(hit.title) == "Ny dator till praktikanten"
    assert hit.context == "Inlägg av Erik Bergström i forumet IT-frågor"
    assert hit.url == f"/forum/it-fragor/{world.open_discussion.pk}/#inlagg-{world.open_reply.pk}"
    assert "<mark>e</mark>-<mark>tjänsten</mark>" in hit.snippet


def test_every_word_must_match(world, find):
    assert find(world.anna, "dator praktikant").total >= 1
    assert find(world.anna, "dator fjärrvärme").total == 0


def test_closed_room_content_is_found_only_by_members_and_webbredaktionen(world, find):
    for user in (world.anna, world.erik, world.webbred):
        results = find(user, "fjärrvärme")
        assert "Fjärrvärme i kvarteret" in titles(results), user
        assert count_of(results, "inlagg") == 1 and count_of(results, "diskussioner") == 1
    hit = next(h for h in find(world.anna, "fjärrvärme").hits if h.searchable.key == "inlagg")
    assert hit.context == "Inlägg av Erik Bergström i samarbetsrummet Projekt Kvarngärdet"
    results = find(world.outsider, "fjärrvärme")
    assert results.total == 0 and results.hits == []


def test_a_member_who_leaves_stops_finding_it_at_once(world, find):
    assert find(world.anna, "fjärrvärme").total == 2
    collab_actions.leave_room(actor=world.anna, room=world.room)
    assert find(world.anna, "fjärrvärme").total == 0


def test_removed_content_is_never_found(world, find):
    archive_then_remove(actor=world.webbred, item=world.open_reply, reason="Fel forum.")
    archive_then_remove(actor=world.webbred, item=world.secret_discussion, reason="Dubblett.")
    for user in (world.anna, world.erik, world.webbred, world.outsider):
        assert find(user, "e-tjänsten").total == 0, user
        assert find(user, "fjärrvärme").total == 0, user


def test_removed_content_is_left_out_by_the_search_filter_too(world, find, monkeypatch):
    """Even a selector that forgot the rule would not let removed content through."""
    monkeypatch.setattr(get_searchable("inlagg"), "_resolved", lambda user: Post.objects.all())
    assert find(world.anna, "e-tjänsten").total == 1
    world.open_reply.set_moderation_state(state=ModerationState.REMOVED, reason="r",
                                          at=timezone.now())  # the text stays in the index
    assert find(world.anna, "e-tjänsten").total == 0


def test_hidden_posts_are_found_by_their_author_and_moderators_only(world, find):
    world.open_reply.set_moderation_state(state=ModerationState.HIDDEN_PENDING_REVIEW,
                                          reason="Anmäld", at=timezone.now())
    assert find(world.erik, "e-tjänsten").total == 1  # the author
    assert find(world.it_forum.owner, "e-tjänsten").total == 1  # the forum's owner
    assert find(world.webbred, "e-tjänsten").total == 1
    assert find(world.anna, "e-tjänsten").total == 0
    assert find(world.outsider, "e-tjänsten").total == 0


def test_type_filter_counts_and_hits(world, find):
    results = find(world.anna, "dator", kind_key="inlagg")
    assert results.kind.key == "inlagg"
    assert {hit.searchable.key for hit in results.hits} == {"inlagg"}
    assert results.total == count_of(results, "inlagg") == 1
    assert count_of(results, "diskussioner") == 1
    everything = find(world.anna, "dator")  # on PostgreSQL also the forum about "datorer"
    assert everything.total == everything.all_count == sum(c.count for c in everything.counts)
    assert everything.total >= 2


def _many_posts(world, count: int, word: str = "budgetuppföljning"):
    forum = ForumFactory(name="Ekonomi", slug="ekonomi")
    discussion = actions.start_discussion(actor=world.anna, forum=forum, title="Löpande",
                                          body="Inledning.")
    for number in range(count):
        actions.reply(actor=world.erik, discussion=discussion, body=f"{word} nummer {number}")
    for number in range(count):
        actions.reply(actor=world.erik, discussion=world.secret_discussion,
                      body=f"{word} i rummet {number}")


def test_counts_and_pages_are_right_because_the_filter_is_in_the_query(world, find):
    _many_posts(world, 25)
    visible = posts_visible_to(world.outsider).filter(body__contains="budgetuppföljning")
    assert visible.count() == 25
    first = find(world.outsider, "budgetuppföljning")
    assert first.total == 25 and first.num_pages == 2 and len(first.hits) == 20
    second = find(world.outsider, "budgetuppföljning", page=2)
    assert len(second.hits) == 5
    urls = {hit.url for hit in first.hits} | {hit.url for hit in second.hits}
    assert len(urls) == 25
    assert not any("samarbetsrummet" in hit.context for hit in first.hits + second.hits)
    member = find(world.anna, "budgetuppföljning")
    assert member.total == 50 and member.num_pages == 3


def test_a_page_past_the_end_shows_the_last_page(world, find):
    _many_posts(world, 25)
    results = find(world.outsider, "budgetuppföljning", page=99)
    assert results.page_missing and results.number == 2 and len(results.hits) == 5
    assert find(world.outsider, "budgetuppföljning", page="x").number == 1
    assert find(world.outsider, "budgetuppföljning", page=-3).number == 1


def test_mixed_pages_hold_each_hit_once(world, find):
    _many_posts(world, 15, word="kvartalsrapport")
    ForumFactory(name="Kvartalsrapport", slug="kvartal", purpose="kvartalsrapport")
    pages = [find(world.anna, "kvartalsrapport", page=n) for n in (1, 2)]
    assert pages[0].total == 31  # 30 posts and the forum
    assert [len(p.hits) for p in pages] == [20, 11]
    keys = [(hit.searchable.key, hit.url) for p in pages for hit in p.hits]
    assert len(set(keys)) == 31


def test_the_visibility_subquery_is_part_of_the_search_sql(world, search_backend):
    if search_backend != "database":
        pytest.skip("the SQL is the database backend's; Elasticsearch is in test_elasticsearch")
    from insidan.search import query

    with CaptureQueriesContext(connection) as captured:
        selectors.search(world.outsider, query.parse("fjärrvärme"), kind_key="inlagg")
    searches = [q["sql"] for q in captured.captured_queries if "forums_post" in q["sql"]
                and "collab_membership" in q["sql"]]
    assert searches, "the post search must carry the room membership rule in its own SQL"
