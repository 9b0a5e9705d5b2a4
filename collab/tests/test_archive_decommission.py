"""Webbredaktionen carries out a room's decommission request: archived first, then taken down."""

import pytest

from collab import actions
from forums.actions import start_discussion
from insidan.archive.models import ArchiveRecord, Snapshot
from insidan.core.models import ChannelStatus

pytestmark = pytest.mark.django_db


def test_webbredaktionen_archives_a_room_the_owner_asked_to_decommission(
    client, closed_room, other_employee, webbred, employee
):
    discussion = start_discussion(actor=other_employee, forum=closed_room.forum,
                                  title="Slutrapport", body="Projektet är klart.")
    actions.request_decommission(actor=other_employee, room=closed_room,
                                 reason="Projektet är avslutat.")
    url = f"/rum/{closed_room.slug}/arkivera/"
    client.force_login(employee)
    assert client.post(url, {"reason": "x"}).status_code == 404
    client.force_login(webbred)
    page = client.get("/rum/bevakning/").content.decode()
    assert f"Arkivera och avveckla {closed_room.name}" in page
    response = client.post(url, {"reason": "Projektet är avslutat."}, follow=True)
    assert "är arkiverat och avvecklat" in response.content.decode()
    closed_room.refresh_from_db()
    assert closed_room.status == ChannelStatus.ARCHIVED
    assert Snapshot.objects.filter(kind="channel").count() == 1
    record = ArchiveRecord.objects.get(object_type="forums.post",
                                       object_id=str(discussion.posts.get().pk))
    assert record.content_text == "Projektet är klart."


def test_a_room_without_a_request_cannot_be_archived_from_the_list(client, open_room, webbred):
    client.force_login(webbred)
    assert client.post(f"/rum/{open_room.slug}/arkivera/").status_code == 404
    open_room.refresh_from_db()
    assert open_room.status == ChannelStatus.ACTIVE
