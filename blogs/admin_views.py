from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from insidan.core.permissions import is_webbredaktionen

from .actions import decide_blog_request as decide
from .models import BlogRequest


def decide_blog_request(request, pk: int):
    if not is_webbredaktionen(request.user):
        raise PermissionDenied
    blog_request = get_object_or_404(BlogRequest, pk=pk)
    if request.method == "POST":
        try:
            decide(actor=request.user, blog_request=blog_request,
                   approve=request.POST.get("decision") == "approve",
                   message=request.POST.get("message", ""))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Beslutet är sparat och den som begärt bloggen har fått "
                                        "besked."))
            return redirect("blog-requests:index")
    return render(request, "core/admin/decide_channel_request.html", {
        "channel_request": blog_request,
        "title_label": _("Begäran om blogg"),
        "watched_label": _("När kommentarerna bevakas"),
        "approve_label": _("Godkänn och lägg upp bloggen"),
    })
