"""Rate limits (issue 11, section 2): over the limit a POST answers 429 with a Swedish page that
says when to try again, and nothing is written; other employees are not affected. Failed logins
are limited per user name and per client address on every login form."""

import pytest
from django.conf import settings
from django.core.cache import caches
from django.test import Client, override_settings
from django.urls import reverse

from collab.models import MembershipApplication
from collab.tests.factories import make_room, room_terms
from forums.models import Discussion, Post
from forums.tests.factories import ForumFactory
from insidan.comments.models import Comment
from insidan.security.logins import LOGIN_VIEWS, normalized_username
from insidan.security.ratelimit import client_address
from profiles import actions as profile_actions
from profiles.models import StatusUpdate
from profiles.tests.factories import UserFactory

LIMITS = {
    "posts": {"views": ["forums:forum", "forums:discussion", "profiles:post_status"],
              "rate": "2/600"},
    "comments": {"views": ["comments:post"], "rate": "2/600"},
    "applications": {"views": ["collab:apply"], "rate": "2/3600"},
}


@pytest.fixture(autouse=True)
def _fresh_counters(request):
    """No counts from earlier tests: the counters live in the database table, where a
    live-server test's failed logins from 127.0.0.1 would otherwise still count."""
    if request.node.get_closest_marker("django_db"):
        request.getfixturevalue("db")
        caches[settings.COUNTERS_CACHE].clear()
    with override_settings(RATE_LIMITS=LIMITS, LOGIN_FAILURES_PER_USERNAME="3/900",
                           LOGIN_FAILURES_PER_ADDRESS="5/900"):
        yield


def _logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def assert_refused(response, period: int) -> None:
    body = response.content.decode()
    assert response.status_code == 429
    assert "Vänta en stund" in body and "Försök igen om" in body
    assert 0 < int(response["Retry-After"]) <= period
    assert '<html lang="sv">' in body  # the site's own page, with its navigation


@pytest.mark.django_db
def test_forum_posts_discussions_and_status_updates_share_the_post_limit():
    writer, other = UserFactory(), UserFactory()
    forum = ForumFactory()
    client = _logged_in(writer)
    response = client.post(forum.get_absolute_url(), {"title": "Första", "body": "Hej."})
    assert response.status_code == 302
    discussion = Discussion.objects.get(title="Första")
    assert client.post(discussion.get_absolute_url(), {"body": "Svar ett."}).status_code == 302
    before = (Discussion.objects.count(), Post.objects.count(), StatusUpdate.objects.count())

    assert_refused(client.post(discussion.get_absolute_url(), {"body": "Svar två."}), 600)
    assert_refused(client.post(forum.get_absolute_url(), {"title": "Andra", "body": "Hej."}), 600)
    assert_refused(client.post(reverse("profiles:post_status"), {"body": "Status."}), 600)
    assert (Discussion.objects.count(), Post.objects.count(),
            StatusUpdate.objects.count()) == before

    response = _logged_in(other).post(discussion.get_absolute_url(), {"body": "Jag också."})
    assert response.status_code == 302
    assert Post.objects.filter(author=other).count() == 1


@pytest.mark.django_db
def test_comment_limit():
    writer, other = UserFactory(), UserFactory()
    status = profile_actions.post_status_update(actor=other, body="Fika kl 15.")
    from django.contrib.contenttypes.models import ContentType

    url = reverse("comments:post",
                  args=[ContentType.objects.get_for_model(status).pk, status.pk])
    client = _logged_in(writer)
    for text in ("Ett.", "Två."):
        assert client.post(url, {"text": text}).status_code == 302
    assert_refused(client.post(url, {"text": "Tre."}), 600)
    assert list(Comment.objects.filter(user=writer).values_list("comment", flat=True)) in (
        ["Ett.", "Två."], ["Två.", "Ett."])
    assert _logged_in(other).post(url, {"text": "Tack!"}).status_code == 302
    assert Comment.objects.filter(user=other).count() == 1


@pytest.mark.django_db
def test_membership_application_limit():
    room_terms()
    owner, applicant, other = UserFactory(), UserFactory(), UserFactory()
    rooms = [make_room(owner, closed=True, name=f"Rum {n}") for n in range(3)]
    client = _logged_in(applicant)
    for room in rooms[:2]:
        response = client.post(reverse("collab:apply", args=[room.slug]), {"message": "Hej"})
        assert response.status_code == 302
    assert_refused(client.post(reverse("collab:apply", args=[rooms[2].slug]),
                               {"message": "Hej"}), 3600)
    assert MembershipApplication.objects.filter(applicant=applicant).count() == 2
    response = _logged_in(other).post(reverse("collab:apply", args=[rooms[2].slug]),
                                      {"message": "Hej"})
    assert response.status_code == 302
    assert MembershipApplication.objects.filter(applicant=other).count() == 1


