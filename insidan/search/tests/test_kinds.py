"""The registry and each registered kind: rooms, documents, profiles, blogs, status updates."""

import pytest
from django.core import checks
from wagtail.search import index

from blogs.models import BlogPostPage
from blogs.tests.factories import make_blog, make_post
from collab import actions as collab_actions
from collab.models import Membership, Room
from collab.tests.factories import pdf_upload
from forums.models import Post
from insidan.search.checks import check_searchable_kinds
from insidan.search.registry import (
    all_searchables,
    get_searchable,
    register_searchable,
    searchables,
    unregister_searchable,
)
from profiles import actions as profile_actions
from profiles.tests.factories import UserFactory

from .conftest import count_of, titles

pytestmark = pytest.mark.django_db


def test_the_kinds_that_exist_now_are_searchable():
    keys = [s.key for s in searchables()]
    assert keys[:6] == ["rum", "forum", "diskussioner", "inlagg", "dokument", "bloggar"]
    assert {"blogginlagg", "kommentarer", "status", "personer"} <= set(keys)
    assert len(keys) == len(all_searchables())
    assert check_searchable_kinds(None) == []


def test_a_model_that_is_not_indexed_waits():
    searchable = register_searchable(key="test-ej-indexerad", label="Ej", model=Membership,
                                     visible="collab.selectors.rooms_visible_to",
                                     columns=dict, describe=str)
    try:
        assert "is not indexed" in searchable.problem
        assert get_searchable("test-ej-indexerad") is None
        assert check_searchable_kinds(None) == []  # silently, until it is indexed
    finally:
        unregister_searchable("test-ej-indexerad")


def test_a_kind_without_its_filter_field_is_left_out_and_the_check_says_why(monkeypatch):
    monkeypatch.setattr(Room, "search_fields", [
        f for f in Room.search_fields
        if not (isinstance(f, index.FilterField) and f.field_name == "id")
    ])
    assert get_searchable("rum") is None
    assert "rum" not in [s.key for s in searchables()]
    [warning] = check_searchable_kinds(None)
    assert warning.id == "search.W001" and warning.level == checks.WARNING
    assert 'collab.Room.search_fields needs index.FilterField("id")' in warning.msg


def test_a_page_kind_filtered_on_its_key_is_refused_with_elasticsearch(settings):
    """Django turns id__in on a page type into page_ptr_id IN (…), which the Elasticsearch
    backend drops (the database backends run the SQL as it is)."""
    searchable = register_searchable(key="test-sidor", label="Sidor", model=BlogPostPage,
                                      visible="blogs.selectors.blog_posts_visible_to",
                                      columns=dict, describe=str)
    try:
        assert searchable.problem == ""
        settings.WAGTAILSEARCH_BACKENDS = {"default": {
            "BACKEND": "wagtail.search.backends.elasticsearch8", "URLS": ["http://127.0.0.1:9"],
        }}
        assert "drops a filter on its primary key" in searchable.problem
        assert get_searchable("blogginlagg").problem == ""  # filtered on the page's path
    finally:
        unregister_searchable("test-sidor")


def test_a_missing_selector_is_a_problem_not_a_crash():
    searchable = register_searchable(key="test-saknas", label="Saknas", model=Post,
                                     visible="forums.selectors.does_not_exist",
                                     columns=dict, describe=str)
    try:
        assert "the selector forums.selectors.does_not_exist is missing" in searchable.problem
        assert "test-saknas" not in [s.key for s in searchables()]
    finally:
        unregister_searchable("test-saknas")


def test_an_app_can_take_over_its_registration():
    original = get_searchable("inlagg")
    replacement = register_searchable(key="inlagg", label="Foruminlägg", model=Post,
                                      visible=original.visible, columns=original.columns,
                                      describe=original.describe, order=original.order)
    try:
        assert get_searchable("inlagg") is replacement
    finally:
        register_searchable(key="inlagg", label=original.label, model=original.model,
                            visible=original.visible, columns=original.columns,
                            describe=original.describe, order=original.order)


def test_a_closed_room_is_presented_to_all_but_its_documents_only_to_members(world, find):
    collab_actions.upload_document(actor=world.erik, room=world.room,
                                   uploaded_file=pdf_upload("kalkyl.pdf"),
                                   title="Fjärrvärmekalkyl 2025")
    outsider = find(world.outsider, "kvarngärdet")
    assert titles(outsider) == ["Projekt Kvarngärdet"]  # the presentation, so people can apply
    assert outsider.hits[0].context == "Slutet samarbetsrum · Projektrum"
    assert find(world.outsider, "fjärrvärmekalkyl").total == 0
    member = find(world.anna, "fjärrvärmekalkyl")
    assert count_of(member, "dokument") == 1
    assert member.hits[0].context == "Dokument i samarbetsrummet Projekt Kvarngärdet"
    assert member.hits[0].url == f"/rum/{world.room.slug}/dokument/"
    assert find(world.webbred, "fjärrvärmekalkyl").total == 1
    collab_actions.leave_room(actor=world.anna, room=world.room)
    assert find(world.anna, "fjärrvärmekalkyl").total == 0


def test_people_are_found_by_name_while_they_are_employed(world, find):
    # The world's other people have random Swedish names: one may be a Bergström too.
    results = find(world.anna, "bergström", kind_key="personer")
    assert "Erik Bergström" in titles(results)
    erik = next(hit for hit in results.hits if hit.url == "/profil/erik/")
    assert erik.context.startswith("Person · Handläggare")
    world.erik.is_active = False
    world.erik.save(update_fields=["is_active"])
    after = find(world.anna, "bergström", kind_key="personer")
    assert "Erik Bergström" not in titles(after)
    assert after.total == results.total - 1


def test_blog_posts_are_found_with_their_blog(world, find):
    blog = make_blog(world.erik, name="Kvalitetsbloggen")
    post = make_post(blog, title="Ny rutin", body="<p>Om avvikelserapportering.</p>")
    results = find(world.outsider, "avvikelserapportering")
    assert titles(results) == ["Ny rutin"]
    assert results.hits[0].context == "Blogginlägg i bloggen Kvalitetsbloggen"
    assert results.hits[0].url == post.get_absolute_url()
    assert "<mark>avvikelserapportering</mark>" in results.hits[0].snippet
    assert titles(find(world.outsider, "kvalitetsbloggen", kind_key="bloggar")) == [
        "Kvalitetsbloggen"]


def test_status_updates_are_found(world, find):
    if not hasattr(profile_actions, "post_status_update"):
        pytest.skip("profiles.actions.post_status_update is not there yet")
    profile_actions.post_status_update(actor=world.erik, body="Jobbar med växelns nya menyer.")
    results = find(UserFactory(), "växelns")
    assert count_of(results, "status") == 1
    assert results.hits[0].context == "Statusuppdatering"
