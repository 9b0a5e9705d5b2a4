"""Hostile input (issue 11, section 2), first part: stored XSS payloads in user text are inert
wherever they are rendered, and a valid personnummer is refused by every text action; then the
same payloads in notifications, e-mails (sent at once and the digest), the admin (report queue,
case, archive browser, forum requests), file names and room presentations."""

from html.parser import HTMLParser

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from blogs.tests.factories import make_blog
from collab import actions as room_actions
from collab.tests.factories import make_room
from forums import actions as forum_actions
from forums.tests.factories import ForumFactory
from insidan.archive.models import ArchiveRecord
from insidan.comments.actions import post_comment
from insidan.core.actions import publish_terms
from insidan.core.models import ChannelKind
from insidan.moderation import actions as moderation_actions
from insidan.moderation.models import ReportCategory
from insidan.notify.tasks import send_digests
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
        # An <svg> is live only with a payload in it (the admin draws its icons with SVG).
        if tag == "svg" and any("xss" in (value or "") for _name, value in attrs):
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


# Second part: notifications, e-mails, the admin, file names and presentations.

def _payload_text(n: int) -> str:
    """Every payload in one text, as Markdown paragraphs, numbered so a hit names its source."""
    return "\n\n".join(p.replace("xss", f"xss{n}-") for p in PAYLOADS)


@pytest.fixture
def hostile_world(db, django_capture_on_commit_callbacks, writer, webbred):
    """A closed room, its application, a document, a discussion with a reply, a report case
    that removes a post, and a forum request: all written with payloads, by the real actions."""
    owner, reader = UserFactory(username="xssowner"), UserFactory(username="xssreader")
    with django_capture_on_commit_callbacks(execute=True):
        room = make_room(owner, closed=True, name="<img src=x onerror=alert('xss10')>")
        room_actions.update_room(actor=owner, room=room, presentation=_payload_text(11),
                                 purpose=_payload_text(12), target_group=PAYLOADS[0])
        room_actions.apply_for_membership(actor=writer, room=room, message=_payload_text(13))
        document = room_actions.upload_document(
            actor=owner, room=room, title="",
            uploaded_file=SimpleUploadedFile("<img src=x onerror=alert('xss14')>.txt",
                                             b"Protokoll\n"))
        forum = ForumFactory(owner=owner)
        discussion = forum_actions.start_discussion(actor=reader, forum=forum,
                                                    title=PAYLOADS[1][:100],
                                                    body=_payload_text(15))
        post = forum_actions.reply(actor=writer, discussion=discussion, body=_payload_text(16))
        case = moderation_actions.report_item(actor=reader, item=post,
                                              category=ReportCategory.OTHER,
                                              text=_payload_text(17)).case
        moderation_actions.decide_remove(actor=webbred, case=case, reason=PAYLOADS[2])
        terms = publish_terms(actor=webbred, kind=ChannelKind.FORUM, title="Forumvillkor",
                              body="<p>Villkor.</p>")
        forum_request = forum_actions.request_forum(
            actor=writer, name=PAYLOADS[3][:100], purpose=_payload_text(18),
            target_group=PAYLOADS[4], watched_hours="vardagar", approved_by=owner,
            terms=terms)
    return {"owner": owner, "reader": reader, "room": room, "document": document,
            "discussion": discussion, "case": case, "forum_request": forum_request}


@pytest.mark.django_db
def test_notifications_and_emails_are_inert(client, hostile_world, writer, mailoutbox):
    owner, reader = hostile_world["owner"], hostile_world["reader"]
    for user in (owner, reader, writer):
        client.force_login(user)
        _assert_inert(client.get("/notiser/").content.decode(), f"notifications of {user}")
    send_digests.enqueue()
    assert mailoutbox, "no e-mail was sent"
    bodies = []
    for message in mailoutbox:
        # Plain text only: no HTML part in which a payload could be markup.
        assert message.content_subtype == "plain"
        assert not getattr(message, "alternatives", [])
        assert message.message().get_content_type() == "text/plain"
        assert "\n" not in message.subject and "\r" not in message.subject
        bodies.append(message.body)
    # The application (sent at once) and the reply in the followed discussion (the digest)
    # carry the text as text.
    assert any("xss13" in body for body in bodies), bodies
    assert any(m.subject.startswith("Insidan: dina notiser") for m in mailoutbox)


@pytest.mark.django_db
def test_admin_pages_are_inert(client, hostile_world, webbred):
    record = ArchiveRecord.objects.latest("pk")
    client.force_login(webbred)
    for url in (reverse("moderation_admin:queue") + "?status=all",
                reverse("moderation_admin:case", args=[hostile_world["case"].pk]),
                reverse("archive_records:index"),
                reverse("archive_records:inspect", args=[record.pk]),
                f"/admin/forum-requests/edit/{hostile_world['forum_request'].pk}/",
                "/admin/forum-requests/"):
        response = client.get(url)
        assert response.status_code == 200, url
        _assert_inert(response.content.decode(), url)


@pytest.mark.django_db
def test_file_names_and_presentations_are_inert(client, hostile_world):
    room, document = hostile_world["room"], hostile_world["document"]
    client.force_login(hostile_world["owner"])
    for url in (room.get_absolute_url(), reverse("collab:documents", args=[room.slug]),
                reverse("collab:manage", args=[room.slug]), reverse("collab:room_list"),
                reverse("search") + "?q=onerror"):
        response = client.get(url)
        assert response.status_code == 200, url
        _assert_inert(response.content.decode(), url)
    download = client.get(reverse("collab:document_download", args=[room.slug, document.pk]))
    disposition = download["Content-Disposition"]
    assert disposition.startswith("attachment;") and "\n" not in disposition
