"""Template tags for the registration badge and link on content pages.

    {% include "archive/includes/registered_badge.html" with item=post %}
    {% include "archive/includes/register_link.html" with item=post %}

On a list, pass `archive_registrations` (selectors.registrations_by_item(items)) in the
context so the badges cost one query for the whole page instead of one per item.
"""

from django import template
from django.urls import NoReverseMatch, reverse

from ..permissions import can_read_archive, can_register, can_view_registration
from ..selectors import registration_for

register = template.Library()


def _viewer(context):
    request = context.get("request")
    return getattr(request, "user", None) or context.get("user")


def _is_reader(context, user) -> bool:
    cache = context.render_context.setdefault("archive_readers", {})
    if user.pk not in cache:
        cache[user.pk] = can_read_archive(user)
    return cache[user.pk]


def _registration(context, item):
    mapping = context.get("archive_registrations")
    if mapping is not None:
        return mapping.get((item._meta.label_lower, str(item.pk)))
    return registration_for(item)


@register.simple_tag(takes_context=True)
def item_registration(context, item):
    """The item's registration if the viewer may see it (the archive's readers, the channel's
    owners and deputies), else None."""
    user = _viewer(context)
    if item is None or user is None or not user.is_authenticated:
        return None
    registration = _registration(context, item)
    if registration is None:
        return None
    if _is_reader(context, user) or can_view_registration(user, registration, item):
        return registration
    return None


@register.simple_tag(takes_context=True)
def registration_url(context, item) -> str:
    """The "Registrera" page for an item not yet registered, if the viewer may register it."""
    user = _viewer(context)
    if item is None or user is None or not user.is_authenticated:
        return ""
    if _registration(context, item) is not None:
        return ""
    # A list whose view has checked that the viewer may register every item on it (the room's
    # managers on its document list) saves the check per row.
    if not (context.get("may_register_listed_items") or can_register(user, item)):
        return ""
    try:
        return reverse("archive:register", args=[item._meta.label_lower, item.pk])
    except NoReverseMatch:  # the archive's URLs are not included in this project
        return ""
