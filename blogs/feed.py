from django.urls import reverse
from django.utils.translation import ngettext

from insidan.core.feed import ActionItem

from .selectors import unanswered_comments_for


def unanswered_comments(user) -> list[ActionItem]:
    """The guideline makes writers answer comments on their posts."""
    count = unanswered_comments_for(user).count()
    if not count:
        return []
    return [ActionItem(
        text=ngettext("%(count)s obesvarad kommentar på dina blogginlägg.",
                      "%(count)s obesvarade kommentarer på dina blogginlägg.", count)
        % {"count": count},
        url=reverse("blogs:unanswered"),
    )]
