"""Property-based tests (issue 11, section 2): every form that takes user text, posted through
its real view with arbitrary Unicode, NUL bytes, 1 MB strings and right-to-left marks. The
answer is never a server error: a page with a clear error, or a saved item whose page renders.

Rate limits are lifted here (each test posts dozens of times); test_rate_limits.py covers them.
"""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client, override_settings
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from collab.tests.factories import make_room, room_terms
from forums import actions as forum_actions
from forums.tests.factories import ForumFactory
from profiles import actions as profile_actions
from profiles.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# Bidirectional controls, zero-width characters, a byte order mark and NUL.
MARKS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200b\ufeff\x00"
HOSTILE = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.sampled_from(MARKS + "aå ‮<>&\"'\n\r\t*_[]()#`\\"), max_size=120),
    st.builds(lambda char, n: char * n, st.sampled_from(["x", "å", "\u202e", "😀", "\x00"]),
              st.just(1_000_000)),
)
EXAMPLES = settings(max_examples=25, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@pytest.fixture(autouse=True)
def _no_rate_limits():
    with override_settings(RATE_LIMITS={}, REPORTS_PER_HOUR=100_000):
        yield


def _client(user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def _check(client: Client, url: str, data: dict) -> None:
    response = client.post(url, data)
    assert response.status_code in {200, 302, 400}, (response.status_code, data)
    if response.status_code == 302:  # saved: the page that shows it renders
        shown = client.get(response["Location"])
        assert shown.status_code == 200, (response["Location"], shown.status_code)


def test_forum_discussion_and_post_forms():
    writer = UserFactory()
    forum = ForumFactory()
    discussion = forum_actions.start_discussion(actor=writer, forum=forum, title="Start",
                                                body="Hej.")
    client = _client(writer)

    @EXAMPLES
    @given(title=HOSTILE, body=HOSTILE)
    def run(title, body):
        _check(client, forum.get_absolute_url(), {"title": title, "body": body})
        _check(client, discussion.get_absolute_url(), {"body": body})

    run()


def test_status_update_and_comment_forms():
    writer = UserFactory()
    status = profile_actions.post_status_update(actor=writer, body="Fika.")
    comment_url = reverse("comments:post",
                          args=[ContentType.objects.get_for_model(status).pk, status.pk])
    client = _client(writer)

    @EXAMPLES
    @given(body=HOSTILE)
    def run(body):
        _check(client, reverse("profiles:post_status"), {"body": body})
        _check(client, comment_url, {"text": body})

    run()


def test_report_form():
    author, reporter = UserFactory(), UserFactory()
    status = profile_actions.post_status_update(actor=author, body="Något att anmäla.")
    url = reverse("moderation:report", args=["profiles.statusupdate", status.pk])
    client = _client(reporter)

    @EXAMPLES
    @given(text=HOSTILE, category=st.sampled_from(["other", "defamation", "nonsense"]))
    def run(text, category):
        _check(client, url, {"category": category, "text": text})

    run()


def test_room_description_form():
    room_terms()
    owner = UserFactory()
    room = make_room(owner, closed=True, name="Egenskapsrummet")
    url = reverse("collab:edit", args=[room.slug])
    client = _client(owner)

    @EXAMPLES
    @given(name=HOSTILE, purpose=HOSTILE, presentation=HOSTILE)
    def run(name, purpose, presentation):
        _check(client, url, {
            "name": name, "room_kind": room.room_kind, "is_closed": "1", "purpose": purpose,
            "target_group": "Alla", "presentation": presentation, "contact": presentation,
            "watched_hours": "vardagar",
        })

    run()


def test_profile_form():
    user = UserFactory()
    client = _client(user)

    @EXAMPLES
    @given(work=HOSTILE, experience=HOSTILE, skills=HOSTILE)
    def run(work, experience, skills):
        _check(client, reverse("profiles:edit"), {
            "work_description": work, "experience": experience, "skills": skills,
            "languages": experience,
        })

    run()
