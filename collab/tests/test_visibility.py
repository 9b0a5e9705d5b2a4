"""The rule in permissions.py and the queryset in selectors.py agree for every user × object,
and the visibility registry answers the same."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from collab import actions
from collab.models import Room, RoomDocument
from collab.permissions import (
    can_view_document,
    can_view_room,
    can_view_room_content,
    is_member,
    is_room_manager,
)
from collab.selectors import (
    access_room,
    documents_in_visible_room,
    documents_visible_to,
    rooms_visible_to,
    rooms_with_content_visible_to,
)
from collab.tests.factories import add_member, make_room, pdf_upload
from insidan.core import visibility
from insidan.core.actions import accept_terms
from insidan.core.models import ChannelStatus, ModerationState
from profiles.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(webbred, terms):
    names = ["agare", "stf", "medlem", "f-d-medlem", "sokande", "avslagen", "utomstaende"]
    owner, deputy, member, ex_member, applicant, declined, outsider = (
        UserFactory(username=name) for name in names)
    inactive = UserFactory(username="slutat")
    rooms = {
        "open": make_room(owner, closed=False),
        "closed": make_room(owner, closed=True),
        "closing": make_room(owner, closed=True),
        "archived": make_room(owner, closed=True),
    }
    for room in rooms.values():
        for user in [deputy, member, ex_member, inactive]:
            add_member(room, user)
        actions.make_deputy(actor=owner, room=room, member=deputy)
        actions.remove_member(actor=owner, room=room, member=ex_member)
        if room.is_closed:
            actions.apply_for_membership(actor=applicant, room=room, message="Hej")
            application = actions.apply_for_membership(actor=declined, room=room, message="Hej")
            actions.decline_application(actor=owner, application=application)
        for uploader, state in [(member, ModerationState.VISIBLE),
                                (member, ModerationState.HIDDEN_PENDING_REVIEW),
                                (owner, ModerationState.VISIBLE)]:
            document = actions.upload_document(actor=uploader, room=room,
                                               uploaded_file=pdf_upload())
            if state != ModerationState.VISIBLE:
                RoomDocument.objects.filter(pk=document.pk).update(moderation_state=state)
        removed = actions.upload_document(actor=member, room=room, uploaded_file=pdf_upload())
        actions.remove_document(actor=owner, document=removed, reason="Inaktuellt")
    accept_terms(actor=deputy, terms=terms)
    actions.request_decommission(actor=owner, room=rooms["closing"], reason="Klart")
    Room.objects.filter(pk=rooms["archived"].pk).update(status=ChannelStatus.ARCHIVED,
                                                         archived_at=timezone.now())
    inactive.is_active = False
    inactive.save(update_fields=["is_active"])
    return [owner, deputy, member, ex_member, applicant, declined, outsider, webbred, inactive,
            AnonymousUser()]


def test_room_presentation_rule_and_queryset_agree(world):
    for user in world:
        visible = set(rooms_visible_to(user).values_list("pk", flat=True))
        for room in Room.objects.all():
            assert can_view_room(user, room) == (room.pk in visible), (user, room.slug)
            assert visibility.can_view(user, room) == (room.pk in visible)


def test_room_content_rule_and_queryset_agree(world):
    for user in world:
        visible = set(rooms_with_content_visible_to(user).values_list("pk", flat=True))
        for room in Room.objects.all():
            assert can_view_room_content(user, room) == (room.pk in visible), (user, room.slug)


def test_document_rule_and_queryset_agree(world):
    for user in world:
        visible = set(documents_visible_to(user).values_list("pk", flat=True))
        for document in RoomDocument.objects.select_related("room"):
            expected = document.pk in visible
            assert can_view_document(user, document) == expected, (user, document.pk)
            assert visibility.can_view(user, document) == expected


def test_the_matrix_says_what_the_issue_says(world):
    owner, deputy, member, ex_member, applicant, declined, outsider, webbred, inactive, anon = (
        world)
    closed = Room.objects.filter(is_closed=True, status=ChannelStatus.ACTIVE).get()
    open_room = Room.objects.get(is_closed=False)
    for user in [owner, deputy, member, webbred]:
        assert can_view_room_content(user, closed)
    for user in [ex_member, applicant, declined, outsider, inactive, anon]:
        assert not can_view_room_content(user, closed)
        assert can_view_room_content(user, open_room) == (user not in (inactive, anon))
    archived = Room.objects.get(status=ChannelStatus.ARCHIVED)
    assert not can_view_room(owner, archived) and can_view_room(webbred, archived)
    hidden = RoomDocument.objects.get(room=closed,
                                      moderation_state=ModerationState.HIDDEN_PENDING_REVIEW)
    assert can_view_document(member, hidden) and can_view_document(owner, hidden)
    assert not can_view_document(deputy, RoomDocument.objects.get(
        room=closed, moderation_state=ModerationState.REMOVED))


def test_documents_in_a_visible_room_agree_with_the_rule(world):
    """The room page's narrow form (one room whose content the user may see, manager or not)
    selects what documents_visible_to selects in that room."""
    for user in world:
        for room in Room.objects.all():
            if not can_view_room_content(user, room):
                continue
            narrow = documents_in_visible_room(user, room,
                                               manager=is_room_manager(user, room))
            expected = documents_visible_to(user).filter(room=room)
            assert set(narrow.values_list("pk", flat=True)) == set(
                expected.values_list("pk", flat=True)), (user, room.slug)


def test_membership_read_with_the_room_is_the_rule(world):
    """access_room(with_membership=True) reads the membership in its query; the permission
    checks then use it for that user only."""
    owner, deputy, member, ex_member, applicant, declined, outsider, webbred, inactive, anon = (
        world)
    for room in Room.objects.exclude(status=ChannelStatus.ARCHIVED):
        for user in [owner, member, ex_member, outsider]:
            read = access_room(user, room.slug, with_membership=True)
            fresh = Room.objects.get(pk=room.pk)
            assert is_member(user, read) == is_member(user, fresh), (user, room.slug)
            assert can_view_room_content(user, read) == can_view_room_content(user, fresh)
            assert is_member(outsider, read) is False
            assert read.member_total == fresh.memberships.count()
        assert is_member(member, access_room(outsider, room.slug, with_membership=True))
