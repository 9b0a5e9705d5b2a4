"""Who may do what in the channel core."""

from django.conf import settings


def is_webbredaktionen(user) -> bool:
    """Members of the central editorial group (and superusers, who run the installation).

    The answer is kept on the user object, as Django keeps `_perm_cache`: a page asks several
    times per request and request.user lives for one request. Code that changes the user's
    groups and asks again on the same object calls `forget_roles(user)` in between.
    """
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_is_webbredaktionen", None)
    if cached is None:
        cached = user.groups.filter(name=settings.WEBBREDAKTIONEN_GROUP).exists()
        user._is_webbredaktionen = cached
    return cached


def forget_roles(user) -> None:
    """Drop the cached group answer (after adding or removing the user from a group)."""
    user.__dict__.pop("_is_webbredaktionen", None)


def can_publish_terms(user) -> bool:
    return is_webbredaktionen(user)
