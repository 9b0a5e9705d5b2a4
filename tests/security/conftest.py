"""One world for the access matrix, built once per test module with the real actions.

The data is written inside an outer transaction that is rolled back when the module is done,
so other modules never see it; each test runs in its own savepoint inside it (pytest-django's
`django_db`). Actions queue notifications and index updates with `transaction.on_commit`, which
never fires inside a transaction that is rolled back, so the build runs those callbacks itself
(`captureOnCommitCallbacks(execute=True)`), the way a committed request would.
"""

from types import SimpleNamespace

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import TestCase

from blogs import actions as blog_actions
from blogs.tests.factories import make_blog
from collab import actions as room_actions
from collab.tests.factories import add_member, make_room, room_terms
from forums import actions as forum_actions
from forums.tests.factories import ForumFactory
from insidan.comments.actions import post_comment
from insidan.moderation import actions as moderation_actions
from insidan.moderation.models import ReportCategory
from profiles import actions as profile_actions
from profiles.tests.factories import UserFactory

ARCHIVIST_GROUP = "Arkivarie"

# One marker per object: a word that appears nowhere else, so its presence in a response body
# means that object's text (or title) reached the viewer.
MARKERS = {
    "open_room_post": "kvastopenroom",
    "closed_room_post": "kvastclosedroom",
    "closed_room_title": "kvastrumtitel",
    "open_forum_post": "kvastopenforum",
    "blog_post": "kvastblogpost",
    "comment": "kvastcomment",
    "status_update": "kvaststatus",
    "profile": "kvastprofile",
    "hidden_post": "kvasthidden",
    "removed_post": "kvastremoved",
    "case_message": "kvastcasemessage",
    "room_document": "kvastdocument",
    "deactivated_profile": "kvastdeparted",
}

# The word searched for, beside the marker in the same text: the search page echoes the query,
# so the query must not be the marker itself.
def tag(key: str) -> str:
    return f"{MARKERS[key]} leta{MARKERS[key][5:]}"


ROLES = (
    "anonymous", "employee", "member", "former_member", "applicant", "owner", "deputy",
    "forum_owner", "blog_writer", "line_manager", "webbredaktionen", "archivist", "deactivated",
)


def _user(username: str, *groups: str):
    user = UserFactory(username=username, first_name=username.capitalize(), last_name="Test")
    for name in groups:
        user.groups.add(Group.objects.get_or_create(name=name)[0])
    return user


def _discussion(*, actor, forum, marker: str):
    return forum_actions.start_discussion(
        actor=actor, forum=forum, title=f"Rubrik {marker}", body=f"Texten {marker} här.",
    )


def _people() -> dict:
    people = {role: _user(role) for role in ROLES if role not in {"anonymous"}}
    people["webbredaktionen"].groups.add(Group.objects.get(name=settings.WEBBREDAKTIONEN_GROUP))
    people["archivist"].groups.add(Group.objects.get_or_create(name=ARCHIVIST_GROUP)[0])
    people["author"] = _user("author")  # writes the hidden and removed posts; not a viewer
    people["subject"] = _user("subject")  # the profile and status update under review
    return people


def _rooms(p: dict) -> SimpleNamespace:
    room_terms()
    open_room = make_room(_user("openroomowner"), closed=False, name="Öppna rummet")
    closed = make_room(p["owner"], closed=True, name=f"Stängda rummet {tag('closed_room_title')}")
    for role in ("member", "deputy", "former_member"):
        add_member(closed, p[role])
    room_actions.make_deputy(actor=p["owner"], room=closed, member=p["deputy"])
    room_actions.leave_room(actor=p["former_member"], room=closed)
    add_member(open_room, p["employee"])
    room_actions.apply_for_membership(actor=p["applicant"], room=closed, message="Får jag?")
    open_discussion = _discussion(actor=p["employee"], forum=open_room.forum,
                                  marker=tag("open_room_post"))
    closed_discussion = _discussion(actor=p["member"], forum=closed.forum,
                                    marker=tag("closed_room_post"))
    upload = SimpleUploadedFile(f"{MARKERS['room_document']}.txt", b"Protokoll.\n",
                                content_type="text/plain")
    document = room_actions.upload_document(actor=p["member"], room=closed, uploaded_file=upload,
                                            title=f"Protokoll {tag('room_document')}")
    return SimpleNamespace(open_room=open_room, closed=closed, open_discussion=open_discussion,
                           closed_discussion=closed_discussion, document=document,
                           closed_post=closed_discussion.posts.get())


