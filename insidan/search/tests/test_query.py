"""What the user typed → words and Swedish forms → a query object; snippets. No database."""

from modelsearch.query import And, Or, PlainText

from insidan.search.query import MAX_QUERY_LENGTH, MAX_TERMS, build, parse, word_forms
from insidan.search.snippets import highlight, snippet


def test_query_syntax_characters_are_only_separators():
    parsed = parse('"budget" -(2024)* AND rummen (')
    assert parsed.terms == ("budget", "2024", "and", "rummen")
    assert parse('"-*(').terms == ()
    assert not parse('"-*(').is_searchable


def test_an_empty_query_is_not_searched():
    for raw in (None, "", "   \n\t "):
        parsed = parse(raw)
        assert parsed.text == "" and not parsed.is_searchable


def test_a_query_over_the_limit_is_refused_not_truncated_silently():
    parsed = parse("a" * 1000)
    assert parsed.too_long and not parsed.is_searchable
    assert len(parsed.text) == MAX_QUERY_LENGTH
    assert parse("ord " * 40).too_long is False


def test_words_past_the_limit_are_dropped_and_counted():
    parsed = parse(" ".join(f"ord{n}" for n in range(MAX_TERMS + 3)))
    assert len(parsed.terms) == MAX_TERMS and parsed.dropped_terms == 3
    assert parse("Rum rum RUM").terms == ("rum",)


def test_swedish_base_forms():
    assert word_forms("rummen")[:2] == ("rummen", "rum")
    assert word_forms("rummets")[:2] == ("rummets", "rum")
    assert word_forms("arbetsmiljön")[:2] == ("arbetsmiljön", "arbetsmiljö")
    assert word_forms("huset")[:2] == ("huset", "hus")
    assert word_forms("skolan")[:2] == ("skolan", "skola")
    assert word_forms("datorn")[:2] == ("datorn", "dator")
    assert "glas" not in word_forms("glassen")  # only m and n are undoubled


def test_swedish_definite_forms_of_the_base():
    assert {"rummet", "rummen", "rummets"} <= set(word_forms("rum"))
    assert {"arbetsmiljön", "arbetsmiljöns"} <= set(word_forms("arbetsmiljö"))
    assert {"huset", "husen"} <= set(word_forms("hus"))
    assert "kaffet" in word_forms("kaffe")
    assert "rummet" in word_forms("rummen")  # from its base form


def test_short_words_have_no_other_forms():
    assert word_forms("it") == ("it",)
    assert word_forms("en") == ("en",)
    assert word_forms("e") == ("e",)


def test_the_query_is_and_over_words_or_over_forms():
    built = build(parse("rummen kalkyl"))
    assert isinstance(built, And)
    forms, kalkyl = built.subqueries
    assert isinstance(forms, Or)
    assert [q.query_string for q in forms.subqueries] == list(word_forms("rummen"))
    assert isinstance(kalkyl, Or) and kalkyl.subqueries[0].query_string == "kalkyl"
    assert isinstance(build(parse("it")), PlainText)


def test_snippets_escape_everything_and_mark_matches():
    text = "Före <script>alert('x')</script> står det om rummet & arbetsmiljön."
    html = snippet(text, ("rummen", "arbetsmiljö"))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<mark>rummet</mark>" in html and "<mark>arbetsmiljön</mark>" in html
    assert "&amp;" in html
    assert highlight("<b>Rum</b> 7", ("rum",)) == "&lt;b&gt;<mark>Rum</mark>&lt;/b&gt; 7"


def test_a_snippet_is_cut_around_the_first_match():
    text = " ".join(["fyllnad"] * 100 + ["fjärrvärme"] + ["slut"] * 100)
    html = snippet(text, ("fjärrvärme",))
    assert html.startswith("… ") and html.endswith(" …")
    assert "<mark>fjärrvärme</mark>" in html
    assert len(html) < 400
    assert snippet("", ("x",)) == ""
    assert snippet("kort text", ("saknas",)) == "kort text"


def test_short_words_mark_only_whole_words():
    assert highlight("it och item", ("it",)) == "<mark>it</mark> och item"
