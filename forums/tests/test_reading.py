"""How far a reader has read, and the link to the first unread post."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from forums import actions
from forums.models import ReadState
from forums.tests.factories import ForumFactory
from forums.views import POSTS_PER_PAGE
from profiles.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def discussion(other_employee):
    forum = ForumFactory(owner=other_employee, slug="it-fragor")
    return actions.start_discussion(actor=other_employee, forum=forum, title="T", body="Först")


def test_no_link_on_the_first_visit_and_none_when_all_is_read(client, discussion, employee):
    client.force_login(employee)
    assert "Första olästa inlägget" not in client.get(discussion.get_absolute_url()).content \
        .decode()
    assert ReadState.objects.get(user=employee).post_id_read == discussion.posts.get().pk
    assert "Första olästa inlägget" not in client.get(discussion.get_absolute_url()).content \
        .decode()


def test_link_goes_to_the_right_page_and_anchor(client, discussion, employee):
    client.force_login(employee)
    writer = UserFactory()
    for n in range(POSTS_PER_PAGE - 2):
        actions.reply(actor=writer, discussion=discussion, body=f"Svar {n}")
    client.get(discussion.get_absolute_url())  # reads page 1: 49 posts
    first_new = actions.reply(actor=writer, discussion=discussion, body="Nummer 50")
    second_new = actions.reply(actor=writer, discussion=discussion, body="Nummer 51")
    html = client.get(discussion.get_absolute_url()).content.decode()
    assert f'href="{discussion.get_absolute_url()}#inlagg-{first_new.pk}"' in html
    client.get(discussion.get_absolute_url())  # page 1 again: 50 now read
    html = client.get(discussion.get_absolute_url()).content.decode()
    assert f'{discussion.get_absolute_url()}?sida=2#inlagg-{second_new.pk}' in html


def test_an_earlier_page_never_moves_the_mark_back(client, discussion, employee):
    client.force_login(employee)
    for n in range(POSTS_PER_PAGE + 5):
        actions.reply(actor=UserFactory(), discussion=discussion, body=f"Svar {n}")
    client.get(f"{discussion.get_absolute_url()}?sida=2")
    last = discussion.posts.order_by("-created_at", "-pk").first()
    client.get(discussion.get_absolute_url())
    assert ReadState.objects.get(user=employee).post_id_read == last.pk


def test_mark_read_is_one_statement(discussion, employee):
    post = discussion.posts.get()
    with CaptureQueriesContext(connection) as queries:
        actions.mark_read(actor=employee, discussion=discussion, up_to=post)
    assert len(queries) == 1


def test_mark_read_refuses_a_post_of_another_discussion(discussion, employee, other_employee):
    other = actions.start_discussion(actor=other_employee, forum=discussion.forum, title="U",
                                     body="x")
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        actions.mark_read(actor=employee, discussion=discussion, up_to=other.posts.get())
    assert not ReadState.objects.exists()


def test_forum_page_marks_new_posts_and_the_redirect_finds_the_first(
    client, discussion, employee
):
    client.force_login(employee)
    client.get(discussion.get_absolute_url())
    new = actions.reply(actor=UserFactory(), discussion=discussion, body="Nytt")
    html = client.get(discussion.forum.get_absolute_url()).content.decode()
    assert "Nya inlägg" in html
    response = client.get(f"{discussion.get_absolute_url()}forsta-olasta/")
    assert response.status_code == 302
    assert response["Location"] == f"{discussion.get_absolute_url()}#inlagg-{new.pk}"


def test_first_unread_redirect_is_404_for_a_hidden_discussion(client, employee, other_employee):
    from collab.tests.factories import make_room

    room = make_room(other_employee, closed=True)
    discussion = actions.start_discussion(actor=other_employee, forum=room.forum, title="H",
                                          body="x")
    client.force_login(employee)
    assert client.get(f"{discussion.get_absolute_url()}forsta-olasta/").status_code == 404


def test_reading_the_same_page_again_neither_writes_nor_locks(discussion, employee):
    """Twenty readers of one page must not queue on one row: when the mark is already there,
    the statement neither updates nor locks the reader's row (xmax stays 0; an ON CONFLICT
    update that changes nothing still locks it)."""
    post = discussion.posts.get()
    actions.mark_read(actor=employee, discussion=discussion, up_to=post)
    with connection.cursor() as cursor:
        cursor.execute("SELECT xmin::text, xmax::text FROM forums_readstate")
        before = cursor.fetchone()
        actions.mark_read(actor=employee, discussion=discussion, up_to=post)
        cursor.execute("SELECT xmin::text, xmax::text FROM forums_readstate")
        assert cursor.fetchone() == before and before[1] == "0"
    later = actions.reply(actor=UserFactory(), discussion=discussion, body="Nytt")
    actions.mark_read(actor=employee, discussion=discussion, up_to=later)
    assert ReadState.objects.get(user=employee).post_id_read == later.pk
