"""Swedish stemming: PostgreSQL's `swedish` text search configuration plus the inflected forms
from query.word_forms, on the default engine (PostgreSQL, embedded or external)."""

import pytest

from forums import actions
from forums.tests.factories import ForumFactory

from .conftest import titles

pytestmark = [
    pytest.mark.django_db,
]


@pytest.fixture
def texts(world):
    forum = ForumFactory(name="Lokaler", slug="lokaler")
    for title, body in [
        ("Bokningar", "Vilket rum är ledigt på fredag?"),
        ("Städning", "Rummet städas på måndag och arbetsmiljön ses över."),
        ("Skyddsronden", "Vi går igenom arbetsmiljö och ergonomi."),
        ("Kontoret", "Huset får nya fönster i vår."),
        ("Kaffe", "Kaffet i fikarummet är slut."),
    ]:
        actions.start_discussion(actor=world.anna, forum=forum, title=title, body=body)
    return world


@pytest.mark.parametrize("query, title", [
    ("rummen", "Bokningar"),        # rum
    ("rummet", "Bokningar"),
    ("arbetsmiljön", "Skyddsronden"),  # arbetsmiljö
    ("arbetsmiljöns", "Skyddsronden"),
    ("hus", "Kontoret"),            # huset
    ("husen", "Kontoret"),
    ("fikarum", "Kaffe"),           # fikarummet
    ("kaffe", "Kaffe"),             # kaffet
    ("fönster", "Kontoret"),        # the stemmer's own work
])
def test_an_inflected_word_finds_its_other_forms(texts, find, query, title):
    results = find(texts.anna, query, kind_key="inlagg")
    assert title in titles(results), (query, titles(results))


@pytest.mark.parametrize("query", ["rum", "rummen", "arbetsmiljö"])
def test_a_base_form_finds_the_definite_form(texts, find, query):
    assert "Städning" in titles(find(texts.anna, query, kind_key="inlagg"))


def test_stemming_does_not_find_unrelated_words(texts, find):
    assert find(texts.anna, "rumba").total == 0
    assert find(texts.anna, "arbete", kind_key="inlagg").total == 0  # not "arbetsmiljö"


@pytest.fixture
def family_texts(world):
    forum = ForumFactory(name="Ekonomi och kommunikation", slug="ekonomi-kommunikation")
    for title, body in [
        ("Om budget", "Vi behöver en budget för resan."),
        ("Budgeten", "Budgeten för nästa år är klar."),
        ("Flera budgetar", "Alla budgetar lämnas in i maj."),
        ("Ett rum", "Boka ett rum i god tid."),
        ("Rummet", "Rummet har en projektor."),
        ("En blogg", "Starta en blogg för projektet."),
        ("Bloggen", "Bloggen uppdateras varje vecka."),
    ]:
        actions.start_discussion(actor=world.anna, forum=forum, title=title, body=body)
    return world


FAMILIES = {
    "budget": ["Om budget", "Budgeten", "Flera budgetar"],
    "rum": ["Ett rum", "Rummet"],
    "blogg": ["En blogg", "Bloggen"],
}


@pytest.mark.parametrize("query, family", [
    ("budget", "budget"), ("budgeten", "budget"), ("budgetar", "budget"),
    ("rum", "rum"), ("rummet", "rum"),
    ("blogg", "blogg"), ("bloggen", "blogg"),
])
def test_every_form_of_a_word_finds_every_other_form(family_texts, find, query, family):
    """The search page says "i alla böjningsformer": budget, budgeten and budgetar find each
    other, as do rum/rummet and blogg/bloggen."""
    found = titles(find(family_texts.anna, query, kind_key="inlagg"))
    assert set(FAMILIES[family]) <= set(found), (query, found)
