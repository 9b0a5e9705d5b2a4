from django.urls import reverse
from django.utils.translation import ngettext

from insidan.core.feed import ActionItem

from .models import UNDECIDED_STATES
from .selectors import cases_for_owner


def cases_on_my_channels(user) -> list[ActionItem]:
    """Report cases about content in the user's channels (or about people they manage)."""
    count = cases_for_owner(user).filter(state__in=UNDECIDED_STATES).count()
    if not count:
        return []
    return [ActionItem(
        text=ngettext("%(count)s anmälan om innehåll i dina kanaler väntar på beslut.",
                      "%(count)s anmälningar om innehåll i dina kanaler väntar på beslut.", count)
        % {"count": count},
        url=reverse("moderation:owner_cases"),
    )]
