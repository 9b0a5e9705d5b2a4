"""Two people act on the same thing at the same moment, each on a real PostgreSQL connection of
its own: exactly one outcome is taken, and both are told in Swedish which one (never a 500)."""

import pytest
from django.urls import reverse

from collab.models import ApplicationStatus
from forums.models import Post
from insidan.archive.models import ArchiveRecord
from insidan.core.models import ModerationState
from insidan.moderation.models import CaseState, DecisionKind

from .conftest import client_for, race

# serialized_rollback: the flush after a transactional test must not cost the browser tests
# their migrated data (groups, pages); see insidan/archive/tests/test_remove.py.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _decide(client, case, decision: str, reason: str):
    return lambda: client.post(
        reverse("moderation_admin:case", args=[case.pk]),
        {"decision": decision, "reason": reason, "expected_state": CaseState.OPEN,
         "text": "", "lawyer": ""},
    )


def test_two_webbredaktionen_members_decide_the_same_case(
    media, webbred, webbred_second, case, post
):
    first, second = race(
        _decide(client_for(webbred), case, DecisionKind.REMOVE, "Personangrepp"),
        _decide(client_for(webbred_second), case, DecisionKind.KEEP, "Saklig kritik"),
    )

    assert {first.status_code, second.status_code} == {302, 200}, (first, second)
    winner, loser = (first, second) if first.status_code == 302 else (second, first)
    case.refresh_from_db()
    post.refresh_from_db()
    assert case.state == CaseState.DECIDED
    if case.decision == DecisionKind.REMOVE:
        assert winner is first and case.decided_by == webbred
        assert post.moderation_state == ModerationState.REMOVED
        assert ArchiveRecord.objects.filter(object_id=str(post.pk)).count() == 1
        assert "Wilma Eriksson hann före" in loser.content.decode()
    else:
        assert winner is second and case.decided_by == webbred_second
        assert post.moderation_state == ModerationState.VISIBLE and post.body
        assert not ArchiveRecord.objects.exists()
        assert "Wanja Ek hann före" in loser.content.decode()
    assert "redan fått beslutet" in loser.content.decode()


def test_owner_and_deputy_decide_the_same_application(
    room, other_employee, deputy, application
):
    url = reverse("collab:decide", args=[room.slug, application.pk])
    approve, decline = race(
        lambda: client_for(other_employee).post(url, {"decision": "approve"}, follow=True),
        lambda: client_for(deputy).post(url, {"decision": "decline"}, follow=True),
    )

    assert approve.status_code == decline.status_code == 200
    application.refresh_from_db()
    is_member = room.memberships.filter(user=application.applicant).exists()
    if application.status == ApplicationStatus.APPROVED:
        assert application.decided_by == other_employee and is_member
        assert "Ansökan är godkänd." in approve.content.decode()
        assert "Ansökan är redan besvarad." in decline.content.decode()
    else:
        assert application.status == ApplicationStatus.DECLINED
        assert application.decided_by == deputy and not is_member
        assert "Ansökan är avslagen." in decline.content.decode()
        assert "Ansökan är redan besvarad." in approve.content.decode()


def test_a_post_written_while_the_owner_locks_the_discussion(
    employee, other_employee, discussion
):
    posts_before = discussion.posts.count()
    written, locking = race(
        lambda: client_for(employee).post(
            discussion.get_absolute_url(), {"body": "Ett sista inlägg om öppettiderna."},
            follow=True),
        lambda: client_for(other_employee).post(
            reverse("forums:moderate", args=[discussion.forum.slug, discussion.pk, "las"]),
            follow=True),
    )

    assert written.status_code == locking.status_code == 200
    assert "Diskussionen är uppdaterad." in locking.content.decode()
    discussion.refresh_from_db()
    assert discussion.is_locked
    landed = Post.objects.filter(discussion=discussion, body__startswith="Ett sista inlägg")
    page = written.content.decode()
    if landed.exists():
        # The post came first: it is in, and the writer sees it on the discussion page.
        assert discussion.posts.count() == posts_before + 1
        assert "Ett sista inlägg om öppettiderna." in page
    else:
        assert discussion.posts.count() == posts_before
        assert "Diskussionen är låst. Det går inte att skriva i den." in page
