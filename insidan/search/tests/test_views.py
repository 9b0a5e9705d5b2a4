"""/sok/ and /sok/autocomplete/: bad input gets a clear answer, never a 500 and never someone
else's content; a fixed number of queries whatever the amount of content."""


import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from blogs.tests.factories import make_blog, make_post
from forums import actions
from forums.tests.factories import ForumFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def anna_client(client, world):
    client.force_login(world.anna)
    return client


def page(client, **params):
    response = client.get("/sok/", params)
    assert response.status_code == 200, response.status_code
    return response, response.content.decode()


def test_the_menu_links_to_search(anna_client):
    assert reverse("search") == "/sok/"
    _response, html = page(anna_client)
    assert '<a href="/sok/" aria-current="page">Sök</a>' in html


def test_search_needs_a_login(client, world):
    response = client.get("/sok/", {"q": "dator"})
    assert response.status_code == 302 and "/konto/logga-in/" in response["Location"]
    response = client.get("/sok/autocomplete/", {"q": "ny"})
    assert response.status_code == 302 and b"dator" not in response.content


def test_hits_are_shown_with_context_and_marked_snippet(anna_client, world):
    response, html = page(anna_client, q="e-tjänsten")
    assert "1 träff för ”e-tjänsten”" in html
    assert f'href="/forum/it-fragor/{world.open_discussion.pk}/#inlagg-{world.open_reply.pk}"' \
        in html
    assert "Inlägg av Erik Bergström i forumet IT-frågor" in html
    assert "<mark>tjänsten</mark>" in html
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_an_empty_query_asks_for_words(anna_client):
    _response, html = page(anna_client, q="   ")
    assert "Du hittar bara det du själv har rätt att läsa." in html
    assert "träff" not in html


def test_a_1000_character_query_is_refused_clearly(anna_client):
    _response, html = page(anna_client, q="a" * 1000)
    assert "Sökfrågan är för lång. Skriv högst 200 tecken." in html
    assert "träffar för" not in html


@pytest.mark.parametrize("raw", ['"dator', "dator -", "dator*", "(dator", '"dator"', "-dator"])
def test_query_syntax_characters_are_harmless(anna_client, raw):
    _response, html = page(anna_client, q=raw)
    # the two posts about "dator", and the forum about "datorer" (Swedish stemming)
    assert "3 träffar för" in html
    assert "Ny <mark>dator</mark> till praktikanten" in html


def test_control_characters_are_harmless(anna_client):
    _response, html = page(anna_client, q="dator\x00", typ="inlagg\x00", sida="2\x00")
    assert "Ny <mark>dator</mark> till praktikanten" in html


def test_operators_are_words_like_any_other(anna_client):
    _response, html = page(anna_client, q='dator") OR (1=1')
    assert "0 träffar för ”dator&quot;) OR (1=1”" in html


def test_a_query_of_only_syntax_characters_says_so(anna_client):
    _response, html = page(anna_client, q='"-*( )')
    assert "Sökfrågan innehåller inga ord att söka på." in html


def test_a_page_past_the_end_and_a_bad_page_number(anna_client):
    _response, html = page(anna_client, q="dator", sida="999")
    assert "Sidan du bad om finns inte." in html and "Ny <mark>dator</mark>" in html
    _response, html = page(anna_client, q="dator", sida="<b>")
    assert "Ny <mark>dator</mark>" in html and "Sidan du bad om" not in html


def test_an_unknown_type_searches_everything_and_says_so(anna_client):
    _response, html = page(anna_client, q="dator", typ="<script>")
    assert "Det finns ingen sådan typ av innehåll." in html
    assert "<script>" not in html.split("<main", 1)[1]
    _response, html = page(anna_client, q="dator", typ="inlagg")
    assert '<option value="inlagg" selected>' in html
    assert "Diskussion i forumet" not in html


