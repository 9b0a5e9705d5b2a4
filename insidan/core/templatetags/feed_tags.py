"""The start page's feed items through the fragment cache (insidan.core.fragments)."""

from django import template
from django.utils.safestring import mark_safe
from django.utils.timezone import get_current_timezone_name

from insidan.core.fragments import render_cached, stamp

register = template.Library()


def _key(item) -> tuple | None:
    """Everything core/_feed_item.html shows: the item (its pk, its edited and moderated
    times and the HTML its excerpt is made from), its title, URL, reason, writer, the
    writers' faces (their photos' ids) and time.
    An item without a key (a source that gives none) is rendered every time."""
    if not item.key:
        return None
    return (*map(str, item.key), item.text, item.html, item.title, str(item.url),
            item.reason, item.actor_name, stamp(item.at), get_current_timezone_name(),
            *(face.key for face in item.faces))


@register.simple_tag
def feed_items(items):
    return mark_safe("".join(render_cached("core/_feed_item.html", items, key=_key)))