def _with_password(username: str, password: str):
    user = UserFactory(username=username)
    user.set_password(password)
    user.save()
    return user


def _login(client: Client, username: str, password: str, url: str = "/konto/logga-in/"):
    return client.post(url, {"username": username, "password": password})


def _is_logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


@pytest.mark.django_db
def test_failed_logins_per_user_name():
    _with_password("kalle", "rätt-lösenord-123")
    client = Client(REMOTE_ADDR="10.0.0.1")
    for _attempt in range(3):
        response = _login(client, "kalle", "fel")
        assert response.status_code == 200 and "Fel användarnamn" in response.content.decode()
    # Past the limit even the right password is not checked: no session, a 429 page.
    response = _login(client, "KALLE", "rätt-lösenord-123")
    assert_refused(response, 900)
    assert "För många misslyckade inloggningar" in response.content.decode()
    assert not _is_logged_in(client)
    # Every other login form is refused for the same name too.
    for url in ("/admin/login/", "/django-admin/login/", "/_util/login/"):
        assert_refused(_login(Client(REMOTE_ADDR="10.0.0.9"), "kalle", "rätt-lösenord-123",
                              url), 900)
    # Someone else on the same address logs in.
    _with_password("lisa", "lisas-lösenord-456")
    assert _login(client, "lisa", "lisas-lösenord-456").status_code == 302
    assert _is_logged_in(client)


# One name written three other ways: full-width letters (NFKC turns them into "kalle"), upper
# case with spaces around it, and full-width capitals followed by an ideographic space.
SPELLINGS_OF_KALLE = ["ｋａｌｌｅ", " KALLE ", "Ｋａｌｌｅ\u3000"]


@pytest.mark.django_db
@pytest.mark.parametrize("view_name", sorted(LOGIN_VIEWS))
def test_failures_under_every_spelling_of_a_name_count_together_on_every_login_route(view_name):
    """Django's own login form (the Django admin, Wagtail's /_util/login/) applies NFKC to the
    name before authenticating, ours and Wagtail's admin form do not: whichever form counted a
    failure, every spelling is refused on every route once the name's limit is reached, the
    right password too. Each attempt comes from its own address, so only the name can lock."""
    _with_password("kalle", "rätt-lösenord-123")
    url = reverse(view_name)
    for n, spelling in enumerate(SPELLINGS_OF_KALLE):
        response = _login(Client(REMOTE_ADDR=f"10.1.0.{n}"), spelling, "fel", url)
        assert response.status_code == 200, spelling  # the form's error, not yet refused
    for m, login_view in enumerate(sorted(LOGIN_VIEWS)):
        for n, spelling in enumerate(["kalle", *SPELLINGS_OF_KALLE]):
            client = Client(REMOTE_ADDR=f"10.2.{m}.{n}")
            response = _login(client, spelling, "rätt-lösenord-123", reverse(login_view))
            assert response.status_code == 429, (login_view, spelling)
            assert_refused(response, 900)
            assert not _is_logged_in(client)


@pytest.mark.django_db
def test_full_width_spelling_still_logs_in_where_the_form_normalises():
    """The other side of the shared count: below the limit, the spelling that Django's form
    turns into the account's name logs in, so it is a real way in that the limit must cover."""
    _with_password("kalle", "rätt-lösenord-123")
    client = Client(REMOTE_ADDR="10.1.1.1")
    assert _login(client, "ｋａｌｌｅ", "rätt-lösenord-123", reverse("wagtailcore_login")
                  ).status_code == 302
    assert _is_logged_in(client)


def test_normalized_username():
    assert {normalized_username(s) for s in ["kalle", "KALLE", *SPELLINGS_OF_KALLE]} == {"kalle"}
    assert normalized_username("sta\ufb00an") == "staffan"  # the "ff" ligature
    assert normalized_username("GRÖN") == normalized_username("gro\u0308n")  # ö as o + ¨
    assert normalized_username("Straße") == normalized_username("STRASSE")


