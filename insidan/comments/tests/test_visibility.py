"""One rule for comments: permissions.can_view_comment and selectors.comments_visible_to agree
for every user and comment, and the thread, the search and the notifications use it."""

import pytest
from django.utils import timezone

from blogs.models import BlogPage, BlogPostPage
from blogs.tests.factories import make_blog, make_post
from insidan.archive.actions import archive_then_remove
from insidan.comments.actions import post_comment
from insidan.comments.models import Comment
from insidan.comments.permissions import can_view_comment
from insidan.comments.selectors import comments_on, comments_visible_to
from insidan.core import visibility
from insidan.core.models import ChannelStatus, ModerationState
from profiles.actions import post_status_update
from profiles.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def fixtures(employee, other_employee, webbred):
    """Comments in every state, on targets in every state."""
    blog = make_blog(other_employee, name="Öppen blogg")
    archived = make_blog(other_employee, name="Arkiverad blogg")
    post = make_post(blog, title="Synligt")
    hidden_post = make_post(blog, title="Dolt")
    archived_post = make_post(archived, title="I arkiverad blogg")
    update = post_status_update(actor=employee, body="Status")
    removed_update = post_status_update(actor=other_employee, body="Borttagen status")
    comments = [post_comment(actor=actor, target=target, text=f"Kommentar {n}")
                for n, (actor, target) in enumerate([
                    (employee, post), (other_employee, post), (employee, hidden_post),
                    (employee, archived_post), (other_employee, update),
                    (employee, removed_update), (employee, post), (other_employee, post)])]
    hidden_post.set_moderation_state(state=ModerationState.HIDDEN_PENDING_REVIEW, reason="r",
                                     at=timezone.now())
    BlogPage.objects.filter(pk=archived.pk).update(status=ChannelStatus.ARCHIVED)
    archive_then_remove(actor=webbred, item=removed_update, reason="Fel.")
    comments[6].set_moderation_state(state=ModerationState.HIDDEN_PENDING_REVIEW, reason="r",
                                     at=timezone.now())
    archive_then_remove(actor=webbred, item=comments[7], reason="Personangrepp.")
    outsider = UserFactory()
    inactive = UserFactory(is_active=False)
    return [employee, other_employee, webbred, outsider, inactive], comments


def test_the_permission_and_the_selector_agree(fixtures):
    users, _comments = fixtures
    for user in users:
        visible = set(comments_visible_to(user).values_list("pk", flat=True))
        for comment in Comment.objects.all():
            assert can_view_comment(user, comment) == (comment.pk in visible), (user, comment)


def test_the_rule_says_what_it_should(fixtures, employee, other_employee, webbred):
    _users, comments = fixtures
    seen = set(comments_visible_to(other_employee))
    assert seen == {comments[0], comments[1], comments[2], comments[4]}
    # The writer of the hidden comment, and Webbredaktionen, still see it.
    assert comments[6] in set(comments_visible_to(employee))
    assert {comments[3], comments[6]} <= set(comments_visible_to(webbred))
    assert comments[7] not in set(comments_visible_to(webbred))  # removed
    assert comments[5] not in set(comments_visible_to(webbred))  # on a removed update


def test_the_registry_uses_the_same_rule(fixtures, other_employee):
    _users, comments = fixtures
    keys = [(Comment, comment.pk) for comment in comments]
    allowed = visibility.visible_keys(other_employee, keys)
    assert allowed == {(Comment, str(c.pk)) for c in comments_visible_to(other_employee)}


def test_a_thread_shows_visible_comments_and_tombstones_in_place(fixtures, other_employee,
                                                                 webbred):
    _users, comments = fixtures
    post = comments[0].content_object
    thread = list(comments_on(other_employee, post))
    assert thread == [comments[0], comments[1], comments[7]]  # the hidden one is left out
    assert thread[2].is_removed and thread[2].comment == ""
    assert comments[6] in list(comments_on(webbred, post))
    hidden_post = BlogPostPage.objects.get(pk=comments[2].object_pk)
    assert comments_on(UserFactory(), hidden_post) is None


def test_threads_on_a_page_of_targets_follow_the_same_rule(fixtures, other_employee, webbred):
    from insidan.comments.selectors import threads_on

    _users, comments = fixtures
    post = BlogPostPage.objects.get(pk=comments[0].object_pk)
    for user in (other_employee, webbred):
        assert threads_on(user, [post])[str(post.pk)] == list(comments_on(user, post))
    assert threads_on(UserFactory(is_active=False), [post]) == {}


def test_no_thread_on_what_takes_no_comments(fixtures, other_employee):
    from forums.tests.factories import ForumFactory

    assert comments_on(other_employee, ForumFactory()) is None
