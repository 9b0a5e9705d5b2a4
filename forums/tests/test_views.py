import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from forums import actions
from forums.models import Post
from forums.tests.factories import ForumFactory
from profiles.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def forum(other_employee):
    return ForumFactory(owner=other_employee, slug="it-fragor", name="IT-frågor")


def fill(forum, *, discussions: int, posts: int) -> None:
    authors = [UserFactory() for _ in range(3)]
    for d in range(discussions):
        discussion = actions.start_discussion(actor=authors[d % 3], forum=forum,
                                              title=f"Tråd {d}", body="Start")
        for p in range(posts):
            actions.reply(actor=authors[p % 3], discussion=discussion, body=f"Svar {p}")


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_forum_pages_run_a_fixed_number_of_queries(client, forum, employee):
    """The same reader in the same state at both sizes: has read the discussion before, new
    posts have come since (the first-unread link is worked out), follows nothing."""
    client.force_login(employee)
    fill(forum, discussions=2, posts=2)
    discussion = forum.discussions.first()
    url = discussion.get_absolute_url()
    urls = ["/forum/", forum.get_absolute_url(), url]
    client.get(url)
    actions.reply(actor=UserFactory(), discussion=discussion, body="Olästa")
    small = [count_queries(client, u) for u in urls]
    fill(forum, discussions=6, posts=3)
    for _ in range(60):
        actions.reply(actor=UserFactory(), discussion=discussion, body="Fler")
    large = [count_queries(client, u) for u in urls]
    assert small == large


def test_start_discussion_and_reply_through_the_pages(client, forum, employee):
    client.force_login(employee)
    response = client.post(forum.get_absolute_url(), {"title": "Skrivaren", "body": "*Hjälp*"})
    assert response.status_code == 302
    discussion = forum.discussions.get()
    page = client.get(response["Location"]).content.decode()
    assert "<em>Hjälp</em>" in page
    assert "Anmäl" in page
    client.post(discussion.get_absolute_url(), {"body": "Själv svar"})
    assert discussion.posts.count() == 2


