"""The start page's faces (photo or initials beside each person in the feed) and its side
column (the reader's rooms, followed forums and blogs, and what waits for them)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from blogs import actions as blog_actions
from blogs.tests.factories import make_blog
from collab import actions as room_actions
from collab.models import Membership
from collab.tests.factories import add_member, make_room
from forums import actions as forum_actions
from forums.tests.factories import ForumFactory
from profiles.actions import follow, post_status_update, set_photo
from profiles.tests.factories import UserFactory
from profiles.tests.images import image_upload

pytestmark = pytest.mark.django_db


def with_photo(user):
    set_photo(actor=user, profile=user.profile, upload=image_upload())
    user.profile.refresh_from_db()
    return user


def start_page(client) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/")
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_each_feed_item_shows_the_writers_photo_or_initials(client, employee, other_employee):
    forum = ForumFactory()
    forum_actions.set_following(actor=employee, target=forum, following=True)
    with_photo(other_employee)
    forum_actions.start_discussion(actor=other_employee, forum=forum, title="Fika",
                                   body="Kaka i köket.")
    lars = UserFactory(username="lars", first_name="Lars", last_name="Ek")
    forum_actions.start_discussion(actor=lars, forum=forum, title="Parkering",
                                   body="Var ställer ni bilen?")
    client.force_login(employee)
    html, _count = start_page(client)
    photo = (f'src="/profil/erik/foto/small/?v={other_employee.profile.photo_id}" alt=""')
    assert photo in html  # decorative: the name is written beside it
    assert re.search(r'<span class="avatar[^"]*avatar--initials" aria-hidden="true">LE</span>',
                     html)


def test_a_new_photo_shows_at_once_in_a_cached_feed_item(client, employee, other_employee):
    forum = ForumFactory()
    forum_actions.set_following(actor=employee, target=forum, following=True)
    forum_actions.start_discussion(actor=other_employee, forum=forum, title="Fika",
                                   body="Kaka i köket.")
    client.force_login(employee)
    assert ">EB</span>" in start_page(client)[0]
    with_photo(other_employee)
    html = start_page(client)[0]
    assert ">EB</span>" not in html
    assert f"/profil/erik/foto/small/?v={other_employee.profile.photo_id}" in html


@pytest.mark.parametrize("kind", ["forum", "status"])
def test_the_start_page_reads_faces_with_their_rows(client, employee, kind):
    """2 and 20 writers with photos: the same number of queries."""
    forum = ForumFactory()
    forum_actions.set_following(actor=employee, target=forum, following=True)
    client.force_login(employee)
    counts = []
    writers = []
    for total in (2, 20):
        while len(writers) < total:
            writer = with_photo(UserFactory())
            writers.append(writer)
            if kind == "forum":
                forum_actions.start_discussion(actor=writer, forum=forum,
                                               title=f"Tråd {len(writers)}", body="Hej")
            else:
                follow(actor=employee, user=writer)
                post_status_update(actor=writer, body=f"Status {len(writers)}")
        html, count = start_page(client)
        assert html.count('class="avatar avatar--small"') == total
        counts.append(count)
    assert counts[0] == counts[1], counts


def test_the_side_column_lists_my_rooms_forums_and_blogs_and_what_waits(client, employee,
                                                                         other_employee):
    owned = make_room(employee, closed=True, name="Styrgrupp Kvarngärdet")
    room_actions.apply_for_membership(actor=other_employee, room=owned, message="Får jag?")
    add_member(make_room(other_employee, name="Lunchgänget"), employee)
    make_room(other_employee, name="Ett rum jag inte är med i")
    forum_actions.set_following(actor=employee, target=ForumFactory(name="Klarspråk"),
                                following=True)
    ForumFactory(name="Ett forum jag inte följer")
    blog_actions.set_following(actor=employee, blog=make_blog(name="IT-bloggen"),
                               following=True)
    make_blog(name="HR-bloggen")
    client.force_login(employee)
    html = start_page(client)[0]
    assert "Sociala funktioner" not in html  # the box that repeated the top menu
    side = html[html.index('class="home-side"'):html.index('class="feed"')]
    assert "1 medlemsansökan väntar i Styrgrupp Kvarngärdet." in side
    assert "Mina rum" in side and "Styrgrupp Kvarngärdet" in side and "Lunchgänget" in side
    assert "Forum du följer" in side and "Klarspråk" in side
    assert "Bloggar du följer" in side and "IT-bloggen" in side
    for not_mine in ("Ett rum jag inte är med i", "Ett forum jag inte följer", "HR-bloggen"):
        assert not_mine not in side


def test_a_reader_with_no_places_is_shown_where_to_find_them(client):
    client.force_login(UserFactory())
    side = start_page(client)[0]
    assert "Mina platser" in side and "Hitta ett samarbetsrum" in side


def test_the_side_column_runs_a_fixed_number_of_queries(client, employee, other_employee):
    """1 and 9 rooms, followed forums and blogs: the same number of queries (and more than
    the list shows: the lists stop at 8 with a link to all)."""
    client.force_login(employee)
    counts = []
    for total in (1, 9):
        while Membership.objects.filter(user=employee).count() < total:
            add_member(make_room(other_employee), employee)
            forum_actions.set_following(actor=employee, target=ForumFactory(),
                                        following=True)
            blog_actions.set_following(actor=employee, blog=make_blog(name=f"Blogg {total}"
                                       f"-{Membership.objects.count()}"), following=True)
        html, count = start_page(client)
        counts.append(count)
    assert counts[0] == counts[1], counts
    assert "?mina=1" in html  # more rooms than are shown: a link to all of them
