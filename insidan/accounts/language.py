"""Which language Insidan speaks to a person: the one they chose, else Swedish.

The intranet's language is Swedish; English is a choice (the footer's "Byt språk", kept on the
person's profile). Django's LocaleMiddleware would follow the browser's Accept-Language, so an
employee with an English browser who never chose anything got English pages, and the notices
their actions sent to others were written in English too. Here the order is: the logged-in
person's choice (read with the session's user, no extra query: accounts/backends.py), the
language cookie (the login page, before anyone is known), Swedish.

`language_of(user)` answers the same for someone who is not the request's user: notifications
and e-mails are framed in the recipient's language (insidan/notify/tasks.py).
"""

from django.conf import settings
from django.http import HttpResponseRedirect
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

DEFAULT = "sv"


def _known(code) -> str | None:
    codes = {code for code, _name in settings.LANGUAGES}
    return code if code in codes else None


_UNREAD = object()


def language_of(user) -> str:
    """The language `user` chose, or Swedish. The session's user carries the answer (read with
    the user row); anyone else costs one query, or none with `with_languages`."""
    chosen = getattr(user, "_ui_language", _UNREAD)
    if chosen is _UNREAD and getattr(user, "pk", None):
        from profiles.models import Profile

        chosen = (Profile.objects.filter(user_id=user.pk)
                  .values_list("ui_language", flat=True).first())
    return _known(chosen) or DEFAULT


def with_languages(users):
    """A user queryset whose rows carry their chosen language, for language_of."""
    from django.db.models import OuterRef, Subquery

    from profiles.models import Profile

    chosen = Profile.objects.filter(user=OuterRef("pk")).values("ui_language")[:1]
    return users.annotate(_ui_language=Subquery(chosen))


class ChosenLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            language = language_of(user)
        else:
            language = _known(request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)) or DEFAULT
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))
        return response


@require_POST
def set_language(request):
    """The footer's "Byt språk": Django's view (cookie and redirect), and for a logged-in
    person the choice kept on their profile, so it holds on every device and for the
    notifications and e-mails they receive."""
    response = django_set_language(request)
    language = _known(request.POST.get("language"))
    if language and request.user.is_authenticated and isinstance(response,
                                                                 HttpResponseRedirect):
        from profiles.models import Profile

        Profile.objects.filter(user=request.user).update(ui_language=language)
    return response
