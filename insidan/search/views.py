"""/sok/ and /sok/autocomplete/. Every answer is `Cache-Control: private, no-store`: hits from
closed rooms must never be kept by a shared cache or the browser."""

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from . import query as search_query
from . import selectors
from .registry import get_searchable, searchables


def unavailable_message() -> str:
    return _("Sökningen är inte tillgänglig just nu. Försök igen om en stund.")


def _private(response):
    patch_cache_control(response, private=True, no_store=True)
    return response


def _notices(parsed: search_query.ParsedQuery, kind_key: str) -> list[str]:
    notices = []
    if parsed.too_long:
        notices.append(_("Sökfrågan är för lång. Skriv högst %(max)s tecken.")
                       % {"max": search_query.MAX_QUERY_LENGTH})
    elif parsed.text and not parsed.terms:
        notices.append(_("Sökfrågan innehåller inga ord att söka på. Skriv ett eller flera ord "
                         "med bokstäver eller siffror."))
    if parsed.dropped_terms:
        notices.append(_("Bara de första %(max)s orden används i sökningen.")
                       % {"max": search_query.MAX_TERMS})
    if kind_key and get_searchable(kind_key) is None:
        notices.append(_("Det finns ingen sådan typ av innehåll. Sökningen gäller allt."))
    return notices


@require_safe
def search_page(request):
    parsed = search_query.parse(request.GET.get("q"))
    kind_key = request.GET.get("typ", "").strip()[:40]
    kinds = searchables()
    context = {
        "query": parsed.text, "kind_key": kind_key, "kinds": kinds,
        "kind_labels": [str(kind.label).lower() for kind in kinds],
        "notices": _notices(parsed, kind_key), "results": None, "unavailable": False,
    }
    if parsed.is_searchable:
        try:
            context["results"] = selectors.search(
                request.user, parsed, kind_key=kind_key, page=request.GET.get("sida", 1)
            )
        except selectors.SearchUnavailable:
            # Logged by the selector. The page answers normally, with the message instead of
            # hits: the rest of the site keeps working while the search backend is down.
            context["unavailable"] = True
    return _private(render(request, "search/search.html", context))


@require_safe
def autocomplete(request):
    """Logged-in users only (LoginRequiredMiddleware); suggestions only from what the user may
    see. `{"suggestions": [{"title", "url", "kind", "context"}, …]}`, and `"message"` when
    the search backend is down."""
    parsed = search_query.parse(request.GET.get("q"))
    try:
        suggestions = selectors.autocomplete(request.user, parsed)
    except selectors.SearchUnavailable:
        return _private(JsonResponse({"suggestions": [], "message": unavailable_message()}))
    return _private(JsonResponse({"suggestions": suggestions}))
