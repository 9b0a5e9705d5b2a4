import importlib.util
from html.parser import HTMLParser

import pytest
from django.utils.safestring import SafeString
from markdown_it import MarkdownIt

from insidan.core import text
from insidan.core.text import (
    ALLOWED_TAGS,
    ALLOWED_URL_SCHEMES,
    LINK_REL,
    plain_text_excerpt,
    render_markdown,
)


class _TagCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    collector = _TagCollector()
    collector.feed(html)
    collector.close()
    return collector.tags


def _links(html: str) -> list[dict[str, str | None]]:
    return [attrs for tag, attrs in _tags(html) if tag == "a"]


def _assert_only_allowed_markup(html: str) -> None:
    for tag, attrs in _tags(html):
        assert tag in ALLOWED_TAGS, html
        if tag != "a":
            assert attrs == {}, html
            continue
        assert set(attrs) <= {"href", "title", "rel"}, html
        assert attrs["rel"] == LINK_REL
        href = (attrs.get("href") or "").strip().lower()
        if ":" in href.split("/", 1)[0]:
            assert href.split(":", 1)[0] in ALLOWED_URL_SCHEMES, html


XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<a href="javascript:alert(1)">x</a>',
    "<iframe src=//evil.example></iframe>",
    '<p style="position:fixed;top:0">overlay</p>',
    "<style>body{display:none}</style>",
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](<javascript:alert(1)>)",
    "[x](javascript&colon;alert(1))",
    "[x](vbscript:msgbox(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "<javascript:alert(1)>",
    "![a](http://evil.example/x.png)",
    "![a](data:image/png;base64,iVBORw0KGgo=)",
    '[x](https://ok.example "x\\" onmouseover=\\"alert(1)")',
    "```html\n<script>alert(1)</script>\n```",
    "`<img src=x onerror=alert(1)>`",
    "> <b onclick=alert(1)>citat</b>",
    "| a |\n|---|\n| <img src=x onerror=alert(1)> |",
]


