"""Faces beside people in lists (insidan.core.faces): each list reads the photos with its
rows, so a page of 20 writers with photos runs as many queries as a page of 2, and a photo
that changes shows at once although the items come from the fragment cache."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from blogs.tests.factories import make_blog, make_post
from collab.tests.factories import add_member, make_room
from forums import actions as forum_actions
from forums.tests.factories import ForumFactory
from insidan.comments.actions import post_comment
from insidan.core.faces import Face
from profiles.actions import post_status_update, remove_photo, set_photo
from profiles.tests.factories import UserFactory
from profiles.tests.images import image_upload

pytestmark = pytest.mark.django_db

PHOTO = '<img class="avatar avatar--'


def with_photo(user):
    set_photo(actor=user, profile=user.profile, upload=image_upload())
    return user


def page(client, url: str) -> tuple[str, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), [query["sql"] for query in queries.captured_queries]


def grow_and_count(client, url: str, add) -> list[list[str]]:
    """The page's queries with 2 and with 20 people with photos (`add(n)` adds the n-th),
    each a rendering of every item (nothing in the fragment cache)."""
    from django.core.cache import cache

    counts, added = [], 0
    for total in (2, 20):
        while added < total:
            added += 1
            add(added)
        page(client, url)  # the reader's first visit since the growth (read marks move)
        cache.clear()
        html, queries = page(client, url)
        assert html.count(PHOTO) >= total and ' alt=""' in html
        counts.append(queries)
    return counts


def test_forum_posts_show_faces_in_a_fixed_number_of_queries(client, employee):
    forum = ForumFactory()
    discussion = forum_actions.start_discussion(actor=employee, forum=forum, title="Tråd",
                                                body="Hej")
    client.force_login(employee)
    counts = grow_and_count(client, discussion.get_absolute_url(), lambda n: forum_actions.reply(
        actor=with_photo(UserFactory()), discussion=discussion, body=f"Svar {n}"))
    assert len(counts[0]) == len(counts[1]), "\n\n".join(counts[1])


def test_blog_comments_show_faces_in_a_fixed_number_of_queries(client, employee):
    post = make_post(make_blog())
    client.force_login(employee)
    counts = grow_and_count(client, post.url, lambda n: post_comment(
        actor=with_photo(UserFactory()), target=post, text=f"Kommentar {n}"))
    assert len(counts[0]) == len(counts[1]), "\n\n".join(counts[1])


def test_status_comments_show_faces_in_a_fixed_number_of_queries(client, employee):
    update = post_status_update(actor=employee, body="Ny på jobbet!")
    client.force_login(employee)
    counts = grow_and_count(client, "/profil/anna/", lambda n: post_comment(
        actor=with_photo(UserFactory()), target=update, text=f"Välkommen {n}"))
    assert len(counts[0]) == len(counts[1]), "\n\n".join(counts[1])


def test_room_members_show_faces_in_a_fixed_number_of_queries(client, employee):
    room = make_room(employee, name="Lunchgänget")
    client.force_login(employee)
    counts = grow_and_count(client, room.get_absolute_url(),
                            lambda n: add_member(room, with_photo(UserFactory())))
    assert len(counts[0]) == len(counts[1]), "\n\n".join(counts[1])


def test_a_changed_photo_shows_at_once_in_cached_posts(client, employee, other_employee):
    forum = ForumFactory()
    discussion = forum_actions.start_discussion(actor=employee, forum=forum, title="Tråd",
                                                body="Hej")
    forum_actions.reply(actor=with_photo(other_employee), discussion=discussion, body="Svar")
    client.force_login(employee)
    url = discussion.get_absolute_url()
    first = other_employee.profile.photo_id
    assert f"/profil/erik/foto/small/?v={first}" in page(client, url)[0]
    with_photo(other_employee)
    other_employee.profile.refresh_from_db()
    html = page(client, url)[0]
    assert f"?v={first}" not in html
    assert f"/profil/erik/foto/small/?v={other_employee.profile.photo_id}" in html
    remove_photo(actor=other_employee, profile=other_employee.profile)
    html = page(client, url)[0]
    assert "/profil/erik/foto/" not in html and ">EB</span>" in html


def test_a_face_shows_initials_and_no_photo_for_a_deactivated_person():
    assert Face(username="anna", first_name="anna", last_name="lindqvist").initials == "AL"
    assert Face(username="anna").initials == "A"
    assert not Face(username="anna", photo_id=3, is_active=False).shows_photo
