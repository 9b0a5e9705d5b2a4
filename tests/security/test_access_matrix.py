"""The access matrix (issue 11, section 1): every role × every surface, negative cases first.

See matrix.py for the table. A role that may not open a page gets 404 (hidden is the same as
missing), 403, or a redirect to a login page; whatever the answer, no marker of an object the
role may not see is anywhere in the body.
"""

import pytest

from .conftest import MARKERS, ROLES
from .matrix import SURFACES, VISIBLE

DENIED = {302, 403, 404, 405}
LOGIN_PATHS = ("/konto/logga-in/", "/admin/login/", "/django-admin/login/")


@pytest.fixture(scope="module")
def clients(world, django_db_blocker):
    from django.test import Client

    made = {}
    with django_db_blocker.unblock():
        for role in ROLES:
            client = Client()
            if role != "anonymous":
                client.force_login(world.people[role])
            made[role] = client
    return made


def _body(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("surface", SURFACES, ids=lambda s: s.name)
def test_access_matrix(surface, role, world, clients):
    url = surface.url(world)
    response = clients[role].get(url)
    body = _body(response)
    where = f"{role} GET {url} ({surface.name})"
    if role in surface.page:
        assert response.status_code == 200, f"{where}: {response.status_code}"
    else:
        assert response.status_code in DENIED, f"{where}: {response.status_code}"
        if response.status_code == 302:
            location = response["Location"]
            # Wagtail sends a logged-in user without the permission to the admin's home.
            assert location.startswith(LOGIN_PATHS) or location == "/admin/", where
    for key, marker in MARKERS.items():
        if role not in VISIBLE[key] or key in surface.hides:
            assert marker not in body, f"{where} shows {key}"
        elif role in surface.shows.get(key, ()):
            assert marker in body, f"{where} does not show {key}"
