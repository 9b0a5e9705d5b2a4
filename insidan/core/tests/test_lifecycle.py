"""One inactivity rule for every kind of channel, and one command that runs every kind's check.

Before, rooms and forums counted "six months" as 183 days from settings of their own, blogs as
183 days hard-coded and were never checked (their check had no command), and the owner pages
and watch lists had their own arithmetic."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from notifications.models import Notification

from blogs.models import BlogPage
from blogs.selectors import inactive_blogs
from blogs.tests.factories import make_blog, make_post
from collab.models import Room
from collab.selectors import rooms_for_webbredaktionen
from collab.tests.factories import make_room
from forums.models import Forum
from forums.selectors import forums_for_webbredaktionen
from forums.tests.factories import ForumFactory
from insidan.core import lifecycle
from profiles.tests.factories import UserFactory

STOCKHOLM = ZoneInfo("Europe/Stockholm")


@pytest.mark.parametrize(("moment", "months", "expected"), [
    (datetime(2026, 8, 31, 12, tzinfo=STOCKHOLM), 6, datetime(2026, 2, 28, 12, tzinfo=STOCKHOLM)),
    (datetime(2028, 8, 31, 12, tzinfo=STOCKHOLM), 6, datetime(2028, 2, 29, 12, tzinfo=STOCKHOLM)),
    (datetime(2026, 3, 15, 9, tzinfo=STOCKHOLM), 9, datetime(2025, 6, 15, 9, tzinfo=STOCKHOLM)),
    (datetime(2026, 1, 10, tzinfo=STOCKHOLM), 12, datetime(2025, 1, 10, tzinfo=STOCKHOLM)),
])
def test_months_are_calendar_months(moment, months, expected):
    assert lifecycle.months_before(moment, months) == expected


def test_a_notice_is_sent_once_per_quiet_period():
    now = timezone.now()
    quiet_since = now - timedelta(days=200)

    assert lifecycle.needs_notice(last_activity_at=quiet_since, notified_at=None)
    assert not lifecycle.needs_notice(last_activity_at=quiet_since, notified_at=now)
    # Activity after the notice starts a new quiet period, which gets its own notice.
    assert lifecycle.needs_notice(last_activity_at=now, notified_at=now - timedelta(days=1))


@pytest.fixture
def quiet_channels(db, django_capture_on_commit_callbacks):
    """A room, an open forum and a blog, each with its owner, last active 100 days ago."""
    room_owner, forum_owner, blog_owner = UserFactory(), UserFactory(), UserFactory()
    room = make_room(room_owner, name="Tyst rum")
    forum = ForumFactory(owner=forum_owner, slug="tyst-forum", name="Tyst forum")
    blog = make_blog(blog_owner, name="Tyst blogg")
    make_post(blog)
    long_ago = timezone.now() - timedelta(days=100)
    Room.objects.filter(pk=room.pk).update(last_activity_at=long_ago)
    Forum.objects.filter(pk=forum.pk).update(last_activity_at=long_ago)
    blog.get_children().update(first_published_at=long_ago, last_published_at=long_ago)
    BlogPage.objects.filter(pk=blog.pk).update(created_at=long_ago)
    from blogs.models import BlogPostPage
    BlogPostPage.objects.child_of(blog).update(date=long_ago.date())
    return {"room": (room, room_owner), "forum": (forum, forum_owner),
            "blog": (blog, blog_owner)}


def _asked(user) -> int:
    return Notification.objects.filter(recipient=user, verb="channel_inactive").count()


def test_one_setting_decides_for_every_kind_and_the_command_runs_them_all(
        quiet_channels, django_capture_on_commit_callbacks, capsys):
    """With the default six months, 100 quiet days ask nobody; with CHANNEL_INACTIVE_NOTIFY_MONTHS
    at three, the one command asks the owner of the room, the forum and the blog, once."""
    owners = [owner for _channel, owner in quiet_channels.values()]
    with django_capture_on_commit_callbacks(execute=True):
        call_command("check_channel_activity")
    assert [_asked(owner) for owner in owners] == [0, 0, 0]

    with override_settings(CHANNEL_INACTIVE_NOTIFY_MONTHS=3), \
            django_capture_on_commit_callbacks(execute=True):
        call_command("check_channel_activity")
        call_command("check_channel_activity")
    assert [_asked(owner) for owner in owners] == [1, 1, 1]
    printed = capsys.readouterr().out
    assert "Samarbetsrum: inactive 1" in printed and "Bloggar: inactive 1" in printed
    notice = Notification.objects.get(recipient=quiet_channels["blog"][1])
    assert "på 3 månader" in notice.description
    # Each kind writes the notice in its audit log, blogs as rooms and forums do.
    from wagtail.models import PageLogEntry
    assert PageLogEntry.objects.filter(page=quiet_channels["blog"][0],
                                       action="insidan.blog.inactive").count() == 1


def test_one_setting_decides_every_watch_list(quiet_channels):
    room, forum, blog = (quiet_channels[kind][0] for kind in ("room", "forum", "blog"))
    now = timezone.now()

    assert room not in rooms_for_webbredaktionen(now=now)["inactive"]
    assert forum not in forums_for_webbredaktionen(now=now)["inactive"]
    assert blog not in inactive_blogs(now)
    with override_settings(CHANNEL_INACTIVE_LIST_MONTHS=3):
        assert room in rooms_for_webbredaktionen(now=now)["inactive"]
        assert forum in forums_for_webbredaktionen(now=now)["inactive"]
        assert blog in inactive_blogs(now)


def test_only_webbredaktionen_or_the_scheduler_runs_the_check(quiet_channels):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        lifecycle.check_channel_activity(actor=quiet_channels["room"][1])


def test_the_old_commands_still_run_their_kind(quiet_channels, django_capture_on_commit_callbacks):
    """Crontabs written for the earlier commands keep working."""
    room_owner, forum_owner = quiet_channels["room"][1], quiet_channels["forum"][1]
    with override_settings(CHANNEL_INACTIVE_NOTIFY_MONTHS=3), \
            django_capture_on_commit_callbacks(execute=True):
        call_command("check_room_activity")
        call_command("check_forum_activity")
    assert (_asked(room_owner), _asked(forum_owner)) == (1, 1)
