"""Rate limits in the "counters" cache (Redis in production, a PostgreSQL table otherwise: never
the evictable fragment cache; see CACHES in settings/base.py), with one Swedish
answer: HTTP 429, a page that says when to try again, and nothing changed.

The limits are a table in settings (`RATE_LIMITS`): a scope lists the URL names whose POSTs it
counts and a rate "count/seconds". The middleware checks the table for every POST, so a view
needs no decorator and a new view is limited by adding its name. A place is reserved before the
view runs (an atomic increment), so parallel requests cannot slip past the limit and a refused
request never reaches the view. Only what is saved counts: the action that saves calls
`saved()`, and a request whose view saved nothing (a form refused by the personal-data guard,
a locked discussion) gives its place back when it ends. The windows are fixed: the answer can
say the exact time the window ends. Reports keep their own per-hour limit, counted from the
saved reports, in insidan/moderation/actions/reports.py.
"""

import math
import time
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.cache import caches
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Rate:
    count: int
    seconds: int

    @classmethod
    def parse(cls, value: str) -> "Rate":
        count, seconds = value.split("/")
        return cls(int(count), int(seconds))


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after: int  # seconds until the window ends


def _window(rate: Rate) -> tuple[int, int]:
    now = time.time()
    index = int(now // rate.seconds)
    return index, max(1, math.ceil((index + 1) * rate.seconds - now))


def counters():
    """The cache that keeps counters until they expire (settings.COUNTERS_CACHE)."""
    return caches[settings.COUNTERS_CACHE]


def _key(scope: str, ident: str, index: int) -> str:
    return f"ratelimit:{scope}:{ident}:{index}"


@dataclass
class Reservation:
    """A counted place in a window, held while the request's view runs."""

    key: str
    saved: bool = field(default=False)


_current: ContextVar[Reservation | None] = ContextVar("insidan_rate_reservation", default=None)


def saved() -> None:
    """Called by an action when it has saved what a rate-limited request asked for: the place
    reserved for the request stays counted. Outside such a request it does nothing."""
    reservation = _current.get()
    if reservation is not None:
        reservation.saved = True


def reserve(scope: str, ident: str, rate: Rate) -> tuple[Verdict, Reservation | None]:
    """Count one attempt and hold its place for the request; see `release`."""
    verdict = hit(scope, ident, rate)
    if not verdict.allowed:
        return verdict, None
    index, _retry = _window(rate)
    reservation = Reservation(_key(scope, ident, index))
    _current.set(reservation)
    return verdict, reservation


def release(reservation: Reservation) -> None:
    """At the end of the request: a place whose view saved nothing is given back."""
    _current.set(None)
    if reservation.saved:
        return
    try:
        counters().decr(reservation.key)
    except ValueError:  # the window has ended meanwhile: nothing to give back
        pass


def hit(scope: str, ident: str, rate: Rate) -> Verdict:
    """Count one attempt; allowed while the count in this window is within the rate."""
    index, retry_after = _window(rate)
    key = _key(scope, ident, index)
    cache = counters()
    cache.add(key, 0, timeout=rate.seconds + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=rate.seconds + 1)
        count = 1
    return Verdict(count <= rate.count, retry_after)


def peek(scope: str, ident: str, rate: Rate) -> Verdict:
    """Whether one more attempt would be allowed, without counting one."""
    index, retry_after = _window(rate)
    count = counters().get(_key(scope, ident, index), 0)
    return Verdict(count < rate.count, retry_after)


def reset(scope: str, ident: str, rate: Rate) -> None:
    """Forget the attempts counted in the current window."""
    index, _seconds = _window(rate)
    counters().delete(_key(scope, ident, index))


def client_address(request) -> str:
    """The client's address: REMOTE_ADDR, or the address our own proxies (NUM_PROXIES of them)
    put into X-Forwarded-For. Entries further left were written by the client and are not
    trusted."""
    proxies = getattr(settings, "NUM_PROXIES", 0)
    if proxies:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
                     if a.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def rate_limited_response(request, retry_after: int, message: str):
    """The 429 page: what happened, and when the person may try again."""
    until = timezone.localtime() + timedelta(seconds=retry_after)
    minutes = max(1, math.ceil(retry_after / 60))
    response = render(request, "security/rate_limited.html", {
        "message": message, "minutes": minutes, "until": until,
    }, status=429)
    response["Retry-After"] = str(retry_after)
    return response


def scope_for_view(view_name: str) -> tuple[str, Rate] | None:
    """The scope and rate that count POSTs to this URL name, if any (read per request, so
    the table can be changed in tests with override_settings)."""
    for scope, entry in getattr(settings, "RATE_LIMITS", {}).items():
        if view_name in entry["views"]:
            return scope, Rate.parse(entry["rate"])
    return None


MESSAGES = {
    "posts": lambda: _("Du har skrivit många inlägg på kort tid. Vänta en stund innan du "
                       "skriver nästa; det du skrev nu har inte sparats."),
    "comments": lambda: _("Du har skrivit många kommentarer på kort tid. Vänta en stund innan "
                          "du skriver nästa; kommentaren har inte sparats."),
    "applications": lambda: _("Du har skickat många ansökningar om medlemskap på kort tid. "
                              "Vänta en stund; ansökan har inte skickats."),
}
