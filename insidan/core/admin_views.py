"""Admin views shared by the channel apps."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render

from .permissions import is_webbredaktionen


def decide_channel_request(request, channel_request, *, decide, done_url: str, done_message: str,
                           labels: dict):
    """Webbredaktionen approves or declines a request for a forum or blog with a message.
    `decide(actor=, approve=, message=)` is the app's action bound to the request; `labels`
    are the page's title_label, watched_label and approve_label."""
    if not is_webbredaktionen(request.user):
        raise PermissionDenied
    if request.method == "POST":
        try:
            decide(actor=request.user, approve=request.POST.get("decision") == "approve",
                   message=request.POST.get("message", ""))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, done_message)
            return redirect(done_url)
    return render(request, "core/admin/decide_channel_request.html",
                  {"channel_request": channel_request, **labels})
