"""The owner's duties: moving a discussion, asking for decommissioning, Webbredaktionen carrying
it out, and the inactivity and ownerless checks."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone
from notifications.models import Notification
from wagtail.models import ModelLogEntry

from collab.tests.factories import add_member, make_room
from forums import actions
from forums.models import DecommissionRequest, Discussion, Forum
from forums.selectors import (
    discussions_visible_to,
    forums_for_webbredaktionen,
    ownerless_since,
)
from forums.tests.factories import ForumFactory
from insidan.archive.models import ArchiveRecord
from insidan.core.models import ChannelStatus, ModerationState
from insidan.moderation.actions import report_item
from insidan.moderation.models import ReportCategory
from profiles.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def forum(other_employee):
    return ForumFactory(owner=other_employee, slug="it-fragor", name="IT-frågor")


@pytest.fixture
def discussion(forum, employee):
    return actions.start_discussion(actor=employee, forum=forum, title="Skrivaren",
                                    body="Den skriver inte ut.")


def verbs(user) -> list[str]:
    return list(Notification.objects.filter(recipient=user).values_list("verb", flat=True))


# Moving a discussion


def test_owner_of_both_forums_moves_a_discussion_and_the_author_is_told(
    forum, discussion, employee, other_employee, django_capture_on_commit_callbacks
):
    target = ForumFactory(owner=UserFactory(), slug="skrivare", name="Skrivare")
    target.deputies.add(other_employee)
    with django_capture_on_commit_callbacks(execute=True):
        actions.move_discussion(actor=other_employee, discussion=discussion, to_forum=target)
    discussion.refresh_from_db()
    assert discussion.forum == target and discussion.posts.count() == 1
    assert ModelLogEntry.objects.filter(action="insidan.forum.move").exists()
    assert verbs(employee) == ["discussion_moved"]
    note = Notification.objects.get(recipient=employee)
    assert "från forumet IT-frågor till forumet Skrivare" in note.description
    assert note.data["url"] == discussion.get_absolute_url()


@pytest.mark.parametrize("who", ["author", "owner_of_one", "stranger"])
def test_moving_without_moderating_both_forums_is_refused(forum, discussion, employee,
                                                          other_employee, who):
    target = ForumFactory(slug="annat")
    actor = {"author": employee, "owner_of_one": other_employee, "stranger": UserFactory()}[who]
    with pytest.raises(PermissionDenied):
        actions.move_discussion(actor=actor, discussion=discussion, to_forum=target)
    discussion.refresh_from_db()
    assert discussion.forum == forum


def test_webbredaktionen_may_move_between_any_two_forums(forum, discussion, webbred):
    target = ForumFactory(slug="annat")
    actions.move_discussion(actor=webbred, discussion=discussion, to_forum=target)
    assert Discussion.objects.get(pk=discussion.pk).forum == target


def test_moving_into_a_closed_room_forum_hides_it_from_non_members(
    forum, discussion, employee, other_employee
):
    room = make_room(other_employee, closed=True)
    actions.move_discussion(actor=other_employee, discussion=discussion, to_forum=room.forum)
    outsider = UserFactory()
    assert not discussions_visible_to(outsider).filter(pk=discussion.pk).exists()
    assert not discussions_visible_to(employee).filter(pk=discussion.pk).exists()
    add_member(room, outsider)
    assert discussions_visible_to(outsider).filter(pk=discussion.pk).exists()


def test_author_who_cannot_read_the_new_forum_is_pointed_at_the_old_one(
    forum, discussion, employee, other_employee, django_capture_on_commit_callbacks
):
    room = make_room(other_employee, closed=True)
    with django_capture_on_commit_callbacks(execute=True):
        actions.move_discussion(actor=other_employee, discussion=discussion,
                                to_forum=room.forum)
    note = Notification.objects.get(recipient=employee)
    assert note.data["url"] == forum.get_absolute_url()


def test_open_report_cases_go_with_the_discussion(forum, discussion, other_employee):
    post = discussion.posts.get()
    case = report_item(actor=UserFactory(), item=post, category=ReportCategory.DEFAMATION,
                       text="Personangrepp").case
    target = ForumFactory(owner=other_employee, slug="annat")
    actions.move_discussion(actor=other_employee, discussion=discussion, to_forum=target)
    case.refresh_from_db()
    assert case.channel_id == str(target.pk)


def test_a_pending_decommission_request_moves_with_the_discussion(forum, discussion,
                                                                  other_employee):
    request = actions.request_decommission(actor=other_employee, forum=forum,
                                           discussion=discussion, reason="Inaktuell")
    target = ForumFactory(owner=other_employee, slug="annat")
    actions.move_discussion(actor=other_employee, discussion=discussion, to_forum=target)
    request.refresh_from_db()
    assert request.forum == target


def test_moving_to_the_same_or_an_inactive_forum_is_refused(forum, discussion, other_employee):
    closed_down = ForumFactory(owner=other_employee, slug="stangt",
                               status=ChannelStatus.DECOMMISSION_REQUESTED)
    for target in (forum, closed_down):
        with pytest.raises(PermissionDenied):
            actions.move_discussion(actor=other_employee, discussion=discussion,
                                    to_forum=target)


def test_move_page_offers_only_forums_the_owner_moderates(client, forum, discussion,
                                                          other_employee, employee):
    ForumFactory(owner=other_employee, slug="mitt-andra", name="Mitt andra forum")
    ForumFactory(slug="nagon-annans", name="Någon annans forum")
    client.force_login(other_employee)
    html = client.get(discussion.get_absolute_url()).content.decode()
    assert "Mitt andra forum" in html and "Någon annans forum" not in html
    response = client.post(f"{discussion.get_absolute_url()}flytta/", {"to_forum": "999999"},
                           follow=True)
    assert "Välj ett forum som du modererar." in response.content.decode()
    client.force_login(employee)
    assert "Flytta diskussionen" not in client.get(discussion.get_absolute_url()).content \
        .decode()


# Decommissioning


def test_owner_asks_webbredaktionen_to_decommission_the_forum(
    forum, other_employee, webbred, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        request = actions.request_decommission(actor=other_employee, forum=forum,
                                               reason="Används inte längre")
    forum.refresh_from_db()
    assert forum.status == ChannelStatus.DECOMMISSION_REQUESTED
    assert request.status == DecommissionRequest.Status.PENDING and request.discussion is None
    assert verbs(webbred) == ["decommission_requested"]
    assert ModelLogEntry.objects.filter(action="insidan.forum.request_decommission").exists()
    with pytest.raises(ValidationError):
        actions.request_decommission(actor=other_employee, forum=forum, reason="Igen")


@pytest.mark.parametrize("reason", ["", "   ", "x" * 1001])
def test_a_decommission_request_needs_a_reason(forum, other_employee, reason):
    with pytest.raises(ValidationError):
        actions.request_decommission(actor=other_employee, forum=forum, reason=reason)
    assert not DecommissionRequest.objects.exists()
    assert Forum.objects.get(pk=forum.pk).status == ChannelStatus.ACTIVE


def test_only_the_owner_asks(forum, discussion, employee, webbred):
    deputy = UserFactory()
    forum.deputies.add(deputy)
    for actor in (employee, deputy, webbred):
        with pytest.raises(PermissionDenied):
            actions.request_decommission(actor=actor, forum=forum, discussion=discussion,
                                         reason="Bort")
    assert not DecommissionRequest.objects.exists()


def test_a_room_forum_goes_with_its_room_but_one_discussion_may_go(employee, other_employee):
    room = make_room(other_employee, closed=True)
    discussion = actions.start_discussion(actor=other_employee, forum=room.forum, title="T",
                                          body="x")
    with pytest.raises(ValidationError, match="avvecklas med rummet"):
        actions.request_decommission(actor=other_employee, forum=room.forum, reason="Bort")
    request = actions.request_decommission(actor=other_employee, forum=room.forum,
                                           discussion=discussion, reason="Inaktuell")
    assert request.discussion == discussion


def test_webbredaktionen_archives_the_discussion_then_removes_it(
    settings, tmp_path, forum, discussion, other_employee, webbred, employee,
    django_capture_on_commit_callbacks,
):
    settings.ARCHIVE_ROOT = tmp_path / "arkiv"
    request = actions.request_decommission(actor=other_employee, forum=forum,
                                           discussion=discussion, reason="Inaktuell")
    with pytest.raises(PermissionDenied):
        actions.carry_out_decommission(actor=other_employee, decommission=request,
                                       reason="Inaktuell")
    with django_capture_on_commit_callbacks(execute=True):
        snapshot = actions.carry_out_decommission(actor=webbred, decommission=request,
                                                  reason="Inaktuell")
    discussion.refresh_from_db()
    assert discussion.moderation_state == ModerationState.REMOVED
    assert ArchiveRecord.objects.filter(object_id=str(discussion.pk)).exists()
    assert snapshot.item_count >= 1
    request.refresh_from_db()
    assert request.status == DecommissionRequest.Status.DONE and request.carried_out_by == webbred
    assert Forum.objects.get(pk=forum.pk).status == ChannelStatus.ACTIVE
    assert verbs(other_employee) == ["channel_archived"]
    from insidan.notify.selectors import notifications_for, visible

    assert len(visible(other_employee, notifications_for(other_employee))) == 1  # shown
    assert not discussions_visible_to(employee).filter(pk=discussion.pk).exists()


def test_an_open_report_case_blocks_decommissioning_and_nothing_changes(
    settings, tmp_path, forum, discussion, other_employee, webbred
):
    settings.ARCHIVE_ROOT = tmp_path / "arkiv"
    report_item(actor=UserFactory(), item=discussion.posts.get(),
                category=ReportCategory.DEFAMATION, text="Personangrepp")
    request = actions.request_decommission(actor=other_employee, forum=forum,
                                           reason="Används inte")
    with pytest.raises(ValidationError, match="anmälningsärende"):
        actions.carry_out_decommission(actor=webbred, decommission=request, reason="Bort")
    request.refresh_from_db()
    forum.refresh_from_db()
    assert request.status == DecommissionRequest.Status.PENDING
    assert forum.status == ChannelStatus.DECOMMISSION_REQUESTED
    assert not Notification.objects.filter(verb="channel_archived").exists()


def test_archiving_the_whole_forum_closes_its_discussion_requests(
    settings, tmp_path, forum, discussion, other_employee, webbred,
    django_capture_on_commit_callbacks,
):
    settings.ARCHIVE_ROOT = tmp_path / "arkiv"
    actions.request_decommission(actor=other_employee, forum=forum, discussion=discussion,
                                 reason="En tråd")
    whole = actions.request_decommission(actor=other_employee, forum=forum, reason="Allt")
    with django_capture_on_commit_callbacks(execute=True):
        actions.carry_out_decommission(actor=webbred, decommission=whole, reason="Allt")
    assert Forum.objects.get(pk=forum.pk).status == ChannelStatus.ARCHIVED
    assert not DecommissionRequest.objects.filter(
        status=DecommissionRequest.Status.PENDING).exists()
    # The owner is told, and sees it in /notiser/ although the forum itself is gone.
    from insidan.notify.selectors import notifications_for, visible

    shown = visible(other_employee, notifications_for(other_employee))
    assert [n.verb for n in shown] == ["channel_archived"]


# Inactivity and owners who left


def test_inactive_forum_owner_is_told_once_and_listed_after_nine_months(
    forum, other_employee, django_capture_on_commit_callbacks
):
    now = timezone.now()
    Forum.objects.filter(pk=forum.pk).update(last_activity_at=now - timedelta(days=190))
    with django_capture_on_commit_callbacks(execute=True):
        assert actions.check_forum_activity(now=now)["inactive"] == 1
        assert actions.check_forum_activity(now=now)["inactive"] == 0
    assert verbs(other_employee) == ["channel_inactive"]
    assert forum not in forums_for_webbredaktionen(now=now)["inactive"]
    Forum.objects.filter(pk=forum.pk).update(last_activity_at=now - timedelta(days=280))
    assert forum in forums_for_webbredaktionen(now=now)["inactive"]


def test_a_room_forum_is_left_to_the_room_check(employee, other_employee):
    room = make_room(other_employee)
    Forum.objects.filter(pk=room.forum.pk).update(
        last_activity_at=timezone.now() - timedelta(days=400))
    assert actions.check_forum_activity()["inactive"] == 0


def test_only_webbredaktionen_or_the_scheduler_runs_the_check(employee):
    with pytest.raises(PermissionDenied):
        actions.check_forum_activity(actor=employee)


def test_the_command_runs_the_check(forum, capsys):
    Forum.objects.filter(pk=forum.pk).update(
        last_activity_at=timezone.now() - timedelta(days=200))
    call_command("check_forum_activity")
    assert "Inaktiva forum (ägare påminda): 1" in capsys.readouterr().out


def test_a_departed_owner_leaves_the_forum_flagged_and_the_check_catches_a_missed_one(
    forum, other_employee, webbred
):
    assert ownerless_since(forum) is None
    # Deactivated without the staff import or the admin (no signal): a missed departure.
    type(other_employee).objects.filter(pk=other_employee.pk).update(is_active=False)
    assert actions.check_forum_activity()["ownerless"] == 1
    assert ownerless_since(forum) is not None
    assert forum in forums_for_webbredaktionen()["ownerless"]
    assert actions.check_forum_activity()["ownerless"] == 0


# Handing over


def test_webbredaktionen_appoints_a_new_owner_and_the_flag_closes(forum, other_employee,
                                                                   webbred, employee):
    type(other_employee).objects.filter(pk=other_employee.pk).update(is_active=False)
    actions.check_forum_activity()
    forum.deputies.add(employee)
    assert ownerless_since(forum) is not None
    actions.hand_over_forum(actor=webbred, forum=forum, new_owner=employee)
    forum.refresh_from_db()
    assert forum.owner == employee and not forum.deputies.filter(pk=employee.pk).exists()
    assert ownerless_since(forum) is None
    assert forum not in forums_for_webbredaktionen()["ownerless"]
    assert ModelLogEntry.objects.filter(action="insidan.forum.hand_over", user=webbred).exists()


def test_only_the_owner_or_webbredaktionen_hands_over(forum, employee):
    deputy = UserFactory()
    forum.deputies.add(deputy)
    for actor in (employee, deputy):
        with pytest.raises(PermissionDenied):
            actions.hand_over_forum(actor=actor, forum=forum, new_owner=actor)
    assert Forum.objects.get(pk=forum.pk).owner_id == forum.owner_id


def test_hand_over_refuses_a_departed_person_and_a_room_forum(forum, other_employee):
    departed = UserFactory(is_active=False)
    with pytest.raises(ValidationError):
        actions.hand_over_forum(actor=other_employee, forum=forum, new_owner=departed)
    room = make_room(other_employee)
    with pytest.raises(ValidationError, match="rummets ägare"):
        actions.hand_over_forum(actor=other_employee, forum=room.forum,
                                new_owner=UserFactory())


def test_decommission_request_rule_and_queryset_agree(forum, discussion, other_employee,
                                                      employee, webbred):
    from forums.permissions import can_view_decommission_request
    from forums.selectors import decommission_requests_visible_to

    room = make_room(UserFactory(), closed=True)
    room_discussion = actions.start_discussion(actor=room.owner, forum=room.forum, title="R",
                                               body="x")
    actions.request_decommission(actor=other_employee, forum=forum, discussion=discussion,
                                 reason="a")
    actions.request_decommission(actor=room.owner, forum=room.forum,
                                 discussion=room_discussion, reason="b")
    for user in (other_employee, employee, webbred, room.owner, UserFactory()):
        visible = set(decommission_requests_visible_to(user).values_list("pk", flat=True))
        for request in DecommissionRequest.objects.all():
            assert can_view_decommission_request(user, request) == (request.pk in visible)


def test_a_moved_discussion_is_found_only_where_it_may_be_read(
    forum, employee, other_employee, django_capture_on_commit_callbacks
):
    from insidan.search import query, selectors

    with django_capture_on_commit_callbacks(execute=True):
        discussion = actions.start_discussion(actor=employee, forum=forum,
                                              title="Fjärrvärmeavtalet", body="Utkast")
    outsider = UserFactory()
    assert selectors.search(outsider, query.parse("Fjärrvärmeavtalet")).total >= 1
    room = make_room(other_employee, closed=True)
    with django_capture_on_commit_callbacks(execute=True):
        actions.move_discussion(actor=other_employee, discussion=discussion,
                                to_forum=room.forum)
    assert selectors.search(outsider, query.parse("Fjärrvärmeavtalet")).total == 0
    assert selectors.search(other_employee, query.parse("Fjärrvärmeavtalet")).total >= 1
