"""The discussion page renders posts from the fragment cache (insidan.core.fragments): what a
reader sees must be exactly what the post and the reader's rights say, whoever warmed the
cache and whatever happened to the post since."""

import pytest

from forums import actions
from forums.tests.factories import ForumFactory
from insidan.core import fragments
from insidan.moderation.actions import decide_edit, decide_remove, open_case_from_owner
from profiles.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner():
    return UserFactory(username="agaren", first_name="Olle", last_name="Ägare")


@pytest.fixture
def discussion(owner, other_employee):
    forum = ForumFactory(owner=owner, slug="it-fragor", name="IT-frågor")
    discussion = actions.start_discussion(actor=owner, forum=forum, title="Skrivaren",
                                          body="Start")
    actions.reply(actor=other_employee, discussion=discussion, body="Eriks *svar*")
    return discussion


def page(client, user, discussion) -> str:
    client.force_login(user)
    response = client.get(discussion.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def edit_link(discussion, post) -> str:
    return f"/forum/{discussion.forum.slug}/{discussion.pk}/inlagg/{post.pk}/redigera/"


def test_only_the_author_gets_the_edit_link_whoever_warmed_the_cache(
        client, discussion, employee, other_employee):
    post = discussion.posts.get(author=other_employee)
    assert edit_link(discussion, post) not in page(client, employee, discussion)
    assert edit_link(discussion, post) in page(client, other_employee, discussion)
    assert edit_link(discussion, post) not in page(client, employee, discussion)


def test_an_edit_shows_at_once(client, discussion, employee, other_employee):
    post = discussion.posts.get(author=other_employee)
    assert "<em>svar</em>" in page(client, employee, discussion)
    actions.edit_post(actor=other_employee, post=post, body="Rättat svar")
    html = page(client, employee, discussion)
    assert "Rättat svar" in html and "<em>svar</em>" not in html


def test_hidden_and_removed_posts_leave_the_cached_page_at_once(
        client, discussion, owner, employee, other_employee, webbred):
    post = discussion.posts.get(author=other_employee)
    assert "Eriks" in page(client, employee, discussion)
    case = open_case_from_owner(actor=owner, item=post, reason="Ton")
    assert "Eriks" not in page(client, employee, discussion)
    assert "Eriks" in page(client, other_employee, discussion)  # the author still sees it
    post.refresh_from_db()
    decide_remove(actor=webbred, case=case, reason="Kränkande")
    html = page(client, employee, discussion)
    assert "Eriks" not in html and "Borttaget av webbredaktionen: Kränkande." in html


def test_an_editorial_edit_shows_its_reason(client, discussion, owner, employee,
                                            other_employee, webbred):
    post = discussion.posts.get(author=other_employee)
    assert "Eriks" in page(client, employee, discussion)
    case = open_case_from_owner(actor=owner, item=post, reason="Personnummer")
    decide_edit(actor=webbred, case=case, reason="Personuppgift borttagen", text="Svar")
    html = page(client, employee, discussion)
    assert "Ändrat av webbredaktionen: Personuppgift borttagen" in html
    assert "Eriks" not in html


def test_a_locked_discussion_takes_away_quote_links(client, discussion, owner, employee):
    assert "?citera=" in page(client, employee, discussion)
    actions.set_locked(actor=owner, discussion=discussion, locked=True)
    assert "?citera=" not in page(client, employee, discussion)


def test_moderators_get_forms_with_their_own_csrf_token(client, discussion, owner, employee):
    page(client, employee, discussion)  # warms the cache for readers
    html = page(client, owner, discussion)
    assert "Dölj i väntan på granskning" in html
    hide_forms = html.count("/dolj/\"")
    assert hide_forms and html.count('name="csrfmiddlewaretoken"') > hide_forms


def test_a_renamed_author_shows_under_the_new_name(client, discussion, employee,
                                                   other_employee):
    assert "Erik Bergström" in page(client, employee, discussion)
    other_employee.last_name = "Lind"
    other_employee.save()
    assert "Erik Lind" in page(client, employee, discussion)


def test_the_page_answers_when_the_cache_fails(client, discussion, employee, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(fragments.cache, "get_many", broken)
    monkeypatch.setattr(fragments.cache, "set_many", broken)
    assert "<em>svar</em>" in page(client, employee, discussion)


def test_fragments_are_reused_between_readers(client, discussion, employee, monkeypatch):
    """A second reader with the same rights gets every post from the cache."""
    page(client, employee, discussion)
    seen = {}
    real = fragments.cache.get_many

    def spy(keys):
        found = real(keys)
        seen.update(asked=len(keys), found=len(found))
        return found

    monkeypatch.setattr(fragments.cache, "get_many", spy)
    assert "<em>svar</em>" in page(client, UserFactory(), discussion)
    assert seen == {"asked": 2, "found": 2}


def test_forum_rows_follow_new_posts_and_each_readers_unread_mark(
        client, discussion, employee, other_employee):
    forum_url = discussion.forum.get_absolute_url()
    first_unread = f"/forum/{discussion.forum.slug}/{discussion.pk}/forsta-olasta/"
    page(client, employee, discussion)  # the employee has read it
    client.force_login(employee)
    html = client.get(forum_url).content.decode()
    assert "2 inlägg" in html and first_unread not in html
    actions.reply(actor=other_employee, discussion=discussion, body="Nytt")
    html = client.get(forum_url).content.decode()
    assert "3 inlägg" in html and first_unread in html
    client.force_login(UserFactory())  # never opened it: nothing is "new" for this reader
    html = client.get(forum_url).content.decode()
    assert "3 inlägg" in html and first_unread not in html
