"""/sok/ and /sok/autocomplete/. Every answer is `Cache-Control: private, no-store`: hits from
closed rooms must never be kept by a shared cache or the browser."""

import logging

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from . import query as search_query
from . import selectors
from .registry import get_searchable, searchables

logger = logging.getLogger(__name__)

try:  # A search server that is down or refuses a query gives a clear answer, not a 500.
    from elasticsearch import ApiError, TransportError

    BACKEND_ERRORS: tuple[type[Exception], ...] = (ApiError, TransportError)
except ImportError:  # pragma: no cover - the client is in requirements.txt
    BACKEND_ERRORS = ()


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
    status = 200
    if parsed.is_searchable:
        try:
            context["results"] = selectors.search(
                request.user, parsed, kind_key=kind_key, page=request.GET.get("sida", 1)
            )
        except BACKEND_ERRORS:
            logger.exception("The search backend failed for a query")
            context["unavailable"], status = True, 503
    return _private(render(request, "search/search.html", context, status=status))


@require_safe
def autocomplete(request):
    """Logged-in users only (LoginRequiredMiddleware); suggestions only from what the user may
    see. `{"suggestions": [{"title", "url", "kind", "context"}, …]}`"""
    parsed = search_query.parse(request.GET.get("q"))
    try:
        suggestions = selectors.autocomplete(request.user, parsed)
    except BACKEND_ERRORS:
        logger.exception("The search backend failed for an autocomplete query")
        return _private(JsonResponse({"suggestions": []}, status=503))
    return _private(JsonResponse({"suggestions": suggestions}))
