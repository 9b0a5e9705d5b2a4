"""Failed logins, limited per user name and per client address.

Every login form in the project (ours at /konto/logga-in/, Wagtail's /admin/login/, Django's
/django-admin/login/ and Wagtail's /_util/login/) authenticates through
`django.contrib.auth.authenticate`, which sends `user_login_failed` with the request: that signal
counts the failure, so no login view can be forgotten. Before a login view runs,
RateLimitMiddleware asks `login_refused` and answers 429 without checking the password, so
guessing goes no further once a limit is reached. A successful login clears its user name's
count; the address count stays (one address guessing many names is the attack it is there for).

Per user name, an attacker can keep one person out for the window; the window is short and the
person is told when to try again. User names are hashed in the key: they are text from anyone.

A user name is counted in one written form (`normalized_username`), because the login forms do
not agree on what they pass to `authenticate`: Django's AuthenticationForm (the Django admin,
/_util/login/) strips the name and applies Unicode NFKC, while ours and Wagtail's admin form only
strip it. The count sees the form's cleaned name and the check before the view sees the raw POST;
were they keyed differently, "ｋａｌｌｅ" or " KALLE " would pass the check for a locked "kalle"
and be logged in as "kalle" by a form that normalises.
"""

import hashlib
import unicodedata

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver
from django.utils.translation import gettext as _

from .ratelimit import Rate, Verdict, client_address, hit, peek, reset

# URL names of views that take a user name and password (ours, the Wagtail admin's, Django's admin
# and Wagtail's login for private pages at /_util/login/).
LOGIN_VIEWS = {"accounts:login", "wagtailadmin_login", "admin:login", "wagtailcore_login"}


def normalized_username(username: str) -> str:
    """The one form of a user name that its failures are counted under: trimmed, Unicode NFKC
    and case-folded (NFKC again after folding, since folding can undo it), so that every
    spelling a login form could turn into the same account shares one count.

    A name longer than the user name field belongs to no account. It is only trimmed and folded,
    and Django's UsernameField passes it on unnormalised too: NFKC takes quadratic time on a long
    run of combining marks, which would let one POST of a few hundred kilobytes hold a worker
    for minutes.
    """
    name = username.strip()
    field = get_user_model()._meta.get_field(get_user_model().USERNAME_FIELD)
    if len(name) > (field.max_length or 254):
        return name.casefold()
    folded = unicodedata.normalize("NFKC", name).casefold()
    return unicodedata.normalize("NFKC", folded).strip()


def _username_ident(username: str) -> str:
    digest = hashlib.sha256(normalized_username(username).encode("utf-8", "replace"))
    return "name:" + digest.hexdigest()[:32]


def _limits(username: str, address: str) -> list[tuple[str, str, Rate]]:
    return [
        ("login-name", _username_ident(username), Rate.parse(settings.LOGIN_FAILURES_PER_USERNAME)),
        ("login-address", f"addr:{address}", Rate.parse(settings.LOGIN_FAILURES_PER_ADDRESS)),
    ]


def login_refused(request) -> Verdict | None:
    """The verdict for the first limit already used up by this name or address, else None.
    The name is the raw POST value: `_username_ident` brings it to the form the count uses."""
    username = request.POST.get("username", "")
    for scope, ident, rate in _limits(username, client_address(request)):
        verdict = peek(scope, ident, rate)
        if not verdict.allowed:
            return verdict
    return None


def refused_message() -> str:
    return _("För många misslyckade inloggningar. Av säkerhetsskäl går det inte att logga in "
             "med det här användarnamnet eller från den här datorn just nu.")


@receiver(user_login_failed, dispatch_uid="insidan_security_login_failed")
def count_failure(sender, credentials, request=None, **kwargs):
    if request is None:
        return
    username = str(credentials.get("username", ""))
    for scope, ident, rate in _limits(username, client_address(request)):
        hit(scope, ident, rate)


@receiver(user_logged_in, dispatch_uid="insidan_security_logged_in")
def clear_name_failures(sender, request, user, **kwargs):
    reset("login-name", _username_ident(user.get_username()),
          Rate.parse(settings.LOGIN_FAILURES_PER_USERNAME))
