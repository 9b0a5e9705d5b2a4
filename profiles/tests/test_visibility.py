"""The bool and the queryset forms of each rule agree for every fixture user × object."""

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser, Group

from insidan.core import visibility
from profiles import actions
from profiles.models import Profile, StatusUpdate
from profiles.permissions import can_view_profile, can_view_status_update
from profiles.selectors import profiles_visible_to, status_updates_visible_to
from profiles.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    author, reader, gone = UserFactory(), UserFactory(), UserFactory()
    editor = UserFactory()
    editor.groups.add(Group.objects.get(name=settings.WEBBREDAKTIONEN_GROUP))
    actions.post_status_update(actor=author, body="Synlig")
    hidden = actions.post_status_update(actor=author, body="Dold")
    hidden.set_moderation_state(state="hidden_pending_review", reason="Granskas", at=None)
    legal = actions.post_status_update(actor=author, body="Jurist")
    legal.set_moderation_state(state="hidden_legal", reason="Jurist", at=None)
    removed = actions.post_status_update(actor=author, body="Bort")
    removed.apply_tombstone(reason="Kränkande", at=None)
    by_gone = actions.post_status_update(actor=gone, body="Slutat")
    actions.deactivate_employee(actor=None, user=gone)
    assert by_gone.pk
    inactive_reader = UserFactory(is_active=False)
    return [author, reader, gone, editor, inactive_reader, AnonymousUser()]


def test_status_update_rule_agrees(world):
    for user in world:
        allowed = set(status_updates_visible_to(user).values_list("pk", flat=True))
        for update in StatusUpdate.objects.all():
            assert can_view_status_update(user, update) == (update.pk in allowed), (user, update)
            if user.is_authenticated:
                assert visibility.can_view(user, update) == (update.pk in allowed)


def test_profile_rule_agrees(world):
    for user in world:
        allowed = set(profiles_visible_to(user).values_list("pk", flat=True))
        for profile in Profile.objects.all():
            assert can_view_profile(user, profile) == (profile.pk in allowed), (user, profile)


def test_status_updates_are_public_to_every_employee(world):
    author, reader = world[0], world[1]
    update = StatusUpdate.objects.get(body="Synlig")
    assert can_view_status_update(reader, update)
    assert not hasattr(update, "audience") and not hasattr(update, "is_private")
    assert StatusUpdate.objects.get(body="Slutat").author.is_active is False
    assert can_view_status_update(reader, StatusUpdate.objects.get(body="Slutat"))
    assert author.pk
