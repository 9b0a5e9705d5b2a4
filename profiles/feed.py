from django.utils.translation import gettext as _

from insidan.core.feed import FeedItem
from insidan.core.text import plain_text_excerpt

from .selectors import status_feed_for


def status_updates(user, limit: int) -> list[FeedItem]:
    """Status updates from colleagues the user follows and from their department."""
    items = []
    for update in status_feed_for(user).exclude(author=user)[:limit]:
        name = update.author.get_full_name() or update.author.get_username()
        items.append(FeedItem(
            at=update.created_at,
            title=_("Statusuppdatering från %(name)s") % {"name": name},
            text=plain_text_excerpt(update.body_html, 200),
            url=update.get_absolute_url(),
            reason=_("från en kollega du följer eller på din förvaltning"),
            actor_name=name,
        ))
    return items
