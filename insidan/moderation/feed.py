from django.db.models import Exists, Q
from django.urls import reverse
from django.utils.translation import ngettext

from insidan.core.feed import ActionItem, GatedActions

from .models import UNDECIDED_STATES
from .selectors import _concrete_channel_models, cases_for_owner


def _roles(user) -> dict:
    """Those who can have cases on their list: owners and deputies of a channel, and
    managers (cases about a profile or status update go to the person's manager)."""
    from profiles.models import Profile

    roles = {"manages_people": Exists(Profile.objects.filter(manager_id=user.pk))}
    for model in _concrete_channel_models():
        roles[f"owns_{model._meta.label_lower}"] = Exists(
            model._default_manager.filter(Q(owner_id=user.pk) | Q(deputies__id=user.pk)))
    return roles


def _cases_on_my_channels(user) -> list[ActionItem]:
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


cases_on_my_channels = GatedActions(gate=_roles, source=_cases_on_my_channels)
