"""The database connection is lost in the middle of a request (the server ends the backend, as
a restart or a failover does): the user gets the Swedish error page, and nothing the request
had written so far is left in the database."""

import pytest
from django.db import connection
from django.db.models.signals import post_save
from django.urls import reverse
from notifications.models import Notification
from wagtail.models import ModelLogEntry

from forums.models import Post
from insidan.archive.models import ArchiveRecord
from insidan.core.models import ModerationState
from insidan.moderation.actions import report_item
from insidan.moderation.models import CaseState

from .conftest import client_for

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


class ConnectionKiller:
    """When a row of `model` has been written, a second connection ends the request's own
    backend (pg_terminate_backend): the request's next statement finds the connection gone."""

    def __init__(self, model):
        self.model, self.fired = model, False

    def __call__(self, **kwargs):
        if self.fired:
            return
        self.fired = True
        pid = connection.connection.info.backend_pid
        other = connection.get_new_connection(connection.get_connection_params())
        try:
            other.autocommit = True
            other.execute("SELECT pg_terminate_backend(%s)", [pid])
        finally:
            other.close()

    def __enter__(self):
        post_save.connect(self, sender=self.model, weak=False)
        return self

    def __exit__(self, *exc):
        post_save.disconnect(self, sender=self.model)


def assert_swedish_error_page(response) -> None:
    assert response.status_code == 500
    page = response.content.decode()
    assert '<html lang="sv">' in page and "<h1>Ett fel uppstod</h1>" in page
    assert "<main" in page and "<title>" in page


def test_lost_while_posting_leaves_no_post(employee, discussion):
    posts_before = set(discussion.posts.values_list("pk", flat=True))
    client = client_for(employee)

    with ConnectionKiller(Post) as killer:
        response = client.post(discussion.get_absolute_url(),
                               {"body": "Ett inlägg som aldrig sparas."})

    assert killer.fired
    assert_swedish_error_page(response)
    assert set(discussion.posts.values_list("pk", flat=True)) == posts_before
    assert not ModelLogEntry.objects.filter(action="wagtail.create",
                                            content_type__model="post").exclude(
        object_id__in=[str(pk) for pk in posts_before]).exists()
    assert client.get(discussion.get_absolute_url()).status_code == 200  # back again


def test_lost_while_archiving_removes_nothing(media, webbred, other_employee, post):
    case = report_item(actor=other_employee, item=post, category="defamation",
                       text="Kränkande").case
    notices_before = Notification.objects.count()

    with ConnectionKiller(ArchiveRecord) as killer:
        response = client_for(webbred).post(
            reverse("moderation_admin:case", args=[case.pk]),
            {"decision": "remove", "reason": "Personangrepp", "expected_state": CaseState.OPEN},
        )

    assert killer.fired
    assert_swedish_error_page(response)
    post.refresh_from_db()
    case.refresh_from_db()
    assert post.moderation_state == ModerationState.VISIBLE and post.body
    assert case.state == CaseState.OPEN
    assert not ArchiveRecord.objects.exists()
    assert Notification.objects.count() == notices_before
