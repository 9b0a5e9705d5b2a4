"""Following forums and discussions: who is told of a new post, and who is not."""

import pytest
from django.core.exceptions import PermissionDenied
from notifications.models import Notification
from wagtail.models import ModelLogEntry

from collab.tests.factories import add_member, make_room
from forums import actions
from forums.models import Follow
from forums.tests.factories import ForumFactory
from profiles.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def forum(other_employee):
    return ForumFactory(owner=other_employee, slug="it-fragor", name="IT-frågor")


def told(event="new_post_followed") -> set[str]:
    return set(Notification.objects.filter(verb=event)
               .values_list("recipient__username", flat=True))


def test_forum_followers_are_told_of_new_discussions_and_replies(
    forum, employee, django_capture_on_commit_callbacks
):
    follower, writer = UserFactory(username="foljare"), UserFactory(username="skribent")
    actions.set_following(actor=follower, target=forum, following=True)
    with django_capture_on_commit_callbacks(execute=True):
        discussion = actions.start_discussion(actor=writer, forum=forum, title="Skrivaren",
                                              body="Hjälp")
    assert told() == {"foljare"}
    with django_capture_on_commit_callbacks(execute=True):
        actions.reply(actor=employee, discussion=discussion, body="Svar")
    assert Notification.objects.filter(recipient=follower).count() == 2
    assert Notification.objects.filter(recipient=writer).count() == 1  # follows what they start
    assert not Notification.objects.filter(recipient=employee).exists()  # never the author


def test_unfollowing_a_discussion_stops_the_notices(
    forum, employee, other_employee, django_capture_on_commit_callbacks
):
    discussion = actions.start_discussion(actor=employee, forum=forum, title="T", body="Hej")
    assert actions.set_following(actor=employee, target=discussion, following=False)
    assert not actions.set_following(actor=employee, target=discussion, following=False)
    with django_capture_on_commit_callbacks(execute=True):
        actions.reply(actor=other_employee, discussion=discussion, body="Svar")
    assert told() == set()
    assert ModelLogEntry.objects.filter(action="insidan.forum.unfollow", user=employee).count() == 1


def test_a_member_who_left_a_closed_room_is_not_told(
    employee, other_employee, django_capture_on_commit_callbacks
):
    room = make_room(other_employee, closed=True, name="Projekt Ån")
    add_member(room, employee)
    discussion = actions.start_discussion(actor=employee, forum=room.forum, title="Plan",
                                          body="Utkast")
    from collab.actions import leave_room

    leave_room(actor=employee, room=room)
    with django_capture_on_commit_callbacks(execute=True):
        actions.reply(actor=other_employee, discussion=discussion, body="Hemligt svar")
    assert Follow.objects.filter(user=employee, discussion=discussion).exists()
    assert told() == set()


def test_only_what_the_user_may_read_can_be_followed(employee, other_employee):
    room = make_room(other_employee, closed=True)
    with pytest.raises(PermissionDenied):
        actions.set_following(actor=employee, target=room.forum, following=True)
    assert not Follow.objects.exists()


def test_follow_buttons_are_post_only_and_toggle(client, forum, employee):
    client.force_login(employee)
    url = f"{forum.get_absolute_url()}folj/"
    assert client.get(url).status_code == 405
    page = client.post(url, {"folj": "ja"}, follow=True).content.decode()
    assert "Sluta följa forumet" in page
    assert Follow.objects.filter(user=employee, forum=forum).exists()
    page = client.post(url, {"folj": "nej"}, follow=True).content.decode()
    assert "Följ forumet" in page and not Follow.objects.exists()


def test_following_a_hidden_forum_answers_404(client, employee, other_employee):
    room = make_room(other_employee, closed=True)
    client.force_login(employee)
    assert client.post(f"{room.forum.get_absolute_url()}folj/", {"folj": "ja"}).status_code \
        == 404
    assert not Follow.objects.exists()


def test_feed_says_why_a_followed_post_is_there(client, forum, employee, other_employee):
    discussion = actions.start_discussion(actor=other_employee, forum=forum, title="Tråden",
                                          body="Start")
    actions.set_following(actor=employee, target=discussion, following=True)
    actions.reply(actor=UserFactory(), discussion=discussion, body="Nytt svar i tråden")
    client.force_login(employee)
    html = client.get("/").content.decode()
    assert "Nytt svar i tråden" in html and "i en diskussion du följer" in html


def test_a_reply_costs_the_same_queries_however_many_follow(forum, employee):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    discussion = actions.start_discussion(actor=employee, forum=forum, title="T", body="Hej")
    writer = UserFactory()
    actions.reply(actor=writer, discussion=discussion, body="Första")  # writer follows now

    def queries_for_a_reply() -> int:
        with CaptureQueriesContext(connection) as queries:
            actions.reply(actor=writer, discussion=discussion, body="Ännu ett svar")
        return len(queries)

    few = queries_for_a_reply()
    for _ in range(30):
        actions.set_following(actor=UserFactory(), target=forum, following=True)
    assert queries_for_a_reply() == few
