"""Who may do what in the channel core."""

from django.conf import settings


def is_webbredaktionen(user) -> bool:
    """Members of the central editorial group (and superusers, who run the installation)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name=settings.WEBBREDAKTIONEN_GROUP).exists()


def can_publish_terms(user) -> bool:
    return is_webbredaktionen(user)
