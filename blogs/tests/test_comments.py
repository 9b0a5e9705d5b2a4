"""Comments on posts: who is told, "Obesvarade kommentarer", bad input and the endpoints."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import Resolver404, resolve
from django.utils import timezone
from notifications.models import Notification

from blogs.models import BlogPage, BlogPostPage
from blogs.selectors import unanswered_comments_for
from blogs.tests.factories import make_blog, make_post
from insidan.comments.actions import post_comment
from insidan.comments.models import Comment
from insidan.core.models import ChannelStatus
from profiles.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def blog(other_employee):
    return make_blog(other_employee, writers=[UserFactory(username="skribent2")])


@pytest.fixture
def post(blog, other_employee):
    return make_post(blog, writers=[other_employee, blog.writers.get(username="skribent2")])


def test_every_writer_is_told_of_a_comment_and_the_commenter_of_a_reply(
    post, employee, other_employee, django_capture_on_commit_callbacks
):
    second = post.writers.get(username="skribent2")
    with django_capture_on_commit_callbacks(execute=True):
        comment = post_comment(actor=employee, target=post, text="Bra skrivet!")
    told = set(Notification.objects.filter(verb="comment_on_your_post")
               .values_list("recipient__username", flat=True))
    assert told == {other_employee.username, second.username}
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(actor=second, target=post, text="Tack!", parent=comment)
    reply_note = Notification.objects.get(recipient=employee, verb="reply_to_your_comment")
    assert "svarade" in reply_note.description


def test_notification_text_is_escaped_on_the_page(
    client, post, employee, other_employee, django_capture_on_commit_callbacks
):
    BlogPostPage.objects.filter(pk=post.pk).update(title="<script>alert(1)</script>")
    post.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(actor=employee, target=post, text="<img src=x onerror=alert(1)>")
    client.force_login(other_employee)
    html = client.get("/notiser/").content.decode()
    assert "<script>alert(1)" not in html and "&lt;script&gt;" in html


def test_unanswered_list_rules(post, blog, employee, other_employee):
    second = post.writers.get(username="skribent2")
    bo = UserFactory(username="bo")
    first = post_comment(actor=employee, target=post, text="Första frågan")
    later = post_comment(actor=bo, target=post, text="Andra frågan")
    own = post_comment(actor=other_employee, target=post, text="Skribentens egen kommentar")
    answered = post_comment(actor=employee, target=post, text="Besvaras")
    post_comment(actor=second, target=post, text="Svar från den andra skribenten",
                 parent=answered)
    reply_by_reader = post_comment(actor=bo, target=post, text="Håller med", parent=first)
    assert list(unanswered_comments_for(other_employee)) == [first, later, reply_by_reader]
    assert list(unanswered_comments_for(second)) == [first, later, reply_by_reader]
    assert own not in unanswered_comments_for(other_employee)
    # A writer of another blog's post, or a reader, has nothing to answer here.
    assert not unanswered_comments_for(employee).exists()
    other_blog = make_blog(bo, name="Annan")
    make_post(other_blog, actor=bo)
    assert not unanswered_comments_for(bo).exists()
    # A writer's reply deeper in the thread answers the comments above it.
    post_comment(actor=other_employee, target=post, text="Svar", parent=first)
    assert list(unanswered_comments_for(other_employee)) == [later]
    later.set_moderation_state(state="removed", reason="r", at=timezone.now())
    assert not unanswered_comments_for(other_employee).exists()


def test_unanswered_page_and_query_count(client, post, employee, other_employee,
                                         django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(other_employee)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/bloggar/obesvarade/").status_code == 200
        return len(queries)

    post_comment(actor=employee, target=post, text="En fråga")
    small = count()
    for n in range(15):
        post_comment(actor=UserFactory(), target=post, text=f"Fråga {n}")
    assert count() == small
    html = client.get("/bloggar/obesvarade/").content.decode()
    assert "En fråga" in html and "#kommentar-" in html


def test_bad_comment_input_changes_nothing(post, employee):
    with pytest.raises(ValidationError, match="Skriv en kommentar"):
        post_comment(actor=employee, target=post, text="   ")
    with pytest.raises(ValidationError, match="högst"):
        post_comment(actor=employee, target=post, text="x" * 5001)
    parent = post_comment(actor=employee, target=post, text="Tas bort")
    parent.apply_tombstone(reason="Kränkande", at=timezone.now())
    with pytest.raises(ValidationError, match="borttagen"):
        post_comment(actor=employee, target=post, text="Svar", parent=parent)
    assert Comment.objects.count() == 1


def test_no_comments_on_a_blog_being_decommissioned(post, blog, employee):
    BlogPage.objects.filter(pk=blog.pk).update(status=ChannelStatus.DECOMMISSION_REQUESTED)
    post = BlogPostPage.objects.get(pk=post.pk)
    with pytest.raises(PermissionDenied):
        post_comment(actor=employee, target=post, text="Hej")


# --- the endpoints ------------------------------------------------------------------------------


def test_no_django_comments_url_is_routed():
    """django-comments(-xtd)'s own views (post, list, count, flag, like, API) are not routed:
    every comment goes through insidan.comments' checked view."""
    from django.urls import get_resolver

    def walk(patterns, prefix=""):
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            else:
                yield prefix + str(pattern.pattern), pattern.callback

    for route, callback in walk(get_resolver().url_patterns):
        module = getattr(callback, "__module__", "") or ""
        assert not module.startswith(("django_comments", "django_comments_xtd")), route
    for path in ["/comments/post/", "/comments/api/blogs-blogpostpage/1/",
                 "/comments/api/blogs-blogpostpage/1/count/", "/comments/sent/",
                 "/comments/flag/1/", "/kommentarer/api/blogs-blogpostpage/1/"]:
        try:
            match = resolve(path)
        except Resolver404:
            continue
        assert not match.func.__module__.startswith("django_comments"), path


def _post_url(post) -> str:
    content_type = ContentType.objects.get_for_model(BlogPostPage)
    return f"/kommentarer/{content_type.pk}/{post.pk}/"


@pytest.mark.parametrize("case", ["draft", "requested", "archived", "removed", "hidden"])
def test_comment_endpoint_answers_404_for_posts_the_user_may_not_see(
    client, blog, other_employee, employee, case
):
    post = make_post(blog, publish=case != "draft")
    if case in ("requested", "archived"):
        BlogPage.objects.filter(pk=blog.pk).update(status=case)
    elif case == "removed":
        post.apply_tombstone(reason="r", at=timezone.now())
    elif case == "hidden":
        post.set_moderation_state(state="hidden_pending_review", reason="r", at=timezone.now())
    client.force_login(employee)
    response = client.post(_post_url(post), {"text": "Syns det här?"})
    assert response.status_code == 404
    assert not Comment.objects.exists()


def test_comment_endpoint_needs_login_and_post(client, post, employee):
    assert client.post(_post_url(post), {"text": "Hej"}).status_code == 302
    assert not Comment.objects.exists()
    client.force_login(employee)
    assert client.get(_post_url(post)).status_code == 405
    response = client.post(_post_url(post), {"text": "Hej"})
    assert response.status_code == 302
    assert Comment.objects.get().comment == "Hej"
