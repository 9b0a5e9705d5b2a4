import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from notifications.models import Notification
from wagtail.models import ModelLogEntry

from forums import actions
from forums.models import Post
from forums.tests.factories import ForumFactory
from insidan.core.actions import accept_terms, publish_terms
from insidan.core.models import ChannelKind
from profiles.tests.factories import UserFactory

pytestmark = pytest.mark.django_db
VALID_PERSONNUMMER = "811218-9876"


@pytest.fixture
def forum(other_employee):
    return ForumFactory(owner=other_employee, slug="it-fragor", name="IT-frågor")


def test_start_discussion_renders_markdown_and_logs(forum, employee):
    discussion = actions.start_discussion(
        actor=employee, forum=forum, title="Skrivaren", body="Hur **skriver** jag ut?"
    )
    post = discussion.posts.get()
    assert post.body_html.strip() == "<p>Hur <strong>skriver</strong> jag ut?</p>"
    discussion.refresh_from_db()
    assert discussion.post_count == 1
    assert ModelLogEntry.objects.filter(action="wagtail.create", user=employee).exists()


def test_personnummer_is_refused_and_nothing_is_saved(forum, employee):
    with pytest.raises(ValidationError, match="personnummer"):
        actions.start_discussion(actor=employee, forum=forum, title="Fråga",
                                 body=f"Kunden har {VALID_PERSONNUMMER}")
    assert not Post.objects.exists()


@pytest.mark.parametrize("body", ["", "   ", "x" * 20_001, "a\x00b"])
def test_bad_post_bodies_are_refused(forum, employee, body):
    discussion = actions.start_discussion(actor=employee, forum=forum, title="T", body="Hej")
    with pytest.raises(ValidationError):
        actions.reply(actor=employee, discussion=discussion, body=body)
    assert discussion.posts.count() == 1


def test_reply_notifies_earlier_participants_after_commit(
    forum, employee, other_employee, django_capture_on_commit_callbacks
):
    discussion = actions.start_discussion(actor=employee, forum=forum, title="T", body="Hej")
    with django_capture_on_commit_callbacks(execute=True):
        actions.reply(actor=other_employee, discussion=discussion, body="Svar")
    notification = Notification.objects.get()
    assert notification.recipient == employee
    assert "skrev i diskussionen" in notification.description


def test_locked_discussion_refuses_posts(forum, employee, other_employee):
    discussion = actions.start_discussion(actor=employee, forum=forum, title="T", body="Hej")
    actions.set_locked(actor=other_employee, discussion=discussion, locked=True)
    with pytest.raises(PermissionDenied, match="låst"):
        actions.reply(actor=employee, discussion=discussion, body="Får jag?")
    assert discussion.posts.count() == 1
    assert ModelLogEntry.objects.filter(action="insidan.forum.lock").count() == 1


def test_only_moderators_lock_and_write_moderator_notes(forum, employee):
    discussion = actions.start_discussion(actor=employee, forum=forum, title="T", body="Hej")
    with pytest.raises(PermissionDenied):
        actions.set_locked(actor=employee, discussion=discussion, locked=True)
    with pytest.raises(PermissionDenied):
        actions.reply(actor=employee, discussion=discussion, body="Håll er till ämnet",
                      moderator_note=True)
    discussion.refresh_from_db()
    assert not discussion.is_locked


def test_deputy_moderates(forum, employee):
    deputy = UserFactory()
    forum.deputies.add(deputy)
    discussion = actions.start_discussion(actor=employee, forum=forum, title="T", body="Hej")
    note = actions.reply(actor=deputy, discussion=discussion, body="Håll er till ämnet",
                         moderator_note=True)
    assert note.is_moderator_note


def test_owner_must_accept_new_terms_before_moderating(forum, employee, other_employee, webbred):
    terms = publish_terms(actor=webbred, kind=ChannelKind.FORUM, title="v1", body="<p>a</p>")
    discussion = actions.start_discussion(actor=employee, forum=forum, title="T", body="Hej")
    with pytest.raises(PermissionDenied, match="villkoren"):
        actions.set_pinned(actor=other_employee, discussion=discussion, pinned=True)
    accept_terms(actor=other_employee, terms=terms)
    actions.set_pinned(actor=other_employee, discussion=discussion, pinned=True)
    discussion.refresh_from_db()
    assert discussion.is_pinned


def test_edit_keeps_earlier_versions(forum, employee, other_employee):
    discussion = actions.start_discussion(actor=employee, forum=forum, title="T", body="Första")
    post = discussion.posts.get()
    actions.edit_post(actor=employee, post=post, body="Andra")
    actions.edit_post(actor=employee, post=post, body="Tredje")
    post.refresh_from_db()
    assert post.body == "Tredje" and post.edited_at is not None
    assert list(post.versions.values_list("body", flat=True)) == ["Första", "Andra"]
    with pytest.raises(PermissionDenied):
        actions.edit_post(actor=other_employee, post=post, body="Kapat")


def test_quote_must_be_from_the_same_discussion(forum, employee):
    first = actions.start_discussion(actor=employee, forum=forum, title="A", body="Ett")
    second = actions.start_discussion(actor=employee, forum=forum, title="B", body="Två")
    with pytest.raises(ValidationError):
        actions.reply(actor=employee, discussion=second, body="Citat",
                      quoted=first.posts.get())
