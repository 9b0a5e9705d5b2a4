"""The forum owner page, the decommission forms and Webbredaktionen's watch list."""

from datetime import timedelta

import pytest
from django.utils import timezone

from collab.tests.factories import make_room
from forums import actions
from forums.models import DecommissionRequest, Discussion, Forum
from forums.tests.factories import ForumFactory
from insidan.core.models import ChannelStatus, ModerationState
from insidan.moderation.actions import open_case_from_owner
from profiles.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def forum(other_employee):
    return ForumFactory(owner=other_employee, slug="it-fragor", name="IT-frågor")


@pytest.fixture
def discussion(forum, employee):
    return actions.start_discussion(actor=employee, forum=forum, title="Skrivaren",
                                    body="Den skriver inte ut.")


def owner_url(forum) -> str:
    return f"{forum.get_absolute_url()}agare/"


def test_owner_page_is_for_owners_deputies_and_webbredaktionen(
    client, forum, employee, other_employee, webbred
):
    deputy = UserFactory()
    forum.deputies.add(deputy)
    for user, status in [(other_employee, 200), (deputy, 200), (webbred, 200),
                         (employee, 404)]:
        client.force_login(user)
        assert client.get(owner_url(forum)).status_code == status, user
    client.logout()
    assert client.get(owner_url(forum)).status_code != 200


def test_owner_page_shows_cases_inactivity_deputies_and_ownerless(
    client, forum, discussion, other_employee, webbred
):
    deputy = UserFactory(first_name="Dana", last_name="Deputat")
    forum.deputies.add(deputy)
    open_case_from_owner(actor=other_employee, item=discussion.posts.get(), reason="Ton")
    Forum.objects.filter(pk=forum.pk).update(
        last_activity_at=timezone.now() - timedelta(days=200))
    client.force_login(other_employee)
    html = client.get(owner_url(forum)).content.decode()
    assert "Skrivaren" in html and "dolt i väntan på granskning" in html
    assert "Dana Deputat" in html
    assert "Håll forumet levande" in html
    assert "saknar ägare" not in html
    assert client.get(owner_url(forum))["Cache-Control"].count("no-store") == 1
    type(other_employee).objects.filter(pk=other_employee.pk).update(is_active=False)
    actions.check_forum_activity()
    client.force_login(webbred)
    assert "Forumet saknar ägare" in client.get(owner_url(forum)).content.decode()


def test_owner_asks_for_decommissioning_on_the_owner_page(client, forum, other_employee):
    client.force_login(other_employee)
    response = client.post(f"{owner_url(forum)}avveckla/", {"reason": ""}, follow=True)
    assert "Skriv ett skäl." in response.content.decode()
    assert not DecommissionRequest.objects.exists()
    response = client.post(f"{owner_url(forum)}avveckla/", {"reason": "Används inte"},
                           follow=True)
    html = response.content.decode()
    assert "Begäran om avveckling är skickad" in html and "Används inte" in html
    assert "Begär att forumet avvecklas" not in html  # asked once


def test_a_deputy_cannot_ask_and_nothing_changes(client, forum):
    deputy = UserFactory()
    forum.deputies.add(deputy)
    client.force_login(deputy)
    response = client.post(f"{owner_url(forum)}avveckla/", {"reason": "Bort"}, follow=True)
    assert "Endast forumets ägare" in response.content.decode()
    assert Forum.objects.get(pk=forum.pk).status == ChannelStatus.ACTIVE


def test_owner_asks_for_one_discussion_from_its_page(client, forum, discussion, other_employee,
                                                     employee):
    client.force_login(employee)
    assert "Begär att diskussionen avvecklas" not in client.get(
        discussion.get_absolute_url()).content.decode()
    client.force_login(other_employee)
    url = f"{discussion.get_absolute_url()}avveckla/"
    assert client.get(url).status_code == 405
    client.post(url, {"reason": "Inaktuell"})
    assert DecommissionRequest.objects.get().discussion == discussion


def test_watch_list_and_carrying_out_are_webbredaktionen_only(
    client, settings, tmp_path, forum, discussion, other_employee, webbred
):
    settings.ARCHIVE_ROOT = tmp_path / "arkiv"
    request = actions.request_decommission(actor=other_employee, forum=forum,
                                           discussion=discussion, reason="Inaktuell")
    client.force_login(other_employee)
    assert client.get("/forum/bevakning/").status_code == 404
    assert client.post(f"/forum/bevakning/{request.pk}/arkivera/",
                       {"reason": "x"}).status_code == 404
    assert Discussion.objects.get(pk=discussion.pk).moderation_state == ModerationState.VISIBLE
    client.force_login(webbred)
    html = client.get("/forum/bevakning/").content.decode()
    assert "Diskussionen ”Skrivaren” i IT-frågor" in html and "Inaktuell" in html
    response = client.post(f"/forum/bevakning/{request.pk}/arkivera/", {"reason": ""},
                           follow=True)
    assert "är arkiverat och avvecklat" in response.content.decode()
    assert Discussion.objects.get(pk=discussion.pk).moderation_state == ModerationState.REMOVED
    assert client.post(f"/forum/bevakning/{request.pk}/arkivera/").status_code == 404


