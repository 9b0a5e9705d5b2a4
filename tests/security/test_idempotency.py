"""A form sent twice (a double click, a reload of the POST, a retried connection) saves once,
and the second sending lands where the first did, with no error page. See
insidan/security/idempotency.py; the concurrent case is in tests/faults/test_double_submit.py."""

import re
import uuid
from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from blogs.models import BlogRequest
from collab.models import Room
from collab.tests.factories import room_terms
from forums import actions as forum_actions
from forums.models import Discussion, ForumRequest, Post
from forums.tests.factories import ForumFactory
from insidan.comments.models import Comment
from insidan.core.actions import publish_terms
from insidan.core.models import ChannelKind
from insidan.security.models import SubmissionToken
from profiles import actions as profile_actions
from profiles.models import StatusUpdate
from profiles.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="submission_token" value="([0-9a-f-]{36})"')


def tokens_in(response) -> list[str]:
    assert response.status_code == 200
    return TOKEN.findall(response.content.decode())


@pytest.fixture
def forum(other_employee):
    return ForumFactory(owner=other_employee, slug="it-fragor", name="IT-frågor")


@pytest.fixture
def discussion(forum, other_employee):
    return forum_actions.start_discussion(actor=other_employee, forum=forum,
                                          title="Skrivaren", body="Den krånglar.")


def test_each_rendered_form_has_a_token_of_its_own(client, employee, forum):
    client.force_login(employee)
    first, second = tokens_in(client.get(forum.get_absolute_url())), \
        tokens_in(client.get(forum.get_absolute_url()))
    assert len(first) == len(second) == 1 and first != second


def test_a_reply_sent_twice_is_saved_once_and_both_land_on_it(client, employee, discussion):
    client.force_login(employee)
    token = tokens_in(client.get(discussion.get_absolute_url()))[0]
    data = {"body": "Starta om den.", "submission_token": token}
    first = client.post(discussion.get_absolute_url(), data)
    second = client.post(discussion.get_absolute_url(), data)
    post = Post.objects.get(author=employee)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] and f"#inlagg-{post.pk}" in first["Location"]


def test_a_new_discussion_sent_twice_is_started_once(client, employee, forum):
    client.force_login(employee)
    data = {"title": "Kaffe", "body": "Vem köper?", "submission_token": str(uuid.uuid4())}
    responses = [client.post(forum.get_absolute_url(), data) for _ in range(2)]
    discussion = Discussion.objects.get(author=employee)
    assert [r["Location"] for r in responses] == [discussion.get_absolute_url()] * 2


def test_status_updates_with_different_tokens_are_both_saved(client, employee):
    client.force_login(employee)
    token = str(uuid.uuid4())
    for body, sent_token in [("Jobbar med GIS", token), ("Jobbar med GIS", token),
                             ("Jobbar med GIS", str(uuid.uuid4()))]:
        assert client.post("/min-profil/status/", {"body": body, "submission_token": sent_token}
                           ).status_code == 302
    assert StatusUpdate.objects.filter(author=employee).count() == 2


def test_a_comment_sent_twice_is_saved_once(client, employee, other_employee):
    update = profile_actions.post_status_update(actor=other_employee, body="Ny på jobbet")
    client.force_login(employee)
    token = tokens_in(client.get(update.get_absolute_url()))[0]
    url = reverse("comments:post", args=[ContentType.objects.get_for_model(update).pk,
                                         update.pk])
    first, second = (client.post(url, {"text": "Välkommen!", "submission_token": token})
                     for _ in range(2))
    comment = Comment.objects.get(user=employee)
    assert first["Location"] == second["Location"] == comment.get_absolute_url()


def test_a_room_started_twice_is_started_once(client, employee):
    room_terms()
    UserFactory(username="processledare")
    client.force_login(employee)
    url = reverse("collab:room_create")
    data = {"name": "Klarspråk", "room_kind": "other", "is_closed": "0",
            "purpose": "Skriva begripligt.", "target_group": "Alla som skriver",
            "watched_hours": "Vardagar", "approved_by": "processledare", "accept_terms": "on",
            "submission_token": tokens_in(client.get(url))[0]}
    first, second = (client.post(url, data) for _ in range(2))
    room = Room.objects.get()
    assert first["Location"] == second["Location"] == room.get_absolute_url()


def test_a_form_without_a_token_still_saves(client, employee, discussion):
    """A page rendered before this version, still open in a tab: what the person wrote is
    saved, as before (a duplicate is the lesser harm than losing the text). A tampered token
    counts as none, rather than an error on a field nobody can see."""
    client.force_login(employee)
    for extra in ({}, {}, {"submission_token": "inte-en-uuid"}):
        response = client.post(discussion.get_absolute_url(), {"body": "Hej", **extra})
        assert response.status_code == 302
    assert Post.objects.filter(author=employee).count() == 3
    assert not SubmissionToken.objects.exists()


def test_a_refused_submission_does_not_use_up_its_token(client, employee, discussion):
    client.force_login(employee)
    token = tokens_in(client.get(discussion.get_absolute_url()))[0]
    refused = client.post(discussion.get_absolute_url(),
                          {"body": "Mitt personnummer är 19811218-9876",
                           "submission_token": token})
    assert refused.status_code == 200 and not Post.objects.filter(author=employee).exists()
    assert tokens_in(refused)[0] == token  # the form comes back with the same token
    corrected = client.post(discussion.get_absolute_url(),
                            {"body": "Utan nummer", "submission_token": token})
    assert corrected.status_code == 302 and Post.objects.filter(author=employee).count() == 1


def test_a_token_is_the_senders_own(client, employee, other_employee, discussion):
    """Another person sending the same token saves their own post and is not sent to the
    first person's."""
    data = {"body": "Samma", "submission_token": str(uuid.uuid4())}
    client.force_login(employee)
    first = client.post(discussion.get_absolute_url(), data)
    client.force_login(other_employee)
    second = client.post(discussion.get_absolute_url(), data)
    assert Post.objects.filter(body="Samma").count() == 2
    assert first["Location"] != second["Location"]


@pytest.mark.parametrize("kind, url_name, model", [
    (ChannelKind.FORUM, "forums:request", ForumRequest),
    (ChannelKind.BLOG, "blogs:request", BlogRequest),
])
def test_a_channel_request_sent_twice_is_made_once_with_the_same_thanks(
    client, employee, other_employee, webbred, kind, url_name, model
):
    publish_terms(actor=webbred, kind=kind, title="Villkor", body="<p>Ägaren ansvarar.</p>")
    client.force_login(employee)
    url = reverse(url_name)
    token = tokens_in(client.get(url))[0]
    data = {"name": "Bibliotek", "purpose": "Tips", "target_group": "Bibliotekarier",
            "watched_hours": "Vardagar", "approved_by": other_employee.username,
            "accept_terms": "on", "submission_token": token}
    pages = [client.post(url, data, follow=True).content.decode() for _ in range(2)]
    assert model.objects.count() == 1
    assert all("Webbredaktionen har fått din begäran" in page for page in pages)


def test_tokens_older_than_a_day_are_purged(employee, other_employee):
    old = SubmissionToken.objects.create(user=employee, token=uuid.uuid4(),
                                         created_at=timezone.now() - timedelta(hours=25))
    fresh = SubmissionToken.objects.create(user=other_employee, token=uuid.uuid4(),
                                           created_at=timezone.now() - timedelta(hours=23))
    call_command("purge_submission_tokens")
    assert list(SubmissionToken.objects.values_list("pk", flat=True)) == [fresh.pk]
    assert not SubmissionToken.objects.filter(pk=old.pk).exists()
