"""The session's user is loaded with the Webbredaktionen role in the same query."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


def group_queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    # A query of its own on the groups (the user row's query carries it as EXISTS).
    return sum(q["sql"].startswith('SELECT 1 AS "a" FROM "auth_group"')
               for q in queries.captured_queries)


def test_a_login_asks_the_role_with_the_user_row_and_it_is_fresh_per_request(
        client, employee):
    """Logged in through the login form (the first backend); the report queue is
    Webbredaktionen's only. Joining and leaving the group takes effect on the next request."""
    response = client.post("/konto/logga-in/", {"username": "anna", "password": "demo"})
    assert response.status_code == 302
    assert client.session["_auth_user_backend"] == settings.AUTHENTICATION_BACKENDS[0]
    assert group_queries(client, "/rum/") == 0  # the role came with the user
    assert client.get("/admin/anmalningar/").status_code in (302, 403)
    group = Group.objects.get(name=settings.WEBBREDAKTIONEN_GROUP)
    employee.groups.add(group)
    assert client.get("/admin/anmalningar/").status_code == 200
    employee.groups.remove(group)
    assert client.get("/admin/anmalningar/").status_code in (302, 403)


def test_a_session_from_djangos_own_backend_still_works(client, employee):
    client.force_login(employee, backend="django.contrib.auth.backends.ModelBackend")
    assert client.get("/rum/").status_code == 200


def test_a_deactivated_employee_is_logged_out(client, employee):
    client.force_login(employee)
    employee.is_active = False
    employee.save()
    assert client.get("/rum/").status_code == 302
