"""Only what is saved counts toward the posting limits (issue 20, item 5): after 8 published and
11 refused posts the next one got 429. A submission refused by the personal-data guard, or by a
locked discussion, gives its place back; a saved one keeps it, and the limit still holds."""

import pytest
from django.conf import settings
from django.core.cache import caches
from django.test import Client, override_settings

from forums import actions as forum_actions
from forums.models import Discussion, Post
from forums.tests.factories import ForumFactory
from insidan.comments.models import Comment
from profiles import actions as profile_actions
from profiles.models import StatusUpdate
from profiles.tests.factories import UserFactory

PNR = "Mitt personnummer är 811218-9876."
LIMITS = {
    "posts": {"views": ["forums:forum", "forums:discussion", "profiles:post_status"],
              "rate": "3/600"},
    "comments": {"views": ["comments:post"], "rate": "2/600"},
    "applications": {"views": ["collab:apply"], "rate": "2/3600"},
}

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _limits(db):
    caches[settings.COUNTERS_CACHE].clear()
    with override_settings(RATE_LIMITS=LIMITS):
        yield


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_refused_posts_do_not_use_up_the_post_limit():
    writer = UserFactory()
    forum = ForumFactory()
    client = _client(writer)
    assert client.post(forum.get_absolute_url(),
                       {"title": "Första", "body": "Hej."}).status_code == 302
    discussion = Discussion.objects.get(title="Första")
    for _attempt in range(5):  # refused by the guard: nothing saved, nothing counted
        response = client.post(discussion.get_absolute_url(), {"body": PNR})
        assert response.status_code == 200 and "personnummer" in response.content.decode()
        response = client.post(_status_url(), {"body": PNR})
        assert response.status_code == 400
    assert Post.objects.filter(author=writer).count() == 1
    assert not StatusUpdate.objects.filter(author=writer).exists()
    # Two more saved posts fit in the limit of three ...
    assert client.post(discussion.get_absolute_url(), {"body": "Svar ett."}).status_code == 302
    assert client.post(_status_url(), {"body": "Jobbar med budgeten."}).status_code == 302
    # ... and the fourth is refused: the limit still holds for what is saved.
    response = client.post(discussion.get_absolute_url(), {"body": "Svar två."})
    assert response.status_code == 429
    assert Post.objects.filter(author=writer).count() == 2


def test_a_post_refused_because_the_discussion_was_locked_is_not_counted():
    writer, owner = UserFactory(), UserFactory()
    forum = ForumFactory(owner=owner)
    discussion = forum_actions.start_discussion(actor=owner, forum=forum, title="Låst",
                                                body="Hej.")
    forum_actions.set_locked(actor=owner, discussion=discussion, locked=True)
    client = _client(writer)
    for _attempt in range(4):
        client.post(discussion.get_absolute_url(), {"body": "Får jag svara?"})
    assert not Post.objects.filter(author=writer).exists()
    other = forum_actions.start_discussion(actor=owner, forum=forum, title="Öppen", body="Hej.")
    for n in range(3):
        assert client.post(other.get_absolute_url(), {"body": f"Svar {n}."}).status_code == 302


def test_refused_comments_do_not_use_up_the_comment_limit():
    author, commenter = UserFactory(), UserFactory()
    update = profile_actions.post_status_update(actor=author, body="Ny på jobbet!")
    client = _client(commenter)
    url = _comment_url(update)
    for _attempt in range(4):
        client.post(url, {"text": PNR})
    assert not Comment.objects.filter(user=commenter).exists()
    for n in range(2):
        assert client.post(url, {"text": f"Välkommen {n}!"}).status_code == 302
    client.post(url, {"text": "Tredje."})
    assert Comment.objects.filter(user=commenter).count() == 2


def _status_url() -> str:
    from django.urls import reverse

    return reverse("profiles:post_status")


def _comment_url(target) -> str:
    from django.contrib.contenttypes.models import ContentType
    from django.urls import reverse

    content_type = ContentType.objects.get_for_model(target)
    return reverse("comments:post", args=[content_type.pk, target.pk])
