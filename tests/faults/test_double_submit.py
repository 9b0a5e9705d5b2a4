"""The same form sent twice at the same moment (a double click), each request on a real
PostgreSQL connection of its own: one post is saved, and both requests land on it."""

import time
import uuid
from unittest import mock

import pytest

from forums import actions as forum_actions
from forums.models import Post

from .conftest import client_for, race

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def slow_reply(**kwargs):
    """The real reply, slowed so that the second request arrives while the first has claimed
    the token but not yet committed."""
    post = real_reply(**kwargs)
    time.sleep(0.5)
    return post


real_reply = forum_actions.reply


@pytest.mark.parametrize("same_token", [True, False])
def test_a_double_click_saves_one_post(employee, discussion, same_token):
    tokens = [uuid.uuid4()] * 2 if same_token else [uuid.uuid4(), uuid.uuid4()]
    before = Post.objects.count()
    url = discussion.get_absolute_url()
    with mock.patch.object(forum_actions, "reply", side_effect=slow_reply):
        first, second = race(*(
            lambda token=token: client_for(employee).post(
                url, {"body": "Dubbelklick", "submission_token": str(token)})
            for token in tokens))

    assert first.status_code == second.status_code == 302, (first, second)
    saved = Post.objects.filter(body="Dubbelklick")
    assert saved.count() == (1 if same_token else 2)
    assert Post.objects.count() == before + saved.count()
    if same_token:
        assert first["Location"] == second["Location"]
        assert first["Location"].endswith(f"#inlagg-{saved.get().pk}")
