"""Security headers on every response: the Content-Security-Policy (django-csp), frame denial
that agrees with X-Frame-Options, and `Cache-Control: private, no-store`.

The policy comes from settings: `CONTENT_SECURITY_POLICY` for the site and
`ADMIN_CONTENT_SECURITY_POLICY` for the Wagtail admin under /admin/, which needs inline styles
and `data:`/`blob:` images but, like the site, runs only scripts from our own origin or with
this response's nonce. Neither policy has 'unsafe-inline' or 'unsafe-eval' for scripts.

Every page here is behind a login and may show a closed room's content, someone's
notifications or a report case, so nothing may be kept by a shared cache or written to disk by
the browser: a response without its own Cache-Control gets `private, no-store`, and one with its
own (a profile photo's `private, max-age=…`) is made private if it was not. Static files are
served before this middleware runs (WhiteNoise) and keep their long cache lifetimes.
"""

from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings
from django.utils.cache import patch_cache_control

ADMIN_PREFIX = "/admin/"


def _is_admin(request) -> bool:
    return request.path_info.startswith(ADMIN_PREFIX)


class SecurityHeadersMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if report_only:
            return parts
        if parts.config is None and _is_admin(request):
            parts.config = default_config(settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"])
        if response.get("X-Frame-Options", "").upper() == "SAMEORIGIN":
            # Wagtail's preview panel frames its own preview view (which sets SAMEORIGIN);
            # every other response keeps frame-ancestors 'none' and X-Frame-Options DENY.
            parts.update = {**(parts.update or {}), "frame-ancestors": None}
            parts.replace = {**(parts.replace or {}), "frame-ancestors": ["'self'"]}
        return parts

    def process_response(self, request, response):
        response = super().process_response(request, response)
        cache_control = response.get("Cache-Control", "")
        if not cache_control:
            patch_cache_control(response, private=True, no_store=True)
        elif "private" not in cache_control and "no-store" not in cache_control:
            patch_cache_control(response, private=True)
        if _is_admin(request) and "no-store" not in response["Cache-Control"]:
            patch_cache_control(response, no_store=True)
        return response
