from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.timezone import get_current_timezone_name
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from insidan.core.fragments import render_cached, stamp

from . import actions
from .events import Event
from .forms import PreferencesForm
from .selectors import LIST_FIELDS, grouped, notifications_for, same_group, visible
from .tasks import delivery_for


def notification_list(request):
    notifications = notifications_for(request.user).select_related(None).only(*LIST_FIELDS)
    page = Paginator(notifications, 50).get_page(request.GET.get("sida"))
    groups = grouped(visible(request.user, page.object_list))
    group_html = render_cached("notify/_group.html", groups, key=_group_key,
                               item_name="group", request=request)
    return render(request, "notify/list.html",
                  {"page": page, "groups": groups, "group_html": group_html})


def _group_key(group) -> tuple:
    """Everything notify/_group.html shows: the latest notification's pk, text and time, the
    group's size and whether any is unread (the language is part of every fragment key)."""
    latest = group.latest
    return (latest.pk, latest.description, stamp(latest.timestamp), group.count, group.unread,
            get_current_timezone_name())


@require_POST
def mark_read(request, pk: int):
    """POST only: a GET must never change state. Someone else's id answers 404."""
    notification = get_object_or_404(notifications_for(request.user), pk=pk)
    url = (notification.data or {}).get("url", "")
    same = same_group(notifications_for(request.user), notification)
    actions.mark_read(actor=request.user, notifications=same)
    if request.POST.get("open") and url_has_allowed_host_and_scheme(url, None):
        return redirect(url)
    return redirect("notify:list")


@require_POST
def mark_all_read(request):
    actions.mark_read(actor=request.user, notifications=notifications_for(request.user))
    return redirect("notify:list")


def preferences(request):
    user_ids = [request.user.pk]
    current = {event.value: delivery_for(user_ids, event.value)[request.user.pk]
               for event in Event}
    form = PreferencesForm(request.POST or None, current=current)
    if request.method == "POST" and form.is_valid():
        actions.set_preferences(actor=request.user, choices=form.cleaned_data)
        messages.success(request, _("Dina val är sparade."))
        return redirect("notify:preferences")
    return render(request, "notify/preferences.html", {"form": form})
