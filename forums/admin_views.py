from functools import partial

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from insidan.core.admin_lookup import require_webbredaktionen_before_lookup
from insidan.core.admin_views import decide_channel_request

from . import actions
from .models import ForumRequest


def decide_forum_request(request, pk: int):
    require_webbredaktionen_before_lookup(request.user)
    forum_request = get_object_or_404(ForumRequest, pk=pk)
    return decide_channel_request(
        request, forum_request,
        decide=partial(actions.decide_forum_request, forum_request=forum_request),
        done_url="forum-requests:index",
        done_message=_("Beslutet är sparat och den som begärt forumet har fått "
                       "besked."),
        labels={
            "title_label": _("Begäran om forum"),
            "watched_label": _("När forumet bevakas"),
            "approve_label": _("Godkänn och lägg upp forumet"),
        },
    )
