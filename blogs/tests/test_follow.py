"""Following a blog: the button on the blog page, a notification to followers when a post is
published for the first time (fanned out after commit), and the start page feed."""

import pytest
from django.utils import timezone
from notifications.models import Notification
from wagtail.models import PageLogEntry

from blogs import actions
from blogs.models import BlogFollow, BlogPage, BlogPostPage
from blogs.tests.factories import make_blog, make_post
from insidan.core.models import ChannelStatus, ModerationState
from profiles.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def blog(other_employee):
    return make_blog(other_employee, name="Kvalitetsbloggen", writers=[UserFactory()])


def told(event="new_post_followed"):
    return set(Notification.objects.filter(verb=event)
               .values_list("recipient__username", flat=True))


def test_follow_and_unfollow_on_the_blog_page(client, blog, employee):
    client.force_login(employee)
    html = client.get(blog.get_absolute_url()).content.decode()
    assert "Följ bloggen" in html and 'name="folj" value="ja"' in html
    response = client.post(f"/bloggar/{blog.slug}/folj/", {"folj": "ja"}, follow=True)
    html = response.content.decode()
    assert "Du följer bloggen och får en notis om nya inlägg." in html
    assert "Sluta följa bloggen" in html
    assert BlogFollow.objects.filter(user=employee, blog=blog).count() == 1
    client.post(f"/bloggar/{blog.slug}/folj/", {"folj": "ja"})  # twice is once
    assert BlogFollow.objects.filter(user=employee, blog=blog).count() == 1
    assert PageLogEntry.objects.filter(page=blog, action="insidan.blog.follow").count() == 1
    client.post(f"/bloggar/{blog.slug}/folj/", {"folj": "nej"})
    assert not BlogFollow.objects.exists()
    assert PageLogEntry.objects.filter(page=blog, action="insidan.blog.unfollow").exists()


def test_following_needs_post_and_a_blog_the_user_may_read(client, blog, employee):
    client.force_login(employee)
    assert client.get(f"/bloggar/{blog.slug}/folj/").status_code == 405
    BlogPage.objects.filter(pk=blog.pk).update(status=ChannelStatus.ARCHIVED)
    assert client.post(f"/bloggar/{blog.slug}/folj/", {"folj": "ja"}).status_code == 404
    assert not BlogFollow.objects.exists()
    blog.refresh_from_db()
    with pytest.raises(actions.PermissionDenied):
        actions.set_following(actor=employee, blog=blog, following=True)


def test_followers_are_told_of_a_new_post_after_commit(
    blog, employee, other_employee, django_capture_on_commit_callbacks
):
    writer = blog.writers.exclude(pk=other_employee.pk).get()
    for user in (employee, writer, other_employee):
        actions.set_following(actor=user, blog=blog, following=True)
    UserFactory(username="laser")  # reads, does not follow
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        post = make_post(blog, actor=other_employee, title="Ny rutin", writers=[other_employee])
    assert not Notification.objects.exists()  # nothing before commit
    for callback in callbacks:
        callback()
    assert told() == {employee.username, writer.username}  # not the post's own writer
    note = Notification.objects.get(recipient=employee)
    assert note.description == "Nytt inlägg i bloggen Kvalitetsbloggen: ”Ny rutin”."
    assert note.data["url"] == post.get_absolute_url()


def test_drafts_and_republishing_tell_nobody_publishing_a_draft_does(
    blog, employee, other_employee, django_capture_on_commit_callbacks
):
    actions.set_following(actor=employee, blog=blog, following=True)
    with django_capture_on_commit_callbacks(execute=True):
        draft = make_post(blog, title="Utkast", publish=False)
    assert not Notification.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        draft.save_revision(user=other_employee).publish(user=other_employee)  # as the admin
    assert told() == {employee.username}
    post = BlogPostPage.objects.get(pk=draft.pk)
    with django_capture_on_commit_callbacks(execute=True):
        post.save_revision(user=other_employee).publish(user=other_employee)
    assert Notification.objects.count() == 1


def test_a_decommissioned_blog_tells_nobody(blog, employee, django_capture_on_commit_callbacks):
    actions.set_following(actor=employee, blog=blog, following=True)
    BlogPage.objects.filter(pk=blog.pk).update(status=ChannelStatus.ARCHIVED)
    blog.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        make_post(blog, title="Efter arkivering")
    assert not Notification.objects.exists()


def test_the_feed_shows_new_posts_in_followed_blogs_and_says_why(client, blog, employee):
    other_blog = make_blog(UserFactory(), name="Annan blogg")
    actions.set_following(actor=employee, blog=blog, following=True)
    make_post(blog, title="Ny rutin för avvikelser", body="Om **avvikelser**.")
    hidden = make_post(blog, title="Dolt inlägg")
    hidden.set_moderation_state(state=ModerationState.HIDDEN_PENDING_REVIEW, reason="r",
                                at=timezone.now())
    make_post(other_blog, title="Inte följd")
    client.force_login(employee)
    html = client.get("/").content.decode()
    assert "Ny rutin för avvikelser" in html
    assert "i bloggen Kvalitetsbloggen som du följer" in html
    assert "Dolt inlägg" not in html and "Inte följd" not in html
    client.force_login(UserFactory())
    assert "Ny rutin för avvikelser" not in client.get("/").content.decode()


def test_the_blog_page_flags_agree_with_the_rules(blog, employee, other_employee, webbred):
    from blogs.permissions import can_manage_blog, is_writer
    from blogs.selectors import deputies_and_viewer, is_following

    deputy = UserFactory()
    blog.deputies.add(deputy)
    actions.set_following(actor=employee, blog=blog, following=True)
    writer = blog.writers.exclude(pk=other_employee.pk).get()
    for user in (employee, other_employee, webbred, deputy, writer, UserFactory(is_active=False)):
        deputies, flags = deputies_and_viewer(user, blog)
        assert deputies == [deputy]
        assert flags == {"is_writer": is_writer(user, blog),
                         "following": is_following(user, blog),
                         "can_manage": can_manage_blog(user, blog)}, user
