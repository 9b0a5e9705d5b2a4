"""Hostile input (issue 11, section 2), first part: stored XSS payloads in user text are inert
wherever they are rendered, and a valid personnummer is refused by every text action."""

from html.parser import HTMLParser

import pytest
from django.core.exceptions import ValidationError

from blogs.tests.factories import make_blog
from forums import actions as forum_actions
from forums.tests.factories import ForumFactory
from insidan.comments.actions import post_comment
from profiles import actions as profile_actions
from profiles.tests.factories import UserFactory

PAYLOADS = [
    "<script>alert('xss1')</script>",
    '<img src=x onerror="alert(\'xss2\')">',
    "[klick](javascript:alert('xss3'))",
    '<svg onload="alert(\'xss4\')"></svg>',
    '<a href="javascript:alert(\'xss5\')">länk</a>',
    "[x](JaVaScRiPt:alert('xss6'))",
]
PERSONNUMMER = "Mitt personnummer är 19811218-9876."  # Luhn-valid, a real date


class _LiveMarkup(HTMLParser):
    """Collects what would run in a browser: script text, on* attributes, javascript: URLs
    and SVG elements that carry a payload."""

    def __init__(self) -> None:
        super().__init__()
        self.live: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self._in_script = tag == "script"
        for name, value in attrs:
            value = (value or "").lower()
            if "xss" in value and (name.startswith("on") or "javascript:" in value):
                self.live.append(f"<{tag} {name}={value}>")
        if tag == "svg":
            self.live.append("<svg>")

    def handle_data(self, data):
        if self._in_script and "xss" in data:
            self.live.append(data)

    def handle_endtag(self, tag):
        self._in_script = False


def _assert_inert(body: str, where: str) -> None:
    parser = _LiveMarkup()
    parser.feed(body)
    assert not parser.live, f"{where}: live payload {parser.live}"


@pytest.fixture
def writer(db):
    return UserFactory(username="xsswriter")


@pytest.mark.django_db
@pytest.mark.parametrize("payload", PAYLOADS)
def test_forum_post_payload_is_inert(client, writer, payload):
    forum = ForumFactory()
    discussion = forum_actions.start_discussion(actor=writer, forum=forum,
                                                title=payload[:100], body=payload)
    client.force_login(writer)
    for url in (discussion.get_absolute_url(), forum.get_absolute_url(), "/"):
        _assert_inert(client.get(url).content.decode(), url)


@pytest.mark.django_db
@pytest.mark.parametrize("payload", PAYLOADS)
def test_status_and_profile_payloads_are_inert(client, writer, payload):
    status = profile_actions.post_status_update(actor=writer, body=payload)
    profile_actions.update_own_profile(actor=writer, profile=writer.profile,
                                       work_description=payload, experience=payload,
                                       languages="svenska", skills=[])
    client.force_login(writer)
    for url in (status.get_absolute_url(), writer.profile.get_absolute_url()):
        _assert_inert(client.get(url).content.decode(), url)


@pytest.mark.django_db
@pytest.mark.parametrize("payload", PAYLOADS)
def test_blog_comment_payload_is_inert_in_page_and_feeds(client, writer, payload):
    from django.urls import reverse

    from blogs import actions as blog_actions

    blog = make_blog(writer, writers=[])
    post = blog_actions.create_post(actor=writer, blog=blog, title="Inlägg", body=payload)
    post_comment(actor=writer, target=post, text=payload)
    client.force_login(writer)
    for url in (post.url, reverse("blogs:feed", args=[blog.slug]),
                reverse("blogs:atom_feed", args=[blog.slug])):
        _assert_inert(client.get(url).content.decode(), url)


@pytest.mark.django_db
def test_personnummer_is_refused_by_every_text_action(writer):
    forum = ForumFactory()
    with pytest.raises(ValidationError):
        forum_actions.start_discussion(actor=writer, forum=forum, title="Hej",
                                       body=PERSONNUMMER)
    discussion = forum_actions.start_discussion(actor=writer, forum=forum, title="Hej",
                                                body="Hej")
    with pytest.raises(ValidationError):
        forum_actions.reply(actor=writer, discussion=discussion, body=PERSONNUMMER)
    with pytest.raises(ValidationError):
        profile_actions.post_status_update(actor=writer, body=PERSONNUMMER)
    with pytest.raises(ValidationError):
        profile_actions.update_own_profile(actor=writer, profile=writer.profile,
                                           work_description=PERSONNUMMER, experience="",
                                           languages="", skills=[])
    status = profile_actions.post_status_update(actor=writer, body="Hej")
    with pytest.raises(ValidationError):
        post_comment(actor=writer, target=status, text=PERSONNUMMER)