def test_user_text_is_escaped_in_hits(anna_client, world):
    actions.reply(actor=world.erik, discussion=world.open_discussion,
                  body='Läs <img src=x onerror=alert(1)> om stöldskydd <script>alert(1)</script>')
    _response, html = page(anna_client, q="stöldskydd")
    main = html.split("<main", 1)[1]
    assert "<script>alert" not in main and "<img" not in main
    assert "<mark>stöldskydd</mark>" in main


def test_closed_room_content_is_not_shown_to_an_outsider(client, world):
    client.force_login(world.outsider)
    _response, html = page(client, q="fjärrvärme")
    assert "0 träffar för ”fjärrvärme”" in html and "Kvarngärdet" not in html


def test_autocomplete_suggests_only_what_the_user_may_see(client, world):
    client.force_login(world.anna)
    response = client.get("/sok/autocomplete/", {"q": "fjärr"})
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    assert "no-store" in response["Cache-Control"]
    suggestions = response.json()["suggestions"]
    assert {"title": "Fjärrvärme i kvarteret", "kind": "Diskussioner",
            "url": world.secret_discussion.get_absolute_url(),
            "context": "Diskussion i samarbetsrummet Projekt Kvarngärdet"} in suggestions
    client.force_login(world.outsider)
    assert client.get("/sok/autocomplete/", {"q": "fjärr"}).json() == {"suggestions": []}
    assert client.get("/sok/autocomplete/", {"q": "f"}).json() == {"suggestions": []}
    assert client.get("/sok/autocomplete/", {"q": "x" * 1000}).json() == {"suggestions": []}


def _add_content(world, size: int) -> None:
    """`size` matching items of every kind that has text: discussions with two matching posts
    each, posts in the closed room, blog posts, comments and status updates."""
    from insidan.comments.actions import post_comment
    from profiles.actions import post_status_update

    forum = ForumFactory()
    for number in range(size):
        discussion = actions.start_discussion(actor=world.anna, forum=forum,
                                              title=f"Budgetfråga {number}", body="budgetfråga")
        actions.reply(actor=world.erik, discussion=discussion, body="Svar om budgetfråga.")
        actions.reply(actor=world.erik, discussion=world.secret_discussion,
                      body=f"budgetfråga i rummet {number}")
        post_status_update(actor=world.erik, body=f"Jobbar med budgetfråga {number}.")
    blog = make_blog(world.erik, name=f"Ekonomibloggen {size}")
    for number in range(size):
        post = make_post(blog, title=f"Om budgetfråga {number}", body="<p>budgetfråga</p>")
        post_comment(actor=world.anna, target=post, text="En följdfråga om budgetfråga.")


def _queries(client, **params) -> int:
    client.get("/sok/", params)  # warm caches that are filled once (site root paths…)
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/sok/", params)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("params", [{"q": "budgetfråga"}, {"q": "budgetfråga", "typ": "inlagg"},
                                    {"q": "budgetfråga", "sida": "2"}])
def test_the_number_of_queries_does_not_grow_with_the_content(anna_client, world, params):
    _add_content(world, 2)
    small = _queries(anna_client, **params)
    _add_content(world, 12)
    large = _queries(anna_client, **params)
    assert small == large, (small, large)
    assert small <= 15, small  # the benchmark's target for every view (issue 10)


def test_a_page_mixing_every_kind_is_read_in_one_query(anna_client, world):
    """Counting, ranking and reading the page each take one query, however many kinds the
    page mixes (forum posts, discussions, blog posts, comments, status updates here)."""
    _add_content(world, 2)
    response, _html = page(anna_client, q="budgetfråga")
    kinds = {hit.searchable.key for hit in response.context["results"].hits}
    assert {"inlagg", "diskussioner", "blogginlagg", "kommentarer", "status"} <= kinds
    assert _queries(anna_client, q="budgetfråga") == _queries(anna_client, q="budgetfråga",
                                                                typ="status")