@pytest.fixture(params=["markdown_and_nh3", "nh3_alone"])
def pipeline(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Also run every payload with a Markdown parser that lets everything through (raw HTML,
    images, any link), to show that nh3 alone would still stop it."""
    if request.param == "nh3_alone":
        permissive = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
        permissive.validateLink = lambda url: True  # type: ignore[method-assign]
        monkeypatch.setattr(text, "_markdown", permissive)
    return request.param


@pytest.mark.parametrize("source", XSS_PAYLOADS)
def test_render_markdown_lets_no_active_markup_through(source: str, pipeline: str) -> None:
    html = render_markdown(source)

    _assert_only_allowed_markup(html)
    assert "<script" not in html
    assert "<img" not in html
    assert "<svg" not in html
    assert "<iframe" not in html
    for _, attrs in _tags(html):
        assert not (attrs.get("href") or "").lower().startswith(("javascript", "data"))


@pytest.mark.parametrize(
    "source",
    ["![a](http://evil.example/x.png)", '![a](https://evil.example/x.png "t")', "![](/x.png)"],
)
def test_markdown_images_never_become_img_tags(source: str) -> None:
    assert not [tag for tag, _ in _tags(render_markdown(source)) if tag == "img"]


def test_raw_html_is_shown_as_text() -> None:
    assert render_markdown("<b>fet</b>") == "<p>&lt;b&gt;fet&lt;/b&gt;</p>\n"


@pytest.mark.parametrize(
    ("source", "href"),
    [
        ("[Uppsala](https://www.uppsala.se)", "https://www.uppsala.se"),
        ("[Uppsala](http://www.uppsala.se)", "http://www.uppsala.se"),
        ("[Mejla](mailto:webbredaktionen@example.se)", "mailto:webbredaktionen@example.se"),
        ("[Forum](/forum/1/)", "/forum/1/"),
        ("<https://www.uppsala.se>", "https://www.uppsala.se"),
    ],
)
def test_links_keep_their_href_and_get_rel(source: str, href: str) -> None:
    [attrs] = _links(render_markdown(source))

    assert attrs == {"href": href, "rel": "nofollow noopener"}


def test_link_title_is_kept() -> None:
    [attrs] = _links(render_markdown('[x](https://example.se "Rubrik")'))

    assert attrs["title"] == "Rubrik"


@pytest.mark.parametrize(
    "source",
    ["[x](javascript:alert(1))", "[x](data:text/html,hej)", "[x](vbscript:msgbox(1))"],
)
def test_forbidden_link_that_gets_past_the_parser_loses_its_href(
    source: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(text._markdown, "validateLink", lambda url: True)

    [attrs] = _links(render_markdown(source))

    assert attrs == {"rel": "nofollow noopener"}


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("**fet** och *kursiv*", "<p><strong>fet</strong> och <em>kursiv</em></p>\n"),
        ("~~struken~~", "<p><s>struken</s></p>\n"),
        ("### Rubrik", "<h3>Rubrik</h3>\n"),
        ("> citat", "<blockquote>\n<p>citat</p>\n</blockquote>\n"),
        ("- a\n- b", "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n"),
        ("1. a", "<ol>\n<li>a</li>\n</ol>\n"),
        ("`x < 1`", "<p><code>x &lt; 1</code></p>\n"),
        ("```python\nx = 1\n```", "<pre><code>x = 1\n</code></pre>\n"),
        ("---", "<hr>\n"),
    ],
)
def test_markdown_features(source: str, expected: str) -> None:
    assert render_markdown(source) == expected


def test_tables_render_without_style_attributes() -> None:
    html = render_markdown("| a | b |\n|--:|---|\n| 1 | 2 |")

    assert [tag for tag, _ in _tags(html)] == [
        "table", "thead", "tr", "th", "th", "tbody", "tr", "td", "td",
    ]  # fmt: skip
    assert "style" not in html


@pytest.mark.skipif(
    importlib.util.find_spec("linkify_it") is not None, reason="linkify-it-py is installed"
)
def test_bare_urls_are_not_linked_without_linkify() -> None:
    assert "<a" not in render_markdown("Se https://www.uppsala.se")


@pytest.mark.parametrize("source", ["a\x00b", "\x00a\x00b\x00"])
def test_nul_bytes_are_removed(source: str) -> None:
    assert render_markdown(source) == "<p>ab</p>\n"


def test_render_markdown_returns_safe_string() -> None:
    assert isinstance(render_markdown("hej"), SafeString)


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p>Hej <strong>alla</strong></p>\n<p>på   Insidan</p>", "Hej alla på Insidan"),
        ("<p>a &amp; b &lt;c&gt;</p>", "a & b <c>"),
        ("<p>före</p><script>alert(1)</script><style>p{}</style>", "före"),
        ("", ""),
    ],
)
def test_plain_text_excerpt_strips_tags_and_unescapes(html: str, expected: str) -> None:
    assert plain_text_excerpt(html) == expected


def test_plain_text_excerpt_of_rendered_user_html_is_the_users_text() -> None:
    assert plain_text_excerpt(render_markdown("Skriv <b> & *så*")) == "Skriv <b> & så"


@pytest.mark.parametrize("length", [12, 25, 50, 200])
def test_plain_text_excerpt_cuts_on_a_word_boundary(length: int) -> None:
    words = " ".join(["rum", "forum", "blogg", "profilsida"] * 40)

    excerpt = plain_text_excerpt(f"<p>{words}</p>", length=length)

    assert excerpt.endswith("…")
    assert len(excerpt) <= length
    assert words.startswith(excerpt.removesuffix("…"))
    assert words[len(excerpt) - 1] == " "


def test_plain_text_excerpt_cuts_a_single_long_word_hard() -> None:
    assert plain_text_excerpt("<p>" + "a" * 30 + "</p>", length=10) == "a" * 9 + "…"


def test_plain_text_excerpt_keeps_text_of_exactly_the_length() -> None:
    assert plain_text_excerpt("<p>" + "a" * 10 + "</p>", length=10) == "a" * 10


def test_as_sentence_closes_a_reason_once():
    from insidan.core.text import as_sentence

    assert as_sentence("Kränkande") == "Kränkande."
    assert as_sentence("Kränkande..") == "Kränkande."
    assert as_sentence("Reklam för ”Kalles kaffe”") == "Reklam för ”Kalles kaffe”."
    assert as_sentence("Han skrev ”Ring mig.”") == "Han skrev ”Ring mig.”"
    assert as_sentence("Frågan ”Varför?”") == "Frågan ”Varför?”"
