"""The bell in the header: the unread count, "99+" above 99, at a fixed cost per page."""

import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from notifications.models import Notification

pytestmark = pytest.mark.django_db


def unread(recipient, actor, n: int) -> None:
    actor_type = ContentType.objects.get_for_model(actor)
    Notification.objects.bulk_create(
        Notification(recipient=recipient, actor_content_type=actor_type,
                     actor_object_id=str(actor.pk), verb="comment_on_your_item",
                     description=f"Notis {i}") for i in range(n))


def bell(client) -> tuple[str | None, int]:
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/regler/").content.decode()
    match = re.search(r'class="bell__count">([^<]*)<', html)
    return (match.group(1) if match else None), len(queries)


def test_the_bell_counts_up_to_99_and_then_says_99_plus(client, employee, other_employee):
    client.force_login(employee)
    assert bell(client)[0] is None
    unread(employee, other_employee, 3)
    count, few_queries = bell(client)
    assert count == "3"
    unread(employee, other_employee, 96)
    assert bell(client)[0] == "99"
    unread(employee, other_employee, 1)
    count, many_queries = bell(client)
    assert count == "99+" and many_queries == few_queries
    Notification.objects.filter(recipient=employee).update(unread=False)
    assert bell(client)[0] is None
