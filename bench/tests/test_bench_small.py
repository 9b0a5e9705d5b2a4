"""A few hundred rows through the benchmark's generator and one measurement pass over them, so
that `make bench` cannot rot between runs. No figure is asserted here (the issue: targets are
measured, not asserted in `make test`); only that every measured view answers and that the
data set has the shape the benchmark relies on."""

import pytest

from bench.generate import generate
from bench.measure import in_process
from bench.plan import (
    BENCH_NOTIFICATIONS,
    DISCUSSION_POSTS,
    EMPLOYEE_ID,
    POST_COMMENTS,
    scaled,
)

pytestmark = pytest.mark.urls("bench.urls")


@pytest.fixture
def small_plan(db):
    plan = scaled(0.0001)  # every count at its minimum: a few hundred rows
    generate(plan, index_fraction=1.0)
    return plan


def test_generated_data_has_the_measured_shape(small_plan):
    from django.contrib.auth import get_user_model
    from notifications.models import Notification

    from blogs.models import BlogPostPage
    from collab.models import Membership
    from forums.models import Discussion
    from insidan.comments.models import Comment

    assert Discussion.objects.get(pk=1).post_count == DISCUSSION_POSTS
    post = BlogPostPage.objects.get(slug="inlagg-1")
    assert post.get_parent().specific.slug == "blogg-1"
    assert Comment.objects.filter(object_pk=str(post.pk)).count() == POST_COMMENTS
    employee = get_user_model().objects.get(pk=EMPLOYEE_ID)
    assert Membership.objects.filter(user=employee, room__is_closed=True).count() == 3
    assert Notification.objects.filter(recipient=employee).count() == min(
        BENCH_NOTIFICATIONS, small_plan.notifications)
    # A second run resumes: nothing is loaded twice.
    before = Comment.objects.count()
    generate(small_plan, index_fraction=1.0)
    assert Comment.objects.count() == before


def test_every_measured_view_answers(small_plan):
    results = in_process(small_plan, requests=2, warmup=1)
    assert {key: view["status"] for key, view in results.items()} == {
        key: 200 for key in results}
    assert all(view["queries"] > 0 for view in results.values())


def test_the_guard_benchmark_measures_every_kind_of_post():
    """`make bench` starts with bench.guard: it must run and report each kind of post (the
    figures themselves are measured, not asserted)."""
    from bench.guard import POST_LENGTH, _post, measure

    results = measure(repeat=2)

    assert set(results) == {"prose", "numbers", "markdown", "phone list"}
    assert all(figures["median_ms"] > 0 for figures in results.values())
    assert len(_post("abc ")) == POST_LENGTH