def test_room_forum_owner_page_shows_only_forum_cases(client, employee, other_employee):
    room = make_room(other_employee, closed=True)
    discussion = actions.start_discussion(actor=other_employee, forum=room.forum,
                                          title="Rumstråd", body="x")
    open_case_from_owner(actor=other_employee, item=discussion.posts.get(), reason="Ton")
    client.force_login(other_employee)
    html = client.get(owner_url(room.forum)).content.decode()
    assert "Rumstråd" in html and "Rummets ägarsida" in html
    assert "Begär att forumet avvecklas" not in html
    client.force_login(employee)
    assert client.get(owner_url(room.forum)).status_code == 404


def test_forum_slugs_never_take_the_paths_of_pages(webbred, employee):
    from forums.actions.requests import _unique_slug

    assert _unique_slug("Bevakning") == "bevakning-2"
    assert _unique_slug("Ny") == "ny-2"


def count_queries(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _grow(forum, owner, *, discussions: int) -> None:
    for n in range(discussions):
        discussion = actions.start_discussion(actor=UserFactory(), forum=forum,
                                              title=f"Tråd {forum.pk}-{n}", body="x")
        open_case_from_owner(actor=owner, item=discussion.posts.get(), reason="Ton")
        actions.request_decommission(actor=owner, forum=forum, discussion=discussion,
                                     reason="Inaktuell")
    forum.deputies.add(UserFactory())


def test_owner_page_and_watch_list_run_a_fixed_number_of_queries(
    client, forum, other_employee, webbred
):
    _grow(forum, other_employee, discussions=1)
    client.force_login(other_employee)
    small_owner = count_queries(client, owner_url(forum))
    client.force_login(webbred)
    small_watch = count_queries(client, "/forum/bevakning/")
    _grow(forum, other_employee, discussions=5)
    other = ForumFactory(owner=UserFactory())
    _grow(other, other.owner, discussions=3)
    Forum.objects.update(last_activity_at=timezone.now() - timedelta(days=300))
    assert count_queries(client, "/forum/bevakning/") == small_watch
    client.force_login(other_employee)
    assert count_queries(client, owner_url(forum)) == small_owner


def test_owner_hands_the_forum_over_on_the_owner_page(client, forum, other_employee,
                                                      employee):
    client.force_login(other_employee)
    url = f"{owner_url(forum)}overlamna/"
    response = client.post(url, {"new_owner": "finns-inte"}, follow=True)
    assert "Det finns ingen aktiv medarbetare" in response.content.decode()
    assert Forum.objects.get(pk=forum.pk).owner == other_employee
    response = client.post(url, {"new_owner": employee.username}, follow=True)
    assert "Anna Lindqvist är nu forumets ägare." in response.content.decode()
    assert Forum.objects.get(pk=forum.pk).owner == employee
    assert client.get(owner_url(forum)).status_code == 404  # no longer the owner


def test_a_forum_asked_to_be_decommissioned_says_so_and_takes_no_posts(
    client, forum, discussion, other_employee, employee
):
    actions.request_decommission(actor=other_employee, forum=forum, reason="Används inte")
    client.force_login(employee)
    html = client.get(discussion.get_absolute_url()).content.decode()
    assert "Ägaren har begärt att forumet avvecklas" in html
    assert "Ditt inlägg" not in html
    client.post(discussion.get_absolute_url(), {"body": "Ändå ett svar"})
    assert discussion.posts.count() == 1


def test_requests_overtaken_by_events_leave_the_watch_list(client, employee, other_employee,
                                                           webbred, settings, tmp_path):
    from insidan.archive.actions import archive_channel

    settings.ARCHIVE_ROOT = tmp_path / "arkiv"
    room = make_room(other_employee)
    discussion = actions.start_discussion(actor=other_employee, forum=room.forum,
                                          title="Rumstråden", body="x")
    actions.request_decommission(actor=other_employee, forum=room.forum, discussion=discussion,
                                 reason="Inaktuell")
    client.force_login(webbred)
    assert "Rumstråden" in client.get("/forum/bevakning/").content.decode()
    archive_channel(actor=webbred, channel=room, reason="Rummet avvecklas")
    assert "Rumstråden" not in client.get("/forum/bevakning/").content.decode()


def test_a_reason_with_its_own_period_is_not_shown_with_two(client, forum, other_employee):
    """"klarspråksnätverket.. Väntar på webbredaktionen." on the owner page."""
    client.force_login(other_employee)
    html = client.post(f"{owner_url(forum)}avveckla/",
                       {"reason": "Flyttar till klarspråksnätverket."}, follow=True
                       ).content.decode()
    assert "klarspråksnätverket. Väntar på webbredaktionen." in html
    assert ".." not in html.replace("...", "")
