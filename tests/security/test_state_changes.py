"""GET never changes anything, and every change needs a CSRF token (issue 11, section 2).

A GET to every URL pattern, as several roles, leaves every table as it was (row count and a
hash of the rows); every POST-only state change answers a GET with 405. A POST without a CSRF
token, to every URL pattern, answers 403 and writes nothing."""

import pytest
from django.test import Client

from profiles.tests.factories import UserFactory

from .sweep import changed_tables, every_url, fingerprint
from .test_discovery import KNOWN_SURFACES, STATE_CHANGE

# Written on GET by design, never user content: the session row of a logged-in client (Django
# saves it when the session changes, e.g. a language choice or a queued message), and the
# Wagtail admin's bookkeeping about the editor looking at it: the admin profile it makes on
# first visit, the editing session that tells two editors of one page about each other, and
# the page's comment subscription that opening the editor creates.
# The forums also keep each reader's own read position (forums.actions.mark_read, called by
# the discussion page on GET): a bookmark of the viewer's, never anyone's content.
UNTRACKED = frozenset({"django_session", "wagtailusers_userprofile",
                       "wagtailadmin_editingsession", "wagtailcore_pagesubscription",
                       "forums_readstate"})
# Views that answer GET with a redirect instead of 405 (none since "Byt språk" became our own
# POST-only view, insidan.accounts.language.set_language).
GET_REDIRECTS: set[str] = set()
# Wagtail's page for trying the admin's error page: raises on purpose for admin users.
ERROR_TEST = "/admin/failwhale/"
# Known server errors, each with its own strict xfail test below so that the fix is noticed.
KNOWN_ERRORS = {"/admin/pages/{post}/view_draft/"}
SWEEP_ROLES = ("anonymous", "employee", "owner", "forum_owner", "blog_writer",
               "webbredaktionen", "superuser")


def _client(world, role: str, **kwargs) -> Client:
    client = Client(raise_request_exception=False, **kwargs)
    if role == "superuser":
        client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    elif role != "anonymous":
        client.force_login(world.people[role])
    return client


def _culprits(client, urls, method: str) -> list[str]:
    """Only when a sweep changed something: which URLs did it, one at a time."""
    found = []
    for key, url in urls:
        before = fingerprint(UNTRACKED)
        getattr(client, method)(url)
        changed = changed_tables(before, fingerprint(UNTRACKED))
        if changed:
            found.append(f"{method.upper()} {url} ({key}) changed {changed}")
    return found


@pytest.mark.django_db
@pytest.mark.parametrize("role", SWEEP_ROLES)
def test_get_to_every_url_changes_nothing(role, world):
    client = _client(world, role)
    urls = every_url(world)
    assert len(urls) > 250  # our patterns and Wagtail's: the discovery really ran
    before = fingerprint(UNTRACKED)
    statuses = {url: client.get(url).status_code for _key, url in urls}
    changed = changed_tables(before, fingerprint(UNTRACKED))
    assert not changed, _culprits(client, urls, "get") or changed
    known = {ERROR_TEST} | {url.format(post=world.post.pk) for url in KNOWN_ERRORS}
    assert not [u for u, s in statuses.items() if s >= 500 and u not in known]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ("owner", "forum_owner", "webbredaktionen"))
def test_state_changing_views_refuse_get(role, world):
    client = _client(world, role)
    urls = every_url(world)
    state_changes = {key for key, value in KNOWN_SURFACES.items()
                     if value == STATE_CHANGE} & {key for key, _url in urls}
    checked = set()
    for key, url in urls:
        if key in state_changes and key not in GET_REDIRECTS:
            response = client.get(url)
            assert response.status_code == 405, f"GET {url} ({key}): {response.status_code}"
            checked.add(key)
    assert checked == state_changes - GET_REDIRECTS


@pytest.mark.django_db
@pytest.mark.parametrize("role", ("anonymous", "owner", "webbredaktionen", "superuser"))
def test_post_without_csrf_token_is_refused_everywhere(role, world):
    client = _client(world, role, enforce_csrf_checks=True)
    urls = every_url(world)
    before = fingerprint(UNTRACKED)
    allowed = {url: client.post(url).status_code for _key, url in urls}
    changed = changed_tables(before, fingerprint(UNTRACKED))
    assert not changed, _culprits(client, urls, "post") or changed
    assert not [url for url, status in allowed.items() if status != 403], \
        "POST without a CSRF token not refused"


@pytest.mark.django_db
def test_blog_post_draft_preview_renders(world):
    response = _client(world, "webbredaktionen").get(
        f"/admin/pages/{world.post.pk}/view_draft/")
    assert response.status_code == 200
    assert world.post.title in response.text
