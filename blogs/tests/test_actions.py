import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from wagtail.models import PageLogEntry

from blogs import actions
from blogs.models import BlogPage, BlogPostPage
from blogs.permissions import is_writer
from blogs.tests.factories import make_blog, make_post
from insidan.core.actions import accept_terms
from insidan.core.models import ChannelKind, ChannelStatus
from insidan.core.terms import TermsNotAccepted, current_terms
from profiles.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_owner_adds_and_removes_writers_and_their_admin_group(employee, other_employee):
    blog = make_blog(employee)
    assert is_writer(employee, blog)
    actions.add_writer(actor=employee, blog=blog, user=other_employee)
    assert is_writer(other_employee, blog)
    assert other_employee.groups.filter(pk=blog.writer_group_id).exists()
    assert other_employee.has_perm("wagtailadmin.access_admin")
    assert PageLogEntry.objects.filter(page=blog, action="insidan.blog.add_writer").exists()
    actions.remove_writer(actor=employee, blog=blog, user=other_employee)
    assert not is_writer(other_employee, blog)
    assert not other_employee.groups.filter(pk=blog.writer_group_id).exists()


def test_non_owner_cannot_add_writers_and_nothing_changes(employee, other_employee):
    blog = make_blog(employee)
    intruder = UserFactory()
    with pytest.raises(PermissionDenied, match="ägare"):
        actions.add_writer(actor=other_employee, blog=blog, user=intruder)
    assert not is_writer(intruder, blog)
    assert list(blog.writers.all()) == [employee]


def test_writer_who_is_not_owner_cannot_add_writers(employee, other_employee):
    blog = make_blog(employee, writers=[other_employee])
    with pytest.raises(PermissionDenied):
        actions.add_writer(actor=other_employee, blog=blog, user=UserFactory())


def test_deputy_may_add_writers(employee, other_employee):
    blog = make_blog(employee)
    blog.deputies.add(other_employee)
    newcomer = UserFactory()
    with pytest.raises(TermsNotAccepted):
        actions.add_writer(actor=other_employee, blog=blog, user=newcomer)
    accept_terms(actor=other_employee, terms=current_terms(ChannelKind.BLOG))
    actions.add_writer(actor=other_employee, blog=blog, user=newcomer)
    assert is_writer(newcomer, blog)


def test_last_writer_cannot_be_removed(employee):
    blog = make_blog(employee)
    with pytest.raises(ValidationError):
        actions.remove_writer(actor=employee, blog=blog, user=employee)


def test_post_with_several_writers(employee, other_employee):
    blog = make_blog(employee, writers=[other_employee])
    post = make_post(blog, writers=[employee, other_employee], tags=["it", "tips"])
    assert post.live and post.get_parent().pk == blog.pk
    assert set(post.writers.all()) == {employee, other_employee}
    assert sorted(t.name for t in post.tags.all()) == ["it", "tips"]
    assert post.get_url() == f"/bloggar/{blog.slug}/{post.slug}/"


def test_post_writers_must_write_in_the_blog(employee, other_employee):
    blog = make_blog(employee)
    with pytest.raises(ValidationError):
        make_post(blog, writers=[other_employee])
    with pytest.raises(PermissionDenied):
        make_post(blog, actor=other_employee)
    assert not BlogPostPage.objects.exists()


def test_decommission_request(employee, other_employee, webbred,
                              django_capture_on_commit_callbacks):
    from notifications.models import Notification

    blog = make_blog(employee)
    with pytest.raises(PermissionDenied):
        actions.request_decommission(actor=other_employee, blog=blog, reason="Klart")
    with django_capture_on_commit_callbacks(execute=True):
        actions.request_decommission(actor=employee, blog=blog, reason="Projektet är klart")
    assert BlogPage.objects.get(pk=blog.pk).status == ChannelStatus.DECOMMISSION_REQUESTED
    assert Notification.objects.filter(recipient=webbred, verb="channel_request").exists()
    assert PageLogEntry.objects.filter(page=blog,
                                       action="insidan.blog.request_decommission").exists()


def test_quiet_blog_owner_is_reminded_once(employee, django_capture_on_commit_callbacks):
    from notifications.models import Notification

    from blogs.selectors import inactive_blogs

    blog = make_blog(employee)
    make_post(blog)
    later = timezone.now() + timezone.timedelta(days=200)
    with django_capture_on_commit_callbacks(execute=True):
        assert actions.check_blog_activity(now=timezone.now()) == {"inactive": 0}
        assert actions.check_blog_activity(now=later) == {"inactive": 1}
        assert actions.check_blog_activity(now=later) == {"inactive": 0}
    assert Notification.objects.filter(recipient=employee, verb="channel_inactive").count() == 1
    assert not inactive_blogs(later).exists()
    assert list(inactive_blogs(timezone.now() + timezone.timedelta(days=300))) == [blog]
