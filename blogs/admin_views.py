from functools import partial

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from insidan.core.admin_lookup import require_webbredaktionen_before_lookup
from insidan.core.admin_views import decide_channel_request

from . import actions
from .models import BlogRequest


def decide_blog_request(request, pk: int):
    require_webbredaktionen_before_lookup(request.user)
    blog_request = get_object_or_404(BlogRequest, pk=pk)
    return decide_channel_request(
        request, blog_request,
        decide=partial(actions.decide_blog_request, blog_request=blog_request),
        done_url="blog-requests:index",
        done_message=_("Beslutet är sparat och den som begärt bloggen har fått "
                       "besked."),
        labels={
            "title_label": _("Begäran om blogg"),
            "watched_label": _("När kommentarerna bevakas"),
            "approve_label": _("Godkänn och lägg upp bloggen"),
        },
    )
