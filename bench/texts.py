"""A handful of distinct texts, rendered once with the project's own Markdown pipeline and reused
for every row: the rows hold exactly what the actions would have stored (body and body_html)."""

from functools import cache

from insidan.core.text import render_markdown

from .plan import RARE_WORD

POST_SOURCES = [
    "Hur gör ni med **budgeten** för nästa år? Vi behöver lägga in fler utbildningsdagar.",
    "Tack för mötet i går. Protokollet finns i rummets dokument, och nästa möte är på "
    "torsdag.\n\n- ta med synpunkter\n- läs förslaget innan",
    "Vi har testat det nya schemat i två veckor. Det fungerar bra, men helgerna behöver "
    "ses över.",
    "Någon som vet vem som ansvarar för lokalbokningen i Stadshuset nu?",
    "Jag håller med. Budget och bemanning hänger ihop, och det måste synas i planen.",
    "Bra fråga! Se [riktlinjerna](https://insidan.example/regler/) för hur vi gör.",
    "Uppdatering: leverantören har bekräftat att systemet uppgraderas i mars.",
    "Kan vi samla frågorna till ledningsgruppen här, så tar jag med dem på måndag?",
]
RARE_SOURCE = f"Arbetet med {RARE_WORD} börjar i vår; trafiken leds om under sommaren."
STATUS_SOURCES = [
    "Jobbar med budgetunderlaget hela veckan.",
    "På utbildning i dag, svarar på mejl i kväll.",
    "Letar efter någon som kan GIS – hör av dig!",
    "Nu är den nya rutinen för felanmälan ute på Insidan.",
]
COMMENT_SOURCES = [
    "Tack, mycket intressant!",
    "Håller med – det här borde fler läsa.",
    "Hur gjorde ni med budgeten för det?",
    "Bra skrivet. Vi provar samma sak hos oss.",
]
BLOG_BODIES = [
    "<p>I dag vill jag berätta om hur vi arbetar med <b>budgeten</b> i förvaltningen.</p>"
    "<p>Det har varit ett intensivt år.</p>",
    "<h2>Vad händer nu?</h2><p>Vi fortsätter med digitaliseringen och bjuder in till "
    "öppet hus i maj.</p>",
    "<p>Tre saker jag lärt mig som chef:</p><ul><li>lyssna</li><li>fråga</li>"
    "<li>följ upp</li></ul>",
]
DESCRIPTION = (
    "Jag arbetar med **verksamhetsutveckling** och digitalisering, och samordnar budget "
    "och uppföljning."
)
EXPERIENCE = "Tidigare projektledare i regionen, fem år som handläggare."


@cache
def rendered(source: str) -> str:
    return str(render_markdown(source))


def post_text(index: int, rare: bool) -> tuple[str, str]:
    source = RARE_SOURCE if rare else POST_SOURCES[index % len(POST_SOURCES)]
    return source, rendered(source)


def status_text(index: int) -> tuple[str, str]:
    source = STATUS_SOURCES[index % len(STATUS_SOURCES)]
    return source, rendered(source)


def comment_text(index: int) -> tuple[str, str]:
    source = COMMENT_SOURCES[index % len(COMMENT_SOURCES)]
    return source, rendered(source)
