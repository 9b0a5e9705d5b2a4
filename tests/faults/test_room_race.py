"""Two people start a room with the same name at the same moment, each request on a real
PostgreSQL connection of its own: one room is started, the other person is told in Swedish
(never a 500) and nothing of theirs is saved."""

import time
from unittest import mock

import pytest
from django.urls import reverse

from collab.actions import rooms as room_actions
from collab.models import Room
from collab.tests.factories import room_terms
from forums.models import Forum
from profiles.tests.factories import UserFactory

from .conftest import client_for, race

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

real_create_room_forum = room_actions.create_room_forum


def slow_create_room_forum(*, room):
    """The room's forum, created after a pause: the first request holds the new room's address
    uncommitted while the second looks for a free one."""
    time.sleep(0.5)
    return real_create_room_forum(room=room)


def test_two_rooms_with_the_same_name_at_the_same_moment(employee, other_employee):
    room_terms()
    UserFactory(username="processledare")
    data = {"name": "Klarspråk", "room_kind": "other", "is_closed": "0",
            "purpose": "Skriva begripligt.", "target_group": "Alla som skriver",
            "watched_hours": "Vardagar", "approved_by": "processledare", "accept_terms": "on"}
    url = reverse("collab:room_create")
    with mock.patch.object(room_actions, "create_room_forum", side_effect=slow_create_room_forum):
        first, second = race(*(lambda user=user: client_for(user).post(url, data)
                               for user in (employee, other_employee)))

    assert sorted([first.status_code, second.status_code]) == [200, 302], (first, second)
    room = Room.objects.get()
    started, told = (first, second) if first.status_code == 302 else (second, first)
    assert started["Location"] == room.get_absolute_url()
    assert "startades alldeles nyss, samtidigt med ditt" in told.content.decode()
    assert Forum.objects.filter(room__isnull=False).count() == 1
    loser = other_employee if room.owner == employee else employee
    assert not loser.rooms.exists()