def test_an_overlong_user_name_is_not_normalised():
    """No account has a name longer than the user name field, and NFKC needs quadratic time
    on a long run of combining marks: such a name is only trimmed and folded, so the check
    before the login view stays fast whatever is posted."""
    marks = "a" + "\u0301\u0300\u0316" * 100_000  # minutes of NFKC, not milliseconds
    assert normalized_username(f" {marks} ") == marks
    assert normalized_username("Ｋ" * 150) == "k" * 150  # at the field's length: normalised


@pytest.mark.django_db
def test_failed_logins_per_address_across_user_names_and_login_forms():
    _with_password("greta", "gretas-lösenord-789")
    client = Client(REMOTE_ADDR="10.0.0.2")
    for n in range(5):
        url = "/admin/login/" if n % 2 else "/konto/logga-in/"
        assert _login(client, f"gissning{n}", "fel", url).status_code == 200
    assert_refused(_login(client, "greta", "gretas-lösenord-789"), 900)
    assert not _is_logged_in(client)
    other_address = Client(REMOTE_ADDR="10.0.0.3")
    assert _login(other_address, "greta", "gretas-lösenord-789").status_code == 302


@pytest.mark.django_db
def test_a_successful_login_clears_the_count_for_its_name():
    _with_password("olle", "olles-lösenord-321")
    client = Client(REMOTE_ADDR="10.0.0.4")
    for _attempt in range(2):
        _login(client, "olle", "fel")
    assert _login(client, "olle", "olles-lösenord-321").status_code == 302
    client.logout()
    for _attempt in range(2):
        assert _login(client, "olle", "fel").status_code == 200
    assert _login(client, "olle", "olles-lösenord-321").status_code == 302


def test_client_address_trusts_only_our_own_proxies(rf):
    request = rf.get("/", REMOTE_ADDR="192.0.2.10",
                     HTTP_X_FORWARDED_FOR="203.0.113.66, 198.51.100.7")
    assert client_address(request) == "192.0.2.10"
    with override_settings(NUM_PROXIES=1):
        assert client_address(request) == "198.51.100.7"
    with override_settings(NUM_PROXIES=3):  # fewer entries than proxies: not trusted
        assert client_address(request) == "192.0.2.10"


def _browse_like_everyone_else(forum, readers: int = 30) -> None:
    """What ordinary use does to the shared cache: many people reading pages whose list items
    are cached fragments, then more cached values than the local-memory cache keeps (300)."""
    from django.core.cache import cache

    for _reader in range(readers):
        assert _logged_in(UserFactory()).get(forum.get_absolute_url()).status_code == 200
    for n in range(1000):
        cache.set(f"fragment-like:{n}", "<li>…</li>" * 20)
    cache.clear()  # and the worst case: the whole evictable cache gone


@pytest.mark.django_db
def test_browsing_by_others_does_not_unlock_a_locked_user_name():
    _with_password("karin", "karins-lösenord-654")
    attacker = Client(REMOTE_ADDR="10.0.0.7")
    for _attempt in range(3):
        _login(attacker, "karin", "fel")
    assert_refused(_login(attacker, "karin", "karins-lösenord-654"), 900)
    _browse_like_everyone_else(ForumFactory())
    assert_refused(_login(Client(REMOTE_ADDR="10.0.0.8"), "karin", "karins-lösenord-654"), 900)


@pytest.mark.django_db
def test_browsing_by_others_does_not_reset_the_post_limit():
    writer = UserFactory()
    forum = ForumFactory()
    client = _logged_in(writer)
    for n in range(2):
        assert client.post(forum.get_absolute_url(),
                           {"title": f"Tråd {n}", "body": "Hej."}).status_code == 302
    _browse_like_everyone_else(forum)
    assert_refused(client.post(forum.get_absolute_url(), {"title": "Tredje", "body": "Hej."}),
                   600)
    assert not Discussion.objects.filter(title="Tredje").exists()


@pytest.mark.django_db
def test_browsing_by_others_does_not_reset_the_report_limit(settings):
    from insidan.moderation import actions as moderation
    from insidan.moderation.models import Report
    from insidan.moderation.tests.factories import make_post

    settings.REPORTS_PER_HOUR = 2
    reporter = UserFactory()
    forum = ForumFactory()
    posts = [make_post(forum=forum, title=f"Tråd {n}") for n in range(3)]
    for post in posts[:2]:
        moderation.report_item(actor=reporter, item=post, category="other", text="Fel.")
    _browse_like_everyone_else(forum)
    with pytest.raises(moderation.RateLimited):
        moderation.report_item(actor=reporter, item=posts[2], category="other", text="Fel.")
    assert Report.objects.filter(reporter=reporter).count() == 2
