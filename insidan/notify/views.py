from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from .selectors import notifications_for, visible


def notification_list(request):
    page = Paginator(notifications_for(request.user), 25).get_page(request.GET.get("sida"))
    return render(
        request,
        "notify/list.html",
        {"page": page, "notifications": visible(request.user, page.object_list)},
    )


@require_POST
def mark_read(request, pk: int):
    """POST only: a GET must never change state. Someone else's id answers 404."""
    notification = get_object_or_404(notifications_for(request.user), pk=pk)
    notification.mark_as_read()
    target = (notification.data or {}).get("url", "")
    if request.POST.get("open") and url_has_allowed_host_and_scheme(target, None):
        return redirect(target)
    return redirect("notify:list")


@require_POST
def mark_all_read(request):
    notifications_for(request.user).filter(unread=True).update(unread=False)
    return redirect("notify:list")