def test_personnummer_refusal_keeps_the_rest_of_the_text(client, forum, employee):
    client.force_login(employee)
    response = client.post(forum.get_absolute_url(),
                           {"title": "Ärende", "body": "Gäller 811218-9876, ring mig"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "personnummer" in html.lower()
    assert "Gäller 811218-9876, ring mig" in html
    assert not Post.objects.exists()


def test_xss_in_a_post_is_rendered_inert(client, forum, employee):
    client.force_login(employee)
    client.post(forum.get_absolute_url(),
                {"title": "<script>alert(1)</script>",
                 "body": '<img src=x onerror=alert(1)> [x](javascript:alert(2))'})
    discussion = forum.discussions.get()
    html = client.get(discussion.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # shown as text, not run
    assert "<img" not in html
    assert 'href="javascript:' not in html


def test_locked_discussion_via_the_page_changes_nothing(client, forum, employee, other_employee):
    discussion = actions.start_discussion(actor=employee, forum=forum, title="T", body="Hej")
    actions.set_locked(actor=other_employee, discussion=discussion, locked=True)
    client.force_login(employee)
    response = client.post(discussion.get_absolute_url(), {"body": "Ändå"}, follow=True)
    assert "låst" in response.content.decode()
    assert discussion.posts.count() == 1


def test_moderation_needs_post_and_a_moderator(client, forum, employee):
    discussion = actions.start_discussion(actor=employee, forum=forum, title="T", body="Hej")
    client.force_login(employee)
    url = f"{discussion.get_absolute_url()}las/"
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 403
    discussion.refresh_from_db()
    assert not discussion.is_locked


def test_other_users_post_cannot_be_edited(client, forum, employee, other_employee):
    discussion = actions.start_discussion(actor=employee, forum=forum, title="T", body="Hej")
    post = discussion.posts.get()
    client.force_login(other_employee)
    url = f"{discussion.get_absolute_url()}inlagg/{post.pk}/redigera/"
    assert client.post(url, {"body": "Kapat"}).status_code == 404
    post.refresh_from_db()
    assert post.body == "Hej"


def test_quote_prefills_the_reply(client, forum, employee):
    discussion = actions.start_discussion(actor=employee, forum=forum, title="T",
                                          body="Rad ett")
    client.force_login(employee)
    post = discussion.posts.get()
    html = client.get(f"{discussion.get_absolute_url()}?citera={post.pk}").content.decode()
    assert "&gt; Rad ett" in html


def test_moderators_can_register_a_post_and_others_do_not_see_the_link(
    client, forum, employee, other_employee
):
    discussion = actions.start_discussion(actor=employee, forum=forum, title="Fråga till "
                                          "kommunen", body="Kan ni svara på detta?")
    client.force_login(employee)
    assert "Registrera" not in client.get(discussion.get_absolute_url()).content.decode()
    client.force_login(other_employee)  # the forum's owner
    assert "/arkiv/registrera/forums.post/" in client.get(
        discussion.get_absolute_url()).content.decode()


def test_owner_hides_a_post_pending_review_and_webbredaktionen_gets_a_case(
    client, forum, employee, other_employee, webbred
):
    from insidan.moderation.models import ReportCase

    discussion = actions.start_discussion(actor=employee, forum=forum, title="Tråd",
                                          body="Ett olämpligt påstående")
    post = discussion.posts.get()
    url = f"{discussion.get_absolute_url()}inlagg/{post.pk}/dolj/"
    client.force_login(employee)  # not the owner
    assert client.post(url, {"reason": "x"}).status_code == 403
    client.force_login(other_employee)  # the forum's owner
    assert "Dölj i väntan på granskning" in client.get(
        discussion.get_absolute_url()).content.decode()
    response = client.post(url, {"reason": "Håller inte god samtalston"}, follow=True)
    assert "webbredaktionen har fått ett ärende" in response.content.decode()
    post.refresh_from_db()
    assert post.is_hidden
    assert ReportCase.objects.count() == 1
    client.force_login(UserFactory())
    assert "Ett olämpligt påstående" not in client.get(
        discussion.get_absolute_url()).content.decode()


def test_a_post_hidden_for_review_keeps_its_place_as_a_placeholder(
    client, forum, employee, other_employee, webbred
):
    """A hidden post vanished for readers while the discussion still said "3 inlägg": it
    keeps its place, shows nothing of itself, and the count agrees."""
    from insidan.moderation.actions import open_case_from_owner

    discussion = actions.start_discussion(actor=employee, forum=forum, title="Tråd",
                                          body="Första inlägget")
    hidden = actions.reply(actor=employee, discussion=discussion, body="Ett olämpligt påstående")
    actions.reply(actor=other_employee, discussion=discussion, body="Tredje inlägget")
    open_case_from_owner(actor=other_employee, item=hidden, reason="Granskas")
    discussion.refresh_from_db()

    def articles(html: str) -> int:
        return html.count('<article class="post')

    reader = UserFactory()
    client.force_login(reader)
    html = client.get(discussion.get_absolute_url()).content.decode()
    assert "Ett inlägg väntar på granskning." in html
    assert "Ett olämpligt påstående" not in html and "Granskas" not in html
    assert articles(html) == discussion.post_count == 3
    assert html.index("Första inlägget") < html.index("väntar på granskning") < html.index(
        "Tredje inlägget")
    # The forum's list says the same number.
    assert "3 inlägg" in client.get(forum.get_absolute_url()).content.decode()
    # The author, the owner and Webbredaktionen see the post itself, with its state.
    for who in (employee, other_employee, webbred):
        client.force_login(who)
        html = client.get(discussion.get_absolute_url()).content.decode()
        assert "Ett olämpligt påstående" in html and "väntar på granskning." not in html
        assert articles(html) == 3
    # A reader's cached thread is not shown to someone who may see the post, or back.
    client.force_login(reader)
    assert "Ett olämpligt påstående" not in client.get(
        discussion.get_absolute_url()).content.decode()
