# ruff: noqa: F811 - the imported fixtures are used as fixture arguments below.
"""The admin's object views answer a person who may not see an object exactly as they answer
an id that does not exist, so nobody learns which archive records, registrations, packages,
terms, requests or cases exist by trying ids (insidan/core/admin_lookup.py). The answer is
the admin's permission-denied one; someone allowed in gets the object, and 404 for a missing
id."""

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from blogs.actions import request_blog
from forums.actions import request_forum
from insidan.archive.actions import archive_then_remove, register_item, take_snapshot
from insidan.archive.tests.conftest import (  # noqa: F401 (fixtures)
    chef,
    discussion,
    document,
    forum,
    media,
    post,
    room,
)
from insidan.core.actions import publish_terms
from insidan.core.models import ChannelKind
from insidan.moderation.actions import report_item
from profiles.models import OwnerlessChannel
from profiles.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

MISSING = 987654


@pytest.fixture
def objects(media, webbred, document, post, forum, other_employee, chef):
    """One object behind each object view of the admin, made with the real actions."""
    blog_terms = publish_terms(actor=webbred, kind=ChannelKind.BLOG, title="Bloggvillkor",
                               body="<p>Villkor.</p>")
    forum_terms = publish_terms(actor=webbred, kind=ChannelKind.FORUM, title="Forumvillkor",
                                body="<p>Villkor.</p>")
    request = {"actor": other_employee, "name": "Läsfrämjande", "purpose": "Tips",
               "target_group": "Alla", "watched_hours": "Vardagar", "approved_by": chef}
    record = archive_then_remove(actor=webbred, item=document, reason="Inaktuellt",
                                 notify_author=False)
    return {
        "archive_records": record.pk,
        "archive_packages": take_snapshot(actor=webbred, reason="Före omorganisationen").pk,
        "archive_registrations": register_item(actor=webbred, item=post,
                                               description="Fråga om öppettider").pk,
        "terms": blog_terms.pk,
        "forum-requests": request_forum(**request, terms=forum_terms).pk,
        "blog-requests": request_blog(**request, terms=blog_terms).pk,
        "ownerless-channels": OwnerlessChannel.objects.create(
            content_type=ContentType.objects.get_for_model(forum), object_id=forum.pk,
            former_owner=other_employee).pk,
        "moderation_admin": report_item(actor=other_employee, item=post, category="other",
                                        text="Fel forum").case.pk,
    }


# Every view of the admin that shows one object by id.
OBJECT_VIEWS = [
    "archive_records:inspect", "archive_records:history",
    "archive_packages:inspect", "archive_packages:history",
    "archive_registrations:inspect", "archive_registrations:history",
    "terms:inspect", "terms:history", "terms:edit",
    "forum-requests:edit", "forum-requests:history",
    "blog-requests:edit", "blog-requests:history",
    "ownerless-channels:history",
    "moderation_admin:case",
]


@pytest.fixture
def admin_user_without_rights(db):
    """Someone with access to the admin but in no group (e.g. a page editor)."""
    user = UserFactory(username="redaktor")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


# The views Webbredaktionen may open; the others (the history of archive records,
# registrations and flags; editing published terms) it is refused like anyone else.
WEBBREDAKTIONEN_OPENS = {
    "archive_records:inspect", "archive_packages:inspect", "archive_packages:history",
    "archive_registrations:inspect",
    "terms:inspect", "terms:history", "forum-requests:edit", "forum-requests:history",
    "blog-requests:edit", "blog-requests:history", "moderation_admin:case",
}
CASES = ([("admin_user_without_rights", view) for view in OBJECT_VIEWS]
         + [("webbred", view) for view in OBJECT_VIEWS if view not in WEBBREDAKTIONEN_OPENS])


@pytest.mark.parametrize("who, view", CASES)
def test_a_forbidden_id_answers_as_a_missing_one(client, request, objects, who, view):
    client.force_login(request.getfixturevalue(who))
    existing = client.get(reverse(view, args=[objects[view.split(":")[0]]]))
    missing = client.get(reverse(view, args=[MISSING]))
    assert existing.status_code == missing.status_code == 302
    assert existing["Location"] == missing["Location"]


@pytest.mark.parametrize("view", sorted(WEBBREDAKTIONEN_OPENS))
def test_webbredaktionen_sees_the_object_and_404_for_a_missing_id(client, objects, webbred,
                                                                   view):
    client.force_login(webbred)
    assert client.get(reverse(view, args=[objects[view.split(":")[0]]])).status_code == 200
    assert client.get(reverse(view, args=[MISSING])).status_code == 404
