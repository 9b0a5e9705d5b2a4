"""Test data for moderation. Forums are rows (Webbredaktionen sets them up in the admin);
discussions, posts, reports and cases are made through the real actions."""

import factory

from forums import actions as forum_actions
from forums.models import Forum
from profiles.tests.factories import UserFactory

from .. import actions
from ..models import ReportCategory


class ModerationForumFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Forum
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Anmälningsforum {n}")
    slug = factory.Sequence(lambda n: f"anmalningsforum-{n}")
    owner = factory.SubFactory(UserFactory)
    approved_by = factory.SubFactory(UserFactory)
    purpose = "Frågor och svar om arbetet."
    target_group = "Alla medarbetare"
    watched_hours = "Vardagar 8–17"


def make_post(*, author=None, forum=None, body="Ett inlägg om schemat.", title="Schemat"):
    """A discussion with one post, written by `author`; returns the post."""
    author = author or UserFactory()
    forum = forum or ModerationForumFactory()
    discussion = forum_actions.start_discussion(actor=author, forum=forum, title=title, body=body)
    return discussion.posts.get()


def make_case(*, reporter=None, item=None, category=ReportCategory.DEFAMATION,
              text="Det här är ett personangrepp."):
    reporter = reporter or UserFactory()
    item = item or make_post()
    return actions.report_item(actor=reporter, item=item, category=category, text=text).case
