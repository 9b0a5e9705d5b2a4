"""The archive's inspect pages show the object's whole title: Wagtail's header shows it in a
one-line breadcrumb that cuts a long title off ("Inlägg av Anna Lindqvist i Lunchpromen…")."""

import pytest
from django.urls import reverse

from forums.actions import start_discussion
from forums.tests.factories import ForumFactory
from insidan.archive.actions import archive_then_remove, register_item

pytestmark = pytest.mark.django_db

LONG_TITLE = ("Protokoll från samverkansmötet om den nya arbetsmiljöplanen för äldreomsorgen i "
              "Gottsunda och Valsätra, våren 2027")


def test_a_long_title_is_shown_whole_on_the_record_and_registration_pages(
        client, media, webbred, employee):
    discussion = start_discussion(actor=employee, forum=ForumFactory(), title=LONG_TITLE,
                                  body="Hej")
    registration = register_item(actor=webbred, item=discussion.posts.get(), description="X")
    record = archive_then_remove(actor=webbred, item=discussion.posts.get(), reason="Fel",
                                 notify_author=False)
    client.force_login(webbred)
    for name, obj in [("archive_records:inspect", record),
                      ("archive_registrations:inspect", registration)]:
        html = client.get(reverse(name, args=[obj.pk])).content.decode()
        assert f'<h2 class="w-h2" style="overflow-wrap: anywhere;">{obj}</h2>' in html
        assert len(str(obj)) > 80  # longer than the header's breadcrumb shows