def _forum(p: dict) -> SimpleNamespace:
    forum = ForumFactory(name="Säkerhetsforum", slug="sakerhetsforum", owner=p["forum_owner"])
    discussion = _discussion(actor=p["employee"], forum=forum, marker=tag("open_forum_post"))
    hidden = forum_actions.reply(actor=p["author"], discussion=discussion,
                                 body=f"Dolt {tag('hidden_post')} inlägg.")
    moderation_actions.open_case_from_owner(actor=p["forum_owner"], item=hidden,
                                            reason="Granska det här.")
    removed = forum_actions.reply(actor=p["author"], discussion=discussion,
                                  body=f"Borttaget {tag('removed_post')} inlägg.")
    case = moderation_actions.report_item(actor=p["employee"], item=removed,
                                          category=ReportCategory.DEFAMATION,
                                          text="Personangrepp.").case
    moderation_actions.decide_remove(actor=p["webbredaktionen"], case=case,
                                     reason="Personangrepp")
    hidden.refresh_from_db()
    removed.refresh_from_db()
    return SimpleNamespace(forum=forum, discussion=discussion, hidden=hidden, removed=removed,
                           removal_case=case)


def _blog(p: dict) -> SimpleNamespace:
    blog = make_blog(_user("blogowner"), name="Säkerhetsbloggen",
                     webbred=p["webbredaktionen"], writers=[p["blog_writer"]])
    post = blog_actions.create_post(actor=p["blog_writer"], blog=blog,
                                    title=f"Inlägget {tag('blog_post')}",
                                    body=f"Brödtext {tag('blog_post')}.")
    comment = post_comment(actor=p["employee"], target=post,
                           text=f"Kommentar {tag('comment')}.")
    return SimpleNamespace(blog=blog, post=post, comment=comment)


def _profiles(p: dict) -> SimpleNamespace:
    subject = p["subject"]
    subject.profile.manager = p["line_manager"]
    subject.profile.save(update_fields=["manager"])
    profile = profile_actions.update_own_profile(
        actor=subject, profile=subject.profile,
        work_description=f"Jag arbetar med {tag('profile')}.", experience="",
        languages="", skills=[],
    )
    status = profile_actions.post_status_update(actor=subject,
                                                body=f"Status {tag('status_update')}.")
    case = moderation_actions.report_item(actor=p["employee"], item=status,
                                          category=ReportCategory.OTHER,
                                          text="Stämmer det här?").case
    moderation_actions.post_case_message(actor=p["webbredaktionen"], case=case,
                                         body=f"Fråga {tag('case_message')} till chefen.")
    departed = p["deactivated"]
    profile_actions.update_own_profile(
        actor=departed, profile=departed.profile,
        work_description=f"Jag slutade {tag('deactivated_profile')}.", experience="",
        languages="", skills=[],
    )
    departed.is_active = False  # the staff import deactivates; no directory actor in tests
    departed.save(update_fields=["is_active"])
    return SimpleNamespace(profile=profile, status=status, case=case)


def build_world() -> SimpleNamespace:
    cache.clear()
    people = _people()
    world = SimpleNamespace(people=people)
    for builder in (_rooms, _forum, _blog, _profiles):
        with TestCase.captureOnCommitCallbacks(execute=True):
            vars(world).update(vars(builder(people)))
    from insidan.archive.models import ArchiveRecord

    world.archive_record = ArchiveRecord.objects.get(object_id=str(world.removed.pk))
    cache.clear()
    return world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield build_world()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
