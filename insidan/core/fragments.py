"""Rendered HTML of list items, kept in the cache: each item's fragment is rendered once and
reused until something it shows changes.

A page of 50 forum posts or 100 comments spends most of its time in the template engine, not
in the database. `render_cached` renders each item's fragment with its own small template and
keeps the result in the cache under a key built from everything the fragment depends on: the
template, the language, FRAGMENT_CACHE_VERSION and the key parts the caller gives (the item's
pk and the timestamps that move when it is edited or moderated, plus the few viewer flags the
fragment looks at). All the page's fragments are fetched with one `get_many` and the missing
ones written with one `set_many`.

What is never cached: which items are shown. The caller decides visibility per request, with
the model's one visibility rule, and passes only visible items; the cache holds the rendering
of an item, never a list. A fragment is rendered without the request, so no context
processor runs and anything that depends on the viewer beyond the key's flags stays outside
it. Forms in a fragment get a slot instead of the CSRF token (`{% csrf_token %}` renders the
slot), and the slot is filled with the reader's own token when the page is put together: a
cached fragment never holds anybody's token. The slot is derived from SECRET_KEY, so user
text cannot contain it. The safest key holds the shown values themselves (the
body, the author's name), so that nothing can change without changing the key; the cache's
timeout (FRAGMENT_CACHE_SECONDS) only bounds how long unused fragments take up memory.

A cache that fails (Redis down) is logged and the fragments are rendered as if nothing was
cached: the page still answers.
"""

import functools
import hashlib
import hmac
import logging
from collections.abc import Callable, Iterable, Sequence

from django.conf import settings
from django.core.cache import cache
from django.middleware.csrf import get_token
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

logger = logging.getLogger(__name__)


def _timeout() -> int:
    return getattr(settings, "FRAGMENT_CACHE_SECONDS", 600)


def _enabled() -> bool:
    return _timeout() > 0


@functools.lru_cache(maxsize=64)
def _source_digest(template_name: str) -> str:
    """The template's own source, so that a deploy that changes it never shows fragments
    rendered by the old one (templates it includes are covered by FRAGMENT_CACHE_VERSION)."""
    source = getattr(get_template(template_name).template, "source", "")
    return hashlib.blake2b(source.encode(), digest_size=8).hexdigest()


def _cache_key(template_name: str, parts: Sequence) -> str:
    version = getattr(settings, "FRAGMENT_CACHE_VERSION", 1)
    raw = "\x1f".join([template_name, _source_digest(template_name), get_language() or "",
                        str(version), *map(str, parts)])
    return "frag:" + hashlib.blake2b(raw.encode(), digest_size=20).hexdigest()


@functools.lru_cache(maxsize=1)
def _csrf_slot() -> str:
    digest = hmac.new(settings.SECRET_KEY.encode(), b"insidan.core.fragments.csrf",
                      hashlib.sha256).hexdigest()
    return f"csrfslot{digest[:24]}"


def render_cached(template_name: str, items: Iterable, *, key: Callable[[object], Sequence],
                  context: dict | None = None, item_name: str = "item",
                  request=None) -> list[SafeString]:
    """Each item's fragment, in the order given. `key(item)` gives the parts that decide the
    fragment's HTML apart from the template and the language (pk, edited/moderated times,
    viewer flags); `context` holds the values every fragment of the call shares, and must be
    covered by the key parts too when it varies between viewers. `key` may return None for an
    item that must not be cached (rendered every time). With `request`, forms in the
    fragments get the request's CSRF token."""
    items = list(items)
    if not items:
        return []
    template = get_template(template_name)
    shared = dict(context or {})
    if request is not None:
        shared["csrf_token"] = _csrf_slot()

    def render(item) -> SafeString:
        return mark_safe(template.render({**shared, item_name: item}))

    parts = [key(item) for item in items]
    keys = [None if p is None or not _enabled() else _cache_key(template_name, p)
            for p in parts]
    wanted = [k for k in keys if k is not None]
    found: dict[str, str] = {}
    if wanted:
        try:
            found = cache.get_many(wanted)
        except Exception:
            logger.exception("The fragment cache could not be read; rendering every item")
            wanted = []
    result, missing = [], {}
    for item, cache_key in zip(items, keys, strict=True):
        html = found.get(cache_key) if cache_key is not None else None
        if html is None:
            html = render(item)
            if cache_key is not None and wanted:
                missing[cache_key] = str(html)
        result.append(mark_safe(html))
    if missing:
        try:
            cache.set_many(missing, timeout=_timeout())
        except Exception:
            logger.exception("The fragment cache could not be written")
    if request is not None:
        token = get_token(request)
        result = [mark_safe(html.replace(_csrf_slot(), token)) for html in result]
    return result


def stamp(value) -> str:
    """A timestamp or None as a key part."""
    return value.isoformat() if value is not None else "-"


def person(user) -> tuple:
    """A user as a key part: everything a fragment shows of a person (the name, the link's
    username, and whether the account is still active)."""
    return (user.username, user.first_name, user.last_name, user.is_active) if user else ()
