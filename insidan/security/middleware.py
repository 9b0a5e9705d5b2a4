"""The rate-limit middleware: the table in settings.RATE_LIMITS for POSTs by employees, and the
failed-login limits for the login views. See ratelimit.py and logins.py."""

from .logins import LOGIN_VIEWS, login_refused, refused_message
from .ratelimit import MESSAGES, rate_limited_response, release, reserve, scope_for_view


class RateLimitMiddleware:
    """Counts the saved POSTs named in RATE_LIMITS per employee and refuses logins past the
    failed-login limits (see logins.py)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            return self.get_response(request)
        finally:
            reservation = getattr(request, "_rate_reservation", None)
            if reservation is not None:
                release(reservation)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method != "POST":
            return None
        match = request.resolver_match
        if match and match.view_name in LOGIN_VIEWS:
            refused = login_refused(request)
            if refused is None:
                return None
            return rate_limited_response(request, refused.retry_after, refused_message())
        if not request.user.is_authenticated:
            return None
        entry = scope_for_view(match.view_name) if match else None
        if entry is None:
            return None
        scope, rate = entry
        verdict, reservation = reserve(scope, f"user:{request.user.pk}", rate)
        if verdict.allowed:
            request._rate_reservation = reservation
            return None
        message = MESSAGES.get(scope, MESSAGES["posts"])()
        return rate_limited_response(request, verdict.retry_after, message)
