"""The inactivity periods (insidan.core.lifecycle) where a page tells people about them."""

from django import template

from insidan.core import lifecycle

register = template.Library()


@register.simple_tag
def inactive_months(which: str) -> int:
    """``{% inactive_months "notify" as months %}`` (owners are asked) or ``"list"``
    (Webbredaktionen's watch lists)."""
    return lifecycle.list_months() if which == "list" else lifecycle.notify_months()
