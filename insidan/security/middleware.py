"""The rate-limit middleware: the table in settings.RATE_LIMITS for POSTs by employees, and the
failed-login limits for the login views. See ratelimit.py and logins.py."""

from .logins import LOGIN_VIEWS, login_refused, refused_message
from .ratelimit import MESSAGES, hit, rate_limited_response, scope_for_view


class RateLimitMiddleware:
    """Counts the POSTs named in RATE_LIMITS per employee and refuses logins past the
    failed-login limits (see logins.py)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

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
        verdict = hit(scope, f"user:{request.user.pk}", rate)
        if verdict.allowed:
            return None
        message = MESSAGES.get(scope, MESSAGES["posts"])()
        return rate_limited_response(request, verdict.retry_after, message)
